"""Levels listed year by year: 2017一2019年票房分别为559.1亿、609.76亿、642.66亿 (used by change.py).

A span of years and a list of as many levels after 分别为 (依次为, 分别是, 分别达) give each
year its level. A growth rate printed elsewhere beside one of those levels (当年全国电影总票房
642.66亿元，同比增长5.4%) is then the change from the year before's level in the list, which
the page printed nowhere near the rate. Only the arithmetic and the one restated level tie
them, so change.py reports the relation as a warning.
"""
from __future__ import annotations

import re

from auditor.discover.text import Page
from auditor.model import Figure

# 2017一2019年, 2017-2019年, 2017年至2019年, 2017～2019年: a span of years, then the list's words.
SPAN = re.compile(r"(?P<first>(?:19|20)\d\d)\s*年?\s*(?:一|-|—|–|~|～|至|到)\s*(?P<last>(?:19|20)\d\d)\s*年"
                  r"[^，,。；;\d]{0,16}?(?:分别为|分别是|分别达|分别达到|依次为|依次是|分別為|分別是|依次為)")
JOINERS = ("、", "，", ",", "和", "及", "与", "以及")
LONGEST = 12  # years one list may span


def by_year(page: Page) -> dict[str, tuple[int, list[Figure]]]:
    """Each listed level's id: its year and the list it belongs to (years in order)."""
    return page.kept("levels by year", lambda: _by_year(page))


def _by_year(page: Page) -> dict[str, tuple[int, list[Figure]]]:
    found: dict[str, tuple[int, list[Figure]]] = {}
    for match in SPAN.finditer(page.text, page.lo, page.end):
        first, last = int(match.group("first")), int(match.group("last"))
        if not 1 <= last - first < LONGEST:
            continue
        run = _run(page, match.end(), last - first + 1)
        for year, figure in zip(range(first, last + 1), run):
            found[figure.id] = (year, run)
    return found


def _run(page: Page, start: int, count: int) -> list[Figure]:
    """The `count` levels right after `start`, joined one to the next, all of one unit; []
    when the list is shorter, longer or broken."""
    figures = [f for f in page.figures_between(start, page.end) if f.is_quantity][:count + 1]
    if len(figures) < count or page.text[start:figures[0].span.start].strip():
        return []
    run = figures[:count]
    if any(page.text[a.span.end:b.span.start].strip() not in JOINERS for a, b in zip(run, run[1:])):
        return []
    if len({(f.unit, f.scale > 1) for f in run}) != 1 or any(f.unit == "%" for f in run):
        return []
    if len(figures) > count and page.text[run[-1].span.end:figures[count].span.start].strip() in JOINERS:
        return []  # a longer list than the years: not one level a year
    return run


def year_before(page: Page, level: Figure) -> Figure | None:
    """The level listed for the year before the one whose listed level `level` restates (the
    same value and unit): 642.66亿元 in a sentence of its own, 609.76亿 listed before it."""
    runs = {id(run): run for _, run in by_year(page).values()}.values()
    for run in runs:
        for index, figure in enumerate(run):
            # 642.66亿 listed bare restates 642.66亿元: the list's unit may be left to its words.
            if figure.value == level.value and figure.unit in (level.unit, "") and figure.kind in (level.kind, "count"):
                return run[index - 1] if index else None
    return None
