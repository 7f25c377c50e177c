"""Counts each printed with its share, the shares making 100%: each share is its count over
the counts' sum (used by the proportion kind).

An election or a survey lists every side with its votes and its rate, and prints no total:

    甲获558万6019票、得票率40.05%；乙以467万1021票、得票率33.49%居第二；丙拿下369万466票、得票率26.46%

The form says what the rates are of. When the rates of two or more such pairs add up to 100%
(within their rounding, or one slip of one rate away), the pairs are the whole list, so each
rate is its count over the sum of the counts: no word and no total need be printed. The pairs
are checked when every pair fits, or would after undoing one last-digit slip in one count or
one rate; a count misprinted by one moves every rate at once, so "all but one pair fit" is
too narrow a test for it.
"""
from __future__ import annotations

import re
from itertools import pairwise

from auditor.discover.fit import Bounds, bounds, fit_whole
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


def find(page: Page, paragraph: Paragraph) -> tuple[list[Relation], set[str]]:
    """The relations, and the ids of every rate of a list making 100%: each is of the list's
    sum, checked or not (counts cut to the 万 may fit no reading), and of no other whole."""
    found, listed = [], set()
    for run in _runs(page, paragraph):
        rates = [rate for _, rate in run]
        if fit_whole(rates) is None or any(r.decimals < 1 for r in rates):
            continue  # rates printed to whole points fit 100% too easily
        listed |= {r.id for r in rates}
        counts = [count for count, _ in run]
        # A slip is read only among counts printed in full: 165万票 may be 1,658,977 cut off,
        # which no rate a count apart explains.
        if not _all_fit(counts, rates) and not (all(_whole(c) for c in counts) and any(
                _all_fit(counts, rates, (i, step)) for i in range(2 * len(run)) for step in (1, -1))):
            continue
        found += [_relation(page, paragraph, counts, i, rate) for i, rate in enumerate(rates)]
    return found, listed


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


def _whole(count: Figure) -> bool:
    """A count printed to the unit: 2,946票, 1,931万1,105人, not 165万票."""
    return count.decimals == 0 and read(count).hard.lo == read(count).hard.hi


def _all_fit(counts: list[Figure], rates: list[Figure], shift: tuple[int, int] = (-1, 0)) -> bool:
    """Every count ÷ (sum of counts) within every figure's rounding, against its rate, with
    figure `shift[0]` (the counts, then the rates) moved by `shift[1]` units of its last digit."""
    at, step = shift
    figures = (*counts, *rates)
    if at >= 0 and figures[at].qualifier:
        return False
    ends = [bounds(f, step if i == at else 0) for i, f in enumerate(figures)]
    return all(_fits(k, ends[:len(counts)], ends[len(counts) + k]) for k in range(len(counts)))


def _fits(k: int, counts: list[Bounds], rate: Bounds) -> bool:
    """count k ÷ (sum of counts) against the rate, both as (lo, hi) bounds."""
    lo, hi = counts[k]
    rest_lo = sum((c[0] for i, c in enumerate(counts) if i != k), Q(0))
    rest_hi = sum((c[1] for i, c in enumerate(counts) if i != k), Q(0))
    if lo + rest_hi <= 0:
        return False
    return lo / (lo + rest_hi) <= rate[1] and rate[0] <= hi / (hi + rest_lo)


def _relation(page: Page, paragraph: Paragraph, counts: list[Figure], i: int, rate: Figure) -> Relation:
    others = [c for k, c in enumerate(counts) if k != i]
    figures = (counts[i], *others, rate)
    expr = f"x0 / ({' + '.join(f'x{k}' for k in range(len(counts)))}) == x{len(counts)}"
    title = f"{printed(counts[i])} ÷ ({' + '.join(printed(c) for c in counts)}) ≈ {printed(rate)}"
    return Relation("proportion", figures, (expr,), "high", paragraph.sentence(rate).evidence(), title)
