"""A stated daily or monthly average matches the total over its period.

## What it finds
日均 / 月均 figures with a total of the same unit earlier in the sentence and a year as the
period: 去年净增高新技术企业达3489家 … 日均新增约10家 (3489 ÷ 365 ≈ 9.6, about 10).

## Why
Averages are computed by hand and often over the wrong number of days.

## Passing example
全年接待游客36500人次，日均100人次.

## Failing example
全年接待游客36500人次，日均120人次.

## Precision
Only a year-long total is averaged (365 or 366 days, either accepted; 12 months), and only
within one sentence; a bound (超7000亿元, 逾3000家) is no total.
"""
from __future__ import annotations

import re

from auditor.discover.relation import Relation
from auditor.discover.text import Page, printed, same_measure

PER = re.compile(r"(日均|月均)[^，,。；;]{0,8}$")
ABOUT = ("约", "約", "左右", "大约", "大約")
YEAR = re.compile(r"全年|去年|今年以来|\d{4}年|一年")


def find(page: Page) -> list[Relation]:
    found = []
    for average in page.quantities():
        match = PER.search(average.context)
        if not match:
            continue
        sentence = page.sentence(average)
        # A bound (总市值超7000亿元) is no total to average: only a figure stated as a value.
        totals = [f for f in sentence.figures if f.span.end <= average.span.start and same_measure(f, average)
                  and f.value > average.value and f.qualifier in ("", *ABOUT)]
        if not totals or not YEAR.search(sentence.compact()):
            continue
        total = totals[-1]
        exprs = ("x0 / 365 == x1", "x0 / 366 == x1") if match.group(1) == "日均" else ("x0 / 12 == x1",)
        found.append(Relation("average", (total, average), exprs, "high", sentence.evidence(),
                              f"{printed(total)} ÷ {exprs[0].split('/')[1].split('==')[0].strip()} ≈ {printed(average)}"))
    return found

