"""JUnit XML: one testsuite per article, one testcase per check evaluated.

Checks that hold are passes (dashboards show coverage); checks that fail are <failure>;
checks that could not be bound or computed are <error>; accepted ones are <skipped>.
"""
from __future__ import annotations

from typing import Any
from xml.etree import ElementTree as ET

from auditor.model import AuditRun
from auditor.report.records import to_records


def render(run: AuditRun) -> str:
    records = to_records(run)
    root = ET.Element("testsuites", name="auditor")
    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for article in records["articles"]:
        suite = ET.SubElement(root, "testsuite", name=article["source"])
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for finding in article["findings"]:
            counts["tests"] += 1
            outcome = _case(suite, article["source"], finding)
            if outcome:
                counts[outcome] += 1
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _case(suite: ET.Element, source: str, finding: dict[str, Any]) -> str:
    case = ET.SubElement(suite, "testcase", classname=source, name=f"{finding['id']}: {finding['title'] or finding['expr']}")
    detail = f"{source}:{finding['line']}:{finding['column']}: {finding['substituted'] or finding['expr']}"
    if finding["accepted"]:
        ET.SubElement(case, "skipped", message=f"accepted: {finding['accepted']}")
        return "skipped"
    if finding["status"] == "fails":
        element = ET.SubElement(case, "failure", message=finding["message"], type=finding["severity"])
        element.text = detail + (f"\nsuggestion: {finding['suggestion']}" if finding["suggestion"] else "")
        return "failures"
    if finding["status"] in ("unbound", "error"):
        ET.SubElement(case, "error", message=finding["message"], type=finding["status"]).text = detail
        return "errors"
    if finding["status"] == "holds-loose":
        ET.SubElement(case, "system-out").text = finding["message"]
    return ""
