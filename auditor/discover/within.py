"""A breakdown introduced by the name of its total and 中 (used by the sum kind).

    现有卫生技术人员578人。… 卫生技术人员中本科学历86人，大专学历251人，中专学历及以下241人；
    副高级职称以上19人，中级职称122人，初级437人。

The words 卫生技术人员中 open a breakdown of the figure those words named before: each part
of the clause after them, up to a semicolon or the end of the sentence, is a part, and a
second run after a semicolon breaks the same total down another way. The total is the
latest earlier figure of the parts' measure whose own words end with the name (two to ten
characters of it), within the paragraph and the one before.

A breakdown need not be complete (卫生技术人员中执业医师200人 names one kind), so only a run
that adds up to its total exactly, or one unit of a last digit away, is taken; a slip among
three or more parts is an error, with two a warning.
"""
from __future__ import annotations

import re

from auditor.discover.fit import SUM, fit
from auditor.discover.scope import TIME, digits, paragraphs
from auditor.discover.text import Page, bigrams, clause_before, same_measure
from auditor.model import Figure

# The name of a total, then 中 (not 其中, 当中: the sum kind reads those), opening a clause.
NAMED_IN = re.compile(r"(?:^|(?<=[，,。；;：:\n]))(?P<name>[\u4e00-\u9fff]{2,10}?)(?<![其当當之])中[，,：:]?(?=[\u4e00-\u9fff0-9０-９])")
RUN_END = re.compile(r"[；;。！？!?\n]")
LEAST = 2
MOST = 8
COPULA = re.compile(r"(?:为|為|是|达|達|有)+$")
LOOSE = re.compile(r"^在|的")  # 在…的信息中: the words around a name
NAME_HELD = 0.6  # of a name's word pairs, how many a total's words must hold when they do not end with it
MIN_PAIRS = 3
SLIP_ERROR = 3  # parts a slip needs among them to fail the gate
LONG = 5  # significant digits of a total the arithmetic alone may pick


def find(page: Page) -> list[tuple[list[Figure], Figure, str]]:
    """Each (parts, total, confidence) a named breakdown fits."""
    found = []
    scopes = paragraphs(page)
    # The name ties the total to its parts, sections apart as bulletins print them (一、总人口 …
    # 四、年龄构成: 全市常住人口中…): every figure up to the paragraph's end, grown as we go.
    earlier: list[Figure] = []
    for paragraph in scopes:
        earlier += paragraph.figures
        for sentence in paragraph.sentences:
            for match in NAMED_IN.finditer(page.text, sentence.start, sentence.end):
                found += _breakdowns(page, earlier, match.group("name"), match.end(), sentence.end)
    return found


def _breakdowns(page: Page, earlier: list[Figure], name: str, start: int, end: int) -> list[tuple[list[Figure], Figure, str]]:
    found = []
    singles: list[Figure] = []  # 0-14岁人口为483656人，占19.26%；15-64岁人口为…: one part a run
    for parts in _runs(page, start, end):
        if len(parts) == 1 and (not singles or same_measure(parts[0], singles[0])):
            singles += parts
            continue
        found += _breakdown(page, earlier, name, parts, start)
    if len(singles) >= LEAST:
        found += _breakdown(page, earlier, name, singles, start)
    return found


def _runs(page: Page, start: int, end: int) -> list[list[Figure]]:
    """The levels of each run of the clause after 中, a run ending at a semicolon or a stop."""
    runs, at = [], start
    while at < end:
        stop = RUN_END.search(page.text, at, end)
        run_end = stop.end() if stop else end
        runs.append([f for f in page.figures_between(at, run_end) if f.is_quantity and f.unit != "%" and f.unit not in TIME])
        at = run_end
    return runs


def _breakdown(page: Page, earlier: list[Figure], name: str, parts: list[Figure], start: int) -> list[tuple[list[Figure], Figure, str]]:
    if not LEAST <= len(parts) <= MOST or not all(same_measure(p, parts[0]) for p in parts):
        return []
    total, loose = _total(page, earlier, name, parts, start)
    if total is None:
        return _unnamed(earlier, parts, start)
    # A total named only loosely ties the parts less: a discrepancy is a warning.
    return [(group, total, "medium" if loose else _confidence(group, how)) for group, how in _split(parts, total)]


def _confidence(parts: list[Figure], how: str) -> str:
    return "high" if how == "exact" or len(parts) >= SLIP_ERROR else "medium"


def _split(parts: list[Figure], total: Figure) -> list[tuple[list[Figure], str]]:
    """The runs of consecutive parts that each break the total down, with how each fits.
    总人口中，男性16308人，…女性16012人，…14岁以下5145人，…15—64岁22611人，…65岁以上4564人: the
    total broken down by sex, then by age. The parts all fit it, exactly or one slip away, or a
    leading (trailing) run fits it exactly and the rest is split again: one breakdown found
    exactly says where the next begins, so a slip in it is read."""
    if len(parts) < LEAST:
        return []
    how = fit(SUM, parts, total, bound=True)
    if how in ("exact", "slip"):
        return [(parts, how)]
    for k in range(LEAST, len(parts) - LEAST + 1):
        if fit(SUM, parts[:k], total, bound=True) == "exact":
            return [(parts[:k], "exact")] + _split(parts[k:], total)
    for k in range(len(parts) - LEAST, LEAST - 1, -1):
        if fit(SUM, parts[k:], total, bound=True) == "exact":
            return _split(parts[:k], total) + [(parts[k:], "exact")]
    return []


def _unnamed(earlier: list[Figure], parts: list[Figure], before: int) -> list[tuple[list[Figure], Figure, str]]:
    """A breakdown whose total's words do not carry its name (garbled, or said otherwise): the
    one earlier figure of its measure, of LONG digits or more, that the parts fit exactly or one
    slip away. So long a figure lands that near a sum about once in tens of thousands; the words
    said a breakdown, the arithmetic says of what. A warning."""
    added = sum(p.value for p in parts)
    # A cheap look first (a page may print thousands of figures): a fit or a slip lies within a
    # hundredth of the sum for figures this long.
    near = [f for f in earlier if abs(f.value - added) <= added / 100 and f.span.end <= before]
    fits = [f for f in near if same_measure(f, parts[0]) and digits(f) >= LONG
            and f.value > max(p.value for p in parts) and fit(SUM, parts, f) in ("exact", "slip")]
    if len({f.value for f in fits}) != 1:
        return []
    return [(parts, fits[-1], "medium")]


def _total(page: Page, earlier: list[Figure], name: str, parts: list[Figure], before: int) -> tuple[Figure | None, bool]:
    """The latest earlier figure of the parts' measure, larger than each, named by `name`: its
    words end with the name, else (the first such) hold most of the name's word pairs
    (在主动公开的信息中 for 主动在门户网站公开政府信息50条)."""
    most = max(p.value for p in parts)
    larger = [f for f in reversed(earlier) if f.span.end <= before - len(name) and same_measure(f, parts[0])
              and f.value > most]
    plain = _plain(name)
    ending = next((f for f in larger if _plain(clause_before(page, f)).endswith(plain)), None)
    if ending is not None:
        return ending, False
    pairs = bigrams(LOOSE.sub("", plain))
    held = next((f for f in larger if len(pairs & bigrams(clause_before(page, f))) >= max(MIN_PAIRS, NAME_HELD * len(pairs))), None)
    return held, held is not None


def _plain(name: str) -> str:
    """A name without 总 and a closing 为 or 是: 全市常住总人口为 names 全市常住人口."""
    return COPULA.sub("", name.replace("总", "").replace("總", ""))
