"""Terminal text: `path:line:col: severity [check] status: message`, then a summary per article."""
from __future__ import annotations

from auditor.model import AuditRun
from auditor.report.records import to_records


COLOURS = {"fails": "\033[31m", "error": "\033[31m", "unbound": "\033[33m", "holds-loose": "\033[33m",
           "holds": "\033[32m"}
RESET = "\033[0m"


def render(run: AuditRun, verbose: bool = False, colour: bool = False) -> str:
    """`colour` marks statuses with ANSI colours, for a terminal."""
    lines: list[str] = []
    records = to_records(run)
    for article in records["articles"]:
        for d in article["diagnoses"]:  # the one figure to fix comes before the checks it explains
            lines.append(f"{article['source']}:{d['line']}:{d['column']}: {d['severity']} [misprint] {d['message']} "
                         f"({', '.join(d['checks'])})")
        for f in article["findings"]:
            if f["status"] == "holds" and not verbose:
                continue
            accepted = f" (accepted: {f['accepted']})" if f["accepted"] else ""
            status = f"{COLOURS[f['status']]}{f['status']}{RESET}" if colour else f["status"]
            lines.append(f"{article['source']}:{f['line']}:{f['column']}: {f['severity']} [{f['id']}] "
                         f"{status}: {f['message']}{accepted}")
            if f["suggestion"]:
                first, *more = f["suggestion"].split("\n")
                lines.append(f"    suggestion: {first}")
                lines.extend(f"                {line}" for line in more)
        lines.extend(f"{article['source']}: note: {note}" for note in article.get("notes", []))
        lines.append(_summary(article))
    return "\n".join(lines) + "\n"


def _summary(article: dict) -> str:
    s, cov = article["summary"], article["coverage"]
    counts = ", ".join(f"{n} {status}" for status, n in s.items() if n)
    return (f"{article['source']}: {sum(s.values())} checks ({counts or 'none'}); "
            f"coverage {cov['covered']}/{cov['quantity_figures']} quantity figures")
