"""A stated ratio a：b matches the two counts it compares.

## What it finds
A ratio printed as two numbers joined by a colon, named as a ratio (比, 比例, 之比, 性别比,
师生比), after the two figures it compares in its sentence: 男性5,260人、女性5,000人，性别比为
105.2:100; 教师84名、学生1,050名，师生比例为1:12.5. The two figures stand in the ratio the
numbers say, read in the order they are printed or the other way round (生师比 is often
printed after 教师…、学生…).

A ratio printed as one number against a base of 100 (性别比(以女性为100)为105.02) is the same
division times 100: the base the words name (以…为100) is what makes the bare number a ratio.

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
from auditor.discover.text import Page, Sentence, bigrams, compact, printed, same_measure
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
# 为98.51，比2010年第六次全国人口普查的98.12: the value a past one is compared with, in its clause.
COMPARED = re.compile(r"(?:比|较|較|与|與)\s*(?:\d{4}\s*年|上年|去年|上次|上一次|上届|上屆)[^，,。；;]{0,16}$")
EXPRS = ("x0 / x1 == x2 / x3", "x1 / x0 == x2 / x3")
MOVED_ON = re.compile(r"\s*[\u4e00-\u9fff]{0,2}(?:为|為|至|到)")  # 105.20下降为…: a value it moved from
BASE_100 = re.compile(r"以(?P<base>[\u4e00-\u9fff]{1,8})[为為]\s*100\b")  # 以女性为100: the ratio is per 100 of it


def find(page: Page) -> list[Relation]:
    found = []
    for index, sentence in enumerate(page.sentences):
        figures = sentence.figures
        found += [r for f in figures if (r := _index(page, index, f)) is not None]
        for i in range(len(figures) - 1):
            first, second = figures[i], figures[i + 1]
            name = _ratio(page, first, second)
            if name is None:
                continue
            terms = _terms(page, index, first, name)
            if terms and _close(*terms, first, second):
                a, b = terms
                found.append(Relation("ratio", (a, b, first, second), EXPRS, "medium", sentence.evidence(),
                                      f"{printed(a)} : {printed(b)} ≈ {printed(first)}:{printed(second)}"))
    return found


def _terms(page: Page, index: int, ratio: Figure, name: str, units: bool = False) -> tuple[Figure, Figure] | None:
    """The two figures a ratio compares: the last two of one measure before it in its sentence
    (with units only, for a ratio printed as one bare number: 由105.20 is no term of it)."""
    sentence = page.sentences[index]
    counts = [f for f in sentence.figures if f.span.start < ratio.span.start and f.is_quantity
              and f.kind in ("count", "amount") and (f.unit or not units)]
    earlier = index - 1
    while earlier > 0 and not page.sentences[earlier].figures and index - earlier < 3:
        earlier -= 1  # 占48.78%??性别比…: a stray mark of its own (?) is no sentence with terms
    if not counts and earlier >= 0 and (units or _same_line(page, page.sentences[earlier], sentence)):
        # 城镇…10063元；农村…4974元。城乡收入比为2.02:1: the terms in the sentence before,
        # which the ratio's name must share a word with; for a ratio to a base of 100, the
        # base (以女性为100) ties it to its terms, so they may be on the line before.
        counts = [f for f in page.sentences[earlier].figures if f.is_quantity and f.kind in ("count", "amount")]
        named = NAME.search(page.text[sentence.start:ratio.span.start])
        name = name if units else named.group("name") if named else "-"  # an index's base names its terms
    if len(counts) < 2 or not same_measure(counts[-2], counts[-1]):
        return None
    a, b = counts[-2:]
    if name and not all(bigrams(name) & bigrams(f.context) for f in (a, b)):
        return None  # 城乡收入比 is of two 收入; 出生人口性别比 is not of 男性…、女性…
    return a, b


def _index(page: Page, index: int, figure: Figure) -> Relation | None:
    """性别比(以女性为100)为105.02: a bare number a named ratio against a base of 100."""
    if figure.unit or figure.qualifier or figure.kind not in ("count", "amount") or figure.value <= 0:
        return None
    if COLON.match(page.text[figure.span.end:figure.span.end + 2]):
        return None  # 105.2:100 is the two-term form
    before = page.text[max(page.sentences[index].start, figure.span.start - 60):figure.span.start]
    named = NAMED_EARLIER.search(before) or NAMED.search(before[-8:])
    if not named or not BASE_100.search(before) or EARLIER.search(before[-12:]) or COMPARED.search(before) \
            or MOVED_ON.match(page.text, figure.span.end):
        return None  # 由上次普查的105.20下降为: the ratio of before, not of the levels printed
    base = BASE_100.search(before).group("base")
    terms = _terms(page, index, figure, "", units=True)
    if terms is None:
        return None
    # The base (以女性为100) names the divisor: its term is the one whose words hold it.
    a, b = sorted(terms, key=lambda f: base in compact(f.context))
    if base not in compact(b.context) or base in compact(a.context):
        return None
    x, y, stated = (read(f).nominal for f in (a, b, figure))
    if x <= 0 or y <= 0 or abs(x / y * 100 / stated - 1) > CLOSE:
        return None
    return Relation("ratio", (a, b, figure), ("x0 / x1 * 100 == x2",), "medium", page.sentences[index].evidence(),
                    f"{printed(a)} ÷ {printed(b)} × 100 ≈ {printed(figure)}")


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
