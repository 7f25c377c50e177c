"""Where the arithmetic-first kinds look for the figures of one relation: a paragraph.

A paragraph is a run of sentences with no line break between them; short lines with no
clause punctuation one after another (a table printed one cell or row per line) are one too. Relations in news copy
stay inside one: a rate and the two counts it divides, a total and its parts. Looking no
further keeps both the cost (candidates grow with the square of the figures in scope) and
the chance of a coincidental fit down. A paragraph of more than MAX_FIGURES quantities
(a table flattened into one line, a run-on PDF page) is cut into windows of that many, so
the work per figure stays bounded.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from auditor.discover.text import Page, Sentence, measure
from auditor.model import Figure

MAX_FIGURES = 40
CELL = 24
TABLE_LINES = 8
RUNS_ON = ("；", ";", "，", ",", "：", ":", "、")
ROW = re.compile(r"[|｜\t][^|｜\t\n]*[|｜\t][^|｜\t\n]*[|｜\t]")  # three rules or tabs on a line
CLAUSE = re.compile(r"[，。；;！？!?]|,(?!\d{3})")  # clause punctuation, not a thousands separator
_BREAK = re.compile(r"\n")
# What is never a part, a whole or a level: rates, gaps and multiples are claims, not amounts.
NOT_LEVELS = frozenset({"%", "‰", "个百分点", "倍", "成", "番"})
# Ages, years and durations are counted in 年 and 岁 as well; they are no parts of a total and
# no part or whole of a rate (近20年 is not 16.56% of 99票).
TIME = frozenset({"年", "岁", "歲", "月", "日", "天", "周", "週", "小时", "小時", "分钟", "分鐘", "秒"})


@dataclass(frozen=True)
class Paragraph:
    sentences: tuple[Sentence, ...]

    @cached_property
    def figures(self) -> tuple[Figure, ...]:
        return tuple(f for s in self.sentences for f in s.figures)

    @cached_property
    def table(self) -> bool:
        """Many short lines: a table, where some figures fit others by chance."""
        return sum(1 for s in self.sentences if _cell(s)) >= TABLE_LINES

    @cached_property
    def _levels(self) -> tuple[Figure, ...]:
        return tuple(f for f in self.figures if countable(f) and f.unit not in NOT_LEVELS)

    def levels(self) -> list[Figure]:
        """The amounts and counts: what rates, totals and changes are computed from."""
        return list(self._levels)

    def sentence(self, figure: Figure) -> Sentence:
        return next(s for s in self.sentences if s.start <= figure.span.start < s.end)


def paragraphs(page: Page) -> list[Paragraph]:
    """The page's sentences grouped into paragraphs, each at most MAX_FIGURES quantities;
    kept on the page, as three kinds ask for them."""
    return page.kept("paragraphs", lambda: _paragraphs(page))


def _paragraphs(page: Page) -> list[Paragraph]:
    found: list[Paragraph] = []
    current: list[Sentence] = []
    count = 0
    for sentence in page.sentences:
        n = len(sentence.figures)  # every figure, unitless counts too: they are levels here
        joined = current and (not _BREAK.search(page.text, current[-1].end - 1, sentence.start + 1)
                              or _cell(current[-1]) and _cell(sentence) or _runs_on(current[-1]))
        if current and (not joined or count + n > MAX_FIGURES):
            found.append(Paragraph(tuple(current)))
            current, count = [], 0
        current.append(sentence)
        count += n
    if current:
        found.append(Paragraph(tuple(current)))
    return found


def _runs_on(sentence: Sentence) -> bool:
    """A line that ends on a semicolon, a comma or a colon leaves its paragraph open: a list
    printed one item a line (新建甲小学新增学位2000个；⏎改扩建乙小学新增学位300个；⏎…)."""
    return sentence.text.rstrip().endswith(RUNS_ON)


def _cell(sentence: Sentence) -> bool:
    """A short line with no clause punctuation: a table cell or row printed one per line (PDF
    tables, lists of 项目 / 金额). Such lines one after another are one scope, a table."""
    if ROW.search(sentence.text):
        return True  # a row with its cells ruled off (指标 | 12224 | 21475 |), however long
    if len(sentence.text) > 4 * CELL:
        return False  # long even with its spaces and line breaks: no cell (and no need to compact it)
    text = sentence.compact()
    return len(text) <= CELL and not CLAUSE.search(text)


def bare(figure: Figure) -> bool:
    """A count printed with no unit (登记选民人数为7,416，…; 得到615票 where 票 is not read as
    a unit): three or more digits, so that list numbers and ordinals stay out."""
    return (figure.kind == "count" and not figure.unit and not figure.chinese and figure.scale == 1
            and not figure.decimals and digits(figure) >= 3)


def countable(figure: Figure) -> bool:
    return figure.is_quantity or bare(figure)


def alike(a: Figure, b: Figure) -> bool:
    """Figures that can be added, subtracted or divided into a rate: one unit, one kind."""
    return measure(a) == measure(b) and a.kind == b.kind and a.unit not in NOT_LEVELS and countable(a) and countable(b)


def counted_alike(a: Figure, b: Figure) -> bool:
    """Counts of people or things under different classifiers (登记选民6,218名, 投票3,105人,
    无效票152张): a rate divides one count by another whatever each is counted in."""
    return alike(a, b) or (a.kind == b.kind == "count" and a.scale == b.scale == 1 and countable(a)
                           and countable(b) and not a.decimals and not b.decimals
                           and a.unit not in TIME and b.unit not in TIME)


def digits(figure: Figure) -> int:
    """Significant digits as printed: how much an exact fit among such figures says."""
    return _significant(figure.number) if not figure.chinese else 1


@lru_cache(maxsize=4096)  # asked of each figure again by every kind and scope it is in
def _significant(number: str) -> int:
    return len(number.replace(".", "").replace("-", "").lstrip("0"))


def by_measure(levels: list[Figure]) -> list[list[Figure]]:
    """The paragraph's levels of each unit and kind, in text order."""
    groups: dict[tuple[str, str], list[Figure]] = {}
    for figure in levels:
        groups.setdefault((measure(figure), figure.kind), []).append(figure)
    return list(groups.values())
