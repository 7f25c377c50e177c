"""Hostile rule files: each is refused with exit 2 and a file:line:col message, in under a
second, and runs nothing. Payloads that would run try to create a marker file; it must
never appear. SECURITY.md says what these tests stand for."""
from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from auditor.cli import main

ARTICLE = "全市林长总人数达6674人，其中市级林长32人、县级林长382人。\n"
FIGURES = 'figures:\n  a: "林长总人数达{}人"\n  b: "市级林长{}人"\n'
MARK = "MARKER"  # replaced by the marker file's path


def expr_file(expr: str) -> str:
    """A rule file whose one check has `expr` (YAML single-quoted, so anything goes in)."""
    quoted = "'" + expr.replace("'", "''") + "'"
    return f"article: a.txt\n{FIGURES}checks:\n  - id: x\n    expr: {quoted}\n"


def figure_file(selector: str, expr: str = "a == 6674") -> str:
    return f"article: a.txt\nfigures:\n  a: {selector}\nchecks:\n  - id: x\n    expr: {expr}\n"


BOMB = "\n".join(["article: a.txt", 'l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
                 + [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 10)]
                 + [FIGURES + "checks: []"])

EXPRESSIONS = {
    "import-system": f"__import__('os').system('touch {MARK}') == a",
    "attribute": "a.__class__ == a",
    "dunder-chain": "().__class__.__bases__[0].__subclasses__() == a",
    "unknown-call": f"open('{MARK}', 'w') == a",
    "eval-call": f"eval(\"__import__('os').system('touch {MARK}')\") == a",
    "lambda": f"(lambda: __import__('os').system('touch {MARK}'))() == a",
    "list-comprehension": f"[__import__('pathlib').Path('{MARK}').touch() for _ in 'x'] == a",
    "generator-in-sum": "sum(x for x in (a, b)) == a",
    "f-string": f"f\"{{__import__('os').system('touch {MARK}')}}\" == a",
    "tower-power": "9**9**9 == a",
    "power-of-figures": "a**b == a",
    "nested-parens": "(" * 10_000 + "a" + ")" * 10_000 + " == a",
    "huge-float-literal": "1e999999 == a",
    "huge-int-literal": "1" + "0" * 500 + " == a",
    "builtin-name": "len == a",
    "walrus": "(b := 1) == a",
    "subscript": "a[0] == a",
    "conditional": "a if b else b == a",
    "chained-comparison": "b < a < 7000",
    "string-literal": "'x' * 10 == a",
    "keyword-argument": "max(a, key=b) == a",
    "statement": "a == a; import os",
    "boolean-literal": "True == a",
    "no-comparison": "a + b",
    "constants-only": "2 < 2",
}

FILES = {
    "python-tag": f"article: a.txt\n{FIGURES}checks: !!python/object/apply:os.system ['touch {MARK}']\n",
    "python-name-tag": f"article: a.txt\n{FIGURES}checks:\n  - id: x\n    expr: !!python/name:os.system\n",
    "alias-bomb": BOMB,
    "megabyte-expression": expr_file("a + " * 260_000 + "a == a"),
    "long-expression": expr_file("a + " * 1_000 + "a == a"),
    "shadowing-function": 'article: a.txt\nfigures:\n  sum: "林长总人数达{}人"\nchecks:\n  - id: x\n    expr: sum == 1\n',
    "dunder-figure": 'article: a.txt\nfigures:\n  __builtins__: "林长总人数达{}人"\nchecks: []\n',
    "keyword-figure": 'article: a.txt\nfigures:\n  lambda: "林长总人数达{}人"\nchecks: []\n',
    "catastrophic-pattern": figure_file('{pattern: "(.*?,){40}#"}'),
    "nested-quantifier-pattern": figure_file('{pattern: "(\\\\w|\\\\w\\\\w)+\\\\d{9}"}'),
    "invalid-pattern": figure_file('{pattern: "(unclosed"}'),
    "huge-pattern": figure_file("{pattern: '" + "a" * 5_000 + "'}"),
    "unknown-selector-key": figure_file("{template: '林长总人数达{}人', exec: 'x'}"),
    "huge-within": figure_file("{near: '达', within: 1000000000}"),
    "unknown-top-key": f"article: a.txt\n{FIGURES}checks: []\n__class__: x\n",
}

# A line the catastrophic patterns take long on: they are bounded by the timeout, not by luck.
LONG_LINE = "甲," * 3_000 + "乙" * 3_000 + "！6674人\n"


def _cases() -> list[tuple[str, str]]:
    return [(k, expr_file(v)) for k, v in EXPRESSIONS.items()] + list(FILES.items())


@pytest.mark.parametrize(("name", "content"), _cases(), ids=[k for k, _ in _cases()])
def test_hostile_rule_file_is_refused_located_and_runs_nothing(tmp_path: Path, capsys, name, content):
    marker = tmp_path / "pwned"
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE + LONG_LINE, encoding="utf-8")
    rules = tmp_path / "rules.yaml"
    rules.write_text(content.replace(MARK, str(marker)), encoding="utf-8")
    started = time.perf_counter()
    code = main(["check", str(article), "--rules", str(rules), "--no-discover", "--format", "json"])
    elapsed = time.perf_counter() - started
    err = capsys.readouterr().err
    assert code == 2, err
    assert re.search(re.escape(str(rules)) + r":\d+:\d+: \S", err), err
    assert "Traceback" not in err
    assert elapsed < 1.0, f"{name} took {elapsed:.2f} s"
    assert not marker.exists()


def test_there_are_at_least_twenty_attacks():
    assert len(_cases()) >= 20


def test_expression_errors_point_at_the_offending_part(tmp_path: Path, capsys):
    rules = tmp_path / "rules.yaml"
    rules.write_text(expr_file("a + b.__class__ == a"), encoding="utf-8")
    assert main(["rules", "check", str(rules)]) == 2
    # Line 7 holds `expr:`; the attribute access starts 5 characters into the expression.
    assert f"{rules}:7:16: checks[0] (x):" in capsys.readouterr().err


def test_pattern_timeout_is_located_at_its_selector(tmp_path: Path, capsys):
    article = tmp_path / "a.txt"
    article.write_text(LONG_LINE, encoding="utf-8")
    rules = tmp_path / "rules.yaml"
    rules.write_text(figure_file('{pattern: "(.*?,){40}#"}'), encoding="utf-8")
    assert main(["check", str(article), "--rules", str(rules), "--no-discover"]) == 2
    err = capsys.readouterr().err
    assert f"{rules}:3:6: figures.a: pattern ran longer than" in err and str(article) in err


def test_a_plain_pattern_selector_binds(tmp_path: Path, capsys):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    rules = tmp_path / "rules.yaml"
    rules.write_text(figure_file('{pattern: "林长(?:总人数)?达(\\\\d+)人"}', "a == 32 + 382 + 6260"),
                     encoding="utf-8")
    assert main(["check", str(article), "--rules", str(rules), "--no-discover", "--format", "text"]) == 0
    assert "共1项核查（1项成立）" in capsys.readouterr().out
