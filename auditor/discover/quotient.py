"""An average or a price per unit that one stated amount divided by a stated count gives, found
by the arithmetic.

## What it finds
A figure the words call an average or a price per thing (平均, 均价, 人均, 单价, 每股, 每人 …)
and two figures of its paragraph whose quotient it is, whatever else the words say:
14只产品发行份额合计达311.24亿份，平均发行份额为22.23亿份 (311.24 ÷ 14); 乘用车出口13.89亿美元，
出口量20.30万辆，平均单价6842美元 (13.89亿 ÷ 20.30万). The amount is in the average's own unit
(份, 美元), at any scale; the count is a count of things (只, 辆, 人, 股 …).

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
from auditor.discover.text import Page, measure, printed
from auditor.model import Figure

# 每 before anything but a period (每年, 每月: a rate in time is no average of a count).
CUE = re.compile(r"(?:平均|均价|人均|户均|单价|每(?![年月日天周季小分秒]))[^，,。；;\d]{0,10}$")
COUNTERS = frozenset({"人", "名", "位", "户", "家", "个", "只", "辆", "台", "套", "宗", "件", "例", "张", "股", "项", "所",
                      "座", "艘", "架", "部", "本", "份", "次", "人次", "批"})
MIN_DIGITS = 3
REACH = 16  # characters before the average where its cue may be


def find(page: Page) -> list[Relation]:
    found = []
    for paragraph in paragraphs(page):
        figures = paragraph.figures
        for average in figures:
            if not _averaged(page, average):
                continue
            relation = _pair(page, figures, average)
            if relation is not None:
                found.append(relation)
    return found


def _averaged(page: Page, figure: Figure) -> bool:
    # 每名成员平均亏损6600元 (308亿 ÷ 469万 = 6567): trailing zeros may be rounding, not digits.
    written = figure.number.replace(".", "").lstrip("0")
    significant = len(written) if "." in figure.number else len(written.rstrip("0"))
    if figure.kind not in ("amount", "count") or figure.chinese or significant < MIN_DIGITS or figure.value <= 0:
        return False
    sentence = page.sentence(figure)
    return CUE.search(page.text, max(sentence.start, figure.span.start - REACH), figure.span.start) is not None


def _pair(page: Page, figures: tuple[Figure, ...], average: Figure) -> Relation | None:
    amounts = [f for f in figures if f is not average and measure(f) == measure(average) and f.kind == average.kind
               and f.value > average.value and not f.chinese]
    counts = [f for f in figures if f is not average and f.kind == "count" and f.unit in COUNTERS
              and f.unit != average.unit and f.value > 1 and not f.chinese]
    sentence = page.sentence(average)
    # In the average's own sentence the words tie the three: a slip in a coarse total counts.
    fits = [(how, amount, count) for amount in amounts for count in counts
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
