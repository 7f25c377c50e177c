"""For a failing check: which single figure, changed how little, would make it hold.

sympy solves lhs − rhs = 0 for each figure in turn (the others kept as printed), within a
deadline and only for shapes it solves quickly; exact bisection takes over otherwise
(symbolic.py). The needed value is rounded to the figure's printed precision and re-checked, and the
candidates are ranked by how many last-digit units they move the figure.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import Callable, Mapping, Sequence

from auditor.evaluate.compile import Compiled
from auditor.evaluate.decide import Undecided, decide
from auditor.evaluate.display import decimal_text, label
from auditor.evaluate.rational import Q
from auditor.evaluate.semantics import Reading, factor, read
from auditor.extract.figures import scaled
from auditor.model import Figure

MAX_SHOWN = 3
SUGGEST_SECONDS = 2.0  # per failing check: figures not reached by then get no suggestion


@dataclass(frozen=True, slots=True)
class Candidate:
    name: str
    figure: Figure
    printed: str  # the needed value, written like the figure
    units_moved: Q
    exact_fix: bool  # the rounded value makes the check hold


def suggest(check: Compiled, figures: Sequence[Figure], readings: Sequence[Reading],
            shown_as: Mapping[str, str] | None = None) -> str:
    """A suggestion, or "" when no single figure can fix the check: the best change first,
    then each alternative that also makes the check hold on a line of its own.

    `shown_as` gives readers' names for the expression's names (discovery's x0, x1 ...).
    """
    found = [replace(c, name=(shown_as or {}).get(c.name, c.name)) for c in candidates(check, figures, readings)]
    if not found:
        return ""
    # Only values that change the figure, and, beside the best one, only alternatives that
    # were re-checked and make the check hold: an editor must be able to take any of them.
    found = [c for c in found if _changes(c)]
    if not found:
        return ""
    best, *others = found
    verb = "would hold" if best.exact_fix else "would come closest to holding"
    text = f"if {best.name} were {best.printed} (printed {_flat(best.figure.text)}), the check {verb}"
    for other in [c for c in others if c.exact_fix][:MAX_SHOWN - 1]:
        text += f"\nor, if {other.name} were {other.printed} (printed {_flat(other.figure.text)}), it would hold"
    return text


def _changes(candidate: Candidate) -> bool:
    """A value printed as the figure already is changes nothing (8个 for 8个)."""
    return _flat(candidate.printed) != _flat(candidate.figure.text).replace(",", "")


def _flat(text: str) -> str:
    return "".join(text.split())


def candidates(check: Compiled, figures: Sequence[Figure],
               readings: Sequence[Reading]) -> list[Candidate]:
    # sympy takes half a second to import: a run where every check holds never pays for it.
    from auditor.evaluate.symbolic import needed_values

    nominal = [r.nominal for r in readings]
    found = []
    until = time.monotonic() + SUGGEST_SECONDS
    for i, (name, figure) in enumerate(zip(check.names, figures)):
        if time.monotonic() > until:
            break  # a suggestion is a courtesy; the verdict is already decided
        for needed in needed_values(check.shape, check.tree, i, nominal, _difference(check), until):
            candidate = _candidate(check, i, name, figure, needed, readings)
            if candidate is not None:
                found.append(candidate)
    # Ties go to the stated claim: when parts and total disagree, the total is the usual suspect.
    found.sort(key=lambda c: (not c.exact_fix, c.units_moved, c.name != check.claim))
    return found


def _difference(check: Compiled) -> Callable[[Sequence[Q]], Q]:
    return lambda point: check.lhs(point) - check.rhs(point)


def _candidate(check: Compiled, i: int, name: str, figure: Figure, needed: Q,
               readings: Sequence[Reading]) -> Candidate | None:
    if needed < 0 <= readings[i].nominal:
        return None  # a negative count or amount is no fix for a positive one
    number = decimal_text(needed / factor(figure), figure.decimals)
    if number.lstrip("-").strip("0.") == "":
        return None
    moved = abs(needed - readings[i].nominal) / (readings[i].unit or 1)
    changed = replace(figure, number=number, value=scaled(number, figure.scale), chinese=False)
    box = [r.hard for r in readings]
    box[i] = read(changed).hard
    try:
        fixed = decide(check, box).holds
    except (ArithmeticError, Undecided):
        fixed = False
    return Candidate(name, figure, number + label(figure), moved, fixed)
