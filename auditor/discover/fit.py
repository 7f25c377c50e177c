"""How well a relation fits its figures: exactly, after undoing one misprint, or not at all.

The arithmetic-first kinds (total, proportion, change) propose relations from this test
alone and then ask the words for confirmation. Three answers matter:

* `exact`: the relation holds within every figure's printed precision (hard intervals). Among
  multi-digit figures this is rarely a coincidence.
* `slip`: it does not hold, but moving one figure by one unit of its last written digit
  makes it hold. This is the commonest misprint, and the one the gate exists for; a relation
  that is only a slip away is proposed so that its failure is reported.
* `truncated`: a rate printed by cutting digits off instead of rounding (32.36% for 32.365…%).

Everything is exact rational arithmetic on the figures' intervals (semantics.read); a form
is monotone in each argument, so its interval is computed from the ends. This is a filter
run on many candidate figure sets, so it never builds an expression or calls the evaluator;
the relations it lets through are judged by the evaluator like any other.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Literal, Sequence

from auditor.evaluate.rational import Q
from auditor.evaluate.semantics import about_a_rounded_rate, factor, read
from auditor.model import Figure

Fit = Literal["exact", "slip", "truncated"]
Bounds = tuple[Q, Q]


@dataclass(frozen=True)
class Form:
    """The computed value from the inputs, increasing in the first input and, for the second,
    in the direction given (+1 for a sum, -1 for a divisor or what is subtracted)."""

    fn: Callable[[Sequence[Q]], Q]
    second: int
    divisor: int | None = None  # the input that divides: a rate of a non-positive level is no rate
    # Whether the first input may be negative: a change over a level (-9 540 ÷ 62 921 = -15.16%)
    # is a rate whatever its sign, where a level of another form must be positive.
    signed: bool = False


SUM = Form(lambda v: sum(v, Q(0)), 1)
RATIO = Form(lambda v: v[0] / v[1], -1, divisor=1, signed=True)
GROWTH = Form(lambda v: v[0] / v[1] - 1, -1, divisor=1)
DECLINE = Form(lambda v: 1 - v[1] / v[0], -1, divisor=0)  # (earlier, later)
DIFFERENCE = Form(lambda v: v[0] - v[1], -1)
# (increase, level it led to): the rate of the increase over the level before it, and of a fall.
INCREASE = Form(lambda v: v[0] / (v[1] - v[0]), -1, divisor=1)
SHRINK = Form(lambda v: v[0] / (v[1] + v[0]), -1, divisor=1)


def bounds(figure: Figure, shift: int = 0) -> Bounds:
    lo, hi, unit = _reading(figure)
    return lo + unit * shift, hi + unit * shift


def _reading(figure: Figure) -> tuple[Q, Q, Q]:
    reading = read(figure)
    return reading.hard.lo, reading.hard.hi, reading.unit  # type: ignore[return-value]


def computed(form: Form, inputs: Sequence[Bounds]) -> Bounds | None:
    checked = [inputs[form.divisor]] if form.signed and form.divisor is not None else inputs
    if form.divisor is not None and any(lo <= 0 for lo, _ in checked):
        return None  # a rate of levels that may be zero or negative is no rate (and not monotone)
    try:
        if form.second > 0:
            return form.fn([lo for lo, _ in inputs]), form.fn([hi for _, hi in inputs])
        (a_lo, a_hi), (b_lo, b_hi) = inputs
        if form.signed and a_lo < 0:
            # a ÷ b with b > 0 grows with b when a < 0: the ends are among the four corners.
            corners = [form.fn([a, b]) for a in (a_lo, a_hi) for b in (b_lo, b_hi)]
            return min(corners), max(corners)
        low, high = form.fn([a_lo, b_hi]), form.fn([a_hi, b_lo])
    except ZeroDivisionError:  # 增加10家 on 12家: the level before it may be 0
        return None
    return (low, high) if low <= high else None


def _overlaps(a: Bounds, b: Bounds) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _holds(form: Form, readings: Sequence[tuple[Q, Q, Q]], shift: tuple[frozenset[int], int] = (frozenset(), 0)) -> bool:
    """Whether the form holds on (lo, hi, unit) readings, the last one stated, with the
    readings at some indices (one figure and its copies) moved by `shift` = (indices, units)."""
    at, step = shift
    moved = [(lo + unit * step, hi + unit * step) if i in at else (lo, hi)
             for i, (lo, hi, unit) in enumerate(readings)]
    value = computed(form, moved[:-1])
    return value is not None and _overlaps(value, moved[-1])


def fit(form: Form, inputs: Sequence[Figure], stated: Figure, rate: bool = False, bound: bool = False,
        tight: bool = False) -> Fit | None:
    """How the figures fit the form: exact, one last-digit slip away, truncated, or None.

    `bound`: the words already tie every figure together (收于8.06元，下跌0.12元，降幅为1.47%),
    so a slip in a coarse figure (0.12) counts though it moves the result a long way."""
    # A slip in a figure counted twice (各2例) moves a small sum far; so does one in a quote's
    # coarse change (0.03 of 4.20 is 0.72%): `tight` figures may miss by what one unit moves.
    if _far(form, inputs, stated, tight or len({id(f) for f in inputs}) < len(inputs)):
        return None
    figures = (*inputs, stated)
    readings = [_reading(f) for f in figures]  # read once: this runs on every candidate
    if _holds(form, readings):
        return "exact"
    if rate and truncated(form, inputs, stated):
        return "truncated"  # the more specific reading: the digits are right, the rounding is not
    # No single slip can fit when even moving every figure by one unit at once does not.
    if not _holds(form, [(lo - unit, hi + unit, unit) for lo, hi, unit in readings]):
        return None
    # An approximate figure already allows its range; a slip in it, or against it, says nothing.
    if stated.qualifier and not about_a_rounded_rate(stated):
        return None
    if any(_holds(form, readings, (copies, step)) for copies, f in _distinct(figures)
           if not (f.qualifier or f.chinese) and (bound or _fine(form, readings, copies)) for step in (1, -1)):
        return "slip"
    return None


def _distinct(figures: Sequence[Figure]) -> list[tuple[frozenset[int], Figure]]:
    """Each figure once, with every index it stands at: 天河区、南沙区各2例 puts one printed 2
    in a sum twice, and a misprint in it moves both."""
    at: dict[int, list[int]] = {}
    for i, f in enumerate(figures):
        at.setdefault(id(f), []).append(i)
    return [(frozenset(at[id(f)]), f) for i, f in enumerate(figures) if at[id(f)][0] == i]


def _far(form: Form, inputs: Sequence[Figure], stated: Figure, tight: bool = False) -> bool:
    """A float look before the exact one: the printed values miss by more than a quarter, which
    no rounding, slip or cut explains. Most candidate sets end here. Tight figures may also
    miss by what one unit of one input moves."""
    values = [float(f.value) * float(factor(f)) / f.scale for f in inputs]
    try:
        value = form.fn(values)
    except ZeroDivisionError:
        return True
    target = float(stated.value) * float(factor(stated)) / stated.scale
    allowed = 0.25 * abs(target) + 1e-12
    if tight:
        allowed += max(_moved(form, inputs, values, f) for f in {id(f): f for f in inputs}.values())
    return abs(value - target) > allowed and not stated.qualifier


def _moved(form: Form, inputs: Sequence[Figure], values: list[float], figure: Figure) -> float:
    """How far one unit of a figure's last digit (in every place it stands) moves the form."""
    unit = float(read(figure).unit)
    moved = [v + unit if f is figure else v for f, v in zip(inputs, values)]
    try:
        return abs(form.fn(moved) - form.fn(values))
    except ZeroDivisionError:
        return 0.0


def _fine(form: Form, readings: Sequence[tuple[Q, Q, Q]], copies: frozenset[int]) -> bool:
    """Whether one unit of a rounded figure `at` moves the computed value by no more than two
    units of the stated figure: 1.8亿 moved by 0.1亿 against a total printed to 0.01亿 is no
    slip, it is a coarser figure whose rounding explains as much."""
    at = min(copies)
    lo, hi, _ = readings[at]
    if at == len(readings) - 1 or lo == hi:
        return True  # the stated figure itself, or an exact count: any misprint is plain
    nominal = [(lo + hi) / 2 for lo, hi, _ in readings[:-1]]
    moved = [value + readings[i][2] if i in copies else value for i, value in enumerate(nominal)]
    if form.divisor is not None and min(nominal[form.divisor], moved[form.divisor]) <= 0:
        return False
    try:
        return abs(form.fn(moved) - form.fn(nominal)) <= 2 * readings[-1][2]
    except ZeroDivisionError:
        return False


PRECISE = Q(1, 10_000)  # a figure's last-digit unit at most this part of it: a cut of its quotient is sure


def truncated(form: Form, inputs: Sequence[Figure], stated: Figure) -> bool:
    """The exact value, cut (not rounded) to the stated figure's digits, is what is printed.
    Inputs rounded coarsely count when every value their rounding allows cuts to it
    (25.96万 ÷ 63.68万 is 40.755%–40.777%: 40.7% whichever it is)."""
    if any(f.qualifier or f.chinese for f in inputs) or stated.qualifier:
        return False
    if not all(_precise(f) for f in inputs):
        return _cut_throughout(form, inputs, stated)
    nominal = [read(f).nominal for f in inputs]
    if form.divisor is None or nominal[form.divisor] <= 0:
        return False
    value = form.fn(nominal)
    reading = read(stated)
    unit = reading.unit
    cut = (value // unit) * unit
    return bool(cut == reading.nominal and value != reading.nominal)


def _cut_throughout(form: Form, inputs: Sequence[Figure], stated: Figure) -> bool:
    value = computed(form, [bounds(f) for f in inputs])
    if value is None or value[0] <= 0:
        return False
    unit = read(stated).unit
    return (value[0] // unit) * unit == (value[1] // unit) * unit == read(stated).nominal


def _precise(figure: Figure) -> bool:
    """Printed in full (whole, unscaled), or to so many digits that its rounding moves a rate
    by far less than the stated rate's last digit (806.14亿元 ÷ 2553.98亿元 is 31.56% at any
    reading of them): the cut of its quotient is what it is."""
    if not figure.decimals and figure.scale == 1:
        return True
    reading = read(figure)
    return reading.nominal > 0 and reading.unit / reading.nominal <= PRECISE


def fit_whole(rates: Sequence[Figure]) -> Fit | None:
    """How rates that should make up a whole (66% + 27% + 7%) fit 100%: exact or a slip."""
    readings = [_reading(f) for f in rates] + [(Q(1), Q(1), Q(0))]
    if _holds(SUM, readings):
        return "exact"
    if any(_holds(SUM, readings, (frozenset({i}), step)) for i, f in enumerate(rates) if not f.qualifier for step in (1, -1)):
        return "slip"
    return None


def restated(figure: Figure, total: Figure) -> bool:
    """The total printed again more coarsely (31万亿元 after 31.08万亿元), or more finely."""
    if figure is total or figure.decimals == total.decimals:
        return False
    lo, hi = bounds(figure)
    t_lo, t_hi = bounds(total)
    return lo <= t_hi and t_lo <= hi
