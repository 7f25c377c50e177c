"""From a compiled check and its figures' readings to a verdict with margins.

`dev` is how far the value recomputed from the figures as printed lies from the claim;
`gap` is how far the claim lies outside every admissible rounding. Both are in units of
the claim's last printed digit, and `gap` is 0 exactly when the check holds.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from auditor.evaluate.compile import Compiled
from auditor.evaluate.decide import Undecided, decide, meets
from auditor.evaluate.interval import Interval
from auditor.evaluate.rational import ONE, ZERO, Q
from auditor.evaluate.semantics import Reading
from auditor.model import Status


@dataclass(frozen=True, slots=True)
class Verdict:
    status: Status
    computed: Q | None = None  # left side from the figures as printed
    stated: Q | None = None  # right side as printed
    computed_range: Interval | None = None
    stated_range: Interval | None = None
    dev: Q | None = None
    gap: Q | None = None
    note: str = ""


def judge(check: Compiled, readings: Sequence[Reading], as_printed: bool = False) -> Verdict:
    """The verdict of one check; arithmetic failures become status `error`, never a crash.

    `as_printed`: compare the printed values exactly instead of their rounding intervals;
    the caller has decided the figures are printed finely enough for that (see
    discover/breakdown.py).
    """
    try:
        return _judge(check, readings, as_printed)
    except ZeroDivisionError:
        return Verdict("error", note="a divisor can be zero within the figures' rounding")
    except ArithmeticError as exc:  # a root of a negative number (interval.DomainError)
        return Verdict("error", note=str(exc))
    except Undecided as exc:
        return Verdict("error", note=str(exc))


def _judge(check: Compiled, readings: Sequence[Reading], as_printed: bool) -> Verdict:
    hard = [r.hard for r in readings]
    nominal = [r.nominal for r in readings]
    computed, stated = check.lhs(nominal), check.rhs(nominal)
    left, right = Interval.lift(check.lhs(hard)), Interval.lift(check.rhs(hard))
    unit = _unit(check, readings)
    restated = as_printed or _is_restatement(check, readings)
    if restated:
        spread = Interval.point(computed - stated)
        holds = meets(check.op, spread)  # for `==`, computed == stated
    elif check.single_use:  # the common case: the two ranges are exact, so compare them
        spread = left - right
        holds = meets(check.op, spread)
    else:
        decision = decide(check, hard)
        holds, spread = decision.holds, decision.spread
    status: Status = "holds"
    if not holds:
        loose = not restated and decide(check, [r.soft for r in readings]).holds
        status = "holds-loose" if loose else "fails"
    note = "printed to one precision: compared as printed" if restated else ""
    return Verdict(status, computed, stated, left, right,
                   (computed - stated) / unit, _violation(check.op, spread) / unit, note)


def _is_restatement(check: Compiled, readings: Sequence[Reading]) -> bool:
    """`a == b` between two figures printed to the same precision, neither qualified.

    Two honest statements of one quantity at one precision print the same digits, so a
    one-digit difference is an error even though the two rounding intervals touch.
    """
    if check.op != "==" or not (check.subject and check.claim) or len(readings) != 2:
        return False
    a, b = readings
    return a.unit == b.unit and a.hard.width == b.hard.width and a.soft.width == b.soft.width


def _unit(check: Compiled, readings: Sequence[Reading]) -> Q:
    if check.claim is not None:
        unit = readings[check.names.index(check.claim)].unit
        if unit:
            return unit
    units = [r.unit for r in readings if r.unit]
    return min(units) if units else ONE


def _violation(op: str, spread: Interval) -> Q:
    """How far lhs − rhs must move for the comparison to hold; 0 when it does."""
    lo, hi = spread.lo, spread.hi
    if op == "==":
        gap = max(ZERO, lo, -hi)
    elif op in ("<=", "<"):
        gap = max(ZERO, lo)
    else:
        gap = max(ZERO, -hi)
    return Q(gap)
