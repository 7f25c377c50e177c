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
from dataclasses import dataclass
from fractions import Fraction

from auditor.discover.relation import Relation
from auditor.discover.text import Page, compact, printed
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
PER = re.compile(r"\s*/\s*(?P<unit>平方公里|平方千米|平方米|立方米|公顷|公斤|千克|公里|千米|厘米|毫米|毫升|市斤|公吨|[亩斤吨克米升]|[\u4e00-\u9fff]{1,2})")
# What may stand between a quantity and its restatement: a bracket, or a word that says so.
RESTATED = re.compile(r"[（(](?:约|約)?|[，,]?(?:折合|约合|約合|合|即|相当于|相當於)(?:约|約)?(?:为|為)?[（(]?")


def find(page: Page) -> list[Relation]:
    found = []
    for sentence in page.sentences:
        quantities = [(f, _per(page, f)) for f in sentence.figures if f.unit in SIZES]
        for (a, per_a), (b, per_b) in zip(quantities, quantities[1:]):
            factor = _factor(a, b, per_a, per_b)
            gap = compact(page.text[a.span.end + len(per_a.match) if per_a else a.span.end:b.span.start])
            if factor is None or not gap or not RESTATED.fullmatch(gap) or a.chinese or b.chinese:
                continue
            expr = f"x0 * {factor.numerator} == x1" if factor.denominator == 1 else \
                f"x0 * {factor.numerator} / {factor.denominator} == x1"
            # A converted figure is rounded, whole or not (5720公斤/公顷 is 381.3公斤/亩, printed 381).
            found.append(Relation("repeated", (a, b), (expr,), "high", sentence.evidence(),
                                  f"{printed(a)}{per_a.shown} = {printed(b)}{per_b.shown}",
                                  f"1{a.unit}{per_a.shown} = {_shown(factor)}{b.unit}{per_b.shown}", averaged=True))
    return found


@dataclass(frozen=True)
class Per:
    """The unit a figure is per, printed right after it (5720公斤/公顷): "" for none, "?" for
    one of no fixed size (公里/小时); `match` is the text it took."""

    unit: str = ""
    match: str = ""

    def __bool__(self) -> bool:
        return bool(self.unit)

    @property
    def shown(self) -> str:
        return f"/{self.unit}" if self.unit else ""


def _factor(a: Figure, b: Figure, per_a: Per, per_b: Per) -> Fraction | None:
    """How many of b's unit make one of a's, when they measure one thing in two units; a unit
    per another (公斤/公顷 and 公斤/亩, a yield) converts both."""
    (measure_a, size_a), (measure_b, size_b) = SIZES[a.unit], SIZES[b.unit]
    if measure_a != measure_b or bool(per_a) != bool(per_b) or (a.unit, per_a.unit) == (b.unit, per_b.unit) \
            or "?" in (per_a.unit, per_b.unit):
        return None
    if per_a:
        (over_a, below_a), (over_b, below_b) = SIZES[per_a.unit], SIZES[per_b.unit]
        if over_a != over_b:
            return None
        return size_a / size_b * below_b / below_a
    return size_a / size_b


def _per(page: Page, figure: Figure) -> Per:
    match = PER.match(page.text, figure.span.end)
    if not match:
        return Per()
    unit = match.group("unit")
    return Per(unit if unit in SIZES else "?", match.group())


def _shown(factor: Fraction) -> str:
    return str(factor.numerator) if factor.denominator == 1 else f"{float(factor):g}"
