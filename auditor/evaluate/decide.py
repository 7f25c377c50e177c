"""Deciding a compiled check over the intervals its figures allow.

A relation holds if some choice of values inside the intervals satisfies it (XBRL Calc 1.1,
statcheck, GRIM all decide by intersection, never by comparing rounded points).

* Each figure once in the check: natural interval arithmetic gives the exact range.
* A figure repeated (a / (a + b)): interval arithmetic only encloses the range and would
  let real errors through, so vertices give an inner bound and bisection closes the gap.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Sequence

from auditor.evaluate.compile import Compiled
from auditor.evaluate.interval import Interval, infinite
from auditor.evaluate.rational import Q

BISECTION_BUDGET = 256
MAX_VERTEX_VARS = 10


class Undecided(Exception):
    """The bisection budget ran out before the check was decided either way."""


@dataclass(frozen=True, slots=True)
class Decision:
    holds: bool
    spread: Interval  # range (or inner estimate) of lhs − rhs over the box


def meets(op: str, d: Interval) -> bool:
    """Whether some value of lhs − rhs in `d` satisfies the comparison."""
    if op == "==":
        return d.lo <= 0 <= d.hi
    if op == "<=":
        return d.lo <= 0
    if op == "<":
        return d.lo < 0
    if op == ">=":
        return d.hi >= 0
    return d.hi > 0


def decide(check: Compiled, box: Sequence[Interval]) -> Decision:
    """Whether the check can hold for some point of the box."""
    enclosure = Interval.lift(check.lhs(box) - check.rhs(box))
    if check.single_use or not meets(check.op, enclosure):
        return Decision(meets(check.op, enclosure), enclosure)
    if any(infinite(b.lo) or infinite(b.hi) for b in box):
        # Vertices at infinity have no value; the enclosure errs toward "holds", never a false alarm.
        return Decision(True, enclosure)
    inner = _vertex_hull(check, box)
    if meets(check.op, inner):
        return Decision(True, inner)
    return Decision(_bisect(check, list(box)), inner)


def _difference(check: Compiled, point: Sequence[Q]) -> Q:
    return check.lhs(point) - check.rhs(point)


def _vertex_hull(check: Compiled, box: Sequence[Interval]) -> Interval:
    """Hull of lhs − rhs at the corners and centre: an inner bound of the range."""
    centre = [b.midpoint() for b in box]
    values = [_difference(check, centre)]
    wide = [i for i, b in enumerate(box) if b.lo != b.hi]
    if len(wide) > MAX_VERTEX_VARS:
        wide = sorted(wide, key=lambda i: box[i].width, reverse=True)[:MAX_VERTEX_VARS]
    for corner in itertools.product((0, 1), repeat=len(wide)):
        point = list(centre)
        for i, side in zip(wide, corner):
            point[i] = box[i].hi if side else box[i].lo
        values.append(_difference(check, point))
    return Interval(min(values), max(values))


def _bisect(check: Compiled, box: list[Interval]) -> bool:
    pending = [box]
    for _ in range(BISECTION_BUDGET):
        if not pending:
            return False
        current = pending.pop()
        if not meets(check.op, check.lhs(current) - check.rhs(current)):
            continue
        if meets(check.op, _vertex_hull(check, current)):
            return True
        pending.extend(_split(current))
    if pending:
        raise Undecided(f"undecided after {BISECTION_BUDGET} bisections")
    return False


def _split(box: list[Interval]) -> tuple[list[Interval], list[Interval]]:
    i = max(range(len(box)), key=lambda k: box[k].width)
    mid = box[i].midpoint()
    left, right = list(box), list(box)
    left[i], right[i] = Interval(box[i].lo, mid), Interval(mid, box[i].hi)
    return left, right
