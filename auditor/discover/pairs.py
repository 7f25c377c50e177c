"""Counts each printed with its share, the shares making 100%: each share is its count over
the counts' sum (used by the proportion kind).

An election or a survey lists every side with its votes and its rate, and prints no total:

    甲获558万6019票、得票率40.05%；乙以467万1021票、得票率33.49%居第二；丙拿下369万466票、得票率26.46%

The form says what the rates are of. When the rates of two or more such pairs add up to 100%
(within their rounding, or one slip of one rate away), the pairs are the whole list, so each
rate is its count over the sum of the counts: no word and no total need be printed. Each pair
is checked when every other pair fits exactly; a rate one slip off is then a misprint.
"""
from __future__ import annotations

import re
from itertools import pairwise

from auditor.discover.fit import fit_whole
from auditor.discover.relation import Relation
from auditor.discover.scope import Paragraph, countable
from auditor.discover.text import Page, between, measure, printed
from auditor.evaluate.rational import Q
from auditor.evaluate.semantics import read
from auditor.model import Figure

# Between a count and its rate: a bracket, or a comma or 、 and a few words naming the rate
# (the page's text has 佔, 為, 達 read as 占, 为, 达 already).
JOIN = re.compile(r"[（(]|[，,、]?[\u4e00-\u9fff]{0,4}(?:率|占|比例)?(?:为|是|达)?")
NAME = 8
CHANGE = re.compile(r"增|减|減|降|升|涨|漲|跌|同比|环比|較|较|比")


def find(page: Page, paragraph: Paragraph) -> list[Relation]:
    found = []
    for run in _runs(page, paragraph):
        rates = [rate for _, rate in run]
        if fit_whole(rates) is None or any(r.decimals < 1 for r in rates):
            continue  # rates printed to whole points fit 100% too easily
        counts = [count for count, _ in run]
        if sum(1 for count, rate in run if _fits(count, counts, rate)) < len(run) - 1:
            continue
        found += [_relation(page, paragraph, counts, i, rate) for i, rate in enumerate(rates)]
    return found


def _runs(page: Page, paragraph: Paragraph) -> list[list[tuple[Figure, Figure]]]:
    """Maximal runs of (count, rate) pairs of one measure, each rate right after its count."""
    runs: list[list[tuple[Figure, Figure]]] = []
    run: list[tuple[Figure, Figure]] = []
    figures = paragraph.figures
    for count, rate in pairwise(figures):
        if not _pair(page, count, rate):
            continue
        if run and measure(run[-1][0]) != measure(count):
            runs.append(run)
            run = []
        run.append((count, rate))
    runs.append(run)
    return [r for r in runs if len(r) >= 2 and _unbroken(paragraph, r)]


def _pair(page: Page, count: Figure, rate: Figure) -> bool:
    gap = between(page.text, count, rate)
    return (countable(count) and count.kind in ("count", "amount") and not count.qualifier and count.value > 0
            and rate.unit == "%" and rate.kind == "percent" and not rate.qualifier
            and len(gap) <= NAME and JOIN.fullmatch(gap) is not None and not CHANGE.search(gap))


def _unbroken(paragraph: Paragraph, run: list[tuple[Figure, Figure]]) -> bool:
    """No other rate between the first pair and the last: the run is one list."""
    inside = {f.id for pair in run for f in pair}
    first, last = run[0][0].span.start, run[-1][1].span.start
    return not any(f.unit == "%" and f.id not in inside and first < f.span.start < last for f in paragraph.figures)


def _fits(count: Figure, counts: list[Figure], rate: Figure) -> bool:
    """count ÷ (sum of counts) within every figure's rounding, against the rate's."""
    lo, hi = read(count).hard.lo, read(count).hard.hi
    rest = [read(c).hard for c in counts if c is not count]
    rest_lo, rest_hi = sum((r.lo for r in rest), Q(0)), sum((r.hi for r in rest), Q(0))
    if lo + rest_hi <= 0:
        return False
    low, high = lo / (lo + rest_hi), hi / (hi + rest_lo)
    stated = read(rate).hard
    return low <= stated.hi and stated.lo <= high


def _relation(page: Page, paragraph: Paragraph, counts: list[Figure], i: int, rate: Figure) -> Relation:
    others = [c for k, c in enumerate(counts) if k != i]
    figures = (counts[i], *others, rate)
    expr = f"x0 / ({' + '.join(f'x{k}' for k in range(len(counts)))}) == x{len(counts)}"
    title = f"{printed(counts[i])} ÷ ({' + '.join(printed(c) for c in counts)}) ≈ {printed(rate)}"
    return Relation("proportion", figures, (expr,), "high", paragraph.sentence(rate).evidence(), title)
