"""Extraction: article text -> every stated figure, with its span in the original text."""
from __future__ import annotations

from auditor.extract.figures import Clauses, build
from auditor.extract.patterns import MASTER
from auditor.model import Figure


def extract_figures(text: str) -> tuple[Figure, ...]:
    """All figures in `text`, in order, with ids f1, f2, ...; never raises on any string."""
    found: list[Figure] = []
    clauses = Clauses(text)
    for match in MASTER.finditer(text):
        draft = build(match, text)
        if draft is not None:
            found.append(Figure(id=f"f{len(found) + 1}", context=clauses.before(draft["span"].start), **draft))
    return tuple(found)


__all__ = ["extract_figures"]
