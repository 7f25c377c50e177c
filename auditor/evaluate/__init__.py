"""Evaluation: a compiled check and its bound figures -> a Finding with margins."""
from __future__ import annotations

from typing import Mapping

from auditor.evaluate.compile import Compiled
from auditor.evaluate.semantics import read
from auditor.evaluate.suggest import suggest
from auditor.evaluate.verdict import judge
from auditor.model import Figure, FigureRef, Finding, Severity

STATUS_SEVERITY: dict[str, Severity] = {"holds": "none", "holds-loose": "note", "unbound": "warning",
                                        "error": "error"}


def evaluate_check(check_id: str, origin: str, compiled: Compiled, bound: Mapping[str, Figure],
                   title: str = "", severity: Severity = "error", as_printed: bool = False,
                   shown_as: Mapping[str, str] | None = None, averaged: bool = False, **extra: str) -> Finding:
    """Judge one check whose names are all bound; never raises on arithmetic trouble.
    `averaged`: the figures are averages, rounded even when whole (semantics.read)."""
    figures = [bound[n] for n in compiled.names]
    readings = [read(f, averaged) for f in figures]
    verdict = judge(compiled, readings, as_printed)
    shown = bound.get(compiled.claim or "") or bound.get(compiled.subject or "")
    level = severity if verdict.status == "fails" else STATUS_SEVERITY[verdict.status]
    return Finding(
        check_id=check_id, origin=origin, status=verdict.status, severity=level,
        expr=compiled.source, title=title, verdict=verdict, shown=shown, template=compiled.template,
        suggestion=suggest(compiled, figures, readings, shown_as, as_printed) if verdict.status == "fails" else "",
        reason=f"could not evaluate: {verdict.note}" if verdict.status == "error" else "",
        figures=tuple(FigureRef(n, f) for n, f in zip(compiled.names, figures)),
        anchor=(shown or figures[0]).id if figures else "", **extra,
    )


__all__ = ["evaluate_check"]
