"""A quantity restated in another unit of its measure agrees with itself (used by the repeated kind).

Statistics and farm news print a quantity in two units side by side: 播种面积11606.4万公顷
（174096万亩）, 粮食总产量6.1368亿吨（12274亿斤）, 折合2736万亩. The second is the first times a
fixed factor (1公顷 = 15亩, 1吨 = 2000斤 = 1000公斤), so a slip, a dropped digit or a unit
misnamed (亿斤 printed as 亿公斤) shows as a restatement off by that factor's error. Only
units whose factor is fixed by definition are read; currencies are not, their rates move.

The two must be printed one right after the other in one sentence, the second in brackets
or after a word of restatement (折合, 约合, 合, 即, 相当于), so that the words say they are one
quantity; the arithmetic then checks the factor, rounding-aware as every check is.
"""
from __future__ import annotations

import re
from fractions import Fraction

from auditor.discover.relation import Relation
from auditor.discover.text import Page, between, compact, printed
from auditor.model import Figure

# Each unit's size in its measure's base unit (square metres, grams, metres, litres).
SIZES: dict[str, tuple[str, Fraction]] = {
    "平方米": ("area", Fraction(1)), "亩": ("area", Fraction(10000, 15)), "公顷": ("area", Fraction(10000)),
    "平方公里": ("area", Fraction(10 ** 6)), "平方千米": ("area", Fraction(10 ** 6)),
    "克": ("mass", Fraction(1)), "公斤": ("mass", Fraction(1000)), "千克": ("mass", Fraction(1000)),
    "斤": ("mass", Fraction(500)), "市斤": ("mass", Fraction(500)), "吨": ("mass", Fraction(10 ** 6)),
    "公吨": ("mass", Fraction(10 ** 6)),
    "米": ("length", Fraction(1)), "公里": ("length", Fraction(1000)), "千米": ("length", Fraction(1000)),
    "厘米": ("length", Fraction(1, 100)), "毫米": ("length", Fraction(1, 1000)),
    "升": ("volume", Fraction(1)), "立方米": ("volume", Fraction(1000)), "毫升": ("volume", Fraction(1, 1000)),
}
# What may stand between a quantity and its restatement: a bracket, or a word that says so.
RESTATED = re.compile(r"[（(](?:约|約)?|[，,]?(?:折合|约合|約合|合|即|相当于|相當於)(?:约|約)?(?:为|為)?[（(]?")


def find(page: Page) -> list[Relation]:
    found = []
    for sentence in page.sentences:
        quantities = [f for f in sentence.figures if f.unit in SIZES]
        for a, b in zip(quantities, quantities[1:]):
            factor = _factor(a, b)
            gap = compact(between(page.text, a, b))
            if factor is None or not gap or not RESTATED.fullmatch(gap) or a.chinese or b.chinese:
                continue
            expr = f"x0 * {factor.numerator} == x1" if factor.denominator == 1 else \
                f"x0 * {factor.numerator} / {factor.denominator} == x1"
            found.append(Relation("repeated", (a, b), (expr,), "high", sentence.evidence(),
                                  f"{printed(a)} = {printed(b)}", f"1{a.unit} = {_shown(factor)}{b.unit}"))
    return found


def _factor(a: Figure, b: Figure) -> Fraction | None:
    """How many of b's unit make one of a's, when they measure one thing in two units."""
    (measure_a, size_a), (measure_b, size_b) = SIZES[a.unit], SIZES[b.unit]
    if measure_a != measure_b or a.unit == b.unit:
        return None
    return size_a / size_b


def _shown(factor: Fraction) -> str:
    return str(factor.numerator) if factor.denominator == 1 else f"{float(factor):g}"
