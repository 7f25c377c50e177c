"""The HTML discrepancy report: one self-contained page per article, autoescaped.

The article is shown with every extracted figure marked and coloured by what the checks
say about it; failing checks come first, each with its formula, the values substituted,
the intervals, the margins and the suggested fix.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from auditor.evaluate import describe
from auditor.i18n import N_, _, _n, get_language
from auditor.model import ArticleResult, AuditRun, Finding
from auditor.report import localize
from auditor.report.records import anchor_figure, article_record

if TYPE_CHECKING:
    from jinja2 import Environment


@lru_cache(maxsize=1)
def _env() -> Environment:
    """The templates' environment, built (and jinja2 imported) when a page is first rendered."""
    from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, select_autoescape

    from auditor.cache import folder

    # Compiling the templates is a fifth of a run on the seed; Jinja2 keeps the compiled code
    # between runs, keyed by the template's source, so an edited template is compiled again.
    cached = folder("templates")
    env = Environment(
        loader=PackageLoader("auditor", "report/templates"),
        bytecode_cache=FileSystemBytecodeCache(str(cached)) if cached else None,
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # Every sentence of a page comes from the catalog, in the language current when it is
    # rendered (the functions look it up per call, so one cached environment serves both).
    env.globals.update(_=_, _n=_n, lang_tag=lang_tag, status_labels=STATUS_LABELS)
    return env


def lang_tag() -> str:
    """The page's <html lang>."""
    return "en" if get_language() == "en" else "zh-CN"


FIGURE_CLASS_ORDER = ("fails", "involved", "loose", "holds")


def render(run: AuditRun) -> str:
    """All articles of a run on one page (the CLI writes one page per article)."""
    return _env().get_template("report.html.j2").render(
        articles=[view(r) for r in run.results], version=run.tool_version)


def environment() -> Environment:
    """The report's templates, for pages that extend the report (the editor's desk)."""
    return _env()


def render_article(result: ArticleResult, version: str) -> str:
    return render(AuditRun(results=(result,), tool_version=version))


# Status labels: message ids, said through the catalog (成立, 不成立 …).
STATUS_LABELS = {"fails": N_("does not hold"), "error": N_("cannot be computed"), "unbound": N_("figures not found"),
                 "holds-loose": N_("holds loosely"), "holds": N_("holds")}
STATUS_ZH = STATUS_LABELS  # the old name, for pages that still import it
CONFIDENCE = {"high": N_("high"), "medium": N_("medium"), "low": N_("low")}


def view(result: ArticleResult) -> dict[str, Any]:
    """The article's record with every sentence an editor reads added in the current language."""
    record = article_record(result)
    findings = {f.check_id: f for f in result.findings}
    slips = {c: d for d in record["diagnoses"] for c in d["checks"]}
    for finding in record["findings"]:
        _localize_finding(finding, findings.get(finding["id"]), slips.get(finding["id"]))
    for diagnosis in record["diagnoses"]:
        diagnosis["slip"] = localize.slip_kind(diagnosis["figure"]["text"], diagnosis["reads"])
    record["notes_local"] = [localize.foreign(note) for note in record.get("notes", [])]
    return {**record, "segments": segments(result, record), "first_problem": first_problem(record)}


def _localize_finding(record: dict[str, Any], finding: Finding | None, diagnosis: dict[str, Any] | None) -> None:
    sentence = describe.sentence(finding) if finding is not None else record["message"]
    if diagnosis is not None:  # "…，原文写作6647人；可能是6674人的笔误（两位数字颠倒）"
        slip = localize.slip_kind(diagnosis["figure"]["text"], diagnosis["reads"])
        sentence += _("; probably a misprint of {reads} ({slip})", reads=diagnosis["reads"], slip=slip) if slip \
            else _("; probably a misprint of {reads}", reads=diagnosis["reads"])
    record["message_zh"] = sentence
    record["reason"] = describe.reason(finding) if finding is not None else ""
    record["status_zh"] = _(STATUS_LABELS.get(record["status"], record["status"]))
    record["title_local"] = localize.title(record["title"] or "")
    record["suggestion_local"] = localize.suggestion(record["suggestion"] or "")
    record["evidence_local"] = localize.evidence(record["evidence"] or "")
    record["accepted_local"] = localize.foreign(record["accepted"] or "")
    record["confidence_local"] = _(CONFIDENCE[record["confidence"]]) if record["confidence"] in CONFIDENCE else ""


def first_problem(record: dict[str, Any]) -> dict[str, str] | None:
    """Where the banner's "go to the first problem" leads: the diagnosed misprint's figure, else
    the first failing check's own figure, with the check it is in."""
    for diagnosis in record["diagnoses"]:
        return {"figure": diagnosis["figure"]["id"], "check": diagnosis["checks"][0]}
    for finding in record["findings"]:
        if finding["status"] in ("fails", "error") and not finding["accepted"]:
            figure = anchor_figure(finding)
            return {"figure": figure["id"] if figure else "", "check": finding["id"]}
    return None


def figure_classes(record: dict[str, Any]) -> dict[str, tuple[str, list[str]]]:
    """For each figure id: its colour class and the checks that use it."""
    worst: dict[str, str] = {}
    checks: dict[str, list[str]] = {}
    to_class = {"fails": "fails", "error": "fails", "holds-loose": "loose", "holds": "holds"}
    # A diagnosed misprint is the one figure marked wrong; the others of its checks are involved.
    culprits = {d["figure"]["id"] for d in record.get("diagnoses", [])}
    explained = {c for d in record.get("diagnoses", []) for c in d["checks"]}
    for finding in record["findings"]:
        cls = to_class.get(finding["status"])
        for fig in finding["figures"]:
            if cls == "fails" and finding["id"] in explained and fig["id"] not in culprits:
                cls_here = "involved"
            else:
                cls_here = cls
            checks.setdefault(fig["id"], []).append(finding["id"])
            if cls_here and (fig["id"] not in worst or
                             FIGURE_CLASS_ORDER.index(cls_here) < FIGURE_CLASS_ORDER.index(worst[fig["id"]])):
                worst[fig["id"]] = cls_here
    return {fid: (worst.get(fid, "uncovered"), ids) for fid, ids in checks.items()}


def segments(result: ArticleResult, record: dict[str, Any]) -> list[dict[str, Any]]:
    """The article text cut into plain runs and marked figures, in order."""
    classes = figure_classes(record)
    text, pos, out = result.article.text, 0, []
    for fig in result.figures:
        if fig.span.start > pos:
            out.append({"text": text[pos:fig.span.start]})
        cls, checks = classes.get(fig.id, ("uncovered" if fig.is_quantity else "plain", []))
        out.append({"text": fig.text, "id": fig.id, "cls": cls, "checks": checks,
                    "kind": fig.kind, "unit": fig.unit, "qualifier": fig.qualifier})
        pos = fig.span.end
    out.append({"text": text[pos:]})
    return out


def render_index(results: list[ArticleResult], pages: list[str], version: str) -> str:
    """One page listing every article of a run with its verdict and a link to its report,
    failing articles first: a folder of articles is read from here, not from 35 tabs."""
    rows = []
    for result, page in zip(results, pages):
        record = article_record(result)
        summary = record["summary"]
        rows.append({"source": result.article.path, "href": quote(page),
                     "failing": summary["fails"] + summary["error"], "holding": summary["holds"] + summary["holds-loose"],
                     "covered": record["coverage"]["covered"], "quantities": record["coverage"]["quantity_figures"],
                     "worst": worst_status(summary),
                     "diagnoses": [{"message": d["message"], "local": localize.misprint_sentence(d)} for d in record["diagnoses"]]})
    rows.sort(key=lambda r: (-int(bool(r["failing"])), STATUS_RANK.index(r["worst"]), r["source"]))
    return _env().get_template("index.html.j2").render(rows=rows, version=version)


STATUS_RANK = ("fails", "error", "unbound", "holds-loose", "holds", "none")


def worst_status(summary: dict[str, int]) -> str:
    """The worst status among an article's checks; "none" when nothing was checked."""
    return next((status for status in STATUS_RANK[:-1] if summary.get(status)), "none")
