"""A stated difference matches the two values it compares.

## What it finds
* A 比 B 多/少/高出 X, with A, B and X in one sentence and of one unit;
* 由 A 增加到 B，增加 X (B − A = X).

## Why
A difference is a subtraction the reader can redo, and so can we.

## Passing example
城镇居民人均收入42000元，比农村居民的18000元多24000元.

## Failing example
城镇居民人均收入42000元，比农村居民的18000元多25000元.

## Precision
All three figures must share a unit and sit in one sentence, in that order; the difference
is checked in size only (|A − B| = X), so a reversed comparison is never an alarm.
"""
from __future__ import annotations

import re

from auditor.discover.relation import Relation
from auditor.discover.text import Page, between, same_measure
from auditor.model import Figure

DIFFERENCE = re.compile(r"(多|少|高出|高|低|增加|减少|净增|差)了?$")


def find(page: Page) -> list[Relation]:
    found = []
    for sentence in page.sentences:
        figures = [f for f in sentence.figures if f.is_quantity and f.unit not in ("%", "个百分点", "倍")]
        for i in range(2, len(figures)):
            a, b, x = figures[i - 2], figures[i - 1], figures[i]
            if not (same_measure(a, b) and same_measure(b, x)) or not DIFFERENCE.search(x.context):
                continue
            if not re.search(r"比|较|到|至", between(page.text, a, b) + b.context):
                continue
            found.append(Relation("difference", (a, b, x), ("abs(x0 - x1) == x2",), "high",
                                  sentence.evidence(), f"|{_short(a)} − {_short(b)}| = {_short(x)}"))
    return found


def _short(figure: Figure) -> str:
    return "".join(figure.text.split())
