"""GitHub Actions workflow commands: one annotation per finding that does not hold, and one
per probable misprint in place of the checks it explains."""
from __future__ import annotations

from auditor.model import AuditRun
from auditor.report.records import anchor_figure, to_records

COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}


def render(run: AuditRun) -> str:
    lines = []
    for article in to_records(run)["articles"]:
        explained = set()
        for d in article["diagnoses"]:  # one annotation for one misprint, not one per check
            explained.update(d["checks"])
            g = d["figure"]
            place = (f"file={_property(article['source'])},line={g['line']},col={g['column']},"
                     f"endLine={g['end_line']},endColumn={g['end_column']}")
            lines.append(f"::{COMMANDS[d['severity']]} {place},title={_property('probable misprint')}::"
                         f"{_data(d['message'] + ' (' + ', '.join(d['checks']) + ')')}")
        for f in article["findings"]:
            if f["status"] == "holds" or f["accepted"] or f["severity"] == "none" or f["id"] in explained:
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
