"""CI formats: SARIF validated against the official schema, JUnit counts, GitHub annotations,
baselines that survive unrelated edits, and acceptance in rule files."""
from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest

from auditor.cli import main
from tests.conftest import ROOT, SEED, SEED_RULES

SCHEMA = json.loads((ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


@pytest.fixture
def slipped(tmp_path: Path) -> Path:
    article = tmp_path / "slipped.txt"
    article.write_text(SEED.read_text(encoding="utf-8").replace("总人数达6674人", "总人数达6647人"), encoding="utf-8")
    return article


def run(*argv: str) -> int:
    return main([*argv])


def test_sarif_validates_and_relates_every_figure(tmp_path, capsys):
    # 4270 misprinted as 4370: 4370, 1990 or 382 could each be the wrong one, so no misprint
    # is diagnosed and the failing check is its own result, every figure related.
    article = tmp_path / "ambiguous.txt"
    article.write_text(SEED.read_text(encoding="utf-8").replace("级林长4270 人", "级林长4370 人"), encoding="utf-8")
    assert run("check", str(article), "--rules", str(SEED_RULES), "--format", "sarif", "--out", str(tmp_path)) == 1
    sarif = json.loads((tmp_path / "audit.sarif").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(SCHEMA).validate(sarif)
    results = {r["properties"]["checkId"]: r for r in sarif["runs"][0]["results"]}
    tiers = results["forest-chief-tiers-sum"]
    assert tiers["ruleId"] == "forest-chief-tiers-sum" and tiers["level"] == "error"
    related = [loc["physicalLocation"]["region"]["snippet"]["text"].replace("\n", "").replace(" ", "")
               for loc in tiers["relatedLocations"]]
    assert related == ["32人", "382人", "1990人", "4370人", "6674人"]
    region = tiers["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["snippet"]["text"]) == (201, "6674人")
    assert tiers["partialFingerprints"]["auditorFingerprint/v1"]


def test_one_misprint_is_one_sarif_result_with_its_checks_related(slipped, tmp_path, capsys):
    assert run("check", str(slipped), "--rules", str(SEED_RULES), "--format", "sarif", "--out", str(tmp_path)) == 1
    sarif = json.loads((tmp_path / "audit.sarif").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(SCHEMA).validate(sarif)
    [misprint] = sarif["runs"][0]["results"]
    assert misprint["ruleId"] == "auditor.misprint" and misprint["level"] == "error"
    assert misprint["message"]["text"] == "probable misprint: 6647人 should read 6674人; 2 checks agree"
    region = misprint["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["snippet"]["text"]) == (201, 29, "6647人")
    assert sorted(m["message"]["text"].split(":")[0] for m in misprint["relatedLocations"]) == [
        "forest-chief-tiers-sum", "forest-chief-total-restated"]


def test_one_misprint_is_one_github_annotation(slipped, capsys):
    assert run("check", str(slipped), "--rules", str(SEED_RULES), "--format", "github") == 1
    out = capsys.readouterr().out
    assert out.count("::error ") == 1 and "title=probable misprint::probable misprint: 6647人 should read 6674人" in out


def test_junit_counts_match_json(slipped, tmp_path, capsys):
    run("check", str(slipped), "--rules", str(SEED_RULES), "--format", "junit", "--format", "json", "--out", str(tmp_path))
    suites = ET.parse(tmp_path / "junit.xml").getroot()
    summary = json.loads((tmp_path / "audit.json").read_text(encoding="utf-8"))["summary"]
    assert int(suites.get("tests")) == summary["checks"]
    assert int(suites.get("failures")) == summary["fails"]
    assert int(suites.get("errors")) == summary["error"] + summary["unbound"]
    assert len(suites.findall(".//testcase")) == summary["checks"]


def test_github_annotations_are_chosen_on_actions(slipped, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert run("check", str(slipped), "--rules", str(SEED_RULES), "--out", str(tmp_path)) == 1
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if line.startswith("::error ")]
    assert any("forest-chief-tiers-sum" in line and f"file={slipped}" in line and ",line=201," in line
               for line in lines)
    assert all("::" in line[2:] for line in lines)


def test_two_machine_formats_on_stdout_is_a_usage_error(slipped, capsys):
    assert run("check", str(slipped), "--format", "json", "--format", "sarif") == 2


def test_baseline_survives_an_unrelated_edit(slipped, tmp_path, capsys):
    base = tmp_path / "baseline.json"
    assert run("check", str(slipped), "--rules", str(SEED_RULES), "--format", "text", "--write-baseline", str(base)) == 1
    edited = slipped.read_text(encoding="utf-8").replace("本报讯", "本报讯(更新)\n新增一段说明文字。\n", 1)
    slipped.write_text("前言一行。\n" + edited, encoding="utf-8")
    capsys.readouterr()
    assert run("check", str(slipped), "--rules", str(SEED_RULES), "--format", "json", "--baseline", str(base)) == 0
    findings = json.loads(capsys.readouterr().out)["articles"][0]["findings"]
    accepted = [f for f in findings if f["accepted"]]
    assert {f["id"] for f in accepted} >= {"forest-chief-tiers-sum"}
    assert all(f["accepted"] == "in the baseline" for f in accepted)


def test_baseline_does_not_hide_a_new_discrepancy(slipped, tmp_path, capsys):
    base = tmp_path / "baseline.json"
    run("check", str(slipped), "--rules", str(SEED_RULES), "--format", "text", "--write-baseline", str(base))
    slipped.write_text(slipped.read_text(encoding="utf-8").replace("占比达71.3%", "占比达71.9%"), encoding="utf-8")
    assert run("check", str(slipped), "--rules", str(SEED_RULES), "--format", "text", "--baseline", str(base)) == 1
    assert "credit-loan-share" in capsys.readouterr().out


def test_rule_file_accepts_with_a_reason(slipped, tmp_path, capsys):
    rules = tmp_path / "rules.yaml"
    rules.write_text(SEED_RULES.read_text(encoding="utf-8") + "accept:\n"
                     "  - {id: forest-chief-tiers-sum, reason: confirmed with the forestry bureau}\n"
                     "  - {id: forest-chief-total-restated, reason: confirmed with the forestry bureau}\n",
                     encoding="utf-8")
    code = run("check", str(slipped), "--rules", str(rules), "--no-discover", "--format", "json")
    findings = json.loads(capsys.readouterr().out)["articles"][0]["findings"]
    assert code == 0
    assert {f["id"]: f["accepted"] for f in findings if f["accepted"]} == {
        "forest-chief-tiers-sum": "confirmed with the forestry bureau",
        "forest-chief-total-restated": "confirmed with the forestry bureau"}


def test_accepting_an_unknown_check_is_located(tmp_path, capsys):
    rules = tmp_path / "rules.yaml"
    rules.write_text("figures: {a: 'x{}人'}\nchecks: [{id: c, expr: a == 1}]\naccept: [{id: nope, reason: why not}]\n",
                     encoding="utf-8")
    assert run("rules", "check", str(rules)) == 2
    assert "unknown check id" in capsys.readouterr().err
