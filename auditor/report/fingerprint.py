"""Content fingerprints for findings: stable across edits elsewhere in the article.

A fingerprint hashes the check's rule id, the figures as printed and the clause each ends,
never a line number, so a baseline survives text added above the finding (ruff#2696 shows
what line-based baselines do).
"""
from __future__ import annotations

import hashlib

from auditor.model import Finding


def rule_id(finding: Finding) -> str:
    """A stable id: the rule file's check id, or discover.<kind> for a discovered relation."""
    if finding.origin.startswith("discover:"):
        return "discover." + finding.origin.split(":", 1)[1]
    return finding.check_id


def fingerprint(finding: Finding) -> str:
    parts = [rule_id(finding), finding.check_id if not finding.origin.startswith("discover:") else ""]
    for ref in finding.figures:
        parts.append("".join(ref.figure.text.split()) + "@" + ref.figure.context)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]
