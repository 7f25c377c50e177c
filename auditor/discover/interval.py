"""How often an event happens, from its count over a month or a year (used by the average kind).

Population statistics turn a month's count into a pace: 8月死亡人數為1萬5226人，平均約每2.9分鐘
死亡一人 (31 days × 1440 minutes ÷ 15226 = 2.93). The event's word (出生, 死亡, 結婚 …) is
printed both after the pace and before the count, which ties the two; the month the count is
for (8月, in its sentence) gives the minutes. February is read both ways, 28 or 29 days; a
year's count (全年, 去年, 2023年) has 365 or 366. A count for a span of months, or with no
month or year printed before it in its sentence, is left alone.
"""
from __future__ import annotations

import re

from auditor.discover.relation import Relation
from auditor.discover.scope import paragraphs
from auditor.discover.text import Page, printed
from auditor.model import Figure

PER_UNIT = {"分钟": 1440, "小时": 24, "秒": 86400}  # units of one day
EVERY = re.compile(r"每\s*$")
EVENT_AFTER = re.compile(r"\s*(?:就|便)?(?:有)?\s*(?:一|1)?\s*(?:个|名|位|对)?\s*(?:人|婴儿|嬰兒|新生儿|新生兒)?\s*"
                         r"([\u4e00-\u9fff]{2})")
MONTH = re.compile(r"(?<![\d至\-—~～到])(1[0-2]|[1-9])\s*月(?!\s*[至\-—~～到]\s*\d)(?!底|初|中旬|下旬|上旬|\d)")
YEAR = re.compile(r"全年|去年|(?:19|20)\d\d\s*年(?!\s*\d{1,2}\s*月|[一二三四]季|上半年|下半年)")
SPAN = re.compile(r"月|季")
DAYS = {1: (31,), 2: (28, 29), 3: (31,), 4: (30,), 5: (31,), 6: (30,), 7: (31,), 8: (31,), 9: (30,),
        10: (31,), 11: (30,), 12: (31,)}
REACH = 40  # characters before a count where its month or year may be printed


def find(page: Page) -> list[Relation]:
    found = []
    for paragraph in paragraphs(page):
        for pace in paragraph.figures:
            per_day = PER_UNIT.get(pace.unit)
            if per_day is None or pace.value <= 0 or not EVERY.search(page.text[max(0, pace.span.start - 3):pace.span.start]):
                continue
            event = EVENT_AFTER.match(page.text, pace.span.end)
            if event is None:
                continue
            count = _count(page, paragraph.figures, pace, event.group(1))
            days = _days(page, count) if count is not None else None
            if count is not None and days:
                exprs = tuple(f"{d * per_day} / x0 == x1" for d in days)
                found.append(Relation("average", (count, pace), exprs, "high", page.sentence(pace).evidence(),
                                      f"{days[0]}天（{days[0] * per_day}{pace.unit}）÷ {printed(count)} ≈ 每{printed(pace)}"))
    return found


def _count(page: Page, figures: tuple[Figure, ...], pace: Figure, event: str) -> Figure | None:
    """The last count before the pace whose words name the same event (死亡數為1萬5226人)."""
    counts = [f for f in figures if f.span.end <= pace.span.start and f.kind == "count" and f.unit in ("人", "对", "宗", "件", "起")
              and not f.qualifier and f.value > 0 and event in page.text[max(0, f.span.start - 12):f.span.start]]
    return counts[-1] if counts else None


def _days(page: Page, count: Figure) -> tuple[int, ...]:
    """The days of the month (or year) printed before the count in its sentence."""
    sentence = page.sentence(count)
    words = page.text[max(sentence.start, count.span.start - REACH):count.span.start]
    months = MONTH.findall(words)
    if months:
        return DAYS[int(months[-1])]
    if SPAN.search(words):
        return ()  # 2023年1至8月, 前8个月, 第一季度: a span of months, not a year
    return (365, 366) if YEAR.search(words) else ()
