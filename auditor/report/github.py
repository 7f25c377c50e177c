"""GitHub Actions workflow commands: one annotation per finding that does not hold."""
from __future__ import annotations

from auditor.model import AuditRun
from auditor.report.records import anchor_figure, to_records

COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}


def render(run: AuditRun) -> str:
    lines = []
    for article in to_records(run)["articles"]:
        for f in article["findings"]:
            if f["status"] == "holds" or f["accepted"] or f["severity"] == "none":
                continue
            anchor = anchor_figure(f)
            place = f"file={_property(article['source'])},line={f['line']},col={f['column']}"
            if anchor:
                place += f",endLine={anchor['end_line']},endColumn={anchor['end_column']}"
            title = _property(f"{f['id']}: {f['title']}" if f["title"] else f["id"])
            message = f["message"] + (f" — {f['suggestion']}" if f["suggestion"] else "")
            lines.append(f"::{COMMANDS[f['severity']]} {place},title={title}::{_data(message)}")
    return "".join(line + "\n" for line in lines)


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
