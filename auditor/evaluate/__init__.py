"""Evaluation: a compiled check and its bound figures -> a Finding with margins."""
from __future__ import annotations

import ast
from typing import Mapping

from auditor.evaluate.compile import Compiled
from auditor.evaluate.display import in_terms_of, interval_in_terms_of, units
from auditor.evaluate.semantics import read
from auditor.evaluate.suggest import suggest
from auditor.evaluate.verdict import Verdict, judge
from auditor.model import Figure, FigureRef, Finding, Severity

STATUS_SEVERITY: dict[str, Severity] = {"holds": "none", "holds-loose": "note", "unbound": "warning",
                                        "error": "error"}


def evaluate_check(check_id: str, origin: str, compiled: Compiled, bound: Mapping[str, Figure],
                   title: str = "", severity: Severity = "error", **extra: str) -> Finding:
    """Judge one check whose names are all bound; never raises on arithmetic trouble."""
    figures = [bound[n] for n in compiled.names]
    readings = [read(f) for f in figures]
    verdict = judge(compiled, readings)
    shown = bound.get(compiled.claim or "") or bound.get(compiled.subject or "")
    level = severity if verdict.status == "fails" else STATUS_SEVERITY[verdict.status]
    return Finding(
        check_id=check_id, origin=origin, status=verdict.status, severity=level,
        expr=compiled.source, title=title, **_numbers(verdict, shown),
        dev=units(verdict.dev), gap=units(verdict.gap),
        message=_message(verdict, shown),
        suggestion=suggest(compiled, figures, readings) if verdict.status == "fails" else "",
        substituted=substitute(compiled.source, bound),
        figures=tuple(FigureRef(n, bound[n]) for n in compiled.names),
        anchor=(shown or figures[0]).id if figures else "", **extra,
    )


def _numbers(verdict: Verdict, shown: Figure | None) -> dict[str, object]:
    if verdict.computed is None:
        return {}
    return {
        "computed": in_terms_of(verdict.computed, shown),
        "stated": _stated(verdict, shown),
        "computed_interval": interval_in_terms_of(verdict.computed_range, shown)
        if verdict.computed_range else None,
        "stated_interval": interval_in_terms_of(verdict.stated_range, shown)
        if verdict.stated_range else None,
    }


def _stated(verdict: Verdict, shown: Figure | None) -> str:
    if shown is not None:
        return "".join(shown.text.split())
    return in_terms_of(verdict.stated, None) if verdict.stated is not None else ""


def _message(verdict: Verdict, shown: Figure | None) -> str:
    if verdict.status == "error":
        return f"could not evaluate: {verdict.note}"
    computed = in_terms_of(verdict.computed, shown) if verdict.computed is not None else "?"
    stated = _stated(verdict, shown)
    if verdict.status == "holds":
        return f"holds: computed {computed}, stated {stated}"
    distance = f"{units(verdict.gap)} units of the last digit outside every admissible rounding"
    if verdict.status == "holds-loose":
        return f"holds only under a loose reading: computed {computed}, stated {stated} ({distance})"
    note = f"; {verdict.note}" if verdict.note else ""
    return f"does not add up: computed {computed}, stated {stated}, {distance}{note}"


def substitute(source: str, bound: Mapping[str, Figure]) -> str:
    """The expression with each name replaced by its figure as printed."""
    tree = ast.parse(source.strip(), mode="eval")  # already validated by the compiler
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in bound:
            node.id = "".join(bound[node.id].text.split())
    return ast.unparse(tree)


__all__ = ["evaluate_check", "substitute"]
