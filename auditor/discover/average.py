"""A stated daily or monthly average matches the total over its period.

## What it finds
日均 / 月均 (平均每天, 每月平均) figures with a total of the same unit earlier in the
sentence, over one of two periods:
* a year: 去年净增高新技术企业达3489家 … 日均新增约10家 (3489 ÷ 365 ≈ 9.6, about 10);
* a period the averages agree on: a holiday's totals and daily averages, one pair a clause
  (铁路发送旅客8307.3万人次，日均1186.8万人次；公路发送旅客3.04亿人次，日均4340万人次…),
  where every pair's total ÷ average lands on one whole number of days.

* the days between two dates, both counted (9月28日至10月8日 is 11 days), printed in the
  total's sentence; or the one span of dates the page prints before it (4月4日至7日清明假日期间
  in the lead, a paragraph on 动车组共发送旅客1249.4万人次，日均312.4万人次), when the total's
  sentence names no period of its own (a warning: the words do not tie the span to it).

Daily output (日产粗钢192.91万吨 after 生产粗钢1929.14万吨) is a daily average too. A pace,
平均每2.9分钟死亡一人 from a month's count of deaths, is interval.py's.

## Why
Averages are computed by hand and often over the wrong number of days. A report of a holiday
or a season rarely prints its length beside each average, and where it does, the length may
be the period compared with (比上年同期（国庆7天假期）), not the one averaged over. Three or
more pairs that all divide to the same whole number say the period by arithmetic, in any
wording: a pair that lands elsewhere is misprinted.

## Passing example
全年接待游客36500人次，日均100人次.

## Failing example
全年接待游客36500人次，日均120人次.

## Precision
A period found by agreement needs three pairs or more, all but one landing on it (two when
every average has four significant digits: such a pair lands on a whole number about once
in a thousand by chance); it checks
the pairs that land within 10% of it (NEAR), and is a warning when one fails. Otherwise a year
is taken only when the sentence names the total's year (全年, 去年, 2023年 not followed by a
month, a range of months, a holiday or 同期, and not after 比); 365 and 366 days are both
accepted, 12 months. Only amounts and counts are averaged: 日均下降33.9% is a change in an
average, not an average. A bound (超7000亿元, 逾3000家) is no total.
"""
from __future__ import annotations

import math
from datetime import date
import re
from collections.abc import Iterator
from decimal import Decimal

from auditor.discover import interval
from auditor.discover.fit import bounds
from auditor.discover.relation import Relation
from auditor.discover.scope import digits
from auditor.discover.text import Page, Sentence, compact, printed, same_measure
from auditor.extract.numerals import chinese_value
from auditor.model import Figure

PER = re.compile(r"(日均|月均|平均每天|平均每日|每日平均|平均日产|日产|平均每月|每月平均)[^，,。；;]{0,8}$")
MOVED = re.compile(r"增长|增長|增加|减少|減少|下降|降低|上升|上涨|上漲|下跌|提高|回落|增幅|降幅|比|较|較")  # 日均下降33.9%: a change, not an average
ABOUT = ("约", "約", "左右", "大约", "大約")
# The total's own year; 比2019年同期 and 2023年10月 are no year-long period.
YEAR = re.compile(r"全年|(?<![比较較与與同])去年(?!同期)|一年|(?<![比较較与與同和])\d{4}年(?![\d一二三四五六七八九十]{0,2}月|同期|同比|上半年|下半年|前|第|[一二三四]季"
                  r"|\d{1,2}\s*[至\-—~～到]\s*\d{1,2}\s*月|[^，,。；;]{0,6}(?:假期|黄金周|春运|暑运|暑期|寒假|国庆|春节|期间))")
PERIODS = {"日": (365, 366), "月": (12,)}
MONTHS = re.compile(r"(?<!\d)(\d{1,2})\s*月?\s*[~～至\-—–到]\s*(\d{1,2})\s*月(?!\d)")
MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
# 8月份，…: one month; not 前8月, 自3月, 8月以来, 8月起, 5月至今, 8月上旬 (other spans).
MONTH = re.compile(r"(?<![\d~～至\-—–到前自从從])(\d{1,2})\s*月份?(?![\d日号底初末中上下旬以起至])")
CUMULATIVE = re.compile(r"累计|累計|今年以来|今年以來|年初以来|年初以來|至今|截至|截止")  # a running total
CLAUSE_BREAK = re.compile(r"[，,；;。]")
PER_AFTER = re.compile(r"\s*/\s*(?:天|日)")  # 239起/天: a figure per day
# 七天, 7天: a span of days; not 停留3天 or 每3天 (a stay, a frequency), nor 3天前.
DAYS = re.compile(r"(?<![\d一二三四五六七八九十第前每留续提])([0-9]{1,3}|[一二两三四五六七八九十]{1,3})\s*(?:个)?天(?![前后])")
# 4月4日至7日, 9月28日至10月8日, 1月21日-2月29日: one date to another.
DATES = re.compile(r"(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*[日号號]?\s*(?:至|到|~|～|-|—|–)\s*(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*[日号號]")
AGREE = 3  # pairs that must land on one whole number of days or months
AGREE_PRECISE = 2  # … when every average has PRECISE significant digits or more
PRECISE = 4
NEAR = Decimal("0.1")  # how far off the agreed period a pair may land and still be checked on it
LONGEST = {"日": 400, "月": 60}


def find(page: Page) -> list[Relation]:
    found: list[Relation] = []
    every = list(_pairs(page))
    for per in PERIODS:
        pairs = [(total, average) for total, average, p in every if p == per]
        period = _agreed(pairs, per)
        stated: dict[int, tuple[int, ...]] = {}  # a paragraph's start: the period its first average states
        for total, average in pairs:
            days = (_stated_days(page, total) or _stated_months(page, total) or _dated(page, total, sentence=True)) \
                if per == "日" else None
            lead = _dated(page, total, sentence=False) if per == "日" and days is None else None
            paragraph = page.text.rfind("\n", 0, total.span.start)
            if days is not None:  # 七天起降航班8282架次，日均1183架次: the span the words give
                stated.setdefault(paragraph, days)
                found.append(_relation(page, total, average, days, "high"))
            elif paragraph in stated:
                # 8月份…有效报警6689起(239起/天)。其中110类报警5544起(198起/天): the parts of a month's
                # total are averaged over its days too, though every pair agrees on another number
                # (28: the wrong month's days), which the agreement alone would take.
                found.append(_relation(page, total, average, stated[paragraph], "medium"))
            elif lead is not None and _near(total, average, lead[0]):
                # 4月4日至7日清明假日期间 … (paragraphs on) … 动车组共发送…日均…: the page's one span
                found.append(_relation(page, total, average, lead, "medium"))
            elif period is not None and _near(total, average, period):
                found.append(_relation(page, total, average, (period,), "medium"))
            elif YEAR.search(page.sentence(average).compact()):
                found.append(_relation(page, total, average, PERIODS[per], "high"))
    return found + interval.find(page)


def _per_day_in_bracket(page: Page, figure: Figure) -> bool:
    """6689起（239起/天）: a figure per day printed alone in a bracket right after a figure of its
    unit, the total it averages; not a peak, a capacity or a fee (高峰期300人次/天, 5元/天)."""
    if PER_AFTER.match(page.text, figure.span.end) is None:
        return False
    opened = page.text[max(0, figure.span.start - 1):figure.span.start]
    before = [f for f in page.sentence(figure).figures if f.span.end <= figure.span.start - 1]
    return opened in ("（", "(") and bool(before) and before[-1].span.end == figure.span.start - 1 \
        and same_measure(before[-1], figure)


def _stated_days(page: Page, total: Figure) -> tuple[int, ...] | None:
    """The days a total was counted over, printed before it in its clause (七天起降航班8282架次,
    春节7天接待游客…) or, when its clause names none, in its sentence: the one span of 天 there,
    else None."""
    sentence, before, clause = _before(page, total)
    spans = DAYS.findall(clause)
    if not spans and not YEAR.search(compact(sentence.text)):  # 全年 … says the year, not a span of days
        spans = DAYS.findall(before)
    if len(spans) != 1:
        return None
    n = chinese_value(spans[0]) if not spans[0].isdigit() else Decimal(spans[0])
    return (int(n),) if n is not None and 1 < n <= LONGEST["日"] and n == int(n) else None


def _dated(page: Page, total: Figure, sentence: bool) -> tuple[int, ...] | None:
    """The days from one date to another, both counted (4月4日至7日: 4 days; 9月28日至10月8日:
    11), printed in the total's clause or sentence; or, with `sentence` false, the one span of
    dates printed anywhere on the page before it, when its sentence names no other period."""
    found, before, clause = _before(page, total)
    if sentence:
        spans = DATES.findall(clause) or DATES.findall(before)
    elif DAYS.search(before) or MONTH.search(before) or YEAR.search(compact(found.text)):
        return None
    else:
        spans = DATES.findall(page.text, page.lo, total.span.start)
    lengths = {n for span in spans if (n := _date_span(*span)) is not None}
    if len(lengths) != 1 or len({span for span in spans}) != 1 and sentence:
        return None
    n = lengths.pop()
    return (n,) if 1 < n <= LONGEST["日"] else None


def _date_span(month: str, day: str, month2: str, day2: str) -> int | None:
    """Days from month/day to month2/day2 (month2 empty: the same month), both counted; a span
    over the end of February is counted in a common year."""
    try:
        start = date(2001, int(month), int(day))
        end = date(2001, int(month2 or month), int(day2))
    except ValueError:
        return None
    if end < start:
        end = end.replace(year=2002)  # 12月30日至1月3日: over the new year
    return (end - start).days + 1


def _stated_months(page: Page, total: Figure) -> tuple[int, ...] | None:
    """1~6月，原煤产量17.1亿吨；日均生产946万吨: the days of the months the total's clause (or,
    naming none, its sentence) spans, in a common and a leap year when February is among them."""
    _, before, clause = _before(page, total)
    spans = MONTHS.findall(clause) or MONTHS.findall(before)
    if not spans and not CUMULATIVE.search(clause):  # 8月份，全市共接报警…: one month (the only one)
        single = MONTH.findall(before)
        spans = [(m, m) for m in single]
    if len(spans) != 1:
        return None
    first, last = (int(m) for m in spans[0])
    if not 1 <= first <= last <= 12:
        return None
    common = sum(MONTH_DAYS[first - 1:last])
    return (common, common + 1) if first <= 2 <= last else (common,)


def _before(page: Page, total: Figure) -> tuple[Sentence, str, str]:
    """The total's sentence, its words before the total, and those of the total's clause."""
    sentence = page.sentence(total)
    before = page.text[sentence.start:total.span.start]
    return sentence, before, CLAUSE_BREAK.split(before)[-1]


def _pairs(page: Page) -> Iterator[tuple[Figure, Figure, str]]:
    """(total, average, 日 or 月): each average with the last figure of its measure before it
    in its sentence that is larger and stated as a value."""
    for average in page.quantities():
        match = PER.search(average.context)
        per_day = _per_day_in_bracket(page, average)  # 6689起（239起/天）
        if not per_day and (not match or average.unit == "%" or MOVED.search(match.group(0)[len(match.group(1)):])):
            continue
        sentence = page.sentence(average)
        # A bound (总市值超7000亿元) is no total to average: only a figure stated as a value.
        totals = [f for f in sentence.figures if f.span.end <= average.span.start and same_measure(f, average)
                  and f.value > average.value and f.qualifier in ("", *ABOUT) and not PER.search(f.context)]
        if totals:
            yield totals[-1], average, "月" if match and not per_day and "月" in match.group(1) else "日"


def _agreed(pairs: list[tuple[Figure, Figure]], per: str) -> int | None:
    """The one whole number that AGREE or more pairs' totals ÷ averages land on, all but one
    of them: the period they are averaged over, whatever the words call it."""
    # Averages of four significant digits land on a whole number of days about once in a
    # thousand by chance: two that land on the same one have said the period.
    needed = AGREE_PRECISE if all(digits(average) >= PRECISE for _, average in pairs) else AGREE
    if len(pairs) < needed:
        return None
    counts: dict[int, int] = {}
    for total, average in pairs:
        for n in _whole_quotients(total, average, LONGEST[per]):
            counts[n] = counts.get(n, 0) + 1
    agreed = [n for n, k in counts.items() if k >= max(needed, len(pairs) - 1)]
    return agreed[0] if len(agreed) == 1 else None  # several (small totals divide to many): none


def _near(total: Figure, average: Figure, period: int) -> bool:
    """A pair that lands on the period or near it (one misprinted digit moves it a little); a
    pair of another period (9月份 beside a holiday) or a part taken for the total lands far."""
    return abs(total.value / average.value - period) <= NEAR * period


def _whole_quotients(total: Figure, average: Figure, longest: int) -> range:
    """The whole numbers total ÷ average may be, within both figures' printed precision."""
    (t_lo, t_hi), (a_lo, a_hi) = bounds(total), bounds(average)
    if a_lo <= 0:
        return range(0)
    lo, hi = math.ceil(t_lo / a_hi), math.floor(t_hi / a_lo)
    return range(max(lo, 2), min(hi, longest) + 1)


def _relation(page: Page, total: Figure, average: Figure, periods: tuple[int, ...], confidence: str) -> Relation:
    # A whole count per day (日均1183架次) is an average rounded to the unit, not an exact count.
    whole = average.kind == "count" and average.decimals == 0 and average.scale == 1 and not average.qualifier
    exprs = tuple(f"abs(x0 / {n} - x1) <= 0.5" if whole else f"x0 / {n} == x1" for n in periods)
    return Relation("average", (total, average), exprs, confidence,  # type: ignore[arg-type]
                    page.sentence(average).evidence(), f"{printed(total)} ÷ {periods[0]} ≈ {printed(average)}")
