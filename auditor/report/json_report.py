"""JSON: the records as they are, sorted keys, two-space indent, trailing newline."""
from __future__ import annotations

import json

from auditor.model import AuditRun
from auditor.report.records import to_records


def render(run: AuditRun) -> str:
    return json.dumps(to_records(run), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
