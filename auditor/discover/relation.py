"""A relation an article states about itself, before it is judged."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from auditor.evaluate.compile import compile_check
from auditor.model import Figure

Confidence = Literal["high", "medium"]


@dataclass(frozen=True)
class Relation:
    """Figures x0, x1, ... and one or more readings of how they relate.

    `exprs` are alternative readings (增长n倍 is read both ways); the relation holds if
    any of them does. Only `high` confidence relations can fail the gate.
    """

    kind: str
    figures: tuple[Figure, ...]
    exprs: tuple[str, ...]
    confidence: Confidence
    evidence: str  # the sentence(s) the relation was read from
    title: str
    note: str = ""
    as_printed: bool = False  # figures of one precision are compared as printed (see sum)
    averaged: bool = False  # whole figures are averages, each rounded (semantics.read)

    @property
    def check_id(self) -> str:
        return f"{self.kind}-" + "-".join(f.id for f in self.figures)

    @property
    def names(self) -> dict[str, Figure]:
        return {f"x{i}": f for i, f in enumerate(self.figures)}


# Discovered relations repeat a few expressions over and over (x0 / x1 == x2, sums of n
# parts), for judging and for trying digit swaps alike; parse each once.
compiled = lru_cache(maxsize=4096)(compile_check)
