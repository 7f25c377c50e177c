"""Accepting reviewed discrepancies: a baseline file of fingerprints, or `accept:` in a rule file.

Plain text has no comment syntax for inline suppression, so acceptance lives beside the
article. Accepted findings stay in every report (shown apart, with the reason) but no
longer fail the run.
"""
from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

from auditor.errors import AuditorError
from auditor.model import ArticleResult, Finding
from auditor.output import write_atomic
from auditor.report.fingerprint import fingerprint

VERSION = 1


def write(results: list[ArticleResult], path: Path) -> int:
    """Record every finding that does not hold; returns how many were written."""
    entries = sorted(({"fingerprint": fingerprint(f), "id": f.check_id, "source": where(r.article.path)}
                      for r in results for f in r.findings if f.status != "holds"),
                     key=lambda e: (e["source"], e["id"], e["fingerprint"]))
    write_atomic(path, json.dumps({"version": VERSION, "findings": entries}, ensure_ascii=False, indent=2) + "\n")
    return len(entries)


def load(path: Path) -> set[str]:
    """The accepted findings, each keyed by its article's path and its fingerprint: the same
    finding in another article (a copied paragraph) is not accepted with it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {key(str(entry["source"]), str(entry["fingerprint"])) for entry in data["findings"]}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise AuditorError(f"{path}: not a baseline written by --write-baseline ({exc})") from None


def where(path: str) -> str:
    """An article's path as a baseline records it: relative to the working directory, with /."""
    return Path(os.path.relpath(os.path.normpath(path))).as_posix()


def key(source: str, fingerprint_: str) -> str:
    return f"{where(source)}\x1f{fingerprint_}"


def apply(result: ArticleResult, fingerprints: set[str] | frozenset[str], reasons: dict[tuple[str, str], str],
          by_id: dict[str, str] | None = None) -> ArticleResult:
    """Mark findings accepted by a rule file (by origin and id), by the article itself (by
    id, in its front matter) or by the baseline (by fingerprint)."""
    findings = tuple(_accept(f, result.article.path, fingerprints, reasons, by_id or {}) for f in result.findings)
    return replace(result, findings=findings)


def _accept(finding: Finding, source: str, fingerprints: set[str] | frozenset[str],
            reasons: dict[tuple[str, str], str], by_id: dict[str, str]) -> Finding:
    if finding.status == "holds":
        return finding
    reason = reasons.get((finding.origin, finding.check_id)) or by_id.get(finding.check_id)
    if reason is None and fingerprints and key(source, fingerprint(finding)) in fingerprints:
        reason = "in the baseline"
    return replace(finding, accepted=reason) if reason else finding
