"""A run of figures that adds up to the figure beside it, found by the arithmetic.

## What it finds
A total and the parts printed next to it in its paragraph, in either order and with any
words between them, so long as no other figure of the same unit interrupts the run:
甲得2,310票，乙得415票，丙得96票，合共2,821票; 全年受理投诉1,204宗，其中涉及私营机构812宗、
政府部门392宗. Figures of other units (rates, years) may sit between the parts.

## Why
The sum kind reads the words (其中, 总, 分别) of the passages it was built on; news from other
outlets writes totals in other words (合共, 當中, 一共有, none at all). The arithmetic is the
same everywhere.

## Passing example
甲得2,310票，乙得415票，丙得96票，合共2,821票.

## Failing example
甲得2,310票，乙得415票，丙得96票，合共2,812票.

## Precision
A run fits exactly (within every figure's printed precision) or one figure's last digit is
one away from fitting (a slip). Without a total word (共, 合共, 合计, 总, 一共, 累计) or a list
word (其中, 当中, 包括, a colon or a bracket right after the total) between the total and its parts, only an exact fit of three or
more figures, each of two or more digits, is taken, and it cannot fail; a slip needs the
words. Parts are each smaller than the total, and a run is at most MAX_PARTS long.
"""
from __future__ import annotations

import re
from itertools import combinations

from auditor.discover.fit import SUM, Fit, fit, fit_whole
from auditor.discover.proportion import GROWTH_WORD, RATE_WORD
from auditor.discover.relation import Relation
from auditor.discover.scope import Paragraph, alike, counted_alike, digits, paragraphs
from auditor.discover.sum import addition
from auditor.discover.text import Page, compact, measure, printed
from auditor.model import Figure

TOTAL_WORD = re.compile(r"共|合计|合計|总|總|累计|累計|全部|全年|全市|全省|全国|全國|一共")
# Between a total and its first part: 其中 and its kin, or a colon right after the total.
LIST_WORD = re.compile(r"其中|当中|當中|包括|包含|计有|計有|^[^，,。；;]{0,4}[：:（(]")
MAX_PARTS = 8
LARGE_DIGITS = 5
LARGE_PARTS = 4
LARGE_FEW = 14
NAMED_WINDOW = 40
NAMED_PARTS = re.compile(r"(?P<a>[\u4e00-\u9fff]{1,6}?)(?:和|及|与|與|、)(?P<b>[\u4e00-\u9fff]{1,6}?)"
                         r"(?:合共|合计|合計|共计|共計|总共|總共|一共|加起来|共)(?:有|为|為|达|達)?$")
REST = re.compile(r"其余|其餘|其他|其它|剩下|剩余|余下|餘下|另外|另有")
MIN_TALLY = 3


def find(page: Page) -> list[Relation]:
    found = []
    scopes = paragraphs(page)
    for index, paragraph in enumerate(scopes):
        levels = paragraph.levels()
        for same in _by_measure(levels):
            for at, total in enumerate(same):
                best = _best(page, same[:at][::-1], total, after=False) or _best(page, same[at + 1:], total, after=True)
                if best is not None:
                    found.append(best)
        found += [r for t in levels if (r := _named_parts(page, t)) is not None]
        found += _large(page, levels, {r.figures[-1].id for r in found})
        earlier = scopes[index - 1].levels() if index else []
        found += _tallies(page, levels, earlier, {r.figures[-1].id for r in found})
        found += _whole(paragraph)
    return found


def _whole(paragraph: Paragraph) -> list[Relation]:
    """Shares in a row that make up one whole between them: 分别占23.8%、44.2%和32%."""
    found = []
    for rates in _share_runs(paragraph):
        how = fit_whole(rates)
        worded = any(RATE_WORD.search(r.context[-12:]) for r in rates)
        if how is None or not worded and (how != "exact" or len(rates) < 3):
            continue
        expr = " + ".join(f"x{i}" for i in range(len(rates))) + " == 1"
        title = " + ".join(printed(r) for r in rates) + " = 100%"
        found.append(Relation("total", tuple(rates), (expr,), "medium", paragraph.sentences[0].evidence(), title))
    return found


def _share_runs(paragraph: Paragraph) -> list[list[Figure]]:
    """Maximal runs of two or more shares with no other figure between them; a growth rate
    (增长8%) or a share above 100% ends a run."""
    found, run = [], []
    for figure in list(paragraph.figures) + [None]:  # type: ignore[list-item]
        share = figure is not None and figure.unit == "%" and figure.kind == "percent" and figure.value <= 100 \
            and not GROWTH_WORD.search(figure.context[-6:])
        if share:
            run.append(figure)
            continue
        if len(run) >= 2:
            found.append(run)
        run = []
    return found


def _named_parts(page: Page, total: Figure) -> Relation | None:
    """白票和废票合共5,223票: a total that names its parts, each the latest figure of its unit
    before it whose words contain that name, wherever it was stated."""
    match = NAMED_PARTS.search(_before(page, total))
    if not match:
        return None
    parts = []
    for name in (match.group("a"), match.group("b")):
        named = [f for f in page.figures if f.span.end <= total.span.start and alike(f, total)
                 and name in _before(page, f) and f.value < total.value]
        if not named:
            return None
        parts.append(named[-1])
    if parts[0] is parts[1]:
        return None
    parts.sort(key=lambda f: f.span.start)
    how = fit(SUM, parts, total)
    if how is None:
        return None
    relation = addition(page, parts, total, page.sentence(total).evidence())
    return Relation("total", relation.figures, relation.exprs, "high", relation.evidence, relation.title)


def _large(page: Page, levels: list[Figure], taken: set[str]) -> list[Relation]:
    """Parts and a total of five or more significant digits each, wherever they sit in the
    paragraph (海路5,195,997人次 … 陆路7,808,627人次 … 空路694,892人次 under 入境旅客总数
    13,699,516人次, with sub-totals between them): among figures that long, a sum that fits
    within a unit is no coincidence, so no words are asked for. Only a total that one set of
    parts fits, with the fewest parts that fit (the sub-totals, not their own parts), and at
    most LARGE_PARTS parts (four among LARGE_FEW figures at most)."""
    found = []
    for group in _by_measure([f for f in levels if digits(f) >= LARGE_DIGITS and not f.qualifier]):
        if len(group) < 3:
            continue
        sizes = range(2, LARGE_PARTS + 1) if len(group) <= LARGE_FEW else range(2, LARGE_PARTS)
        for total in group:
            if total.id in taken:
                continue
            smaller = [f for f in group if f.value < total.value]
            for k in sizes:  # fewest parts first: a sub-total and its own parts fit too
                fits = [parts for parts in combinations(smaller, k)
                        if _near(parts, total) and fit(SUM, parts, total) is not None]
                if fits:
                    break
            if len(fits) != 1:
                continue
            parts = fits[0]
            relation = addition(page, list(parts), total, page.sentence(total).evidence())
            found.append(Relation("total", relation.figures, relation.exprs, "medium", relation.evidence,
                                  relation.title))
    return found


def _near(parts: tuple[Figure, ...], total: Figure) -> bool:
    """A cheap test before the exact one: the printed values come within 1% of the total."""
    return abs(sum(f.value for f in parts) - total.value) <= total.value / 100


def _before(page: Page, figure: Figure) -> str:
    """The words of the figure's sentence before it, at most NAMED_WINDOW characters."""
    start = max(page.sentence(figure).start, figure.span.start - NAMED_WINDOW)
    return compact(page.text[start:figure.span.start])


def _by_measure(levels: list[Figure]) -> list[list[Figure]]:
    """The paragraph's levels of each unit and kind, in text order."""
    groups: dict[tuple[str, str], list[Figure]] = {}
    for figure in levels:
        groups.setdefault((measure(figure), figure.kind), []).append(figure)
    return list(groups.values())


def _tallies(page: Page, levels: list[Figure], earlier: list[Figure], taken: set[str]) -> list[Relation]:
    """A tally: a run of three or more counts in a row (甲1,641票，乙169票，丙40票) and,
    perhaps, the next count in another classifier (无效票30张), adding up to a count stated
    anywhere in the paragraph or the one before (投票人数1,880): ballots, seats, cases."""
    found = []
    for parts in _runs(levels):
        members = {f.id for f in parts}
        totals = [t for t in earlier + levels if t.id not in members and t.id not in taken and digits(t) >= 3
                  and counted_alike(t, parts[0]) and t.value > max(f.value for f in parts)]
        fits = [(how, t) for t in totals if (how := fit(SUM, parts, t)) is not None]
        values = {(t.number, t.unit) for _, t in fits}
        if len(values) != 1:
            continue  # none, or more than one figure fits: a coincidence is as likely
        how, total = fits[-1]
        if how == "slip" and not _slip_telling(page, parts, total):
            continue
        relation = addition(page, parts, total, page.sentence(total).evidence(80) + " … " +
                            page.sentence(parts[0]).evidence(80))
        found.append(Relation("total", relation.figures, relation.exprs, "medium", relation.evidence,
                              relation.title, relation.note))
        taken.add(total.id)
    return found


def _runs(levels: list[Figure]) -> list[list[Figure]]:
    """Maximal runs of three or more integer counts in one unit, each with and without the
    count right after it when that one is in another classifier."""
    found, run = [], []
    for figure in levels + [None]:  # type: ignore[list-item]
        if figure is not None and run and alike(figure, run[-1]) and _tally(figure):
            run.append(figure)
            continue
        if len(run) >= MIN_TALLY:
            found.append(run)
            if figure is not None and _tally(figure) and counted_alike(figure, run[-1]):
                found.append(run + [figure])
        run = [figure] if figure is not None and _tally(figure) else []
    return found


def _tally(figure: Figure) -> bool:
    return figure.kind == "count" and figure.scale == 1 and not figure.decimals and not figure.qualifier


def _best(page: Page, run: list[Figure], total: Figure, after: bool) -> Relation | None:
    """The longest run next to the total that fits it (parts read outward from the total)."""
    parts: list[Figure] = []
    choice: tuple[Fit, list[Figure]] | None = None
    for figure in run[:MAX_PARTS]:
        if figure.value >= total.value:
            break
        parts.append(figure)
        if len(parts) < 2:
            continue
        ordered = sorted(parts, key=lambda f: f.span.start)
        how = fit(SUM, ordered, total)
        if how == "exact" or (how == "slip" and choice is None and _slip_telling(page, ordered, total)):
            choice = (how, ordered)
    if choice is None:
        return None
    how, ordered = choice
    worded = _worded(page, ordered, total, after)
    if not worded and not (how == "exact" and len(ordered) >= 2 and min(map(digits, ordered + [total])) >= 2
                           and len(ordered) + 1 >= 3):
        return None
    relation = addition(page, ordered, total, page.sentence(total).evidence())
    return Relation("total", relation.figures, relation.exprs, "high" if worded else "medium",  # type: ignore[arg-type]
                    relation.evidence, relation.title, relation.note, relation.as_printed and worded)


def _slip_telling(page: Page, parts: list[Figure], total: Figure) -> bool:
    """One unit off a two-digit total is a large miss that real lists make on purpose
    (共21人 … 3人、15人、1人、1人, the chair not voting); a slip is read only in longer totals,
    or where the last part says it is the rest (当中8人…，其余13人): then the list is complete."""
    if digits(total) >= 3 or total.decimals >= 1:
        return True
    return bool(REST.search(compact(page.text[parts[-2].span.end:parts[-1].span.start])))


def _worded(page: Page, parts: list[Figure], total: Figure, after: bool) -> bool:
    """A total word before the total, or a list word between the total and its parts."""
    if TOTAL_WORD.search(total.context[-10:]):
        return True
    if after:
        return bool(LIST_WORD.search(compact(page.text[total.span.end:parts[0].span.start])))
    # A table printed one cell per line: the row's label (合计) is the line before the total.
    label = compact(page.text[parts[-1].span.end:total.span.start])
    return len(label) <= 10 and bool(TOTAL_WORD.search(label))
