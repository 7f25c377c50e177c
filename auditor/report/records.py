"""The one boundary every output format reads: an AuditRun as plain, JSON-ready records.

Ordering is fixed (failing findings first, then by position) and nothing depends on the
clock or the machine, so two runs over the same input give byte-identical reports.
"""
from __future__ import annotations

from typing import Any

from auditor.model import SEVERITY_RANK, Article, ArticleResult, AuditRun, Figure, Finding
from auditor.report.fingerprint import fingerprint, rule_id

STATUS_ORDER = {"fails": 0, "error": 1, "unbound": 2, "holds-loose": 3, "holds": 4}
NON_NUMERIC = frozenset({"date", "period", "code"})


def sort_findings(findings: tuple[Finding, ...]) -> list[Finding]:
    def key(f: Finding) -> tuple[int, int, str]:
        first = min((r.figure.span.start for r in f.figures), default=-1)
        return STATUS_ORDER[f.status], first, f.check_id
    return sorted(findings, key=key)


def figure_record(f: Figure, article: Article) -> dict[str, Any]:
    start, end = article.source_span(f.span.start, f.span.end)
    return {
        "id": f.id, "text": f.text, "start": start, "end": end,
        "number": f.number, "scale": f.scale,
        "value": None if f.kind in NON_NUMERIC else format(f.value, "f"),
        "unit": f.unit, "decimals": f.decimals, "qualifier": f.qualifier, "kind": f.kind,
    }


def _anchor_offset(f: Finding) -> int:
    for ref in f.figures:
        if ref.figure.id == f.anchor:
            return ref.figure.span.start
    return min((r.figure.span.start for r in f.figures), default=0)


def finding_record(f: Finding, result: ArticleResult) -> dict[str, Any]:
    line, column = result.article.line_col(_anchor_offset(f))
    computed, stated = f.computed_interval, f.stated_interval  # each written out once
    return {
        "id": f.check_id, "origin": f.origin, "status": f.status, "severity": f.severity,
        "title": f.title, "expr": f.expr, "substituted": f.substituted,
        "computed": f.computed, "stated": f.stated,
        "computed_interval": list(computed) if computed else None,
        "stated_interval": list(stated) if stated else None,
        "dev": f.dev, "gap": f.gap, "message": f.message, "suggestion": f.suggestion,
        "line": line, "column": column,
        "rule_id": rule_id(f), "fingerprint": fingerprint(f), "accepted": f.accepted or None, "anchor": f.anchor,
        "figures": [_figure_ref(r.name, r.figure, result.article) for r in f.figures],
        "confidence": f.confidence or None, "evidence": f.evidence or None,
        **({"elsewhere": f.elsewhere} if f.elsewhere else {}),
    }


def _figure_ref(name: str, figure: Figure, article: Article) -> dict[str, Any]:
    start, end = article.source_span(figure.span.start, figure.span.end)
    line, column = article.line_col(figure.span.start)
    end_line, end_column = article.line_col(figure.span.end - 1)
    return {"name": name, "id": figure.id, "start": start, "end": end,
            "text": figure.text, "line": line, "column": column, "end_line": end_line, "end_column": end_column + 1}


def anchor_figure(finding: dict[str, Any]) -> dict[str, Any] | None:
    """The figure record a finding record is reported at."""
    return next((g for g in finding["figures"] if g["id"] == finding["anchor"]),
                finding["figures"][0] if finding["figures"] else None)


def coverage(result: ArticleResult) -> dict[str, Any]:
    """The share of quantity figures that at least one evaluated check covers."""
    quantities = [f for f in result.figures if f.is_quantity]
    covered = {r.figure.id for f in result.findings if f.status != "unbound" for r in f.figures}
    hit = [f for f in quantities if f.id in covered]
    ratio = len(hit) / len(quantities) if quantities else 0.0
    return {"quantity_figures": len(quantities), "covered": len(hit), "ratio": round(ratio, 4),
            "uncovered": [f.id for f in quantities if f.id not in covered]}


def by_status(findings: tuple[Finding, ...] | list[Finding]) -> dict[str, int]:
    return {s: sum(1 for f in findings if f.status == s) for s in STATUS_ORDER}


def diagnosis_record(diagnosis: Any, result: ArticleResult) -> dict[str, Any]:
    """A probable misprint (auditor.diagnose.Diagnosis): the figure, where it is, what it
    should read, and the failing checks that agree."""
    figure = _figure_ref("", diagnosis.figure, result.article)
    severity = max((f.severity for f in result.findings if f.check_id in diagnosis.checks),
                   key=lambda s: SEVERITY_RANK[s], default="warning")
    return {"figure": figure, "reads": diagnosis.reads, "checks": list(diagnosis.checks),
            "message": diagnosis.message, "severity": severity, "line": figure["line"], "column": figure["column"]}


def article_record(result: ArticleResult) -> dict[str, Any]:
    return {
        "source": result.article.path,
        "figures": [figure_record(f, result.article) for f in result.figures],
        "findings": [finding_record(f, result) for f in sort_findings(result.findings)],
        "coverage": coverage(result),
        "summary": by_status(result.findings),
        "diagnoses": [diagnosis_record(d, result) for d in result.diagnoses],
    } | ({"notes": list(result.notes)} if result.notes else {})


def to_records(run: AuditRun) -> dict[str, Any]:
    articles = [article_record(r) for r in run.results]
    every = [f for r in run.results for f in r.findings]
    return {
        "tool": {"name": "auditor", "version": run.tool_version},
        "articles": articles,
        "summary": {"articles": len(articles), "checks": len(every), **by_status(every)},
    }
