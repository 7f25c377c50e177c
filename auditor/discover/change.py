"""A stated change (a growth rate or a difference) that two levels in its paragraph produce.

## What it finds
* a growth or fall in percent and two amounts or counts of one unit in its paragraph:
  年内新设企业1,812家，去年同期为700家，增长158.86%;
* a difference stated in the unit of two levels: 去年6,500人，今年2,480人，大减4,020人;
* a rate of an increase printed beside the level it led to: 党员总数9059.4万名，比上年净增103.0万名，
  增幅为1.2% (103.0 ÷ (9059.4 − 103.0));
* a rate followed by its increase, 同比 or not: 刑事案件262件，同比下降2.60%，同比减少7件
  (7 ÷ (262 + 7)); a one-digit increase only under a rate printed to three digits;
* a gap in percentage points between two rates: 投票率由58.21%跌至35.46%，下跌23个百分点;
* a growth rate computed over the wrong level: 较去年同期的206位增加13.4% with 238位 now is
  (238 − 206) ÷ 238, not ÷ 206 (15.5%); reported as a warning that says so;
* a year-on-year rate printed with a level that a list of levels year by year restates
  (2017一2019年票房分别为559.1亿、609.76亿、642.66亿 … 总票房642.66亿元，同比增长5.4%): the
  change from the year before's level in the list (years.py); a warning;
* a price quote in brackets, (level, change, change in percent): 甲指数（3250.12，-35.27，-1.07%）,
  the change over the level before it (3250.12 + 35.27); a warning.

One level is the figure of the claim's sentence nearest before it, or the one it reached right
after it (增加5%至1000亿元); the other is any figure of the unit in the paragraph, or the level
of a year the claim compares with (较2019年) in the paragraphs before. Which of the two is the
later the direction word says: a rise ends higher, a fall lower.

## Why
Growth rates and differences are recomputed by nobody; a slip in either level shows in them.

## Passing example
年内新设企业1,812家，去年同期为700家，增长158.86%.

## Failing example
年内新设企业1,812家，去年同期为700家，增长158.87% (one unit off the 158.86% the levels give).

## Precision
A rate needs a word of change right before it (增长, 下降, 增加, 减少, 上升, 回落, 增幅 …; not
至/到, which name the rate reached), a difference one of 多, 少, 增加, 减少, 相差, 净增, 高出 ….
An exact fit is taken when it is the only pair of levels that fits, and a slip (one figure one
unit of its last digit away) only with an earlier level marked as earlier (去年, 上年, 同期,
上届, 由 … 到, 比上届) and when no other pair fits. Two-digit levels carry a whole-number rate
only with an exact fit and the pair marked; a gap in points needs rates printed with decimals.
"""
from __future__ import annotations

import re
from dataclasses import replace

from auditor.discover.fit import DECLINE, DIFFERENCE, GROWTH, INCREASE, RATIO, SHRINK, SUM, Fit, Form, fit
from auditor.discover.relation import Relation
from auditor.discover import records, years
from auditor.discover.scope import Paragraph, alike, counted_alike, digits, paragraphs
from auditor.discover.text import GENERIC, Page, Sentence, between, bigrams, compact, in_bracket, label, printed
from auditor.evaluate.semantics import read
from auditor.model import Figure

# 增产/减产, 增收/减收 and 扩大/缩减 are output's, income's and area's own verbs of change;
# 负增长 is a fall.
# Market and Malaysian copy rises 上扬 and 攀升 and falls 下挫 and 走低, as well.
UP = r"增长率|增長率|增速|增长|增長|增加|上升|提高|上涨|上漲|上扬|上揚|攀升|扬升|揚升|走高|增幅|升幅|涨幅|漲幅|增产|增產|增收|扩大|擴大|增|升|涨|漲|多|高出|净增|淨增"
DOWN = (r"负增长|負增長|下降|减少|減少|降低|回落|下跌|下挫|走低|滑落|降幅|跌幅|减幅|減幅|减产|減產|减收|減收|缩减|縮減|减|減|降|跌|挫|少|"
        r"缩小|縮小|下滑")
MOVE = re.compile(rf"(?P<down>{DOWN})|(?P<up>{UP})")
# Words between a change word and its figure. Not 至/到: 上升至5.2% is the rate reached, not a change.
TAIL = r"(?:了|约|約|为|為|达|達|近|逾|超过|超過|接近|有|录得|錄得|录|錄|是)*$"
RATE_CUE = re.compile(rf"(?:{DOWN}|{UP}){TAIL}")
GAP_CUE = re.compile(rf"(?:{DOWN}|{UP}|相差|差距|差){TAIL}")
CUE = GAP_CUE  # every claim of a change ends its clause with one of these
# A step may name what changed between its word and its figure: 比去年同期多处置25.9亿元.
STEP_CUE = re.compile(rf"(?:{DOWN}|{UP}|相差|差距|差){TAIL[:-1]}[\u4e00-\u9fff]{{0,2}}$")
# The period before this one, of any length: 上年, 上季度, 上个月, 上半年, 上届, 去年, 前年.
BEFORE = (r"去年|同期|前年|往年|[上前]一?个?(?:年度?|季度?|月|期|周|週|届|屆|半年|財年|财年|交易日)"
          r"|上日|昨日|前日|前一日|[一两兩二三]年前|之前|此前")  # 一年前为5亿4406万令吉: a year before
COMPARED = re.compile(rf"(比|较|較|与|與|相比)[^，,。；;]{{0,3}}({BEFORE})")
# A comparison that leads straight into the level, in its clause: 相比去年端午节三天(1035套.
# …or a year: 与2020年的2553.98亿元相比减少了806.14亿元.
COMPARED_INTO = re.compile(rf"(?:比|较|較|与|與|相比)[^，,。；;]{{0,3}}(?:{BEFORE}|(?:19|20)\d\d\s*年)[^，,。；;\d]{{0,8}}[（(]?\s*$")
COMPARED_AFTER = re.compile(r"\s*[①-⑳*＊]?\s*(?:相比|相較|相较|比较|比較)")  # 与…的725482人相比, and after a footnote mark (2421812人④相比)
# 相比今年9月25日正式选民登记册发表时的4,138,992人: a level its own clause opens by comparing with it.
COMPARED_WITH = re.compile(r"^(?:相比|相較|相较|比起|对比|對比)[^，,。；;]{0,24}$")
YEAR_COMPARED = re.compile(r"(?:比|较|較|与|與)\s*(?P<year>(?:19|20)\d\d)\s*年")
# A bracket of three plain numbers, the last a percent: a price quote.
QUOTE = re.compile(r"[（(]\s*[-－+]?[0-9０-９][0-9０-９.．]*\s*[，,、]\s*[-－+]?[0-9０-９][0-9０-９.．]*\s*[，,、]\s*"
                   r"[-－+]?[0-9０-９][0-9０-９.．]*\s*[%％]\s*[）)]")
NOT_NAME = re.compile(r"[^\u4e00-\u9fff|#]|[按較较達达為为預预計计期至到與与年月日]")
# Between a level and its rate (3.86亿人次，同比增长12.1%): a comma, a comparison, a word of change.
COMPARISON_GAP = re.compile(rf"[，,]?\s*(?:同比|环比|比上年|较上年|比去年|较去年|按年|按季|按月)?(?:{DOWN}|{UP})?{TAIL}")
BEFORE_GAP = 10
STATEMENT_END = re.compile(r"[；;。！？!?]")
NAME_CHARS = 4  # 整体税收, 印花税收入: a shared name this long is no chance
NAME_WINDOW = 24
FROM_AFTER = re.compile(r"[，,]?(?:从|由|從)[\u4e00-\u9fff]{0,6}")  # 下降0.4%，从每平方米25,380元 …
TO = re.compile(rf"[，,]?(?:{DOWN}|{UP})?(?:至|到|为|為)")  # … 降至25,279元
YEARLY = re.compile(r"同比|比上年|较上年|較上年|比去年|较去年|較去年|按年")  # a change from the year before
RATE_JOIN = re.compile(r"、|和|及|与|與|以及")
OR = re.compile(r"或|或者|，或|,或")
PART_OF = re.compile(r"^(?:其中|当中|之中)")
EARLIER = re.compile(rf"{BEFORE}|此前|以往|原来|原來|由|从|從|\d{{4}}年|(?:比|较|較|与|與)\s*\d{{1,2}}\s*月份?")  # 較12月份的379.5點
# Between a rate and the increase printed after it: 、减少 / 或 / ，即增加 / ，同比减少 / ，比上年多.
SINCE = rf"同比|环比|環比|按年|按月|按季|(?:比|较|較|与|與)(?:{BEFORE})(?:同期)?(?:相比)?"
# Taiwan's and Hong Kong's statistics abbreviate 按年/按月 to 年/月 before the verb: 年減3000人, 月增0.05.
ABBREVIATED = r"[年月](?=增|減|减|升|降|跌)"
CHAIN_BASE = 10  # units the earlier level of a chained rate must reach
# Only a comparison with a past period (比去年同期, 同比): a plan or a budget is no earlier level.
# A budget report's level may carry its breakdown in brackets and its completion rate before
# the step: 完成78.14亿元(县本级60.4亿元,高新区17.74亿元),完成调整预算的102.72%,同比增收2.07亿元.
CHAIN_STEP = re.compile(rf"[\u4e00-\u9fff]{{0,6}}\s*(?:[（(][^（()）]{{0,60}}[）)])?"
                        rf"(?:\s*[，,]\s*完成[^，,。；;\d]{{0,16}}[0-9.]+\s*%)?\s*[，,]\s*(?:{SINCE}|{ABBREVIATED})\s*(?:{UP}|{DOWN})了?\s*")
# A change and its rate as a pair (减少9人、下降45.8%), under one comparison said before them.
PAIRED_REACH = 60
PAIRED_SINCE = re.compile(rf"{SINCE}|(?:与|與|同|和)(?:{BEFORE})(?:同期)?(?:相比|比较|比較)")
PAIRED_VERB = re.compile(rf"[\u4e00-\u9fff]{{1,4}}(?:{UP}|{DOWN})了?\s*$")
PAIRED_RATE = re.compile(rf"\s*[、，,]\s*(?:{UP}|{DOWN})(?:幅)?(?:为|為|达|達)?\s*")
NOMINAL = re.compile(r"生产总值|生產總值|GDP|增加值")  # an increase in current prices, a growth in constant ones
# …增加6000人，增长1.5%, or the same change in percent joined by 或 (增加6000人或1.5%).
CHAIN_RATE = re.compile(rf"\s*(?:[，,]\s*(?:{UP}|{DOWN})(?:幅)?(?:为|為|达|達)?|或)\s*")
REACHED = re.compile(r"[，,]?\s*[至到达](?:[^，,。；;\d]{1,6}的)?")
STEP_AFTER = re.compile(rf"[、，,]?\s*(?:或|即)?\s*(?:{SINCE})?\s*(?:{DOWN}|{UP})?了?(?:约|約)?\s*")


def find(page: Page) -> list[Relation]:
    found = []
    scopes = paragraphs(page)
    for index, paragraph in enumerate(scopes):
        levels = paragraph.levels()
        for sentence in paragraph.sentences:
            for claim in sentence.figures:
                tail = _tail(page, sentence, claim)
                if not CUE.search(tail):
                    continue  # most figures claim no change: skip them before any list is built
                relation = _change(page, paragraph, levels + _dated(scopes[:index], claim), claim, tail) \
                    or _named_elsewhere(page, scopes, paragraph, claim) or _points_named_elsewhere(page, scopes, paragraph, claim) \
                    or _listed_year_before(page, paragraph, claim)
                if relation is not None:
                    found.append(relation)
    return found + _quotes(page) + records.find(page, {r.figures[-1].id for r in found})


def _named_elsewhere(page: Page, scopes: list[Paragraph], paragraph: Paragraph, claim: Figure) -> Relation | None:
    """整体税收上升4%至3,423亿元, the level it rose from printed in another paragraph under the
    same name (整体税收达到3,286亿元): a level of the reached level's unit, anywhere in the
    page, whose words share a name of NAME_CHARS or more characters with the words before
    the claim, and the only such level that fits. The name ties the two; no word of time is
    needed, but with nothing else to confirm it the relation is a warning."""
    if claim.unit != "%" or claim.kind != "percent" or not RATE_CUE.search(claim.context[-8:]):
        return None
    reached = _right_after(page, paragraph.levels(), claim) or _right_before(page, paragraph, claim)
    if not reached or digits(reached[0]) < 3:
        return None
    level, down = reached[0], _down(claim.context[-8:])
    words = _name_words(page, paragraph.sentence(claim).start, claim.span.start)
    fits = []
    own = {f.id for f in paragraph.levels()}
    for other in _long_levels(page, scopes):
        if other.id in own or (other.value < level.value) != (not down) or not alike(other, level):
            continue
        if not _names_share(page, words, other):
            continue
        inputs = (other, level) if down else (level, other)
        how = fit(DECLINE if down else GROWTH, inputs, claim, rate=True)
        if how is not None:
            fits.append((how, other))
    if len({f.id for _, f in fits}) != 1:
        return None
    how, earlier = fits[0]
    relation = _relation(claim, level, earlier, how, True, down, paragraph.sentence(claim).evidence())
    return Relation("change", relation.figures, relation.exprs, "medium", relation.evidence, relation.title,
                    relation.note)


def _listed_year_before(page: Page, paragraph: Paragraph, claim: Figure) -> Relation | None:
    """当年全国电影总票房642.66亿元，同比增长5.4% beside 2017一2019年票房分别为559.1亿、609.76亿、
    642.66亿: the level the rate is printed with is listed for a year, and the list gives the year
    before's (years.py). A year-on-year rate only (同比, 比上年 …), fitting exactly or one slip
    away; a warning, as the list and the rate are tied by the arithmetic and one restated level."""
    if claim.unit != "%" or claim.kind != "percent" or not RATE_CUE.search(claim.context[-8:]) \
            or not YEARLY.search(claim.context):
        return None
    reached = _right_after(page, paragraph.levels(), claim) or _right_before(page, paragraph, claim)
    if not reached or digits(reached[0]) < 3:
        return None
    level, down = reached[0], _down(claim.context[-8:])
    earlier = years.year_before(page, level)
    if earlier is None or (earlier.value > level.value) != down:
        return None
    how = fit(DECLINE if down else GROWTH, (earlier, level) if down else (level, earlier), claim, rate=True)
    if how is None:
        return None
    relation = _relation(claim, level, earlier, how, True, down, paragraph.sentence(claim).evidence())
    return Relation("change", relation.figures, relation.exprs, "medium", relation.evidence, relation.title,
                    relation.note)


def _points_named_elsewhere(page: Page, scopes: list[Paragraph], paragraph: Paragraph, claim: Figure) -> Relation | None:
    """资产负债率降至58.98%，较上年末减0.8个百分点, the rate it fell from printed in another
    paragraph under the same name (资产负债率59.78%). The rate reached is the one right before
    the claim, joined to it by 较/比 and a word of an earlier time; the earlier rate is any rate
    of the page, printed with decimals, whose words share a name of NAME_CHARS or more with the
    words before the rate reached, and the only one that fits. A warning, as for levels."""
    if claim.unit not in ("个百分点", "百分点") or not RATE_CUE.search(claim.context[-8:]):
        return None
    sentence = paragraph.sentence(claim)
    rates = [f for f in sentence.figures if f.span.end <= claim.span.start and f.unit == "%" and f.kind == "percent"]
    if not rates or rates[-1].decimals < 1 or not COMPARED.search(between(page.text, rates[-1], claim)):
        return None
    level, down = rates[-1], _down(claim.context[-8:])
    words = _name_words(page, sentence.start, level.span.start)
    fits = []
    for other in (f for scope in scopes if scope is not paragraph for f in scope.figures):
        if other.unit != "%" or other.kind != "percent" or other.decimals != level.decimals or \
                (other.value < level.value) != (not down) or not _names_share(page, words, other):
            continue
        how = fit(DIFFERENCE, (other, level) if down else (level, other), claim, bound=True)
        if how is not None:
            fits.append((how, other))
    if len({f.id for _, f in fits}) != 1:
        return None
    how, earlier = fits[0]
    relation = _relation(claim, level, earlier, how, False, down, sentence.evidence())
    return Relation("change", relation.figures, relation.exprs, "medium", relation.evidence, relation.title,
                    relation.note)


def _name_words(page: Page, start: int, end: int, gap: str = "|") -> str:
    """The words of a sentence before a figure, where its name is; words of change and
    measure (增长, 同比, 达到 …) and anything not Chinese become `gap`, so no shared name runs
    across them."""
    words = page.text[max(start, end - NAME_WINDOW):end]
    return NOT_NAME.sub(gap, GENERIC.sub(gap, MOVE.sub(gap, words)))


def _level_name(page: Page, level: Figure) -> str:
    """A level's name words, worked out once per page: every claim compares against them."""
    names = page.kept("level names", dict)
    if level.id not in names:
        names[level.id] = _name_words(page, page.sentence(level).start, level.span.start, "#")
    return names[level.id]


def _long_levels(page: Page, scopes: list[Paragraph]) -> list[Figure]:
    """The page's levels of three digits or more, worked out once: every claim looks at them."""
    return page.kept("long levels", lambda: [f for scope in scopes for f in scope.levels() if digits(f) >= 3])


def _names_share(page: Page, words: str, level: Figure) -> bool:
    """Whether the words share a run of NAME_CHARS characters with the level's name words:
    the level's runs of that length are worked out once per page, as every claim asks."""
    grams = page.kept("level name grams", dict)
    if level.id not in grams:
        name = _level_name(page, level)
        grams[level.id] = {name[i:i + NAME_CHARS] for i in range(len(name) - NAME_CHARS + 1)}
    runs = grams[level.id]
    return any(words[i:i + NAME_CHARS] in runs for i in range(len(words) - NAME_CHARS + 1))


def _quotes(page: Page) -> list[Relation]:
    """A price quote in brackets, (收盘价, 涨跌额, 涨跌幅): 工商银行（4.20，0.03，0.72%）. The
    change in percent is the change over the previous price, the quoted one less the change:
    0.03 ÷ (4.20 − 0.03) = 0.72%. Three plain numbers in one bracket, the last a percent, are
    the words here; the fit must be exact or one slip away, and the relation is a warning."""
    found = []
    for match in QUOTE.finditer(page.text, page.lo, page.end):
        inside = page.figures_between(match.start(), match.end())
        if len(inside) != 3:
            continue
        price, step, rate = inside
        if rate.unit != "%" or rate.kind != "percent" or price.unit or step.unit or price.value <= 0:
            continue
        down = step.value < 0
        if down != (rate.value < 0) or abs(step.value) >= price.value:
            continue  # a fall and a rise at once, or a change as large as the price: no quote
        how = fit(SHRINK if down else INCREASE, (_magnitude(step), price), _magnitude(rate), rate=True, bound=True,
                  tight=True)
        if how not in ("exact", "slip"):
            continue
        expr = "x1 / (x0 - x1) == x2"  # signed: a fall is a negative change and a negative rate
        title = f"{printed(price)}，涨跌{printed(step)}：涨跌幅{printed(rate)}"
        found.append(Relation("change", (price, step, rate), (expr,), "medium", page.text[match.start():match.end()],
                              title))
    return found


def _magnitude(figure: Figure) -> Figure:
    return replace(figure, value=abs(figure.value), number=figure.number.lstrip("-"))


def _dated(before: list[Paragraph], claim: Figure) -> list[Figure]:
    """较2019年减少4.9%: the level of the year the claim names, from earlier paragraphs, when
    that year is printed right before it (由2019年的3,850,500)."""
    match = YEAR_COMPARED.search(claim.context)
    if not match:
        return []
    year = match.group("year")
    return [f for p in before for f in p.levels() if re.search(rf"{year}\s*年[的为為是有]?$", f.context)]


def _tail(page: Page, sentence: Sentence, claim: Figure) -> str:
    """The words that say what a claim is: those before it, or, for 跌7.4元或1.97% (a change and
    the same change in percent, joined by 或), 较去年增加44人（4.6%） (the change in percent
    alone in brackets after it) and 減少990人、0.84% (listed after it), the change's, whose
    word of change both share."""
    listed = _listed_rate(page, sentence, claim)
    if listed is not None:  # 分别下降13.9%、2.6%及30.9%: the list's change word is each rate's
        return listed.context[-8:]
    if claim.unit == "%" and (OR.fullmatch(claim.context[-1:]) or page.text[claim.span.start - 1:claim.span.start] == "、"
                              or _bracketed_after(page, claim)):
        before = [f for f in sentence.figures if f.span.end <= claim.span.start][-1:]
        joint = before and between(page.text, before[0], claim)
        # 減少19萬8967人、0.84%: listed right after the change, as 或 or a bracket joins it.
        if joint and (OR.fullmatch(joint) or joint in ("（", "(", "、")) and before[0].unit not in ("%", ""):
            return before[0].context[-8:]
    return claim.context[-8:]


def _listed_rate(page: Page, sentence: Sentence, claim: Figure) -> Figure | None:
    """The first rate of the list a rate is joined to (a、b及c), when the list opens with a word
    of change; else None."""
    if claim.unit != "%":
        return None
    before = [f for f in sentence.figures if f.span.end <= claim.span.start]
    first = None
    for f in reversed(before):
        if f.unit != "%" or not RATE_JOIN.fullmatch(between(page.text, f, first or claim)):
            break
        first = f
    return first if first is not None and RATE_CUE.search(first.context[-8:]) else None


def _bracketed_after(page: Page, claim: Figure) -> bool:
    return page.text[claim.span.start - 1:claim.span.start] in ("（", "(") \
        and page.text[claim.span.end:claim.span.end + 1] in ("）", ")")


def _change(page: Page, paragraph: Paragraph, levels: list[Figure], claim: Figure, tail: str) -> Relation | None:
    if claim.unit == "成" and claim.kind == "percent" and RATE_CUE.search(tail):
        return _approximate(paragraph.sentence(claim), levels, claim, _down(tail))
    if claim.unit in ("%", "‰") and claim.kind == "percent" and RATE_CUE.search(tail):
        rate = True
    elif claim.unit == "个百分点" and GAP_CUE.search(tail):
        rate, levels = False, [f for f in paragraph.figures if f.unit == "%" and f.kind == "percent"]
    elif GAP_CUE.search(tail) and any(f is claim for f in levels):
        rate = False
    else:
        return None
    down = _down(tail)
    sentence = paragraph.sentence(claim)
    # One level is in the claim's sentence: the nearest before it, or right after it in its
    # clause (增加5%至1000亿元); the other anywhere in the paragraph. Which of the two is the
    # later one the direction says: a rise ends higher, a fall lower.
    own = [f for f in levels if sentence.start <= f.span.start and f.span.end <= claim.span.start
           and (rate or _comparable(f, claim))][-1:] + _right_after(page, levels, claim)
    form = (DECLINE if down else GROWTH) if rate else DIFFERENCE
    if rate and own and STEP_CUE.search(own[-1].context[-8:]) and _down(own[-1].context[-8:]) == down:
        increment = _increment(page, sentence, levels, own[-1], claim, down)
        if increment is not None:
            return increment
    step = _step_after(page, sentence, levels, claim, down) if rate else None
    if step is not None:  # 年减13.43%、减少1,679人; 增加了3.9%或79.85亿令吉
        increment = _increment(page, sentence, levels, step, claim, down)
        if increment is not None:
            return increment
    # 較上月(14例)減少57.1%: the words make the bracketed level the earlier one, never the later
    # one of a pair with a level from another sentence that fits too.
    fits = [found for level in own for found in _fits(form, levels, level, claim, down)
            if not _compared_from(page, found[2], claim) and not _bracketed_earlier(page, sentence, found[1])]
    if not fits:
        return (_wrong_base(paragraph, levels, own, claim, down) if rate else None) \
            or _tied(sentence, levels, own, claim, down, form)
    if len({(a.id, b.id) for _, a, b in fits}) != 1:
        return None
    how, current, earlier = fits[0]
    if not _telling(claim, current, earlier, how, rate, sentence):
        return None
    if how != "exact" and not (_one_statement(page, earlier, claim) or _same_item(current, earlier)):
        # 油菜播面2.5萬畝 … 中藥材春播4.8萬畝,比上年春播增加3萬畝: a level of another item in the
        # paragraph fits a coarse change one slip away by chance; only an exact fit, or the
        # claim's own sentence, or the item's own name, ties them.
        return None
    return _relation(claim, current, earlier, how, rate, down, sentence.evidence())


def _approximate(sentence: Sentence, levels: list[Figure], claim: Figure, down: bool) -> Relation | None:
    """由去年的13宗升至今年的21宗，升幅近六成: a rate in tenths (and 近, 超过, 约 …) is too coarse for
    the arithmetic to pick its levels, so the words must: exactly two levels of one measure
    before it in its sentence, the first marked as the earlier (由, 从, 去年 …). The evaluator's
    reading of 近 (at most), 超过 (more than) and 约 then judges it; a warning."""
    inside = [f for f in levels if sentence.start <= f.span.start and f.span.end <= claim.span.start]
    if len(inside) != 2 or not alike(*inside) or not EARLIER.search(inside[0].context[-8:]):
        return None
    earlier, later = inside
    if (later.value < earlier.value) != down or earlier.value <= 0:
        return None
    relation = _relation(claim, later, earlier, "exact", True, down, sentence.evidence())
    return replace(relation, confidence="medium")


def _increment(page: Page, sentence: Sentence, levels: list[Figure], step: Figure, claim: Figure,
               down: bool) -> Relation | None:
    """B，比上年净增D，增幅为g%: the rate is the increase over the level before it, D ÷ (B − D)
    (a fall: D ÷ (B + D)). B is the level of the step's unit right before it in the sentence,
    but for the whole of a share (完成年初预算数60999万元的40.4%), which is no level that moved."""
    wholes = page.share_wholes()
    # A rise D to B has B > D; a fall may be larger than what is left (减支27580万元 to 5308万元).
    # Another step before it is no level (…比年初增加626.28万吨，增长53.89%；比去年同期减少352.48万吨).
    base = [f for f in levels if sentence.start <= f.span.start and f.span.end <= step.span.start
            and alike(f, step) and (down or f.value > step.value) and f.id not in wholes
            and not STEP_CUE.search(f.context[-8:])]
    # 完成78.14亿元(县本级60.4亿元,高新区17.74亿元),…,增收2.07亿元: the figures of a closed
    # aside break the level down; the level that moved is the one before the aside.
    base = [f for f in base if not _in_aside(page, f, step, base)] or base
    level = base[-1] if base else _named_before(page, sentence, levels, step)
    if level is None:
        return None
    if step.span.start > claim.span.start:
        return _either_level(sentence, level, step, claim, down)
    # 相比去年(1035套)增加196套，增幅18.9%: the level is the earlier one, the rate D ÷ A.
    # 与2010年第六次全国人口普查的725482人相比，增加25907人: 相比 right after it says so too.
    earlier = COMPARED_INTO.search(page.text, max(sentence.start, level.span.start - 16), level.span.start) is not None \
        or COMPARED_AFTER.match(page.text, level.span.end) is not None
    form = RATIO if earlier else SHRINK if down else INCREASE
    how = fit(form, (step, level), claim, rate=True, bound=True)
    chained = how is None and not earlier and _chained(page, level, step, claim, down)
    if (how is None and not chained) or not _telling_step(level, step, claim) or how not in ("exact", None) and claim.qualifier:
        return None
    if how == "slip" and level.scale > 1 and step.scale == 1 and step.number.endswith("00"):
        return None  # 12.7万户，增加5,100户: a round step beside a level rounded to the thousand is rounded too
    expr = "x1 / x0 == x2" if earlier else "x1 / (x0 + x1) == x2" if down else "x1 / (x0 - x1) == x2"
    title = _step_title(level, step, claim, down)
    note = "matches only if the rate was cut, not rounded" if how == "truncated" else ""
    return Relation("change", (level, step, claim), (expr,), "high" if how not in ("truncated", None) else "medium",
                    sentence.evidence(), title, note)


def _in_aside(page: Page, figure: Figure, step: Figure, levels: list[Figure]) -> bool:
    """Whether the figure is inside brackets that open right after another level and close
    before the step: that level's breakdown (78.14亿元(县本级60.4亿元,…)), not a level compared
    with in brackets (相比去年(1035套)增加196套)."""
    return any(page.text[f.span.end:f.span.end + 1] in ("(", "（") and f.span.end < figure.span.start
               and in_bracket(page.text, figure.span.start, f.span.end)
               and not in_bracket(page.text, step.span.start, f.span.end) for f in levels)


def _chained(page: Page, level: Figure, step: Figure, claim: Figure, down: bool) -> bool:
    """一共录得3561宗，比去年同期增加93宗，上升5.7%: the level, its increase and the increase's rate
    in three clauses run together, nothing else between them. The words tie the three so
    closely that a rate far from the arithmetic is a misprint, not another rate: reported as a
    warning (no single misprint may explain it), where a looser tie would propose nothing."""
    if NOMINAL.search(page.text[max(0, level.span.start - 20):level.span.start]):
        return False
    base = level.value + step.value if down else level.value - step.value
    # The earlier level must be a level, not a handful (12家, 增加10家: 2 before, 480% of it).
    return (CHAIN_STEP.fullmatch(page.text, level.span.end, step.span.start) is not None
            and CHAIN_RATE.fullmatch(page.text, step.span.end, claim.span.start) is not None
            or _paired(page, level, step, claim)) and not claim.qualifier and base >= CHAIN_BASE * step.scale


def _paired(page: Page, level: Figure, step: Figure, claim: Figure) -> bool:
    """死亡13人，与上年同期相比，起数减少1起、下降50%，死人减少9人、下降45.8%: each measure's
    increase and its rate as a pair (减少9人、下降45.8%) after one comparison with a past period
    that covers them all, the level the nearest one of the step's unit before it, in one
    sentence. The pair names the change; a rate the level and step do not give is a warning."""
    gap = page.text[level.span.end:step.span.start]
    return len(gap) <= PAIRED_REACH and not re.search("[。；;]", gap) and PAIRED_SINCE.search(gap) is not None \
        and PAIRED_VERB.search(gap) is not None and PAIRED_RATE.fullmatch(page.text, step.span.end, claim.span.start) is not None


def _telling_step(level: Figure, step: Figure, claim: Figure) -> bool:
    """Whether a fit of level, step and rate is unlikely by chance: two digits in each, or a
    one-digit step (减少7件) under a rate printed to three digits (2.60%), which few steps fit."""
    return digits(level) >= 2 and (digits(step) >= 2 or digits(claim) >= 3)


def _named_before(page: Page, sentence: Sentence, levels: list[Figure], step: Figure) -> Figure | None:
    """卫生技术人员1124.2万人。与上年比较，卫生技术人员增加56.4万人（增长5.4%）: with no level
    in its own sentence, the step's is the last level of its unit in the sentence before that
    shares NAME_CHARS characters of name with the step."""
    before = [f for f in levels if f.span.end <= sentence.start and alike(f, step) and f.value > step.value
              and page.sentence(f).end == sentence.start]
    name = _name_words(page, sentence.start, step.span.start)
    named = [f for f in before if _names_share(page, name, f)]
    return named[-1] if named else None


def _step_title(level: Figure, step: Figure, claim: Figure, down: bool) -> str:
    return f"{printed(level)}, {'减少' if down else '增加'}{printed(step)}: {'下降' if down else '增长'}{printed(claim)}"


def _step_after(page: Page, sentence: Sentence, levels: list[Figure], claim: Figure, down: bool) -> Figure | None:
    """The increase printed right after its rate, in the levels' unit: 年减13.43%、减少1,679人,
    增加了3.9%或79.85亿令吉."""
    after = [f for f in levels if claim.span.end <= f.span.start < sentence.end]
    if not after:
        return None
    step = after[0]
    words = between(page.text, claim, step)
    if not STEP_AFTER.fullmatch(words) or (MOVE.search(words) is not None and _down(words) != down):
        return None
    return step


def _either_level(sentence: Sentence, level: Figure, step: Figure, claim: Figure, down: bool) -> Relation | None:
    """增长3.6%，增加62.40亿元 after one level: the level the rate reached (D ÷ (B − D)) or the
    earlier one it is measured from (比前一年的1733.15亿元增加了3.6%或62.40亿元: D ÷ A). No
    window of words says reliably which (2019年, 上半年 and 由于 sit before either), so both
    readings are judged and the better one counts: a failure is one neither explains."""
    moved = SHRINK if down else INCREASE
    readings = [(moved, "x1 / (x0 + x1) == x2" if down else "x1 / (x0 - x1) == x2"), (RATIO, "x1 / x0 == x2")]
    known = _which_level(sentence, level, step, down)
    if known is not None:  # the other level is printed too, and says which this one is
        readings = readings[1:] if known == "earlier" else readings[:1]
    fits = [how for form, _ in readings if (how := fit(form, (step, level), claim, rate=True, bound=True)) is not None]
    if not fits or not _telling_step(level, step, claim) or claim.qualifier and "exact" not in fits:
        return None
    exprs = tuple(expr for _, expr in readings)
    title = _step_title(level, step, claim, down)
    truncated_only = all(how == "truncated" for how in fits)
    return Relation("change", (level, step, claim), exprs, "medium" if truncated_only else "high",
                    sentence.evidence(), title)


def _which_level(sentence: Sentence, level: Figure, step: Figure, down: bool) -> str | None:
    """"earlier" when another level of the sentence is this one moved by the step (1795.55 =
    1733.15 + 62.40), "later" when this one is the other moved by it; None when none is."""
    for other in sentence.figures:
        if other is level or other is step or not alike(other, level) or read(other).unit > read(step).unit:
            continue  # 1萬人 is anything from 5,000 to 15,000: it fits every sum, and says nothing
        moved_from = (other, step) if down else (level, step)
        if fit(SUM, moved_from, level if down else other) == "exact":
            return "earlier"
        moved_to = (level, step) if down else (other, step)
        if fit(SUM, moved_to, other if down else level) == "exact":
            return "later"
    return None


def _down(tail: str) -> bool:
    last = None
    for last in MOVE.finditer(tail):
        pass
    return bool(last and last.group("down"))


def _tied(sentence: Sentence, levels: list[Figure], own: list[Figure], claim: Figure, down: bool,
          form: Form) -> Relation | None:
    """本季营收8.2亿元，较上季的6.45亿元增长25.6%: both levels and the change in one sentence, the
    earlier one marked as earlier. The words tie the three, so a slip in a level counts although
    one unit of it moves the change by many units of its last digit (8.1亿元 gives 25.6%; 覆盖率
    从38.3%提高到41.05%，提升2.85个百分点; 381點 against 379.5點 for 0.13%, which one unit
    moves by twice itself); an exact fit was looked for first. With only the words
    to say the change was computed from these two printed levels (a rate on a revised base
    misses them the same way), a warning."""
    inside = [f for f in levels if sentence.start <= f.span.start and f.span.end <= sentence.end]
    found = [(how, later, earlier) for level in own if level in inside
             for how, later, earlier in _fits(form, inside, level, claim, down, bound=True, tight=form is not DIFFERENCE)
             if how == "slip" and _marked(claim, earlier, sentence)
             and (min(digits(later), digits(earlier)) >= 2 or _pinned(sentence, earlier, claim))]
    if len({(a.id, b.id) for _, a, b in found}) != 1 or claim.qualifier:
        return None
    how, current, earlier = found[0]
    relation = _relation(claim, current, earlier, how, form is not DIFFERENCE, down, sentence.evidence())
    return replace(relation, confidence="medium")


def _pinned(sentence: Sentence, earlier: Figure, claim: Figure) -> bool:
    """病例(6例) 較上月(14例)減少57.1%: a one-digit earlier level printed right after the
    comparison that names it, and a rate printed to a decimal, which one unit of a small count
    moves by many of its digits but no chance pair hits. A whole rate (增加100%, 25%) is met
    by a slip of small counts too easily."""
    return claim.decimals > 0 and _named_earlier(sentence, earlier)


def _bracketed_earlier(page: Page, sentence: Sentence, level: Figure) -> bool:
    """較上月(14例): a level alone in brackets right after the comparison that names it."""
    return page.text[level.span.start - 1:level.span.start] in ("(", "（") and _named_earlier(sentence, level)


def _named_earlier(sentence: Sentence, level: Figure) -> bool:
    """較上月(14例), 比去年同期的206位: a level of the sentence right after the comparison naming it."""
    return sentence.holds(level) and COMPARED_INTO.search(sentence.text[:level.span.start - sentence.start]) is not None


def _fits(form: Form, levels: list[Figure], level: Figure, claim: Figure,
          down: bool, bound: bool = False, tight: bool = False) -> list[tuple[Fit, Figure, Figure]]:
    """(fit, later, earlier) for every other level that fits with `level`; exact fits only,
    when there are any. `tight`: the levels may miss by what one unit of either moves the rate."""
    found = []
    for other in levels:
        if other is level or other is claim or not _comparable(other, level) or other.value == level.value:
            continue
        if PART_OF.search(other.context):
            continue  # 共发生16宗…，当中11宗涉及家庭: a part of a level, never a level before it
        later, earlier = (level, other) if (level.value < other.value) == down else (other, level)
        inputs = (earlier, later) if form is DECLINE or (down and form is DIFFERENCE) else (later, earlier)
        how = fit(form, inputs, claim, rate=form is not DIFFERENCE, bound=bound, tight=tight)
        if how is not None:
            found.append((how, later, earlier))
    exact = [f for f in found if f[0] == "exact"]
    return exact if exact else found


def _right_after(page: Page, levels: list[Figure], claim: Figure) -> list[Figure]:
    """增加5%至1000亿元: the level the change reached, printed after it in its clause; or, after
    下降0.4%，从25,380元降至25,279元, the level reached of the from-to that follows."""
    after = [f for f in levels if f.span.start >= claim.span.end][:2]
    # 飙涨73%，至3亿7806万令吉; 减少57%至上周的3宗 (the period reached named before its level)
    if after and REACHED.fullmatch(between(page.text, claim, after[0])):
        return after[:1]
    if len(after) == 2 and FROM_AFTER.fullmatch(between(page.text, claim, after[0])) \
            and TO.fullmatch(between(page.text, after[0], after[1])):
        return after[1:]
    return []


def _right_before(page: Page, paragraph: Paragraph, claim: Figure) -> list[Figure]:
    """共接待游客3.86亿人次，同比增长12.1%: the level a rate is of, printed right before it in its
    sentence, words of comparison alone between (同比, 比上年); the level compared with is
    printed in another paragraph (此前2017年春节期间…共接待游客3.44亿人次)."""
    sentence = paragraph.sentence(claim)
    before = [f for f in paragraph.levels() if sentence.start <= f.span.start and f.span.end <= claim.span.start]
    if not before:
        return []
    gap = between(page.text, before[-1], claim)
    return before[-1:] if len(gap) <= BEFORE_GAP and COMPARISON_GAP.fullmatch(gap) else []


def _comparable(a: Figure, b: Figure) -> bool:
    """Two levels of one measure, or two rates and the gap in points between them."""
    rates = {a.unit, b.unit} <= {"%", "个百分点"}
    return rates or alike(a, b) or counted_alike(a, b)


def _wrong_base(paragraph: Paragraph, levels: list[Figure], own: list[Figure], claim: Figure,
                down: bool) -> Relation | None:
    """较去年同期的206位增加13.4% with 238位 now: (238 − 206) ÷ 206 is 15.5%, but the change
    divided by the later level, (238 − 206) ÷ 238, is exactly 13.4%. The commonest way to get
    a growth rate wrong; read only with an exact fit and an earlier level marked as earlier."""
    for level in own:
        for other in levels:
            if other is level or not alike(other, level) or other.value == level.value:
                continue
            later, earlier = (level, other) if (level.value < other.value) == down else (other, level)
            swapped = GROWTH if down else DECLINE  # the same change over the other level
            inputs = (earlier, later) if down else (later, earlier)
            if _marked(claim, earlier) and fit(swapped, inputs, claim) == "exact" and \
                    min(digits(later), digits(earlier)) >= 3:
                relation = _relation(claim, later, earlier, "exact", True, down,
                                     paragraph.sentence(claim).evidence())
                note = f"{printed(claim)}是变化量除以后一水平{printed(later)}得到的，而不是除以{printed(earlier)}"
                return Relation("change", relation.figures, relation.exprs, "medium", relation.evidence,
                                relation.title, note)
    return None


def _one_statement(page: Page, a: Figure, b: Figure) -> bool:
    """No ；or 。 between two figures: one statement of a list of them."""
    lo, hi = sorted((a, b), key=lambda f: f.span.start)
    return STATEMENT_END.search(page.text, lo.span.end, hi.span.start) is None


def _same_item(current: Figure, earlier: Figure) -> bool:
    """Two levels whose words share a pair of characters (规模以上工业增加值 … 工业增加值)."""
    return bool(bigrams(label(current)) & bigrams(label(earlier)))


def _telling(claim: Figure, current: Figure, earlier: Figure, how: Fit, rate: bool, sentence: Sentence | None = None) -> bool:
    points = claim.unit == "个百分点"
    short = min(digits(current), digits(earlier)) < 3 and (not rate or claim.decimals == 0)
    if not points and short and not (_marked(claim, earlier, sentence) and (how == "exact" or not rate)):
        # Short levels fit a whole rate by chance, unless the words mark the pair; a difference
        # of marked levels (今年29校，比去年51校，少了22校) is arithmetic on the printed digits.
        return False
    if points and min(current.decimals, earlier.decimals) == 0:
        return False  # a whole rate fits too many gaps by chance
    if how != "exact":
        return _marked(claim, earlier, sentence) and not claim.qualifier
    return True


def _compared_from(page: Page, level: Figure, claim: Figure) -> bool:
    """结婚登记有470宗，较去年第4季下降3.9%: the level the claim compares with an earlier
    period, in its own clause, is the later level of the change, never the earlier one."""
    if level.span.end > claim.span.start:
        return False
    words = between(page.text, level, claim)
    return len(words) <= NAME_WINDOW and not re.search(r"[。；;]", words) and COMPARED.search(words) is not None


def _marked(claim: Figure, earlier: Figure, sentence: Sentence | None = None) -> bool:
    """The earlier level says it is earlier (去年同期为700家), or the claim says what it is
    compared with (比上届大跌47个百分点). A level alone in brackets (較去年同月(500例)) has no
    words of its own: the words before its bracket say it."""
    words = earlier.context[-8:]
    if not words and sentence is not None and sentence.start <= earlier.span.start:
        words = compact(sentence.text[:earlier.span.start - sentence.start]).rstrip("(（")[-8:]
    return bool(EARLIER.search(words) or COMPARED.search(claim.context[-12:]) or COMPARED_WITH.search(earlier.context))


def _relation(claim: Figure, current: Figure, earlier: Figure, how: Fit, rate: bool, down: bool,
              evidence: str) -> Relation:
    if rate:
        expr = "1 - x0 / x1 == x2" if down else "x0 / x1 - 1 == x2"
        title = f"{printed(earlier)} → {printed(current)}: {'下降' if down else '增长'}{printed(claim)}"
    else:
        expr = "x1 - x0 == x2" if down else "x0 - x1 == x2"
        title = f"{printed(current)} − {printed(earlier)} = {printed(claim)}" if not down else \
            f"{printed(earlier)} − {printed(current)} = {printed(claim)}"
    note = "matches only if the rate was cut, not rounded" if how == "truncated" else ""
    confidence = "high" if how != "truncated" and _marked(claim, earlier) else "medium"
    return Relation("change", (current, earlier, claim), (expr,), confidence, evidence, title, note)  # type: ignore[arg-type]
