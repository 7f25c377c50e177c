"""A change in percentage points matches the two rates it compares.

## What it finds
* 由 p0% 提高到 p1%，提高 n 个百分点 (p1 − p0 = n);
* two rates in one sentence and the gap between them: 增长8.5%，比全国的6.2%高2.3个百分点.

A percentage-point change is a difference of two shares, never a ratio: 39.2% up 8.2个百分点
means last year's share was 31.0%, not 36.2%.

## Why
个百分点 and % are confused often enough that a stated gap is worth recomputing.

## Passing example
比重由31.0%提高到39.2%，提高8.2个百分点.

## Failing example
比重由31.0%提高到39.2%，提高7.2个百分点.

## Precision
Only gaps whose two rates are both printed in the same sentence are checked; the comparison
form (高/低 … 个百分点) raises an error only when the compared rate is introduced with 的
(比全省的6.2%高…), a warning otherwise, as its direction is easy to misread.
"""
from __future__ import annotations

import re

from auditor.discover.relation import Relation
from auditor.discover.fit import DIFFERENCE, fit
from auditor.discover.text import GENERIC, Page, between, bigrams, printed
from auditor.model import Figure

UP = re.compile(r"提高|提升|上升|上涨|上调|调升|增加|高出|高|快|扩大")
DOWN = re.compile(r"下降|下滑|下跌|回落|降低|减少|下调|调降|低|慢|缩小")
# "A … 比 B": the comparison stays inside one clause; 比重 is a share, not a comparison.
GAP = re.compile(r"差距|相差|差$|差了$")
FROM = re.compile(r"(由|从)$")
MOVED_TO = re.compile(rf"^(?:{UP.pattern}|{DOWN.pattern})?了?(?:到|至)$")
# 由3.25%上调0.25个百分点至3.50%: the gap printed between the two rates.
GAP_BETWEEN = re.compile(rf"^(?:{UP.pattern}|{DOWN.pattern})了?$")
COMPARED_NEXT = re.compile(r"[，,][\u4e00-\u9fff]{1,8}?(?:高|低|多|少)了?")
# In the gap's own clause only 高于 / 低于 another name compares two rates: 比上年, 同2010年相比
# and 较去年 compare the rate with its own past.
COMPARED_GAP = re.compile(r"(?:高于|低于)(?!上|去|前|年初|年末|往年)")
PER_YEAR = re.compile(r"年均|平均每年|每年平均|平均每")
# 同比/环比 compare a rate with its own past, not with the rate before it.
COMPARED = re.compile(r"^[，,]?[^，,。；;、和及]*(?:(?<![同环])比(?!重|例|率)|较|高于|低于)[^，,。；;、和及]*$")


# 高出全省外贸整体增速11个百分点: the other rate named, not printed, between the rate and the gap.
NAMED_RATE = re.compile(r"^[，,]?(?:增速|增幅)?(?:高出|高于|高於|快于|快於|低于|低於|慢于|慢於)(?P<name>[^，,。；;\d%]{2,16}?)(?:增速|增幅|水平)?$")
PLACE = re.compile(r"全国|全國|全省|全市|全区|全區|全县|全縣|整体|整體|平均|水平|同期|总体|總體")
NAMED_REACH = 40
FELL = re.compile(r"(?:下降|减少|減少|回落|下跌|负增长|負增長)(?:了)?$")


def find(page: Page) -> list[Relation]:
    found = []
    for sentence in page.sentences:
        rates = [f for f in sentence.figures if f.unit in ("%", "个百分点")]
        for i, gap in enumerate(rates):
            if gap.unit != "个百分点" or i < 2 or rates[i - 1].unit != "%" or rates[i - 2].unit != "%":
                continue
            first, second = rates[i - 2], rates[i - 1]
            relation = _relation(page, first, second, gap, sentence.evidence())
            if relation is not None:
                found.append(relation)
        found += _gap_between(page, rates, sentence.evidence())
    return found + _named_rates(page)


def _named_rates(page: Page) -> list[Relation]:
    """增长28.1%，高出全省外贸整体增速11个百分点: a rate compared with another that the words name
    and the page printed earlier (外贸进出口…增长17.1%). The name must share words of the measure
    with that rate's sentence (a place alone, 高于全国, names any of the nation's rates); among the
    rates it names, the arithmetic picks the one the gap fits, exactly or else one slip away, and
    only when just one value does. A warning, as the pair is the arithmetic's choice."""
    found = []
    for sentence in page.sentences:
        rates = [f for f in sentence.figures if f.unit in ("%", "个百分点")]
        for i, gap in enumerate(rates):
            if gap.unit != "个百分点" or i < 1 or rates[i - 1].unit != "%" or i >= 2 and rates[i - 2].unit == "%":
                continue  # two rates before the gap: find() reads them
            rate = rates[i - 1]
            name = NAMED_RATE.search(between(page.text, rate, gap))
            if name is None or PER_YEAR.search(gap.context):
                continue
            wanted = bigrams(GENERIC.sub("", PLACE.sub("", name.group("name"))))
            if not wanted:
                continue
            named = [f for f in page.figures if f.unit == "%" and f.span.end <= sentence.start and f.value > 0
                     and wanted & bigrams(_words_before(page, f))]
            other = _fitting(rate, named, gap)
            if other is not None:
                found.append(Relation("points", (rate, other, gap), ("abs(x0 - x1) == x2",), "medium",
                                      sentence.evidence(), f"{printed(rate)}, {printed(other)}: {printed(gap)}"))
    return found


def _words_before(page: Page, figure: Figure) -> str:
    """The words of the figure's sentence before it, at most NAMED_REACH characters."""
    start = max(page.sentence(figure).start, figure.span.start - NAMED_REACH)
    return page.text[start:figure.span.start]


def _fitting(rate: Figure, named: list[Figure], gap: Figure) -> Figure | None:
    """The one value among the named rates that the gap separates from the rate."""
    fits: dict[str, list[tuple[str, Figure]]] = {}
    for other in named:
        if other.number == rate.number:
            continue
        pair = (rate, other) if rate.value > other.value else (other, rate)
        how = fit(DIFFERENCE, pair, gap)
        if how in ("exact", "slip"):
            fits.setdefault(how, []).append((other.number, other))
    chosen = fits.get("exact") or fits.get("slip") or []
    return chosen[-1][1] if len({number for number, _ in chosen}) == 1 else None


def _gap_between(page: Page, rates: list[Figure], evidence: str) -> list[Relation]:
    """由3.25%上调0.25个百分点至3.50%: from one rate, by the gap, to the other."""
    found = []
    for first, gap, second in zip(rates, rates[1:], rates[2:]):
        if (first.unit, gap.unit, second.unit) != ("%", "个百分点", "%"):
            continue
        if not FROM.search(first.context):
            # 甲得票率为33.84%，乙低0.5个百分点、得33.33%: another's rate, by the gap, printed next.
            if COMPARED_NEXT.fullmatch(between(page.text, first, gap)) and \
                    re.fullmatch(r"[、，,]?[得为為是至到]?", between(page.text, gap, second)):
                found.append(Relation("points", (first, second, gap), ("abs(x0 - x1) == x2",), "medium",  # type: ignore[arg-type]
                                      evidence, f"{printed(first)}, {printed(second)}: {printed(gap)}"))
            continue
        verb = GAP_BETWEEN.search(between(page.text, first, gap))
        if not verb or not re.fullmatch(r"(到|至)", between(page.text, gap, second)):
            continue
        expr = "x1 - x0 == x2" if UP.match(verb.group(0)) else "x0 - x1 == x2"
        found.append(Relation("points", (first, second, gap), (expr,), "high", evidence,  # type: ignore[arg-type]
                              f"{printed(first)}, {printed(second)}: {printed(gap)}"))
    return found


def _sign(rate: Figure) -> str:
    """"-" for a rate of growth printed after a word of fall (下降0.3%), else ""."""
    return "-" if rate.value > 0 and FELL.search(rate.context[-6:]) else ""


def _compared(page: Page, first: Figure, second: Figure, gap: Figure) -> bool:
    """Whether the words compare the two rates: between them, or, for a part's rate after its
    whole's (增长16.6%，其中衣着类增长23.5%，增速高于同期…6.9个百分点), in the gap's own clause."""
    if COMPARED.search(between(page.text, first, second)):
        return True
    compared = COMPARED_GAP.search(between(page.text, second, gap))
    if "其中" not in between(page.text, first, second) or compared is None:
        return False
    # 高于同期社会消费品零售总额 names the whole's rate; 高于全国工业投资, 高于同期 another.
    name = between(page.text, second, gap)[compared.end():].replace("同期", "").strip("的，, ")
    whole = page.text[page.sentence(first).start:first.span.start]
    return len(name) >= 2 and name in whole


def _relation(page: Page, first: Figure, second: Figure, gap: Figure, evidence: str) -> Relation | None:
    words = gap.context
    if PER_YEAR.search(words):
        return None  # 平均每年提高1.04个百分点: a yearly average of the gap, not the gap
    direction = "up" if UP.search(words) else "down" if DOWN.search(words) else ""
    if not direction and not (GAP.search(words) and COMPARED.search(between(page.text, first, second))):
        return None  # 高于预测的3.85%，差距0.35个百分点: the comparison gives the sides, the gap the size
    moved = direction and FROM.search(first.context) and MOVED_TO.search(between(page.text, first, second))
    if moved:  # 由 first 到 second: the later rate is the second
        expr = "x1 - x0 == x2" if direction == "up" else "x0 - x1 == x2"
        confidence = "high"
    elif _compared(page, first, second, gap) and not re.search(r"分别", gap.context):
        # Which rate is compared with which is easy to misread (其中衣着类增长23.5%，高于总额的
        # 16.6%…; 增长16.6%，其中衣着类增长23.5%，增速高于…6.9个百分点): the gap is checked either way.
        # 同比下降0.3%，增速比全市(8.1%)低8.4个百分点: a rate printed after a word of fall is
        # negative (−0.3 − 8.1 = −8.4), where its digits alone give a gap of 7.8.
        expr = f"abs({_sign(first)}x0 - {_sign(second)}x1) == x2"
        # "比全省的6.2%高" / "较17年的76.6%下滑": the compared rate is named; otherwise unsure.
        confidence = "high" if between(page.text, first, second).endswith("的") else "medium"
    else:
        return None
    title = f"{printed(first)}, {printed(second)}: {printed(gap)}"
    return Relation("points", (first, second, gap), (expr,), confidence, evidence, title)  # type: ignore[arg-type]

