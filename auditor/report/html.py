"""The HTML discrepancy report: one self-contained page per article, autoescaped.

The article is shown with every extracted figure marked and coloured by what the checks
say about it; failing checks come first, each with its formula, the values substituted,
the intervals, the margins and the suggested fix.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from auditor.model import ArticleResult, AuditRun

if TYPE_CHECKING:
    from jinja2 import Environment
from auditor.report.records import article_record


@lru_cache(maxsize=1)
def _env() -> Environment:
    """The templates' environment, built (and jinja2 imported) when a page is first rendered."""
    from jinja2 import Environment, PackageLoader, select_autoescape
    
    return Environment(
        loader=PackageLoader("auditor", "report/templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


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


STATUS_ZH = {"fails": "不成立", "error": "无法计算", "unbound": "未找到数字", "holds-loose": "宽松成立", "holds": "成立"}


def view(result: ArticleResult) -> dict[str, Any]:
    record = article_record(result)
    messages = {f.check_id: f.message_zh for f in result.findings}
    for finding in record["findings"]:
        finding["message_zh"] = messages.get(finding["id"], finding["message"])
        finding["status_zh"] = STATUS_ZH.get(finding["status"], finding["status"])
    first = next((f["id"] for f in record["findings"] if f["status"] in ("fails", "error")), None)
    return {**record, "segments": segments(result, record), "first_problem": first}


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
                     "diagnoses": [d["message"] for d in record["diagnoses"]]})
    rows.sort(key=lambda r: (-int(bool(r["failing"])), r["source"]))
    return _env().get_template("index.html.j2").render(rows=rows, version=version)
