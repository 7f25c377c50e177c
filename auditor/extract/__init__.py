"""Extraction: article text -> every stated figure, with its span in the original text."""
from __future__ import annotations

from dataclasses import replace

from auditor.extract.figures import build
from auditor.extract.patterns import MASTER
from auditor.model import Figure


def extract_figures(text: str) -> tuple[Figure, ...]:
    """All figures in `text`, in order, with ids f1, f2, ...; never raises on any string."""
    found: list[Figure] = []
    for match in MASTER.finditer(text):
        figure = build(match, text)
        if figure is not None:
            found.append(replace(figure, id=f"f{len(found) + 1}"))
    return tuple(found)


__all__ = ["extract_figures"]
