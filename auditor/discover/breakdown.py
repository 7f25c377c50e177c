"""How sure a list of parts is to be all of its total, and how finely they are printed.

Used by the sum kind. A 其中 list may name only some parts, so how close the parts must come
to the total before a relation is taken depends on the evidence that the list is complete.
"""
from __future__ import annotations

import os
import re
from collections import Counter
from decimal import Decimal

from auditor.discover.text import Page, label
from auditor.evaluate.rational import Q
from auditor.evaluate.semantics import read
from auditor.model import Figure

# Pairs and series that exhaust what they divide (出口 + 进口 = 进出口).
COMPLETE_SETS = (
    ("出口", "进口"), ("城镇", "乡村"), ("城镇", "农村"), ("男", "女"), ("中央", "地方"),
    ("公办", "民办"), ("第一产业", "第二产业", "第三产业"), ("一产", "二产", "三产"),
    ("市区", "县"), ("城市", "农村"), ("境内", "境外"), ("国内", "国外"),
)
PARTITION = Decimal("0.1")  # 按…分 / 从…看 / a complete set: the parts are the whole
PARALLEL = Decimal("0.06")  # three or more parts with a common label ending (成都供需信息、德阳供需信息…)
LISTED = Decimal("0.03")  # a bare 其中 list
SOME = re.compile(r"主要|重点|部分|重要|骨干")


def window(trigger: str, parts: list[Figure]) -> Decimal:
    """How far (relative) the parts may miss the total and still be taken as its breakdown."""
    if SOME.search(trigger):  # 从主要行业看: only the main ones are listed
        return LISTED
    if trigger.startswith(("按", "从")) or _complete(parts):
        return PARTITION
    if len(parts) >= 3 and len(os.path.commonprefix([label(p)[::-1] for p in parts])) >= 2:
        return PARALLEL * (2 if len(parts) >= 4 else 1)  # four parallel names: a full roll call
    return LISTED


def _complete(parts: list[Figure]) -> bool:
    labels = [label(p) for p in parts]
    return any(len(group) == len(labels) and all(any(word in text for text in labels) for word in group)
               for group in COMPLETE_SETS)


def printed_precisely(page: Page, parts: list[Figure], total: Figure) -> bool:
    """Whether the parts, as printed, should add to the total as printed: figures of one
    precision (see one_precision) that are all printed in full (see _whole_count)."""
    return one_precision(page, parts, total) and all(_whole_count(f) for f in (*parts, total))


def one_precision(page: Page, parts: list[Figure], total: Figure) -> bool:
    """Whether every part is printed as finely as the total, none qualified (余, 约 …).

    A coarser part (33.8 among 433.10 and 13.75 under 480.64) was rounded on its own, and its
    rounding is room the parts may need. An integer amount in an article that prints such
    amounts with decimals is read as having its trailing .0 dropped (611亿元 beside 153.6亿元).
    A repair (a transposed digit pair undone) must fit such figures exactly to be evidence.
    """
    figures = [*parts, total]
    if any(f.qualifier for f in figures):
        return False
    units = {f.id: read(f).unit / (10 ** _dropped_zeros(page, f)) for f in figures}
    return all(units[total.id] == units[p.id] for p in parts)


def within_rounding(page: Page, parts: list[Figure], total: Figure) -> bool:
    """Whether the parts, each read at the page's precision for its unit (611亿元 beside
    153.6亿元 is 611.0), add up to the total within the rounding of every figure. The wider
    reading of 9亿元 as anything from 8.5 to 9.5 lets a misprinted part fit a total it is not
    part of."""
    if any(f.qualifier for f in (*parts, total)):
        return False
    slack = sum((read(f).unit / (10 ** _dropped_zeros(page, f)) for f in (*parts, total)), Q(0)) / 2
    return abs(sum((Q(f.value) for f in parts), Q(0)) - Q(total.value)) <= slack


def _whole_count(figure: Figure) -> bool:
    """A figure printed in full (6674人, 1,204宗): a sum of such figures is exact. A rounded
    one (201.65亿美元, 32万人) was rounded from more digits, and parts rounded on their own
    may miss their rounded total by a unit of the last digit (201.65 + 284.61 against 486.27)."""
    return figure.scale == 1 and not figure.decimals and figure.unit not in ("%", "‰", "个百分点")


def _dropped_zeros(page: Page, figure: Figure) -> int:
    if figure.decimals or figure.scale == 1:
        return 0
    peers = Counter(f.decimals for f in page.figures if (f.unit, f.scale) == (figure.unit, figure.scale))
    usual, _ = max(peers.items(), key=lambda kv: (kv[1], kv[0]))
    return usual


# A table header that gives its cells a scaled unit: (万元), （亿元）, 单位：万人.
SCALED_HEADER = re.compile(r"[（(]\s*(?:单位\s*[：:]\s*)?(?:百万|百萬|千万|千萬|万|萬|亿|億|千)[\u4e00-\u9fff]{0,3}\s*[）)]"
                           r"|单位\s*[：:]\s*(?:百万|百萬|千万|千萬|万|萬|亿|億|千)")
HEADER_REACH = 4000  # characters of the table above a cell where its header may be (a long table, one cell per line)


def rounded_cells(page: Page, parts: list[Figure], total: Figure) -> bool:
    """Whether bare whole numbers under a header that gives them a scaled unit (绝对值(万元))
    miss their total by no more than their rounding: each cell was rounded to 1万元 on its
    own, so nine of them may miss their printed total by a unit or two. Such a miss may be
    rounding or a misprint; the table cannot say which."""
    cells = [f for f in (*parts, total) if not f.unit and f.scale == 1 and not f.decimals]
    if not cells or not any(_scaled_header(page.text, f.span.start) for f in cells):
        return False
    return abs(sum(p.value for p in parts) - total.value) <= Decimal(len(parts) + 1) / 2


def _scaled_header(text: str, at: int) -> bool:
    """Whether a line above, in the same block (no blank line between), names a scaled unit."""
    line_start = text.rfind("\n", 0, at)
    if line_start <= 0:
        return False
    lo = max(0, line_start - HEADER_REACH)
    block = text.rfind("\n\n", lo, line_start + 1)
    return SCALED_HEADER.search(text, block + 1 if block != -1 else lo, line_start) is not None
