"""Config discovery and precedence, committed schemas, --jobs, --changed-since, front matter."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

from auditor.cli import main, schema_text
from tests.conftest import ROOT, SEED, SEED_RULES

SLIP = ("总人数达6674人", "总人数达6647人")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A newsroom repository: articles/, rules/, a nested working directory."""
    (tmp_path / "articles").mkdir()
    (tmp_path / "rules").mkdir()
    (tmp_path / "articles" / "ok.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "articles" / "slipped.txt").write_text(SEED.read_text(encoding="utf-8").replace(*SLIP),
                                                      encoding="utf-8")
    rules = SEED_RULES.read_text(encoding="utf-8").replace("article: seeds/chengdu-daily-2023-12-14.txt",
                                                         "applies_to: ['*.txt']")
    (tmp_path / "rules" / "seed.yaml").write_text(rules, encoding="utf-8")
    (tmp_path / "deep" / "er").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "deep" / "er")
    monkeypatch.delenv("AUDITOR_CONFIG", raising=False)
    return tmp_path


@pytest.mark.parametrize("which", ["rules", "config"])
def test_committed_schemas_are_fresh(which):
    committed = (ROOT / "rules" / f"{which}.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(which), f"run `auditor schema {which} > rules/{which}.schema.json`"


def test_seed_rules_validate_against_their_schema():
    schema = json.loads((ROOT / "rules" / "rules.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(yaml.safe_load(SEED_RULES.read_text(encoding="utf-8")), schema)


def test_config_found_upward_sets_rules_fail_on_and_discovery(project, capsys):
    (project / "auditor.yaml").write_text("rules: [rules]\nfail_on: never\ndiscover: false\n", encoding="utf-8")
    assert main(["check", str(project / "articles" / "slipped.txt"), "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert "forest-chief-tiers-sum" in out and "discover" not in out
    assert main(["check", str(project / "articles" / "slipped.txt"), "--format", "text", "--fail-on", "error"]) == 1


def test_pyproject_tool_table_and_per_glob_settings(project, capsys):
    (project / "pyproject.toml").write_text(
        "[tool.auditor]\nrules = []\n[tool.auditor.paths.'*slipped.txt']\nrules = ['rules/seed.yaml']\n",
        encoding="utf-8")
    assert main(["check", str(project / "articles" / "ok.txt"), "--no-discover", "--format", "text"]) == 0
    assert "共0项核查" in capsys.readouterr().out
    assert main(["check", str(project / "articles" / "slipped.txt"), "--no-discover", "--format", "text"]) == 1


def test_config_precedence_flag_over_env_over_search(project, capsys, monkeypatch):
    (project / "auditor.yaml").write_text("fail_on: never\n", encoding="utf-8")
    strict = project / "strict.yaml"
    strict.write_text("fail_on: error\n", encoding="utf-8")
    article = str(project / "articles" / "slipped.txt")
    assert main(["check", article, "--format", "text"]) == 0
    monkeypatch.setenv("AUDITOR_CONFIG", str(strict))
    assert main(["check", article, "--format", "text"]) == 1
    assert main(["check", article, "--format", "text", "--config", str(project / "auditor.yaml")]) == 0


def test_bad_config_is_located(project, capsys):
    (project / "auditor.yaml").write_text("rules: [rules]\nfial_on: never\n", encoding="utf-8")
    assert main(["check", str(project / "articles" / "ok.txt")]) == 2
    assert "auditor.yaml:2:1: fial_on: unknown key" in capsys.readouterr().err
    (project / "auditor.yaml").unlink()
    (project / "pyproject.toml").write_text("[tool.auditor]\njobs = 0\n", encoding="utf-8")
    assert main(["check", str(project / "articles" / "ok.txt")]) == 2
    assert "pyproject.toml:2:1: [tool.auditor] jobs" in capsys.readouterr().err


def test_jobs_give_byte_identical_output(project, capsys, tmp_path):
    for i in range(4):
        shutil.copy(project / "articles" / "slipped.txt", project / "articles" / f"copy{i}.txt")
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        code = main(["check", str(project / "articles"), "--jobs", jobs, "--format", "json", "--format", "sarif",
                     "--out", str(out)])
        assert code == 1
        outputs.append([(out / name).read_bytes() for name in ("audit.json", "audit.sarif")])
    assert outputs[0] == outputs[1]


def test_changed_since_checks_only_changed_articles(project, capsys):
    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=project, check=True, capture_output=True)
    git("init", "-q")
    git("-c", "user.email=a@b", "-c", "user.name=a", "add", ".")
    git("-c", "user.email=a@b", "-c", "user.name=a", "commit", "-qm", "start")
    (project / "articles" / "new.txt").write_text(SEED.read_text(encoding="utf-8").replace(*SLIP), encoding="utf-8")
    git("add", "articles/new.txt")
    assert main(["check", str(project / "articles"), "--changed-since", "HEAD", "--format", "text"]) == 1
    out = capsys.readouterr().out
    assert "new.txt" in out and "ok.txt" not in out and "slipped.txt" not in out


def test_front_matter_turns_a_check_off_and_cannot_name_rules(project, capsys):
    article = project / "articles" / "story.md"
    article.write_text("---\nauditor:\n  rules: [/dev/zero, ../rules/missing.yaml]\n  skip:\n"
                       "    - {id: forest-chief-tiers-sum, reason: 林业局确认原稿如此}\n"
                       "    - {id: forest-chief-total-restated, reason: 林业局确认原稿如此}\n---\n"
                       + SEED.read_text(encoding="utf-8").replace(*SLIP), encoding="utf-8")
    code = main(["check", str(article), "--rules", str(project / "rules" / "seed.yaml"), "--no-discover",
                 "--format", "json"])
    doc = json.loads(capsys.readouterr().out)["articles"][0]
    findings = doc["findings"]
    assert code == 0 and len(findings) == 23
    assert any("not read" in note for note in doc["notes"])
    assert {f["id"]: f["accepted"] for f in findings if f["accepted"]} == {
        "forest-chief-tiers-sum": "林业局确认原稿如此", "forest-chief-total-restated": "林业局确认原稿如此"}


def test_the_config_names_every_discovery_kind():
    from typing import get_args

    from auditor.config import Kind
    from auditor.discover import KINDS

    assert set(get_args(Kind)) == set(KINDS)
