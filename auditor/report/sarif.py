"""SARIF 2.1.0: one result per finding that does not hold, with every figure of its check
as a related location, so code-scanning tools can show the whole relation; a probable
misprint is one result at its figure, with the checks it explains as related locations."""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from auditor.model import AuditRun
from auditor.report.records import anchor_figure, to_records

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
ROOT = "%SRCROOT%"
MISPRINT = "auditor.misprint"
LEVELS = {"error": "error", "warning": "warning", "note": "note", "none": "none"}


def render(run: AuditRun) -> str:
    records = to_records(run)
    results, rules = [], {}
    for article in records["articles"]:
        explained = {check for d in article["diagnoses"] for check in d["checks"]}
        for diagnosis in article["diagnoses"]:
            rules.setdefault(MISPRINT, {"id": MISPRINT, "shortDescription": {"text": "Probable misprint"}})
            results.append(_misprint(article, diagnosis))
        for finding in article["findings"]:
            if finding["status"] == "holds" or finding["id"] in explained:
                continue
            rules.setdefault(finding["rule_id"], _rule(finding))
            results.append(_result(article["source"], finding))
    driver: dict[str, Any] = {"name": "auditor", "version": records["tool"]["version"],
                              "rules": [rules[k] for k in sorted(rules)]}
    if _home():
        driver["informationUri"] = _home()
    document = {
        "$schema": SCHEMA, "version": "2.1.0",
        "runs": [{
            "tool": {"driver": driver},
            "originalUriBaseIds": {ROOT: {"uri": Path.cwd().resolve().as_uri() + "/"}},
            "columnKind": "unicodeCodePoints",
            "artifacts": [{"location": _artifact(a["source"])} for a in records["articles"]],
            "results": results,
        }],
    }
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _rule(finding: dict[str, Any]) -> dict[str, Any]:
    text = finding["title"] or finding["id"]
    if finding["rule_id"].startswith("discover."):
        text = f"Discovered {finding['rule_id'].split('.', 1)[1]} relation does not add up"
    return {"id": finding["rule_id"], "shortDescription": {"text": text}}


def _result(source: str, finding: dict[str, Any]) -> dict[str, Any]:
    anchor = anchor_figure(finding)
    message = finding["message"] + (f" Suggestion: {finding['suggestion']}." if finding["suggestion"] else "")
    result: dict[str, Any] = {
        "ruleId": finding["rule_id"],
        "level": LEVELS[finding["severity"]],
        "message": {"text": message},
        "locations": [_location(source, anchor)] if anchor else [],
        "relatedLocations": [{**_location(source, g), "id": i, "message": {"text": f"{g['name']} = {_flat(g['text'])}"}}
                             for i, g in enumerate(finding["figures"])],
        "partialFingerprints": {"auditorFingerprint/v1": finding["fingerprint"]},
        "properties": {"status": finding["status"], "expr": finding["expr"], "checkId": finding["id"],
                       "computed": finding["computed"], "stated": finding["stated"], "gap": finding["gap"]},
    }
    if finding.get("elsewhere"):  # a contradiction: the earlier article it contradicts
        result["relatedLocations"].append({"id": len(result["relatedLocations"]),
                                           "physicalLocation": {"artifactLocation": _artifact(finding["elsewhere"])},
                                           "message": {"text": f"printed earlier: {finding['evidence']}"}})
    if finding["accepted"]:
        result["suppressions"] = [{"kind": "external", "justification": finding["accepted"]}]
    return result


def _misprint(article: dict[str, Any], diagnosis: dict[str, Any]) -> dict[str, Any]:
    """One result for one misprint, at the figure, with each check it explains as a related
    location (at the figure that check is reported at)."""
    source = article["source"]
    checks = [f for f in article["findings"] if f["id"] in diagnosis["checks"]]
    related = [{**_location(source, anchor), "id": i, "message": {"text": f"{f['id']}: {f['message']}"}}
               for i, f in enumerate(checks) if (anchor := anchor_figure(f))]
    print_ = hashlib.sha256("\x1f".join([MISPRINT, diagnosis["figure"]["text"], diagnosis["reads"],
                                          *sorted(f["fingerprint"] for f in checks)]).encode()).hexdigest()[:32]
    return {"ruleId": MISPRINT, "level": LEVELS[diagnosis["severity"]], "message": {"text": diagnosis["message"]},
            "locations": [_location(source, diagnosis["figure"])], "relatedLocations": related,
            "partialFingerprints": {"auditorFingerprint/v1": print_},
            "properties": {"reads": diagnosis["reads"], "checks": diagnosis["checks"]}}


def _location(source: str, figure: dict[str, Any]) -> dict[str, Any]:
    return {"physicalLocation": {
        "artifactLocation": _artifact(source),
        "region": {"startLine": figure["line"], "startColumn": figure["column"],
                   "endLine": figure["end_line"], "endColumn": figure["end_column"],
                   "charOffset": figure["start"], "charLength": figure["end"] - figure["start"],
                   "snippet": {"text": figure["text"]}},
    }}


def _artifact(source: str) -> dict[str, str]:
    """A path relative to the working directory (the repository root in CI), as code scanning
    matches files; a file outside it keeps an absolute file: URI."""
    path = Path(source)
    absolute = path.resolve()
    try:
        relative = absolute.relative_to(Path.cwd().resolve())
    except ValueError:
        return {"uri": absolute.as_uri()}
    return {"uri": quote(relative.as_posix()), "uriBaseId": ROOT}


@lru_cache(maxsize=1)
def _home() -> str:
    """The project's repository, from the installed package's metadata; none rather than a
    placeholder when the metadata names none."""
    from importlib.metadata import PackageNotFoundError, metadata  # a tenth of a second: only for SARIF

    try:
        urls = metadata("auditor").get_all("Project-URL") or []
    except PackageNotFoundError:
        return ""
    found = dict(u.split(", ", 1) for u in urls if ", " in u)
    return found.get("Repository", found.get("Homepage", ""))


def _flat(text: str) -> str:
    return "".join(text.split())
