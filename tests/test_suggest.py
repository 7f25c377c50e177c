"""`auditor suggest`: a rule file that validates and gives the discovered verdicts back."""
from __future__ import annotations

import json

import pytest

from auditor.audit import audit_article
from auditor.cli import main
from auditor.discover.suggest import suggest_rules
from auditor.extract import extract_figures
from auditor.model import Article
from auditor.rules import load_rules
from tests.conftest import SEED


def _verdicts(findings) -> dict[str, str]:
    return {f.check_id: f.status for f in findings}


@pytest.mark.parametrize("slip", [None, ("林长总人数达6674人", "林长总人数达6647人"), ("占比达71.3%", "占比达71.4%")])
def test_suggested_rules_give_the_discovered_verdicts(tmp_path, slip):
    text = SEED.read_text(encoding="utf-8")
    if slip:
        text = text.replace(*slip)
    article = Article.from_text(text, str(SEED))
    rules_file = tmp_path / "suggested.yaml"
    rules_file.write_text(suggest_rules(article, extract_figures(text)), encoding="utf-8")
    rules = load_rules(rules_file)
    discovered = [f for f in audit_article(article, [], None).findings if f.confidence == "high"]
    from_rules = audit_article(article, [rules]).findings
    assert len(from_rules) >= 12
    assert _verdicts(from_rules) == _verdicts(discovered)
    assert ("fails" in _verdicts(from_rules).values()) == bool(slip)


def test_suggest_writes_stdout_or_a_file_and_never_overwrites(tmp_path, capsys):
    assert main(["suggest", str(SEED)]) == 0
    assert capsys.readouterr().out.startswith("# Suggested by `auditor suggest`")
    target = tmp_path / "rules.yaml"
    assert main(["suggest", str(SEED), "--out", str(target)]) == 0
    assert main(["suggest", str(SEED), "--out", str(target)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["suggest", str(SEED), "--out", str(target), "--force"]) == 0
    assert main(["rules", "check", str(target)]) == 0


def test_a_suggested_rule_file_applied_with_discovery_adds_no_finding(tmp_path, capsys):
    """A rule-file check and the discovered relation over the same figures are one finding."""
    from auditor.cli import main
    from tests.conftest import SEED

    rules = tmp_path / "suggested.yaml"
    assert main(["suggest", str(SEED), "--out", str(rules)]) == 0
    main(["check", str(SEED), "--no-rules", "--format", "json", "--out", str(tmp_path / "a")])
    main(["check", str(SEED), "--rules", str(rules), "--format", "json", "--out", str(tmp_path / "b")])
    capsys.readouterr()
    count = [len(json.loads((tmp_path / d / "audit.json").read_text(encoding="utf-8"))["articles"][0]["findings"])
             for d in ("a", "b")]
    assert count[0] == count[1] > 0
