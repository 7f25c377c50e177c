"""Parts each printed with their share of one unprinted whole: every pair implies the same whole.

A list names each member with its count and its share, and prints no whole:

    甲族人口占总人口的55%（1502万人）、乙族12.9%（353万人）、丙族24%（655万人）、丁族0.9%（289万人）

Each pair implies a whole, count ÷ share, known within the rounding of both figures: 1502万 ÷
55% is 2705万 to 2757万. Shares of one whole imply overlapping wholes; a pair whose whole
lies apart from the one the others agree on is misprinted (289万 ÷ 0.9% is over 3亿). This is
the arithmetic of the list alone: no word, no printed whole and no exhaustive list is needed.
Lists whose shares make 100% are read more strictly by pairs.py; a share that the proportion
kind already read against a printed whole is left to it.

## Precision
Three pairs or more must agree on one whole, to within WIDE of it, before a fourth is
judged against them; shares of different wholes (exports' and imports') rarely agree so by
chance. The agreeing shares together make no more than 100%, and a list with a negative rate in it is
one of changes (同比: 2.2%, -10.4%), not of shares. Each relation is a warning:
the list may mix wholes (a member's share of its own group), which the arithmetic cannot see.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from auditor.discover.fit import Bounds, bounds
from auditor.discover.pairs import pair
from auditor.discover.relation import Relation
from auditor.discover.scope import Paragraph, countable
from auditor.discover.text import OF_WHICH, Page, between, measure, printed
from auditor.evaluate.rational import Q
from auditor.model import Figure

AGREE = 3  # pairs agreeing on one whole before another is judged against it
WIDE = Q(3, 100)  # the agreed whole known to within 3%: coarse shares agree too easily
MAX_PAIRS = 12
# 55%（1502万人）, 16.4%或249亿令吉, 占24%，即655万人: the count right after its share.
RATE_THEN_COUNT = re.compile(r"[（(]|或|即|[，,]即|[，,]或")
CLOSE = re.compile(r"\s*[）)]")

Pair = tuple[Figure, Figure]  # (count, share)


def find(page: Page, scopes: list[Paragraph], growth: Callable[[Figure], bool], read: set[str]) -> list[Relation]:
    """Relations of every pair of a list with three or more others agreeing on one whole.
    `read`: the ids of shares other kinds already tie to a whole."""
    found = []
    for paragraph in scopes:
        for run in _runs(page, paragraph, growth):
            run = [(count, rate) for count, rate in run if rate.id not in read]
            if AGREE <= len(run) <= MAX_PAIRS:
                found += _judged(page, run)
    return found


def _runs(page: Page, paragraph: Paragraph, growth: Callable[[Figure], bool]) -> list[list[Pair]]:
    """Runs of pairs of one measure, broken by any other share between them."""
    runs: list[list[Pair]] = [[]]
    figures = [f for f in paragraph.figures if not (f.unit == "%" and growth(f))]
    used: set[str] = set()
    for first, second in zip(figures, figures[1:]):
        pair = _paired(page, first, second)
        if pair is None:
            if first.unit == "%" and first.id not in used:
                runs.append([])  # a share of no count: the list ends
            continue
        run = runs[-1]
        if run and measure(run[-1][0]) != measure(pair[0]):
            runs.append(run := [])
        run.append(pair)
        used |= {first.id, second.id}
    # A column with a negative rate in it is a column of changes (同比增幅: 2.20%, -10.40%):
    # none of its rates is a share, and a negative one bounds no whole.
    return [run for run in runs if len(run) >= AGREE and all(rate.value > 0 for _, rate in run)]


def _paired(page: Page, first: Figure, second: Figure) -> Pair | None:
    if pair(page, first, second):
        return first, second
    if _share(second) or not _share(first) or not countable(second) or second.kind not in ("count", "amount"):
        return None
    if second.qualifier or second.value <= 0 or not RATE_THEN_COUNT.fullmatch(between(page.text, first, second)):
        return None
    opened = between(page.text, first, second).startswith(("（", "("))
    if opened and not CLOSE.match(page.text, second.span.end):
        return None  # 55%（其中1502万人…）: more than the count in the bracket
    return second, first


def _share(figure: Figure) -> bool:
    return figure.unit == "%" and figure.kind == "percent" and not figure.qualifier and 0 < figure.value < 100


def _whole(pair: Pair) -> Bounds:
    """The whole a pair implies, as (lo, hi): count ÷ share within both roundings."""
    (c_lo, c_hi), (r_lo, r_hi) = bounds(pair[0]), bounds(pair[1])
    return c_lo / r_hi, c_hi / max(r_lo, Q(1, 10 ** 9))


def _agreed(wholes: list[Bounds]) -> Bounds | None:
    lo, hi = max(w[0] for w in wholes), min(w[1] for w in wholes)
    return (lo, hi) if lo <= hi and hi - lo <= WIDE * hi else None


def _judged(page: Page, run: list[Pair]) -> list[Relation]:
    """All pairs when they agree; else the one pair apart from the rest, with the rest."""
    wholes = [_whole(pair) for pair in run]
    # 共有2603人深造，占80.8%；其中2100人在国内，占65.2%…: a list that breaks a member down
    # (其中) counts that member twice, so its shares may pass 100% between them.
    nested = _nested(page, run)
    if _agreed(wholes) is not None and (nested or _within_100(run)):
        return [_relation(page, run, k, wholes, -1) for k in range(len(run))]
    for apart in range(len(run)):
        rest = [w for i, w in enumerate(wholes) if i != apart]
        if _agreed(rest) is not None and (nested or _within_100([p for i, p in enumerate(run) if i != apart])):
            return [_relation(page, run, k, wholes, apart) for k in range(len(run))]
    return []


def _nested(page: Page, run: list[Pair]) -> bool:
    """Whether 其中 opens a breakdown of a member between two pairs of the list."""
    return any(OF_WHICH.search(page.text, a[1].span.end, b[0].span.start) is not None for a, b in zip(run, run[1:]))


def _within_100(run: list[Pair]) -> bool:
    """Shares of one whole make at most 100% together."""
    return sum(bounds(rate)[0] for _, rate in run) <= 1


def _relation(page: Page, run: list[Pair], k: int, wholes: list[Bounds], apart: int) -> Relation:
    """Pair k against the agreeing pair whose implied whole is known best (not itself, not the
    pair apart)."""
    ref = min((i for i in range(len(run)) if i not in (k, apart)), key=lambda i: (wholes[i][1] - wholes[i][0]) / wholes[i][1])
    (count, rate), (ref_count, ref_rate) = run[k], run[ref]
    title = f"{printed(count)} ÷ ({printed(ref_count)} ÷ {printed(ref_rate)}) ≈ {printed(rate)}"
    note = "shares of one whole: each count over its share implies the same whole"
    return Relation("proportion", (count, ref_count, ref_rate, rate), ("x0 / x1 * x2 == x3",), "medium",
                    page.sentence(rate).evidence(), title, note)
