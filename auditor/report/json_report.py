"""JSON: the records as they are, sorted keys, two-space indent, trailing newline."""
from __future__ import annotations

from auditor.model import AuditRun
from auditor.report import json_text
from auditor.report.records import to_records


def render(run: AuditRun) -> str:
    return json_text.dumps(to_records(run)) + "\n"  # json.dumps(indent=2, sort_keys=True), faster
