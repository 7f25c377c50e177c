"""Terminal text: `path:line:col: severity [check] status: message`, then a summary per article.

The sentences come from the catalog (auditor/i18n.py). The line's machine parts (position,
severity, check id, status) stay as they are in every language, for problem matchers.

The text report speaks Chinese, the editor's sentences the HTML page shows, unless English
was chosen (`--lang en`, auditor.i18n.set_language).
"""
from __future__ import annotations

from auditor.i18n import N_, _, chosen_language, language
from auditor.model import AuditRun, Finding
from auditor.report import localize
from auditor.report.records import to_records

COLOURS = {"fails": "\033[31m", "error": "\033[31m", "unbound": "\033[33m", "holds-loose": "\033[33m",
           "holds": "\033[32m"}
RESET = "\033[0m"
DEFAULT = "zh"
# "2 fails, 32 holds": the status tokens in English, counted statuses in Chinese.
COUNTS = {"fails": N_("{n} fails"), "error": N_("{n} error"), "unbound": N_("{n} unbound"),
          "holds-loose": N_("{n} holds-loose"), "holds": N_("{n} holds")}


def render(run: AuditRun, verbose: bool = False, colour: bool = False, lang: str | None = None) -> str:
    """`colour` marks statuses with ANSI colours, for a terminal; `lang` overrides the language."""
    with language(lang or chosen_language() or DEFAULT):
        return _render(run, verbose, colour, plain=(lang or chosen_language() or DEFAULT) == "en")


def _render(run: AuditRun, verbose: bool, colour: bool, plain: bool) -> str:
    lines: list[str] = []
    records = to_records(run)
    for result, article in zip(run.results, records["articles"]):
        findings = {f.check_id: f for f in result.findings}
        for d in article["diagnoses"]:  # the one figure to fix comes before the checks it explains
            lines.append(f"{article['source']}:{d['line']}:{d['column']}: {d['severity']} [misprint] "
                         f"{d['message'] if plain else localize.misprint_sentence(d)} ({', '.join(d['checks'])})")
        for f in article["findings"]:
            if f["status"] == "holds" and not verbose:
                continue
            lines.extend(_finding(article["source"], f, findings.get(f["id"]), colour, plain))
        lines.extend(_("{source}: note: {note}", source=article["source"], note=localize.foreign(note))
                     for note in article.get("notes", []))
        lines.append(_summary(article))
    return "\n".join(lines) + "\n"


def _finding(source: str, f: dict, finding: Finding | None, colour: bool, plain: bool) -> list[str]:
    """The finding's line, then its suggestion, one alternative a line."""
    accepted = _(" (accepted: {reason})", reason=localize.foreign(f["accepted"])) if f["accepted"] else ""
    status = f"{COLOURS[f['status']]}{f['status']}{RESET}" if colour else f["status"]
    message = f["message"] if plain or finding is None else _message(finding)
    lines = [f"{source}:{f['line']}:{f['column']}: {f['severity']} [{f['id']}] {status}: {message}{accepted}"]
    if f["suggestion"]:
        first, *more = localize.suggestion(f["suggestion"]).split("\n")
        label = _("suggestion:")
        lines.append(f"    {label} {first}")
        lines.extend(" " * (5 + len(label)) + line for line in more)
    return lines


def _message(finding: Finding) -> str:
    from auditor.evaluate.describe import reason, sentence

    detail = reason(finding)
    return sentence(finding) + (f" ({detail})" if detail else "")


def _summary(article: dict) -> str:
    s, cov = article["summary"], article["coverage"]
    counts = _(", ").join(_(COUNTS[status], n=n) for status, n in s.items() if n)
    return _("{source}: {total} checks ({counts}); coverage {covered}/{quantities} quantity figures",
             source=article["source"], total=sum(s.values()), counts=counts or _("none"),
             covered=cov["covered"], quantities=cov["quantity_figures"])
