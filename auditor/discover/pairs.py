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

A market-share report prints the same list one member a line, with a change rate after each
share (华为以4150万台的出货量…占据了42%的市场份额，同比大涨64.6%); the run goes on across such
lines and past the change rates. Where the list's whole is printed just before it, the
proportion kind checks the rates against that whole instead, a stricter test. When only a
rate slip mends a list whose printed rates make exactly 100, the last share was likely
adjusted to make 100: a warning.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

from auditor.discover.fit import SUM, Bounds, bounds, fit, fit_whole
from auditor.discover.relation import Relation
from auditor.discover.scope import Paragraph, countable
from auditor.discover.text import Page, between, measure, printed
from auditor.evaluate.rational import Q
from auditor.evaluate.semantics import read
from auditor.model import Figure

# Between a count and its rate: a comma or 、, a few words, a bracket, and a few words naming
# the rate: 2,310票（得票率30.03%）, 5,383票的一半（69.97%）. The rates making 100% and fitting
# their counts, not these words, decide. (The page's text has 佔, 為, 達 read as 占, 为, 达.)
JOIN = re.compile(r"[，,、]?[\u4e00-\u9fff]{0,4}[（(]?[\u4e00-\u9fff]{0,4}(?:率|占|比例)?(?:为|是|达)?")
NAME = 8
MAX_PAIRS = 12  # members of one list; a longer run is a table, and each relation would name every count
MIN_MOSTLY = 4  # pairs a list needs before two misfits among them are read as misprints
BEFORE = 300  # characters before a list where its printed whole would be
# Or a longer gap that ends in a share word: 以4150万台的出货量称霸国内市场，占据了42%.
SHARE_AFTER = re.compile(r"[^。；;！？]{0,14}(?:份额|份額|占据了?|占|比重|比例|率)(?:为|是|达|约)?")
CHANGE = re.compile(r"增|减|減|降|升|涨|漲|跌|同比|环比|較|较|比")


def find(page: Page, scopes: list[Paragraph], growth: Callable[[Figure], bool]) -> tuple[list[Relation], set[str]]:
    """The relations, and the ids of every rate of a list making 100%: each is of the list's
    sum, checked or not (counts cut to the 万 may fit no reading), and of no other whole.
    `growth` tells a change rate (同比下降18.9%), which sits between pairs and is no member."""
    found, listed = [], set()
    for whole_run in _runs(page, scopes, growth):
        run = _making_100(whole_run)
        if run is None:
            continue
        rates = [rate for _, rate in run]
        counts = [count for count, _ in run]
        if _whole_printed(page, counts):
            continue  # 合计31.08万亿元，其中…15.02万亿元，占48.33%: the rates are of the printed whole
        listed |= {r.id for r in rates}
        confidence = "high"
        if not _all_fit(counts, rates):
            slips = [i for i in _slips(counts, rates) for step in (1, -1) if _all_fit(counts, rates, (i, step))]
            if not slips and not _mostly_fit(counts, rates):
                continue
            if not slips:
                confidence = "medium"  # two rates off: two misprints, or a list misread; a warning
            elif all(i >= len(counts) for i in slips) and sum(r.value for r in rates) == 100:
                confidence = "medium"  # a last share adjusted so the printed rates make 100: a warning
        found += [_relation(page, counts, i, rate, confidence) for i, rate in enumerate(rates)]
    return found, listed


def _making_100(run: list[tuple[Figure, Figure]]) -> list[tuple[Figure, Figure]] | None:
    """The run, or the run without its first or its last pair (a neighbouring line with one
    pair of its own joins a list printed one member a line), whose rates make 100%. A list
    of more than MAX_PAIRS is a table: each relation would name every count."""
    for members in (run, run[1:], run[:-1]):
        rates = [rate for _, rate in members]
        if 2 <= len(members) <= MAX_PAIRS and fit_whole(rates) is not None and _fine(rates):
            return members
    return None


def _runs(page: Page, scopes: list[Paragraph], growth: Callable[[Figure], bool]) -> list[list[tuple[Figure, Figure]]]:
    """Maximal runs of (count, rate) pairs of one measure, each rate right after its count. A
    list printed one member per line (1、甲…；2、乙…) goes on from line to line: a run crosses
    from a paragraph to the next only when each holds exactly one pair."""
    runs: list[list[tuple[Figure, Figure]]] = []
    run: list[tuple[Figure, Figure]] = []
    one_before = False
    for paragraph in scopes:
        members = [f for f in paragraph.figures if _digits(f) and not _change(f, growth)]
        pairs = [(count, rate) for count, rate in pairwise(members) if pair(page, count, rate)]
        if not (one_before and len(pairs) == 1):
            runs.append(run)
            run = []
        for count, rate in pairs:
            if run and measure(run[-1][0]) != measure(count):
                runs.append(run)
                run = []
            run.append((count, rate))
        one_before = len(pairs) == 1
    runs.append(run)
    return [r for r in runs if len(r) >= 2 and _unbroken(page, r, growth)]


def _whole_printed(page: Page, counts: list[Figure]) -> bool:
    """A figure of the counts' measure shortly before them that they add up to: the list's
    whole is printed, and its rates are checked against it by the proportion kind (a stricter
    test than against the counts' sum, which moves with a misprinted count)."""
    before = page.figures_between(max(0, counts[0].span.start - BEFORE), counts[0].span.start)
    return any(measure(f) == measure(counts[0]) and fit(SUM, counts, f) is not None for f in before)


def _fine(rates: list[Figure]) -> bool:
    """Rates printed to whole points fit 100% too easily: every rate has a decimal, but one
    in a list of three or more (占据了42%的市场份额, then 18.3%, 16.6%…)."""
    whole = sum(1 for r in rates if r.decimals < 1)
    return whole == 0 or (whole == 1 and len(rates) >= 3)


def _change(figure: Figure, growth: Callable[[Figure], bool]) -> bool:
    return figure.unit == "%" and growth(figure)


def _digits(figure: Figure) -> bool:
    """Printed in digits: figures in words (一半, 三成) between a count and its bracketed rate
    are claims of their own, not members of the list."""
    return any(c.isdigit() for c in figure.text)


def pair(page: Page, count: Figure, rate: Figure) -> bool:
    gap = between(page.text, count, rate)
    worded = (len(gap) <= NAME and JOIN.fullmatch(gap) is not None) or SHARE_AFTER.fullmatch(gap) is not None
    return (countable(count) and count.kind in ("count", "amount") and not count.qualifier and count.value > 0
            and rate.unit == "%" and rate.kind == "percent" and not rate.qualifier
            and worded and not CHANGE.search(gap))


def _unbroken(page: Page, run: list[tuple[Figure, Figure]], growth: Callable[[Figure], bool]) -> bool:
    """No other rate between the first pair and the last, change rates apart: the run is one list."""
    inside = {f.id for pair in run for f in pair}
    return not any(f.unit == "%" and f.id not in inside and _digits(f) and not _change(f, growth)
                   for f in page.figures_between(run[0][0].span.start, run[-1][1].span.start))


def _slips(counts: list[Figure], rates: list[Figure]) -> range:
    """The figures a slip is read in (the counts, then the rates). Among counts printed in
    full, any; among rounded ones (4150万台), only a rate, and only when cutting every count
    instead of rounding it would move its rate by less than half the rate's last digit:
    165万票 may be 1,658,977 cut off, which moves a 40.05% rate by 0.24 points."""
    if all(_whole(c) for c in counts):
        return range(2 * len(counts))
    if all(_cut_moves(c, r) < Q(1, 2 * 10 ** r.decimals) for c, r in zip(counts, rates)):
        return range(len(counts), 2 * len(counts))
    return range(0)


def _cut_moves(count: Figure, rate: Figure) -> Q:
    """How far the rate moves, in points, when the count is cut rather than rounded."""
    return Q(rate.value) * read(count).unit / Q(count.value)


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


def _mostly_fit(counts: list[Figure], rates: list[Figure]) -> bool:
    """Four or more precise pairs (a slip could be read in them) of which all but two fit as
    printed: the list stands, and the two that miss are each reported. One slip mends only one
    misprint, and a list with two (a real one and another) would otherwise go unchecked."""
    if len(counts) < MIN_MOSTLY or not _slips(counts, rates):
        return False
    ends = [bounds(f, 0) for f in (*counts, *rates)]
    misses = sum(not _fits(k, ends[:len(counts)], ends[len(counts) + k]) for k in range(len(counts)))
    return misses <= 2


def _fits(k: int, counts: list[Bounds], rate: Bounds) -> bool:
    """count k ÷ (sum of counts) against the rate, both as (lo, hi) bounds."""
    lo, hi = counts[k]
    rest_lo = sum((c[0] for i, c in enumerate(counts) if i != k), Q(0))
    rest_hi = sum((c[1] for i, c in enumerate(counts) if i != k), Q(0))
    if lo + rest_hi <= 0:
        return False
    return lo / (lo + rest_hi) <= rate[1] and rate[0] <= hi / (hi + rest_lo)


def _relation(page: Page, counts: list[Figure], i: int, rate: Figure, confidence: str) -> Relation:
    others = [c for k, c in enumerate(counts) if k != i]
    figures = (counts[i], *others, rate)
    expr = f"x0 / ({' + '.join(f'x{k}' for k in range(len(counts)))}) == x{len(counts)}"
    title = f"{printed(counts[i])} ÷ ({' + '.join(printed(c) for c in counts)}) ≈ {printed(rate)}"
    return Relation("proportion", figures, (expr,), confidence, page.sentence(rate).evidence(), title)  # type: ignore[arg-type]
