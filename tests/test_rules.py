"""Rule files: validation with file:line:col, safe YAML, selectors and unbound names."""
from __future__ import annotations

from pathlib import Path

import pytest

from auditor.audit import audit_article
from auditor.cli import main
from auditor.errors import RuleFileError
from auditor.model import Article
from auditor.rules import applies, load_rules
from tests.conftest import SEED_RULES

GOOD = """\
figures:
  total: "合计{}人"
  a: {near: "甲组", unit: 人}
  b: {template: "乙组{}人"}
checks:
  - id: parts-sum
    expr: a + b == total
"""


def write(tmp_path: Path, text: str, name: str = "r.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def located(tmp_path: Path, text: str) -> RuleFileError:
    with pytest.raises(RuleFileError) as info:
        load_rules(write(tmp_path, text))
    return info.value


def test_seed_rule_file_is_valid():
    rules = load_rules(SEED_RULES)
    assert len(rules.model.checks) >= 15


@pytest.mark.parametrize(
    ("text", "line", "col", "reason"),
    [
        (GOOD.replace("    expr:", "    colour: red\n    expr:"), 7, 5, "checks.0.colour: unknown key"),
        (GOOD.replace('unit: 人}', 'unit: 人, nth: 0}'), 3, 33, "nth counts from 1"),
        (GOOD.replace('"合计{}人"', '"合计人"'), 2, 10, "exactly one {}"),
        (GOOD.replace("a + b == total", "a + os.system('x') == total"), 7, 15, "may be called"),
        (GOOD.replace("a + b == total", "a + c == total"), 7, 15, "`c` is not a declared figure"),
        (GOOD.replace("parts-sum", "Parts Sum"), 6, 9, "should match pattern"),
        (GOOD + "  - id: parts-sum\n    expr: a == b\n", 8, 9, "used twice"),
        ("figures: [\n", 2, 1, "invalid YAML"),
        ("- just\n- a list\n", 1, 1, "expected a mapping"),
        ("figures: &x {a: 'x{}'}\nchecks: *x\n", 2, 9, "aliases"),
        ("figures: !!python/object/apply:os.system ['touch pwned']\nchecks: []\n", 1, 10, "constructor"),
        ("figures:\n  a: 'x{}'\n  a: 'y{}'\nchecks: []\n", 3, 3, "appears twice"),
        ("figures:\n  sum: 'x{}'\nchecks: []\n", 2, 3, "shadows the function"),
        ("figures:\n  __import__: 'x{}'\nchecks: []\n", 2, 3, "must be an identifier"),
    ],
)
def test_bad_rule_files_are_located(tmp_path, text, line, col, reason):
    error = located(tmp_path, text)
    assert (error.line, error.col) == (line, col), str(error)
    assert reason in str(error)
    assert str(error).startswith(f"{tmp_path / 'r.yaml'}:{line}:{col}: ")


def test_every_problem_is_reported(tmp_path):
    error = located(tmp_path, GOOD.replace('unit: 人}', 'unit: 人, x: 1, y: 2}'))
    assert len(error.more) == 1


def test_billion_laughs_is_refused_quickly(tmp_path):
    bomb = "a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']\n" + "".join(
        f"{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n" for p, c in zip("abcdefgh", "bcdefghi"))
    assert "aliases" in str(located(tmp_path, bomb))


def test_non_utf8_rule_file(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_bytes("figures: {a: '成都{}'}\n".encode("gb18030"))
    with pytest.raises(RuleFileError, match="UTF-8"):
        load_rules(path)


def test_selectors_ignore_whitespace_and_bind(tmp_path):
    rules = load_rules(write(tmp_path, GOOD))
    article = Article.from_text("甲组\n12人，乙\n\n组30 人，合计\n42人。")
    [finding] = audit_article(article, [rules]).findings
    assert finding.status == "holds"
    assert [r.figure.text for r in finding.figures] == ["12人", "30 人", "42人"]


def test_unbound_is_never_silent_and_never_a_pass(tmp_path):
    rules = load_rules(write(tmp_path, GOOD))
    [nothing] = audit_article(Article.from_text("甲组12人，合计12人。"), [rules]).findings
    assert nothing.status == "unbound" and "`b` matched no figure" in nothing.message
    [many] = audit_article(Article.from_text("甲组1人，乙组2人，合计3人。乙组5人。"), [rules]).findings
    assert many.status == "unbound" and "matched 2 figures" in many.message and "nth" in many.message


def test_nth_chooses_and_reports_out_of_range(tmp_path):
    text = GOOD.replace('b: {template: "乙组{}人"}', 'b: {template: "乙组{}人", nth: 2}')
    rules = load_rules(write(tmp_path, text))
    [ok] = audit_article(Article.from_text("甲组1人，乙组9人，合计6人。乙组5人。"), [rules]).findings
    assert ok.status == "holds"
    [out] = audit_article(Article.from_text("甲组1人，乙组5人，合计6人。"), [rules]).findings
    assert out.status == "unbound" and "nth: 2" in out.message


def test_rule_file_applies_by_article_path_or_glob(tmp_path):
    rules = load_rules(SEED_RULES)
    assert applies(rules, "seeds/chengdu-daily-2023-12-14.txt")
    assert not applies(rules, "seeds/other.txt")
    glob = load_rules(write(tmp_path, "applies_to: ['*/daily/*.txt']\n" + GOOD))
    assert applies(glob, "news/daily/x.txt") and not applies(glob, "news/weekly/x.txt")


def test_a_rule_file_changed_between_runs_is_read_again(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("林长总人数达6674人。\n", encoding="utf-8")
    rules = tmp_path / "r.yaml"
    for expected, code in (("6674", 0), ("6675", 1)):
        rules.write_text(f'figures:\n  a: "达{{}}人"\nchecks:\n  - id: x\n    expr: a == {expected}\n',
                         encoding="utf-8")
        assert main(["check", str(article), "--rules", str(rules), "--format", "text", "--no-discover"]) == code
    capsys.readouterr()


def test_rules_check_reports_checks_that_cannot_fail_or_cannot_hold(tmp_path, capsys):
    from auditor.cli import main

    rules = tmp_path / "vacuous.yaml"
    rules.write_text('figures:\n  a: "甲组{}人"\n  b: "乙组{}人"\nchecks:\n'
                     "  - id: cancels\n    expr: a / a == 1\n"
                     "  - id: cancels-too\n    expr: a - a + b == b\n"
                     "  - id: never\n    expr: a - a == 1\n"
                     "  - id: real\n    expr: a + b == 2 * b\n", encoding="utf-8")
    assert main(["rules", "check", str(rules)]) == 2
    err = capsys.readouterr().err
    assert f"{rules}:5:1: checks.cancels: cannot fail" in err
    assert f"{rules}:7:1: checks.cancels-too: cannot fail" in err
    assert f"{rules}:9:1: checks.never: cannot hold" in err
    assert "checks.real" not in err
