"""Bounded time and memory for hostile inputs, and rule files that are refused, not crashed
on: each hostile input is answered in under the limit below (issue #12). SECURITY.md says
what these tests stand for."""
from __future__ import annotations

import gc
import math
import os
import re
import time
from pathlib import Path
from typing import Callable

import pytest
import sympy
import yaml

from auditor.cli import main
from auditor.errors import ExprError, RuleFileError
from auditor.evaluate import symbolic
from auditor.evaluate.compile import compile_check
from auditor.evaluate.interval import Interval
from auditor.evaluate.rational import Q
from auditor.read import markup
from auditor.extract import extract_article
from auditor.read import read_article
from auditor.rules import load, pattern
from auditor.rules.model import Selector
from auditor.rules.select import Matcher, Unbound
from tests.helpers import check

LIMIT = 5.0  # seconds for any hostile input; the measured times are far below
# 25,000 selectors take about 2 s alone and three times that on a loaded machine; the bound
# is there to catch the 236 s it once took, not to time it (benchmarks/ do that).
BIG_RULE_FILE_LIMIT = 30.0


def timed(work: Callable[[], object]) -> tuple[object, float]:
    started = time.perf_counter()
    result = work()
    return result, time.perf_counter() - started


# --- 1. Markdown and HTML stripping is linear -------------------------------------------

HOSTILE_MARKUP = {
    "less-than-signs": "<" * 80_000,
    "less-than-and-space": "< " * 40_000,
    "unclosed-tags": "<a " * 30_000,
    "unclosed-attribute-quotes": '<a b="' * 20_000,
    "unclosed-comments": "<!--" * 20_000,
    "unclosed-cdata": "<![CDATA[" * 10_000,
    "declarations": "<!" * 40_000,
    "processing-instructions": "<?" * 40_000,
    "end-tags": "</" * 40_000,
    "image-openers": "![" * 40_000,
    "link-targets": "](" * 40_000,
    "images-without-end": "![a](" * 20_000,
    "ampersands": "&" * 80_000,
    "scripts-never-closed": "<script>" * 20_000,
}


@pytest.mark.parametrize("strip", [markup.markdown, markup.html], ids=["markdown", "html"])
@pytest.mark.parametrize("name", list(HOSTILE_MARKUP))
def test_markup_stripping_is_linear_on_hostile_input(strip, name):
    text = HOSTILE_MARKUP[name]
    _, small = timed(lambda: strip(text))
    (plain, offsets, _), large = timed(lambda: strip(text * 4))
    assert len(plain) == len(offsets)
    assert small < 1.0 and large < 1.0, f"{name}: {small:.2f} s, then {large:.2f} s at four times the size"


def test_html_stripping_keeps_the_span_map():
    source = '<html><head><title>x</title><script>var a = "<p>9</p>";</script></head>' \
             '<body><p class="a>b">成都实现&amp;外贸<b>6834.7</b>亿元</p><p>a &lt; 5%</p></body></html>'
    plain, offsets, _ = markup.html(source)
    assert plain == "成都实现&外贸6834.7亿元\na < 5%\n"
    for i, char in enumerate(plain):
        if char not in "&<\n":
            assert source[offsets[i]] == char
    assert source[offsets[plain.index("&")]:].startswith("&amp;")


def test_markdown_stripping_keeps_the_span_map():
    source = "# 标题\n\n成都实现**外贸**[进出口](http://x/(1))6834.7亿元 <span>a</span>\n"
    plain, offsets, _ = markup.markdown(source)
    assert "成都实现外贸进出口" in plain and "6834.7亿元" in plain
    assert all(source[o] == c for c, o in zip(plain, offsets))


# --- 2. The culprit solve is bounded, and the verdict never waits on it ------------------

def _people(*counts: int) -> str:
    return "，".join(f"第{i + 1}组有{n}人" for i, n in enumerate(counts)) + "。"


def test_culprit_solve_of_four_fractions_finishes_in_time():
    # sympy.solve ran past 600 s on this 57-character check (issue #12).
    finding, elapsed = timed(lambda: check(_people(10, 20, 30),
                                           "a/(a+b) + b/(a+c) + c/(b+c) + a*b/(c*c+a) == 1.23456"))
    assert finding.status == "fails"
    assert elapsed < LIMIT, f"{elapsed:.2f} s"


def test_culprit_solve_of_a_large_rational_shape_finishes_in_time():
    counts = list(range(11, 37))
    names = [chr(ord("a") + i) for i in range(len(counts))]
    expr = " + ".join(f"a/(a+{n})" for n in names[1:]) + " + " + " * ".join(names[:6]) + " == 3.5"
    finding, elapsed = timed(lambda: check(_people(*counts), expr))
    assert finding.status == "fails"
    assert elapsed < LIMIT, f"{elapsed:.2f} s"


def test_the_verdict_does_not_depend_on_the_culprit_solve(monkeypatch):
    text, expr = _people(32, 382, 1990, 4270, 6647), "a + b + c + d == e"
    with_sympy = check(text, expr)
    monkeypatch.setattr(symbolic, "SOLVE_SECONDS", 0.0)  # sympy gets no time at all
    monkeypatch.setattr(symbolic, "_SOLUTIONS", {})
    without = check(text, expr)
    assert with_sympy.status == without.status == "fails"
    assert with_sympy.verdict == without.verdict
    # exact bisection on the compiled closures finds the same fix
    assert without.suggestion.startswith("if e were 6674人 (printed 6647人), the check would hold")
    assert without.suggestion == with_sympy.suggestion


def test_bisection_finds_the_fix_for_a_figure_under_a_root():
    finding = check("从100亿元增至200亿元，年均增长25%", "(b / a) ** (1 / 5) - 1 == c")
    assert finding.status == "fails"
    assert "a were 66亿元" in finding.suggestion and "b were 305亿元" in finding.suggestion


def test_bisection_finds_fixes_under_abs_min_and_max():
    fixes = check("甲有4人，乙有9人", "abs(a - b) == 7").suggestion
    assert "a were 2人" in fixes and "b were 11人" in fixes and "a were 16人" in fixes
    assert "b were 7人" in check("甲有4人，乙有9人", "max(a, b) == 7").suggestion


def _a_slow_solve_is_interrupted_in_time() -> None:
    x = sympy.Symbol("x")
    started = time.perf_counter()
    with pytest.raises(symbolic._Deadline):
        with symbolic.deadline(0.2):
            sympy.solve(sum((x + i) / (x ** 3 + i * x + 1) for i in range(1, 9)) - sympy.Rational(1, 3), x)
    assert time.perf_counter() - started < 2.0


def test_a_deadline_interrupts_sympy():
    _a_slow_solve_is_interrupted_in_time()


def test_a_deadline_is_not_lost_in_a_garbage_collector_callback():
    # hypothesis runs Python code in a gc callback; raised there, the deadline was swallowed,
    # tracing stopped and sympy ran on for minutes (a CI run took 431 s)
    def callback(phase: str, info: dict) -> None:
        sum(range(3))

    threshold = gc.get_threshold()
    gc.callbacks.append(callback)
    gc.set_threshold(1)
    try:
        _a_slow_solve_is_interrupted_in_time()
    finally:
        gc.callbacks.remove(callback)
        gc.set_threshold(*threshold)


# --- 3. Expression magnitude is bounded when a rule file is compiled ---------------------

ARTICLE = "全市林长总人数达6674人，其中市级林长32人、县级林长382人。\n"
FIGURES = 'figures:\n  a: "林长总人数达{}人"\n  b: "市级林长{}人"\n'


def expr_file(expr: str) -> str:
    quoted = "'" + expr.replace("'", "''") + "'"
    return f"article: a.txt\n{FIGURES}checks:\n  - id: x\n    expr: {quoted}\n"


def refused(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | bytes,
            expected: str = "") -> str:
    """Run the CLI on `content` as a rule file: exit 2, a file:line:col message, in time."""
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    rules = tmp_path / "rules.yaml"
    if isinstance(content, str):
        content = content.encode("utf-8", "surrogatepass")
    rules.write_bytes(content)
    code, elapsed = timed(lambda: main(["check", str(article), "--rules", str(rules), "--no-discover",
                                        "--format", "json"]))
    err = capsys.readouterr().err
    assert code == 2, err
    assert re.search(re.escape(str(rules)) + r":\d+:\d+: \S", err), err
    assert "Traceback" not in err and "internal error" not in err, err
    assert expected in err, err
    assert elapsed < LIMIT, f"{elapsed:.2f} s"
    return err


def _tower(base: str, depth: int) -> str:
    for _ in range(depth):
        base = f"({base}**4)"
    return base


def test_an_exponent_tower_of_figures_is_refused_when_compiled(tmp_path, capsys):
    err = refused(tmp_path, capsys, expr_file("(((a**4)**4)**4)**4 == 1"), "degree 64")
    assert ":7:13: checks[0] (x)" in err  # at the innermost power that passes the limit


def test_an_exponent_tower_of_literals_is_refused_when_compiled(tmp_path, capsys):
    # (1e30**4)**4... nested ten deep ran 105 s and crashed (issue #12)
    refused(tmp_path, capsys, expr_file(_tower("1e30", 10) + " == a"), "digits")


def test_a_hexadecimal_literal_is_a_located_error(tmp_path, capsys):
    refused(tmp_path, capsys, expr_file("0xee == a"), "must be written in decimal")


def test_an_octal_literal_is_a_located_error(tmp_path, capsys):
    refused(tmp_path, capsys, expr_file("0o15016 == a"), "must be written in decimal")


def test_a_huge_literal_exponent_is_refused(tmp_path, capsys):
    refused(tmp_path, capsys, expr_file("1e99999 == a"), "too large")


def test_moderate_powers_still_compile():
    assert compile_check("(a ** 4) ** 4 + (b / a) ** (1 / 5) == 1e30 ** 4", {"a", "b"}).op == "=="
    with pytest.raises(ExprError):
        compile_check("((a ** 4) ** 4) ** 4 == 1", {"a"})


# --- 4. Rule files: size first, LibYAML, and located errors instead of crashes ------------

LOADERS = [pytest.param(getattr(yaml, "CSafeLoader", yaml.SafeLoader), id="libyaml"),
           pytest.param(yaml.SafeLoader, id="pure-python")]


@pytest.fixture(params=LOADERS)
def loader(request, monkeypatch):
    """Each screen must hold with LibYAML and without it."""
    monkeypatch.setattr(load, "_FAST", request.param)
    return request.param


def test_rule_files_are_parsed_with_libyaml_when_available():
    if yaml.__with_libyaml__:
        assert load._FAST is yaml.CSafeLoader


def test_an_oversized_rule_file_is_refused_before_parsing(tmp_path, capsys):
    big = expr_file("a == a") + "#" + "x" * load.MAX_RULE_FILE_BYTES + "\n"
    refused(tmp_path, capsys, big, f"the limit is {load.MAX_RULE_FILE_BYTES:,}")


def test_a_fifo_rule_file_is_refused_unread(tmp_path):
    fifo = tmp_path / "rules.yaml"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer for ever
    with pytest.raises(RuleFileError, match="not a regular file"):
        load.load_rules(fifo)


def test_a_rule_file_near_the_size_limit_is_answered_quickly(tmp_path, capsys):
    figures = "".join(f'  f{i}: {{near: "林长{i}", within: 30}}\n' for i in range(20_000))
    content = f"article: a.txt\nfigures:\n{figures}checks:\n  - id: x\n    expr: 'f0 == 0xee'\n"
    assert len(content.encode()) < load.MAX_RULE_FILE_BYTES
    refused(tmp_path, capsys, content, "must be written in decimal")


@pytest.mark.parametrize("depth", [100, 100_000])
def test_deep_flow_nesting_is_a_located_error(tmp_path, capsys, loader, depth):
    content = "article: a.txt\nfigures: " + "[" * depth + "]" * depth + "\nchecks: []\n"
    assert ":2:" in refused(tmp_path, capsys, content, "nest")


def test_a_complex_mapping_key_is_a_located_error(tmp_path, capsys, loader):
    content = 'article: a.txt\nfigures:\n  a: "林长总人数达{}人"\n  ? [x, y]\n  : "b{}"\nchecks: []\n'
    assert ":4:5: a key must be plain text" in refused(tmp_path, capsys, content)


def test_a_lone_surrogate_title_is_a_located_error(tmp_path, capsys, loader):
    content = 'article: a.txt\ntitle: "\\ud800"\nfigures:\n  a: "林长总人数达{}人"\nchecks: []\n'
    assert ":2:" in refused(tmp_path, capsys, content)


def test_a_5000_digit_within_is_a_located_error(tmp_path, capsys, loader):
    content = 'article: a.txt\nfigures:\n  a: {near: "达", within: ' + "9" * 5000 + "}\nchecks: []\n"
    assert ":3:26: a number of 5,000 characters" in refused(tmp_path, capsys, content)


def test_a_long_base_60_integer_is_a_located_error(tmp_path, capsys, loader):
    content = 'article: a.txt\nfigures:\n  a: {near: "达", within: ' + "1:" * 100_000 + "1}\nchecks: []\n"
    refused(tmp_path, capsys, content, "at most 40 are allowed")


def test_an_alias_is_still_refused(tmp_path, capsys, loader):
    content = "article: a.txt\nx: &x 1\ny: *x\n" + FIGURES + "checks: []\n"
    assert ":3:4: YAML aliases" in refused(tmp_path, capsys, content)


def test_figure_names_that_collide_after_nfkc_are_refused(tmp_path, capsys):
    # `ａ == a` held whatever the article said: Python reads both names as `a`.
    content = 'article: a.txt\nfigures:\n  a: "林长总人数达{}人"\n  ａ: "市级林长{}人"\nchecks:\n  - id: x\n    expr: ａ == a\n'
    assert ":4:3: figures.ａ: figure name 'ａ' reads as 'a'" in refused(tmp_path, capsys, content, "collides")


def test_a_320_digit_figure_does_not_overflow_an_interval():
    huge = Q(10) ** 320
    assert Interval(huge, math.inf).reciprocal() == Interval(Q(0), 1 / huge)
    assert Interval(Q(1), huge).midpoint() == (1 + huge) / 2
    finding = check(f"甲有{'9' * 320}人，乙有{'1' * 320}人，合计{'1' * 319 + '0'}人。", "a + b == c")
    assert finding.status == "fails"


# --- 5. Selectors: one time budget per rule file, indexed near/text lookups ---------------

SEED = Path(__file__).resolve().parent.parent / "seeds" / "chengdu-daily-2023-12-14.txt"


def test_25000_near_selectors_are_answered_in_time(tmp_path, capsys):
    # 236 s before: a lookup per name in the YAML mapping, and a scan per selector (issue #12)
    figures = "".join(f'  f{i}: {{near: "，", unit: "{i}"}}\n' for i in range(25_000))
    rules = tmp_path / "rules.yaml"
    rules.write_text(f"figures:\n{figures}checks: []\n", encoding="utf-8")
    code, elapsed = timed(lambda: main(["check", str(SEED), "--rules", str(rules), "--no-discover",
                                        "--format", "json"]))
    err = capsys.readouterr().err
    assert code in (0, 2) and "Traceback" not in err and "internal error" not in err, err
    assert elapsed < BIG_RULE_FILE_LIMIT, f"{elapsed:.2f} s"


def test_a_rule_files_patterns_share_one_time_budget(tmp_path, capsys, monkeypatch):
    # 300 patterns each just under the 0.25 s limit took 55 s (issue #12)
    def slow(source: str, text: str, seconds: float = pattern.SECONDS):
        time.sleep(min(0.2, seconds))
        return iter(())

    monkeypatch.setattr(pattern, "spans", slow)
    figures = "".join(f'  p{i}: {{pattern: "林长{i}(\\\\d+)人"}}\n' for i in range(300))
    err = refused(tmp_path, capsys, f"article: a.txt\nfigures:\n{figures}checks: []\n", "may take together")
    assert "figures.p" in err


def test_selector_budgets_are_kept_per_rule_file(tmp_path):
    article = read_article(str(SEED))
    matcher = Matcher(article, extract_article(article))
    spent, fresh = Selector(near="林长总人数达"), Selector(near="林长总人数达")
    spent.owned_by(object())
    fresh.owned_by(object())
    matcher.spent[spent.owner] = pattern.FILE_SECONDS
    with pytest.raises(pattern.PatternTimeout, match="may take together"):
        matcher.bind("a", spent)
    assert not isinstance(matcher.bind("a", fresh), Unbound)


def test_repeated_needles_are_looked_up_once():
    article = read_article(str(SEED))
    matcher = Matcher(article, extract_article(article))
    for within in range(1, 401):
        matcher.matches(Selector(near="，", within=within))
    assert list(matcher.occurrences) == ["，"]
