"""The command line: exit codes, formats, output files, and errors that name the file."""
from __future__ import annotations

import json
import os
import stat

import pytest

from auditor.cli import main
from tests.conftest import SEED, SEED_RULES


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_seed_passes_and_writes_the_html_report(in_root, tmp_path, capsys):
    code, out, err = run(capsys, "check", "seeds/chengdu-daily-2023-12-14.txt", "--out", str(tmp_path))
    assert code == 0, out + err
    assert "共34项核查（34项成立）" in out
    assert (tmp_path / "chengdu-daily-2023-12-14.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_slipped_total_exits_1_and_names_the_check(tmp_path, capsys):
    article = tmp_path / "slipped.txt"
    article.write_text(SEED.read_text(encoding="utf-8").replace("总人数达6674人", "总人数达6647人"), encoding="utf-8")
    code, out, _ = run(capsys, "check", str(article), "--rules", str(SEED_RULES), "--format", "text")
    assert code == 1
    assert "error [forest-chief-tiers-sum] fails: 32人 + 382人 + 1990人 + 4270人 = 6674人，原文写作6647人" in out
    assert "建议： 如果林长总数是6674人（原文为6647人），这项核查就成立" in out
    code, out, _ = run(capsys, "check", str(article), "--rules", str(SEED_RULES), "--format", "text", "--lang", "en")
    assert "error [forest-chief-tiers-sum] fails:" in out
    assert "suggestion: if 林长总数 were 6674人 (printed 6647人), the check would hold" in out
    from auditor import i18n

    i18n._chosen.set(None)


def test_fail_on_never_and_warning(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("甲组1人，合计2人。", encoding="utf-8")
    rules = tmp_path / "r.yaml"
    rules.write_text("figures: {a: '甲组{}人', b: '乙组{}人', t: '合计{}人'}\n"
                     "checks: [{id: s, expr: a + b == t}]\n", encoding="utf-8")
    assert run(capsys, "check", str(article), "--rules", str(rules), "--format", "text")[0] == 0  # unbound: warning
    assert run(capsys, "check", str(article), "--rules", str(rules), "--format", "text",
               "--fail-on", "warning")[0] == 1
    assert run(capsys, "check", str(article), "--rules", str(rules), "--format", "text",
               "--fail-on", "never")[0] == 0


def test_json_contract(in_root, capsys):
    code, out, _ = run(capsys, "check", "seeds/chengdu-daily-2023-12-14.txt", "--format", "json")
    doc = json.loads(out)
    assert code == 0 and set(doc) >= {"articles", "summary"}
    article = doc["articles"][0]
    assert set(article) >= {"source", "figures", "findings", "coverage"}
    assert set(article["figures"][0]) >= {"id", "text", "start", "end", "number", "scale", "value", "unit",
                                          "decimals", "qualifier", "kind"}
    assert set(article["findings"][0]) >= {"id", "origin", "status", "severity", "expr", "computed", "stated",
                                           "dev", "gap", "message", "suggestion", "figures"}
    assert set(article["findings"][0]["figures"][0]) >= {"id", "start", "end", "text"}


def test_extract_json(capsys):
    code, out, _ = run(capsys, "extract", str(SEED))
    doc = json.loads(out)
    by_text = {"".join(f["text"].split()): f for f in doc["figures"]}
    assert code == 0 and by_text["79.2%"]["value"] == "79.2" and by_text["6834.7亿元"]["value"] == "683470000000"
    assert by_text["028-86611442"]["kind"] == "code" and by_text["028-86611442"]["value"] is None


def test_bad_rule_file_is_exit_2_with_location(tmp_path, capsys):
    rules = tmp_path / "bad.yaml"
    rules.write_text("figures: {a: 'x{}'}\nchecks:\n  - id: x\n    expr: a.__class__ == 1\n", encoding="utf-8")
    code, _, err = run(capsys, "check", str(SEED), "--rules", str(rules))
    assert code == 2 and f"{rules}:4:11: " in err and "Attribute" in err
    code, _, err = run(capsys, "rules", "check", str(rules))
    assert code == 2 and f"{rules}:4:11" in err


def test_rules_check_ok(capsys):
    code, out, _ = run(capsys, "rules", "check", str(SEED_RULES))
    assert code == 0 and "ok (" in out


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"\x00\x01\x02binary", "binary"), (b"\xff\xfe\x00\xd8", "invalid utf-16"), (b"\x81", "cannot decode")],
)
def test_unreadable_articles_are_exit_2_naming_the_file(tmp_path, capsys, content, reason):
    article = tmp_path / "odd.txt"
    article.write_bytes(content)
    code, _, err = run(capsys, "check", str(article), "--no-rules", "--format", "text")
    assert code == 2 and str(article) in err and reason in err


def test_zero_articles_is_exit_2(tmp_path, capsys):
    code, _, err = run(capsys, "check", str(tmp_path), "--no-rules")
    assert code == 2 and "no articles" in err


def test_missing_article_is_exit_2(tmp_path, capsys):
    code, _, err = run(capsys, "check", str(tmp_path / "nope.txt"), "--no-rules")
    assert code == 2 and "nope.txt" in err


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "gb18030"])
def test_encodings_decode_to_the_same_figures(tmp_path, capsys, encoding):
    article = tmp_path / "a.txt"
    article.write_bytes("成都实现外贸进出口6834.7亿元，占79.2%。".encode(encoding))
    code, out, _ = run(capsys, "extract", str(article))
    assert code == 0 and [f["text"] for f in json.loads(out)["figures"]] == ["6834.7亿元", "79.2%"]


def test_article_is_never_modified(tmp_path, capsys):
    article = tmp_path / "ro.txt"
    article.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    os.chmod(article, stat.S_IRUSR)
    before = article.read_bytes()
    code, _, _ = run(capsys, "check", str(article), "--rules", str(SEED_RULES), "--out", str(tmp_path / "r"))
    assert code == 0 and article.read_bytes() == before


def test_output_is_byte_identical_across_runs(in_root, tmp_path, capsys):
    outputs = []
    for name in ("one", "two"):
        run(capsys, "check", "seeds/chengdu-daily-2023-12-14.txt", "--format", "json", "--format", "html",
            "--out", str(tmp_path / name))
        outputs.append([(tmp_path / name / f).read_bytes() for f in ("audit.json", "chengdu-daily-2023-12-14.html")])
    assert outputs[0] == outputs[1]
    assert not [p for p in (tmp_path / "one").iterdir() if p.name.endswith(".tmp")]
