"""A stated ratio a：b matches the two counts it compares.

## What it finds
A ratio printed as two numbers joined by a colon, named as a ratio (比, 比例, 之比, 性别比,
师生比), after the two figures it compares in its sentence: 男性5,260人、女性5,000人，性别比为
105.2:100; 教师84名、学生1,050名，师生比例为1:12.5. The two figures stand in the ratio the
numbers say, read in the order they are printed or the other way round (生师比 is often
printed after 教师…、学生…).

## Why
A ratio is a division the writer did and the reader can redo; a slip in either count, or in
either term, shows.

## Passing example
男性5,260人、女性5,000人，性别比为105.2:100.

## Failing example
男性5,260人、女性5,000人，性别比为106.2:100.

## Precision
The ratio must be named (比 within the few characters before it) and both terms printed as
figures; a time (10:30) or a score (以118比109) is no ratio. The two figures are the last
two of one measure before it in its sentence, and the ratio is taken only when one order
comes within 5% of them, so that figures about something else are never judged. A
discrepancy is a warning.
"""
from __future__ import annotations

import re

from auditor.discover.relation import Relation
from auditor.discover.text import Page, Sentence, bigrams, printed, same_measure
from auditor.evaluate.semantics import read
from auditor.model import Figure

COLON = re.compile(r"^\s*[:：∶]\s*$")
NAMED = re.compile(r"比(?:例|率|值)?(?:为|是|達|达|為|約為|约为|約|约)?\s*$")
# A name of a ratio earlier in the clause, then the value it moved to or is: 收入比…下降为.
NAMED_EARLIER = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,4})(?<![同环環])比(?!重|上|去|同期|较|較|分|赛|賽|\d)[^。；;]{0,30}$")
NAME = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,4})比[^。；;]{0,30}$")  # the words a ratio is named by
TO = re.compile(r"(?:为|為|是|达|達|至|到)\s*$")
EARLIER = re.compile(r"(?:上年|去年|同期|上期|由|从|從|(?:比|较|較)\d{4}年)[^，,。；;\d]{0,4}$")
CLOSE = 0.05
EXPRS = ("x0 / x1 == x2 / x3", "x1 / x0 == x2 / x3")


def find(page: Page) -> list[Relation]:
    found = []
    for index, sentence in enumerate(page.sentences):
        figures = sentence.figures
        for i in range(len(figures) - 1):
            first, second = figures[i], figures[i + 1]
            name = _ratio(page, first, second)
            if name is None:
                continue
            counts = [f for f in figures[:i] if f.is_quantity and f.kind in ("count", "amount")]
            if not counts and index and _same_line(page, page.sentences[index - 1], sentence):
                # 城镇…10063元；农村…4974元。城乡收入比为2.02:1: the terms in the sentence before,
                # which the ratio's name must share a word with.
                counts = [f for f in page.sentences[index - 1].figures if f.is_quantity and f.kind in ("count", "amount")]
                named = NAME.search(page.text[sentence.start:first.span.start])
                name = named.group("name") if named else "-"
            if len(counts) < 2 or not same_measure(counts[-2], counts[-1]):
                continue
            a, b = counts[-2:]
            if name and not all(bigrams(name) & bigrams(f.context) for f in (a, b)):
                continue  # 城乡收入比 is of two 收入; 出生人口性别比 is not of 男性…、女性…
            if _close(a, b, first, second):
                found.append(Relation("ratio", (a, b, first, second), EXPRS, "medium", sentence.evidence(),
                                      f"{printed(a)} : {printed(b)} ≈ {printed(first)}:{printed(second)}"))
    return found


def _ratio(page: Page, first: Figure, second: Figure) -> str | None:
    """Two bare numbers joined by a colon, after a word naming a ratio: "" when it is right
    before it; the name when it is earlier in its clause (城乡收入比持续缩小，下降为2.02:1: its
    terms must share a word with it); never the ratio of before (由上年同期的2.05:1, 比2022年为),
    which the levels printed are not the terms of. None for no ratio."""
    if first.unit or second.unit or first.qualifier or second.qualifier:
        return None
    if not COLON.match(page.text[first.span.end:second.span.start]):
        return None
    before = page.text[max(0, first.span.start - 40):first.span.start]
    if EARLIER.search(before):
        return None
    if NAMED.search(before[-8:]):
        return ""
    named = NAMED_EARLIER.search(before)
    return named.group("name") if named and TO.search(before) else None


def _same_line(page: Page, a: Sentence, b: Sentence) -> bool:
    return "\n" not in page.text[a.end:b.start]


def _close(a: Figure, b: Figure, first: Figure, second: Figure) -> bool:
    """Whether either order of a and b comes within CLOSE of first : second."""
    x, y, p, q = (read(f).nominal for f in (a, b, first, second))
    if not (x > 0 and y > 0 and p > 0 and q > 0):
        return False
    stated = p / q
    return any(abs(value / stated - 1) <= CLOSE for value in (x / y, y / x))
