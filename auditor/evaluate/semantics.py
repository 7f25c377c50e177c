"""What a written figure allows: its hard interval S and soft interval L.

The written form is the precision (GRIM's "x must be a string"; XBRL Calc 1.1's decimals).
See research/numeric-semantics.md §2.1 for the table this implements:

* 6834.7 → ±0.05; 79.2% → ±0.05%; 9473亿 → ±0.5亿; a bare integer count is exact.
* 余/多 → [x, x + one unit of the last non-zero digit].
* 超/逾/突破 assert a hard lower bound, 近 and 不足 a hard upper bound.
* 约/左右 are soft on both sides, except on a rate printed to a decimal (约27.1%), which
  says how it was rounded.
* X成 is X tenths, to the tenth (九成半 to the half tenth, 一成七 to the hundredth).
* A share in words (三分之一, 一半, 过半, 近半) is exactly k/n: plain, it holds only at k/n and
  loosely within half a tenth; 近 allows half a tenth below (a tenth, loosely), as 近五成
  does; 约 half a tenth either side; 超过/过/逾/大 and 以上 anything above, up to the whole;
  不到 anything below. 1/3 is 1/3, never 33.3% ± 0.05%.

S decides `holds`; L, the loose reading, separates `holds-loose` (a note) from `fails`.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from auditor.evaluate.interval import Interval
from auditor.evaluate.rational import ONE, Q, q
from auditor.extract.numerals import share_fraction
from auditor.model import Figure

PERCENT_FACTOR = {"%": Q(1, 100), "‰": Q(1, 1000), "个百分点": Q(1, 100), "成": Q(1, 10)}
MORE = frozenset({"余", "多"})
OVER = frozenset({"超", "超过", "超出", "逾", "突破", "以上", "上", "过", "大"})
NEAR = frozenset({"近", "将近", "接近"})
UNDER = frozenset({"不足", "不到", "以下"})
ABOUT = frozenset({"约", "大约", "左右"})
MEASURED = frozenset({"点", "點"})  # units of a measure printed rounded, whatever its decimals
ABOUT_VERB = re.compile(r"约占[^0-9，。；,;：:]{0,8}$")  # 约占总体73.3%


@dataclass(frozen=True, slots=True)
class Reading:
    """A figure as the evaluator sees it: nominal value, intervals, and its last-digit unit."""

    nominal: Q
    hard: Interval
    soft: Interval
    unit: Q  # one unit of the last written digit, in the same scale as `nominal`


def factor(figure: Figure) -> Q:
    """What the printed number is multiplied by: 万/亿 scale and the percent sign."""
    return _factor(figure.scale, figure.unit)


@lru_cache(maxsize=256)
def _factor(scale: int, unit: str) -> Q:
    return scale * PERCENT_FACTOR.get(unit, ONE)


@lru_cache(maxsize=4096)
def read(figure: Figure, averaged: bool = False) -> Reading:
    """The reading of one figure; cached because rules share figures. `averaged`: the figure
    is an average (人均可支配收入30733元, and each of its parts), worked out by a division
    and rounded, so even a whole number stands for its rounding interval."""
    share = _share_word(figure)
    if share is not None:
        hard, soft = _share_intervals(share, figure.qualifier)
        return Reading(nominal=share, hard=hard, soft=soft, unit=Q(1, 100))
    f = factor(figure)
    x = _exact(figure) * PERCENT_FACTOR.get(figure.unit, ONE)
    u_w, u_nz = _units(figure, f)
    # Index points (收报5,558点，涨147点) are a measure rounded to the point, never a count.
    exact = figure.decimals == 0 and f == 1 and figure.kind != "multiple" and not averaged \
        and figure.unit not in MEASURED
    hard, soft = _intervals(x, u_w, u_nz, figure.qualifier, exact)
    if about_a_rounded_rate(figure):
        soft = hard
    elif _about_through_verb(figure):
        # 約佔總體73.3% for 73.37%: 约 before the verb says the rate was rounded loosely, cut
        # off perhaps; so read, it holds loosely, never as a pass.
        soft = Interval(hard.lo, x + u_w)
    return Reading(nominal=x, hard=hard, soft=soft, unit=u_w)


def about_a_rounded_rate(figure: Figure) -> bool:
    """约27.1%, 減少約24.5%: a rate printed to a decimal says how it was rounded, and 约 adds
    no slack to that (a writer who meant roughly wrote 约27%). Counts in 万 keep their slack:
    约1.5万人 may be 14,600 people."""
    return figure.qualifier in ABOUT and figure.decimals > 0 and figure.unit in PERCENT_FACTOR \
        and figure.unit != "成" and not figure.chinese


def _about_through_verb(figure: Figure) -> bool:
    """A rate printed to a decimal after 约 and its verb (约占总体73.3%; the context is the
    normalized clause before the figure)."""
    return not figure.qualifier and figure.decimals > 0 and figure.unit == "%" \
        and ABOUT_VERB.search(figure.context[-12:]) is not None


def _exact(figure: Figure) -> Q:
    """The figure's value as an exact rational, straight from its digits."""
    if figure.chinese:
        return q(str(figure.value))
    whole, _, frac = figure.number.partition(".")
    return Q(int(whole + frac), 10 ** len(frac)) * figure.scale


STEP = Q(1, 10)  # the step share words are used at: a tenth (一成)


def _share_word(figure: Figure) -> Q | None:
    """The exact share a share word (三分之一, 一半, 过半) stands for; None for other figures."""
    if not figure.chinese or figure.unit != "%":
        return None
    fraction = share_fraction(figure.number)
    return Q(*fraction) if fraction else None


def _share_intervals(x: Q, qualifier: str) -> tuple[Interval, Interval]:
    if qualifier in OVER:
        return Interval(x, max(ONE, x)), Interval(x, math.inf)
    if qualifier in MORE:  # 一半多: a little over half
        return Interval(x, x + STEP), Interval(x, max(ONE, x))
    if qualifier in NEAR:
        return Interval(x - STEP / 2, x), Interval(x - STEP, x)
    if qualifier in UNDER:
        return Interval(min(Q(0), x), x), Interval(-math.inf, x)
    if qualifier in ABOUT:
        return Interval(x - STEP / 2, x + STEP / 2), Interval(x - STEP, x + STEP)
    return Interval(x, x), Interval(x - STEP / 2, x + STEP / 2)


def _units(figure: Figure, f: Q) -> tuple[Q, Q]:
    """One unit of the last written digit, and of the last non-zero digit."""
    if figure.chinese:
        if figure.number.endswith("半"):  # 九成半: to the half tenth
            return Q(1, 2) * f, Q(1, 2) * f
        digits = format((figure.value / figure.scale).normalize(), "f") if figure.value else "0"
        nz = _last_nonzero_unit(digits.lstrip("-"))
        return nz * f, nz * f
    digits = figure.number.lstrip("-")
    written = Q(1, 10**figure.decimals)
    return written * f, _last_nonzero_unit(digits) * f


def _last_nonzero_unit(digits: str) -> Q:
    whole, _, frac = digits.partition(".")
    if frac.rstrip("0"):
        return Q(1, 10 ** len(frac.rstrip("0")))
    stripped = whole.rstrip("0")
    if not stripped:
        return Q(1, 10 ** len(frac)) if frac else ONE
    return Q(10 ** (len(whole) - len(stripped)))


def _intervals(x: Q, u_w: Q, u_nz: Q, qualifier: str,
               exact: bool) -> tuple[Interval, Interval]:
    if qualifier in MORE:
        return Interval(x, x + u_nz), Interval(x, x + u_nz)
    if qualifier in OVER:
        return Interval(x, x + u_nz), Interval(x, math.inf)
    if qualifier in NEAR:
        return Interval(x - u_nz / 2, x), Interval(x - u_nz, x)
    if qualifier in UNDER:
        return Interval(x - u_nz, x), Interval(-math.inf, x)
    if qualifier in ABOUT:
        wide = max(u_nz / 2, u_w)
        return Interval(x - u_w / 2, x + u_w / 2), Interval(x - wide, x + wide)
    if exact:
        return Interval(x, x), Interval(x, x)
    # A plain figure has no loose reading. Unlike the research table, 1600亿 is not widened
    # to the hundreds: a writer who rounded that far writes 约1600亿, and the wider reading
    # let a 71.3% -> 71.4% slip pass as loose.
    hard = Interval(x - u_w / 2, x + u_w / 2)
    return hard, hard
