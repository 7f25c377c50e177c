"""An average or a price per unit that one stated amount divided by a stated count gives, found
by the arithmetic.

## What it finds
A figure the words call an average or a price per thing (平均, 均价, 人均, 单价, 每股, 每人 …)
and two figures of its paragraph whose quotient it is, whatever else the words say:
14只产品发行份额合计达311.24亿份，平均发行份额为22.23亿份 (311.24 ÷ 14); 乘用车出口13.89亿美元，
出口量20.30万辆，平均单价6842美元 (13.89亿 ÷ 20.30万). The amount is in the average's own unit
(份, 美元), at any scale; the count is a count of things (只, 辆, 人, 股 …).

A price per unit of measure (4764元/㎡, 每吨2500元) is the quotient of an amount in its
currency and a measure in that unit (0.4132亿元 ÷ 0.8674万㎡) printed before it in its section,
lines apart as housing and harvest reports print them: the units tie the three.

## Why
Averages and unit prices are divisions nobody redoes: a slip in the total, the count or the
average shows only in their quotient.

## Passing example
14只产品发行份额合计达311.24亿份，平均发行份额为22.23亿份.

## Failing example
14只产品发行份额合计达311.24亿份，平均发行份额为22.24亿份.

## Precision
The average must have three significant digits or more, trailing zeros not counted (6600元
may be 6567 rounded to the hundred), and exactly one pair of the
paragraph must give it within rounding (or, when none does, exactly one pair one slip of a
last digit away). Approximate figures (约, 超过, 多) take part only in an exact fit. An
average whose pair is in its own sentence can fail the gate; one with its pair further off
in the paragraph is a warning. Averages another kind has read (人均 in `annual`, 日均 in
`average`) are left to it.
"""
from __future__ import annotations

import re

from auditor.discover.fit import RATIO, fit
from auditor.discover.relation import Relation
from auditor.discover.scope import paragraphs
from auditor.discover.text import Page, clause_before, measure, measure_of, printed
from auditor.model import Figure

# 每 before anything but a period (每年, 每月: a rate in time is no average of a count).
CUE = re.compile(r"(?:平均|均价|人均|户均|单价|每(?![年月日天周季小分秒]))[^，,。；;\d]{0,10}$")
COUNTERS = frozenset({"人", "名", "位", "户", "家", "个", "只", "辆", "台", "套", "宗", "件", "例", "张", "股", "项", "所",
                      "座", "艘", "架", "部", "本", "份", "次", "人次", "批"})
MIN_DIGITS = 3
REACH = 16  # characters before the average where its cue may be
# A price per unit of measure, printed after it (4764元/㎡) or before it (每平方米4764元): the
# divisor is a figure in that unit, and the dividend one in the price's own.
PER_UNITS = r"平方米|㎡|m²|平方公尺|公吨|吨|噸|公斤|千克|斤|亩|公顷|千瓦时"
PER_AFTER = re.compile(rf"\s*[/／]\s*({PER_UNITS})")
PER_BEFORE = re.compile(rf"每({PER_UNITS})[^，,。；;\d]{{0,6}}$")
# 平均每个家庭户的人口为2.66人: the average names what is counted (家庭户) and what is shared out
# (人口), and so the count (共有家庭户275307户) and the amount (家庭户人口为777901人) it divides.
NAMED = re.compile(r"平均每(?:个|個)?(?P<per>[\u4e00-\u9fff]{2,5}?)(?:的|之)(?P<what>[\u4e00-\u9fff]{2,4}?)(?:数)?(?:为|是|达|约为)?$")
PER_REACH = 1500  # characters before a price per unit where its amount and measure may be printed


def find(page: Page) -> list[Relation]:
    found = []
    for paragraph in paragraphs(page):
        figures = paragraph.figures
        for average in figures:
            per = _per(page, average)
            if per is not None:
                relation = _per_pair(page, average, per)
            elif _averaged(page, average):
                relation = _pair(page, figures, average) or _named_pair(page, figures, average)
            else:
                continue
            if relation is not None:
                found.append(relation)
    return found


def _per(page: Page, figure: Figure) -> str | None:
    """The unit of measure a price is per (㎡ of 4764元/㎡), or None."""
    if figure.kind != "amount" or figure.chinese or figure.value <= 0 or _significant(figure) < MIN_DIGITS:
        return None
    after = PER_AFTER.match(page.text, figure.span.end)
    if after is not None:
        return measure_of(after.group(1))
    before = PER_BEFORE.search(page.text, max(page.lo, figure.span.start - REACH), figure.span.start)
    return measure_of(before.group(1)) if before is not None else None


def _per_pair(page: Page, price: Figure, per: str) -> Relation | None:
    """销售金额0.4132亿元 … 面积0.8674万㎡ … 均价4764元/㎡: the one pair of an amount in the price's
    unit and a measure in the unit it is per, printed before it in its section, that gives it.
    The units tie the three as the words tie an average; the arithmetic chooses the pair."""
    pool = [f for f in page.figures if price.span.start - PER_REACH <= f.span.start < price.span.start
            and not f.chinese and f.value > 0]
    amounts = [f for f in pool if measure(f) == measure(price) and f.kind == price.kind and f.value > price.value
               and _per(page, f) is None]
    measures = [f for f in pool if measure(f) == per]
    return _chosen(page, price, [(a, m) for a in amounts for m in measures])


def _averaged(page: Page, figure: Figure) -> bool:
    if figure.kind not in ("amount", "count") or figure.chinese or _significant(figure) < MIN_DIGITS or figure.value <= 0:
        return False
    sentence = page.sentence(figure)
    return CUE.search(page.text, max(sentence.start, figure.span.start - REACH), figure.span.start) is not None


def _significant(figure: Figure) -> int:
    # 每名成员平均亏损6600元 (308亿 ÷ 469万 = 6567): trailing zeros may be rounding, not digits.
    written = figure.number.replace(".", "").lstrip("0")
    return len(written) if "." in figure.number else len(written.rstrip("0"))


def _pair(page: Page, figures: tuple[Figure, ...], average: Figure) -> Relation | None:
    amounts = [f for f in figures if f is not average and measure(f) == measure(average) and f.kind == average.kind
               and f.value > average.value and not f.chinese]
    counts = [f for f in figures if f is not average and f.kind == "count" and f.unit in COUNTERS
              and f.unit != average.unit and f.value > 1 and not f.chinese]
    return _chosen(page, average, [(a, c) for a in amounts for c in counts])


def _named_pair(page: Page, figures: tuple[Figure, ...], average: Figure) -> Relation | None:
    """The count and the amount an average names (平均每个家庭户的人口 of 家庭户275307户 and 家庭户
    人口777901人), each the one figure of its paragraph before it whose clause ends with that
    name, whether or not they fit: the words tie the three, so a discrepancy is a warning."""
    named = NAMED.search(clause_before(page, average))
    if named is None:
        return None
    per, what = named.group("per"), named.group("what")
    before = [f for f in figures if f.span.end <= average.span.start and not f.chinese and f.value > 0]
    counts = [f for f in before if f.kind == "count" and f.unit in COUNTERS and f.unit != average.unit
              and _names(page, f, per)]
    amounts = [f for f in before if measure(f) == measure(average) and f.kind == average.kind
               and f.value > average.value and _names(page, f, what)]
    if len(counts) != 1 or len(amounts) != 1:
        return None
    amount, count = amounts[0], counts[0]
    return Relation("quotient", (amount, count, average), ("x0 / x1 == x2",), "medium",
                    page.sentence(average).evidence(), f"{printed(amount)} ÷ {printed(count)} ≈ {printed(average)}")


def _names(page: Page, figure: Figure, name: str) -> bool:
    """The figure's clause ends with the name, perhaps then 为, 是 or 有 (家庭户人口为)."""
    return re.sub(r"(?:为|是|有|达|共)+$", "", clause_before(page, figure)).endswith(name)


def _chosen(page: Page, average: Figure, pairs: list[tuple[Figure, Figure]]) -> Relation | None:
    """The one pair whose quotient the average is: exactly, or, when none is, one slip away."""
    sentence = page.sentence(average)
    # In the average's own sentence the words tie the three: a slip in a coarse total counts.
    fits = [(how, amount, count) for amount, count in pairs
            if (how := fit(RATIO, (amount, count), average, bound=sentence.holds(amount, count))) in ("exact", "slip")
            and (how == "exact" or not (amount.qualifier or count.qualifier))]
    exact = [(a, c) for how, a, c in fits if how == "exact"]
    chosen = exact or [(a, c) for _, a, c in fits]
    if len({(a.number, a.scale, c.number, c.scale) for a, c in chosen}) != 1:
        return None  # none, or several pairs: the arithmetic does not say which
    amount, count = chosen[-1]
    return Relation("quotient", (amount, count, average), ("x0 / x1 == x2",),
                    "high" if sentence.holds(amount, count) else "medium",
                    sentence.evidence(), f"{printed(amount)} ÷ {printed(count)} ≈ {printed(average)}")
