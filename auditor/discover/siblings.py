"""A rate printed in the same frame as a rate that holds exactly: the frame binds its figures.

    国内游客5.15亿人次，同比减少1.5%，恢复至疫前同期的70.1%，2019年同期为7.82亿人次；
    国内旅游收入3890.61亿元，同比减少4.7%，恢复至疫前同期的59.9%，2019年同期为6497.1亿元。

3890.61 ÷ 6497.1 is 59.9% exactly: the arithmetic has found a frame, a rate with its part two
figures before it and its whole one after. 70.1% sits in the same frame, after the same words
(疫前同期的), so its part and whole are the figures at the same places around it: 5.15 ÷ 7.82,
which is 65.9%, not 70.1%. The frame is what binds them, not a fit, so a rate that no misprint
explains is still checked. This finds the errors an arithmetic search cannot: it proposes only
what fits.

A list frames its rates too: 依次为14,178宗、10,057宗、11,376宗以及9,799宗 … 对比2021年、2020年及
2019年，分别下降14.0%、2.6%及30.9%. Two of the three rates hold exactly against 9,799 and a level
each; the third takes the one level of the list left over (1 − 9,799 ÷ 11,376 = 13.9%).

## Precision
The anchor holds exactly, with three figures, a rate last. The sibling rate is in the anchor
rate's paragraph, in the same unit and to the same decimals, after the same two characters
(within the last three before each), and is no figure of another relation. Its figures sit at the anchor's offsets
among the page's quantities, are alike (one measure) where the anchor's are, and are none of
the anchor's. A listed rate (three or more joined by 、，及 和) is read only when every other
rate of its list holds in one form sharing one figure, and its sentence leaves one level over.
Only a sibling within a quarter of its rate is taken (a frame read wrongly lands
far off), and each is a warning.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace

from auditor.discover.relation import Relation, compiled
from auditor.discover.scope import TIME, alike, paragraphs
from auditor.discover.text import Page, printed
from auditor.evaluate.semantics import PERCENT_FACTOR, read
from auditor.evaluate.verdict import judge as verdict_of
from auditor.model import Figure

ANCHORS = frozenset({"change", "growth", "proportion", "share", "ratio"})
NEAR = 0.25
LIST_JOIN = re.compile(r"\s*(?:、|，|,|及|和|与|以及)\s*")


def find(page: Page, relations: Iterable[Relation], holds: Callable[[Relation], bool]) -> list[Relation]:
    """The rates framed like a rate of the page's relations that `holds` says hold exactly."""
    found = []
    taken = {f.id for r in relations for f in r.figures}
    quantities = [f for f in page.quantities() if f.unit not in TIME]  # 国庆7天 frames nothing
    at = {f.id: i for i, f in enumerate(quantities)}
    for anchor in relations:
        if anchor.kind not in ANCHORS or len(anchor.figures) != 3 or any(f.id not in at for f in anchor.figures):
            continue
        rate = anchor.figures[-1]
        offsets = [at[f.id] - at[rate.id] for f in anchor.figures]
        candidates = [r for r in _paragraph_rates(page, rate) if r.id not in taken and _framed_alike(rate, r)]
        if not candidates or not holds(anchor):
            continue
        for sibling_rate in candidates:
            sibling = _placed(quantities, at[sibling_rate.id], offsets, anchor.figures)
            if sibling is not None:
                found.append(_relation(anchor, sibling))
    return [r for r in found + _listed(page, relations, holds, taken) if _near(r)]


def _listed(page: Page, relations: Iterable[Relation], holds: Callable[[Relation], bool], taken: set[str]) -> list[Relation]:
    """对比2021年、2020年及2019年，分别下降13.9%、2.6%及30.9%: rates listed together, all but one
    framed by relations that hold, of one form and sharing one figure (9,799宗 against each
    year's level). The rate left over takes the one level of the list left over."""
    by_rate = {r.figures[-1].id: r for r in relations if r.kind in ANCHORS and len(r.figures) == 3}
    found = []
    for rates in _rate_lists(page):
        anchors = [by_rate[r.id] for r in rates if r.id in by_rate]
        left = [r for r in rates if r.id not in by_rate and r.id not in taken]
        if len(left) != 1 or len(anchors) < 2 or len(anchors) != len(rates) - 1:
            continue
        shared = _shared(anchors)
        if shared is None or not all(holds(a) for a in anchors):
            continue
        at, base_at = shared
        bases = [a.figures[base_at] for a in anchors]
        spare = [f for f in page.sentence(bases[0]).figures if alike(f, bases[0]) and f.id not in taken
                 and f.id != anchors[0].figures[at].id]
        if len(spare) == 1:
            figures = list(anchors[0].figures)
            figures[base_at], figures[2] = spare[0], left[0]
            found.append(_relation(anchors[0], tuple(figures)))
    return found


def _rate_lists(page: Page) -> list[list[Figure]]:
    """Runs of three or more rates joined only by 、，及 和 (分别下降13.9%、2.6%及30.9%)."""
    runs: list[list[Figure]] = []
    run: list[Figure] = []
    for figure in page.figures:
        if figure.unit != "%" or figure.qualifier:
            continue
        if run and LIST_JOIN.fullmatch(page.text[run[-1].span.end:figure.span.start]):
            run.append(figure)
        else:
            runs.append(run)
            run = [figure]
    runs.append(run)
    return [r for r in runs if len(r) >= 3]


def _shared(anchors: list[Relation]) -> tuple[int, int] | None:
    """Where the figure all anchors share stands, and where each one's own level stands: the
    anchors must be of one form, with distinct own levels."""
    if len({a.exprs for a in anchors}) != 1:
        return None
    for at, base_at in ((0, 1), (1, 0)):
        if len({a.figures[at].id for a in anchors}) == 1 and len({a.figures[base_at].id for a in anchors}) == len(anchors):
            return at, base_at
    return None


def _paragraph_rates(page: Page, rate: Figure) -> list[Figure]:
    for paragraph in paragraphs(page):
        if any(f.id == rate.id for f in paragraph.figures):
            return [f for f in paragraph.figures if f.unit == rate.unit and f.id != rate.id and not f.qualifier]
    return []


def _framed_alike(rate: Figure, other: Figure) -> bool:
    """Printed to the same decimals, right after the same pair of characters (同期的70.1%,
    同期的59.9%; 同比增长12.1%, 同比增12.6%): within the last three characters before each."""
    if rate.decimals != other.decimals:
        return False  # 侦破率达到90.41% and 10个县…达到100%: a rate of something else
    mine, theirs = _words(rate), _words(other)
    return any(theirs[i:i + 2] in {mine[j:j + 2] for j in range(len(mine) - 1)} for i in range(len(theirs) - 1))


def _words(rate: Figure) -> str:
    """The last three characters before a rate, when they are all Chinese."""
    words = "".join(rate.context.split())[-3:]
    return words if len(words) == 3 and _cjk(words) else ""


def _cjk(text: str) -> bool:
    return all("\u4e00" <= c <= "\u9fff" for c in text)


def _placed(quantities: list[Figure], index: int, offsets: list[int], anchor: tuple[Figure, ...]) -> tuple[Figure, ...] | None:
    """The figures at the anchor's offsets around the sibling rate, if they make a like frame."""
    places = [index + o for o in offsets]
    if any(not 0 <= p < len(quantities) for p in places):
        return None
    sibling = tuple(quantities[p] for p in places)
    if {f.id for f in sibling} & {f.id for f in anchor}:
        return None
    if any((f.unit in PERCENT_FACTOR) != (g.unit in PERCENT_FACTOR) for f, g in zip(anchor, sibling)):
        return None  # a level where the anchor has a rate, or the other way
    if any(alike(a, b) != alike(a2, b2) for (a, b), (a2, b2) in zip(_pairs(anchor), _pairs(sibling))):
        return None
    return sibling


def _pairs(figures: tuple[Figure, ...]) -> list[tuple[Figure, Figure]]:
    return [(figures[i], figures[j]) for i in range(len(figures)) for j in range(i + 1, len(figures))]


def _relation(anchor: Relation, sibling: tuple[Figure, ...]) -> Relation:
    title = anchor.title
    for old, new in zip(anchor.figures, sibling):
        title = title.replace(printed(old), printed(new), 1)
    note = f"framed as {anchor.title}, which holds"
    return replace(anchor, figures=sibling, confidence="medium", title=title, note=note)


def _near(relation: Relation) -> bool:
    """The sibling's printed rate within a quarter of what its figures give (the verdict alone:
    a finding would also work out a suggestion, which judging the relation does again)."""
    check = compiled(relation.exprs[0], frozenset(relation.names))
    verdict = verdict_of(check, [read(relation.names[n]) for n in check.names])
    if verdict.computed is None or verdict.stated is None or verdict.status == "error":
        return False
    return abs(verdict.computed - verdict.stated) <= NEAR * abs(verdict.stated)
