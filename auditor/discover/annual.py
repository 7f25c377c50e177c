"""A yearly average, a per-head figure, or a written-out product matches the figures it comes from.

## What it finds
* 年均增长 g% (年均增速, 年平均增长, 每年平均增长率 …) after a start and an end level of one
  unit: 由2015年的A增长到2020年的B，年均增长g% holds when (B ÷ A)^(1/n) − 1 = g, n being
  the end year less the start year (年均下降 g%: 1 − (B ÷ A)^(1/n) = g);
* 年均增加 d (年均增长, 每年平均增长 …) in the levels' unit: (B − A) ÷ n = d;
* 人均 (户均, 每人) a after a total T of a's unit and a number N of people (人, 户, 名 …):
  共发放补贴1200万元，惠及3万人，人均400元 (T ÷ N = a);
* a share applied to a stated amount: 销售额1000万元的8%，即80万元 (Y × p = Z);
* a product or quotient written out: （296×32.8）为9708.8元; 100000元×5.5%÷365天×7天＝105.5元;
* an area after the two lengths it is the product of: 长26米，宽15米，占地面积390平方米;
* a rate per unit, the count of those units and the amount they come to: 以每吨3,450元采购1,200吨，
  总金额414万元; 每月可获2,500元，为期6个月，合共1.5万元; an average per thing counted:
  建设40个站点，平均每个站点投入30万元 after 1200万元.

The years come from the levels (由2010年的A增长至2015年的B), from a span before them in the
sentence (由2012年至2016年，…由A增加至B; a 五年间 beside it, counting the years inclusively,
is read as well), or from words before the levels: 十三五期间 (5 years), 过去五年, 近三年
(n or n − 1 years, either accepted).

## Why
Compound growth is the rate readers cannot recompute in their heads, so a slip in it (or a
total growth printed as a yearly one) goes unnoticed. Per-head figures and worked examples
are divisions and products of figures printed beside them.

## Passing example
全市货物运输量由2015年的1200万吨增长到2020年的1800万吨，年均增长8.4%.

## Failing example
全市货物运输量由2015年的1200万吨增长到2020年的1800万吨，年均增长10.2%.

## Precision
Everything is read within one sentence, and a rate or amount binds only when its own clause
names no other subject than the levels' (工业增加值年均增长9% after GDP levels is left alone)
and no figure of another unit sits between the end level and it. Yearly growth of money
amounts is left alone where it may be real growth at constant prices: GDP, 增加值, 收入, or a
page that says 可比价/不变价, or a rate said to be 实际. A relation is `high` confidence only
when the yearly cue is explicit and the years are printed; a period named in words (十三五,
过去N年), 人均 and shares applied to amounts are warnings (`medium`). 人均 needs exactly one
total and one head count before it, and is left alone for statistics (GDP, 工资, 可支配收入 …)
and for changes or rates per period (人均增收, 每人每月). A written-out formula takes its
operands as printed: a result whose exact value fits its printed digits must be printed
exactly (`high`); one that had to be rounded must lie within half a unit of its last digit
(`medium`: a result cut off instead of rounded is a small error); a 约 result is judged by
every figure's rounding. A formula with a part that is not a figure ((60+12)×2) is left alone.
"""
from __future__ import annotations

import re
from dataclasses import replace

from auditor.discover.lazy import lazy
from auditor.discover.fit import RATIO, fit
from auditor.discover.relation import Relation
from auditor.discover.text import GENERIC, Page, Sentence, between, clause_before, compact, measure, measure_of, printed, same_measure
from auditor.evaluate.display import decimal_text
from auditor.evaluate.suggest import ASSUMED_DIGITS
from auditor.evaluate.rational import Q
from auditor.evaluate.semantics import read
from auditor.model import Figure

# One cheap test per sentence before any work (discovery runs against a time budget).
PLUS = lazy(r"[0-9０-９][%％]?\s*[+＋]\s*[0-9０-９]")
PLUS_SIGN = lazy(r"[+＋]")
OPEN_BRACKET = lazy(r"[（(]")
APPLIED = lazy(r"(?:按|按照|以)[^，,。；;\d]{0,6}\d[\d.]*\s*[%％]")
APPLIED_BEFORE = lazy(r"(?:按|按照|以)(?:占比|比例|比重|利率|年利率|年化收益率|收益率|税率|费率|增速|增长率)?(?:为|是)?$")
APPLIED_AFTER = lazy(r"^(?:的(?:占比|比例|比重|利率|年利率|年化收益率|收益率|税率|费率|增速|增长率))?(?:来|进行)?(?:计算|测算|估算|推算|算|计)")
SHARE_OF = lazy(r"的\s*[\d.．]+\s*[%％]")
TRIGGER = lazy(r"年均|年平均|平均|人均|户均|每|[×✕÷]|平方|" + SHARE_OF.pattern)
# An area and the lengths it is the product of: 长26米，宽15米，面积390平方米.
SIDES = {"平方米": ("米",), "平方公里": ("公里", "千米"), "平方千米": ("公里", "千米")}
ANNUAL = lazy(r"年均|年平均|平均每年|每年平均")
CLAIM = lazy(
    r"(?P<cue>年均|年平均|平均每年|每年平均|平均)"
    r"(?P<verb>增长|增速|增幅|递增|增加|提高|上升|下降|减少|降幅|递减|降低|回落)"
    r"(?:率|速度|幅度|数目|数量|量)?(?:为|达|达到|约为|是|了)?$")
FALL = lazy(r"下降|减少|降幅|递减|降低|回落")
FROM = lazy(r"(?:由|从)(?:(?P<year>\d{4})年(?:底|末)?的?)?$")
TO = lazy(r"^(?:人民币|美元)?(?:增长|增加|提高|上升|扩大|发展|跃升|攀升|下降|减少|降低|回落|缩小|增|升|降|减)?"
                r"(?:到|至|为)(?:(?P<year>\d{4})年(?:底|末)?的?)?$")
# 与2010年第六次全国人口普查的总人口2421812人相比: a level of a year, compared with.
COMPARED_WITH = lazy(r"(?:与|與|同)(?P<year>\d{4})年[^，,。；;]{0,24}$")
COMPARED_YEAR = lazy(r"(?:与|與|同)\d{4}年")
COMPARED_AFTER = lazy(r"[^\u4e00-\u9fff，,。；;]{0,2}相比")
YEAR_OF = lazy(r"(\d{4})年")
SPAN = lazy(r"(?P<a>\d{4})年?(?:至|到|-|—|–|－|~|～)(?P<b>\d{4})年")
PLAN = lazy(r"十[一二三四五]五")
NUMERAL = "一二三四五六七八九十"
YEARS = lazy(rf"(?:过去|近|最近)?(?P<n>\d{{1,2}}|[{NUMERAL}]{{1,3}})年(?:间|来|中|里|内)|"
                   rf"(?:过去|近|最近)(?P<m>\d{{1,2}}|[{NUMERAL}]{{1,3}})年")
# Money that is often quoted at constant prices, whose yearly growth nominal levels cannot check.
MULTIPLE_OF = lazy(r"是(?P<year>\d{4})年(?:末|底)?的$")  # 是2011年的2.04倍: of that year's level
YEAR_REACH = 200  # characters before the sentence where its own year may be printed
REAL = lazy(r"生产总值|GDP|增加值|国民收入|收入|消费支出|消费品零售|可比价|不变价")
SUBJECT_NOISE = lazy(rf"十[{NUMERAL}]五|期间|以来|过去|近|最近|[\d{NUMERAL}]+年[间来中里内]?|全市|全省|全区|全县|全国|"
                           r"每年|平均|其中|同期|分别")

PER_HEAD = lazy(r"(?P<cue>人均|户均|每人|每户)(?P<what>[\u4e00-\u9fff]{0,4}?)(?:为|达|达到|约为|是|可|能)?$")
CHANGE_PER = lazy(r"增|减|降|升|涨|多|少|每")  # 每月增加, 每年减少: a change per unit, not a rate
CHANGE = lazy(r"增|减|降|升|涨|节|省|多|少|负担|收入|提高|每|月|年|天|日|周|次")  # 人均增收, 每人每月: no share of the total
HEADS = {"人均": ("人", "名", "位", "人次"), "每人": ("人", "名", "位", "人次"), "户均": ("户", "家"), "每户": ("户", "家")}
STATISTIC = lazy(r"生产总值|GDP|增加值|可支配收入|纯收入|消费支出|住房|面积|寿命|储蓄|存款|常住|户籍|工资|薪酬|平均")

IS = lazy(r"^[，,]?(?:即|约|为|就是|即为|约为|合|计|相当于|也就是)+$")
OPERATOR = {"×": "*", "✕": "*", "÷": "/"}
RESULT = lazy(r"^(?:[\u4e00-\u9fff]{0,4}[=＝]|[)）]?(?:[=＝]|为|等于|共计|合计|得))$")
SEMICOLON_OR_STOP = lazy(r"[；;。]")
OPEN = lazy(r"[+＋\-－×✕*÷/=＝]$")


def find(page: Page) -> list[Relation]:
    found: list[Relation] = []
    real_page = None
    for k, sentence in enumerate(page.sentences):
        text = sentence.text
        if APPLIED.search(text):
            found += _applied(page, page.sentences[k - 1] if k else None, sentence)
        if PLUS.search(text):
            found += _bracketed_sums(page, sentence)
        if len(sentence.figures) < 3 or not TRIGGER.search(text):
            continue
        if ANNUAL.search(text):
            if real_page is None:
                real_page = re.search(r"可比价|不变价", page.text[page.lo:page.end]) is not None
            found += _yearly(page, sentence, real_page)
            if k and COMPARED_YEAR.search(text):
                found += _compared_yearly(page, page.sentences[k - 1], sentence, real_page)
            if "倍" in text and not real_page:
                found += _multiple_yearly(page, sentence)
        if re.search(r"人均|户均|每人|每户", text):
            found += _per_head(page, sentence)
        if "每" in text:
            found += _per_each(page, sentence) + _per_many(page, sentence)
        if re.search(r"[×✕÷]", text):
            found += _formulas(page, sentence)
        if SHARE_OF.search(text):
            found += _shares_of(page, sentence)
        if "平方" in text:
            found += _areas(page, sentence)
    return found


# --- yearly averages -------------------------------------------------------------------------

def _yearly(page: Page, sentence: Sentence, real_page: bool) -> list[Relation]:
    found = []
    figures = sentence.figures
    for i, start in enumerate(figures):
        head = FROM.search(start.context)
        if not head or not _level(start):
            continue
        end = next((f for f in figures[i + 1:] if _level(f)), None)
        if end is None or not same_measure(start, end):
            continue
        tail = TO.search(between(page.text, start, end))
        if tail:
            found += _yearly_claims(page, sentence, start, end, head.group("year"), tail.group("year"), real_page)
    return found


def _compared_yearly(page: Page, previous: Sentence, sentence: Sentence, real_page: bool) -> list[Relation]:
    """2015年末，全市常住总人口为2511195人。与2010年…的总人口2421812人相比，五年间…增长3.69%，年平均
    增长率为0.70%: a census bulletin's yearly growth, from the level of a year compared with
    (与2010年…相比) to the level the sentence before printed under its own year (2015年末)."""
    for start in sentence.figures:
        head = COMPARED_WITH.search(page.text[sentence.start:start.span.start])
        if head is None or not _level(start) or not COMPARED_AFTER.match(page.text, start.span.end):
            continue
        levels = [f for f in previous.figures if _level(f) and same_measure(f, start)]
        year = YEAR_OF.search(page.text[previous.start:levels[-1].span.start]) if levels else None
        if year is None:
            return []
        end = levels[-1]
        claims = [f for f in sentence.figures if f.span.start > start.span.end and CLAIM.search(f.context)]
        if not claims:
            return []
        relation = _yearly_claim(page, sentence, start, end, claims[0], CLAIM.search(claims[0].context),
                                 head.group("year"), year.group(1), real_page)
        return [relation] if relation is not None else []
    return []


def _level(f: Figure) -> bool:
    return f.is_quantity and f.unit not in ("%", "‰", "个百分点", "倍", "成")


def _yearly_claims(page: Page, sentence: Sentence, start: Figure, end: Figure, year_a: str | None,
                   year_b: str | None, real_page: bool) -> list[Relation]:
    """The yearly rate and the yearly amount printed after the end level, before the
    sentence moves on to a figure of another unit."""
    found: list[Relation] = []
    for claim in (f for f in sentence.figures if f.span.start >= end.span.end):
        match = CLAIM.search(claim.context)
        if match:
            relation = _yearly_claim(page, sentence, start, end, claim, match, year_a, year_b, real_page)
            if relation is None or any(r.figures[-1].unit == claim.unit for r in found):
                break
            found.append(relation)
        elif not (claim.kind == "date" or same_measure(claim, end) or (claim.unit == "年" and claim.kind == "count")):
            break  # a figure of another unit: the clause has moved on
    return found


def _yearly_claim(page: Page, sentence: Sentence, start: Figure, end: Figure, claim: Figure, match: re.Match[str],
                  year_a: str | None, year_b: str | None, real_page: bool) -> Relation | None:
    before = page.text[sentence.start:start.span.start]
    explicit = match.group("cue") != "平均" or ANNUAL.search(page.text[sentence.start:claim.span.start]) is not None
    if not explicit or not _same_subject(claim.context[:match.start()], before):
        return None
    rate = claim.unit == "%"
    if not rate and not same_measure(claim, end):
        return None
    fall = FALL.search(match.group("verb")) is not None
    if fall != (end.value < start.value) or start.value <= 0:
        return None  # a rise printed with a falling level (or the reverse): not these levels
    if rate and end.unit.endswith("元") and (real_page or REAL.search(compact(before + claim.context)) or
                                            "实际" in claim.context):
        return None
    spans, stated = _years(sentence, before, year_a, year_b)
    if not spans:
        return None
    if rate:
        form = "1 - (x1 / x0) ** (1 / {n}) == x2" if fall else "(x1 / x0) ** (1 / {n}) - 1 == x2"
        what = "年均下降" if fall else "年均增长"
    else:
        form = "(x0 - x1) / {n} == x2" if fall else "(x1 - x0) / {n} == x2"
        what = "年均减少" if fall else "年均增加"
    years = "或".join(str(n) for n in spans)
    return Relation("annual", (start, end, claim), tuple(form.format(n=n) for n in spans),
                    "high" if stated else "medium", sentence.evidence(),
                    f"{printed(start)} → {printed(end)}，历时{years}年：{what}{printed(claim)}",
                    note="" if len(spans) == 1 else f"按{years}年都试过")


def _multiple_yearly(page: Page, sentence: Sentence) -> list[Relation]:
    """投资137.89亿元，是2011年的2.31倍，年均增长18.2%: a multiple of the level of a year
    printed before it, over the years from that one to the sentence's own (the latest other
    year printed before the multiple), and the yearly rate right after it: N^(1/n) − 1 = g.
    Money at constant prices (GDP, 收入, 消费品零售) is left alone, as for levels."""
    found = []
    figures = sentence.figures
    for multiple, claim in zip(figures, figures[1:]):
        base = MULTIPLE_OF.search(multiple.context)
        match = CLAIM.search(claim.context)
        if base is None or match is None or multiple.unit != "倍" or claim.unit != "%" or multiple.qualifier \
                or FALL.search(match.group("verb")) or not _claim_follows(page, multiple, claim):
            continue
        before = page.text[max(page.lo, sentence.start - YEAR_REACH):multiple.span.start]
        if REAL.search(compact(page.text[sentence.start:multiple.span.start])):
            continue
        years = [y for y in re.findall(r"(\d{4})年", before) if y != base.group("year")]
        if not years:
            continue
        n = int(years[-1]) - int(base.group("year"))
        if not 1 <= n <= 100:
            continue
        found.append(Relation("annual", (multiple, claim), (f"x0 ** (1 / {n}) - 1 == x1",), "medium",
                              sentence.evidence(), f"{base.group('year')}年的{printed(multiple)}，历时{n}年：年均增长{printed(claim)}"))
    return found


def _claim_follows(page: Page, multiple: Figure, claim: Figure) -> bool:
    """Only a comma and the claim's own words between the multiple and its yearly rate."""
    return re.fullmatch(r"\s*[，,]\s*[^，,。；;\d]{0,8}", page.text[multiple.span.end:claim.span.start]) is not None


def _same_subject(clause: str, before: str) -> bool:
    """The claim's clause names nothing but (part of) what the levels are about."""
    rest = SUBJECT_NOISE.sub("", GENERIC.sub("", clause))
    return not rest or rest in compact(before)


def _years(sentence: Sentence, before: str, year_a: str | None,
           year_b: str | None) -> tuple[list[int], bool]:
    """The spans of years to try, and whether the years are printed.

    Printed years give n = end − start; N年间 beside them may count the years inclusively
    (2012 to 2016 is 五年间), so N = n + 1 is read too, and any other N leaves it alone. A
    period in words alone (过去五年, 近三年) is read both ways, N and N − 1."""
    text = sentence.compact()
    words = [_count(m.group("n") or m.group("m")) for m in YEARS.finditer(text)]
    words = [n for n in words if n]
    if year_a and year_b:
        n, stated = int(year_b) - int(year_a), True
    elif span := SPAN.search(compact(before)):
        n, stated = int(span.group("b")) - int(span.group("a")), True
    else:  # a period in words counts only before the levels: 近五年 after them may be another span
        head = compact(before)
        said = {n for n in (_count(m.group("n") or m.group("m")) for m in YEARS.finditer(head)) if n}
        if PLAN.search(head) and not said - {5}:
            return [5], False
        if len(said) == 1:
            n = said.pop()
            return [k for k in (n, n - 1) if k >= 1], False
        return [], False
    if not 1 <= n <= 100 or any(w not in (n, n + 1) for w in words):
        return [], False
    spans = [n] + sorted({w for w in words if w != n})
    return spans, stated


def _count(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (NUMERAL.index(tens) + 1 if tens else 1) * 10 + (NUMERAL.index(ones) + 1 if ones else 0)
    return NUMERAL.index(text) + 1 if len(text) == 1 else 0


# --- per head --------------------------------------------------------------------------------

def _per_head(page: Page, sentence: Sentence) -> list[Relation]:
    found = []
    if STATISTIC.search(sentence.text):
        return found
    for i, each in enumerate(sentence.figures):
        match = PER_HEAD.search(each.context)
        if not match or not _level(each) or CHANGE.search(match.group("what")):
            continue
        earlier = [f for f in sentence.figures[:i] if _level(f)]
        totals = [f for f in earlier if same_measure(f, each) and f.value > each.value]
        heads = [f for f in earlier if f.unit in HEADS[match.group("cue")] and f.kind == "count"]
        if len(totals) != 1 or len(heads) != 1:
            continue  # two totals or two head counts: which one is divided is a guess
        total, people = totals[0], heads[0]
        found.append(Relation("annual", (total, people, each), ("x0 / x1 == x2",), "medium", sentence.evidence(),
                              f"{printed(total)} ÷ {printed(people)} ≈ {printed(each)}"))
    return found


# --- a rate per unit, the units, and what they come to ----------------------------------------

# 每吨3,450元, 每月可获2,500元, 每注可得8,000万元: the unit after 每, and the words up to the rate.
PER_EACH = lazy(r"每\s*(?P<per>个月|公顷|平方米|平方公里|公里|[\u4e00-\u9fff])(?P<what>[^，,。；;：:\d每]{0,8})$")


def _per_each(page: Page, sentence: Sentence) -> list[Relation]:
    """以每吨3,450元采购1,200吨大米，总金额414万元; 每月可获2,500元津贴，为期6个月，合共1.5万元;
    奖金2.4亿元由3注均分，每注可得8,000万元: a rate per unit (每吨), a count of those units (1,200吨:
    the unit printed after it, or its classifier), and an amount of the rate's measure that is
    their product. The unit the rate and the count share is the tie; the one pair that fits
    (exactly, or one slip away in any of the three) is taken, as a warning, or, where 平均 is
    said (平均每个站点投入30万元), the one total and one count printed before it, fit or not."""
    found = []
    for rate in sentence.figures:
        words = compact(page.text[sentence.start:rate.span.start])
        match = PER_EACH.search(words)
        if not match or not _level(rate) or rate.qualifier or CHANGE_PER.search(match.group("what")):
            continue
        per = match.group("per")
        counts = [f for f in sentence.figures if f is not rate and _counts(page, f, per)]
        # 每户可支配所得为194万元 is another rate per the same unit, never a total to share out
        # over those units (每人合共1.5万元 may be the total of 每月2,500元).
        totals = [f for f in sentence.figures if f is not rate and same_measure(f, rate) and f.value > rate.value
                  and not f.qualifier and "每" + per not in clause_before(page, f)]
        fits = [(t, n) for t in totals for n in counts if fit(RATIO, (t, n), rate, bound=True) in ("exact", "slip")]
        averaged = "平均" in words[-16:]
        if not fits and averaged:
            # 建设40个站点，平均每个站点投入35万元 after 1200万元: 平均 says the total is shared out, so
            # the one total and the one count before it are taken whether or not they fit.
            total_before = [f for f in totals if f.span.end <= rate.span.start]
            count_before = [f for f in counts if f.span.end <= rate.span.start]
            if len(total_before) == 1 and len(count_before) == 1:
                fits = [(total_before[0], count_before[0])]
        if len(fits) != 1:
            continue
        total, units = fits[0]
        found.append(Relation("annual", (total, units, rate), (_quotient(rate, averaged),), "medium",
                              sentence.evidence(), f"{printed(total)} ÷ {printed(units)} ≈ {printed(rate)}"))
    return found


def _quotient(rate: Figure, averaged: bool) -> str:
    """A price (每吨3,450元) is exact and the total its product; an average (平均每本书42元) is
    the quotient, rounded to its last printed digit, though an integer amount reads exact."""
    if not averaged or rate.decimals or rate.scale != 1:
        return "x0 / x1 == x2"  # 30万元 is read to the 万 already; only 42元 reads exact
    return "abs(x0 / x1 - x2) <= 0.5"


# 每万人拥有医生32.5名, 每1,000名长者平均有21.5个宿位: a rate per many of a population.
PER_MANY = lazy(r"每\s*(?P<k>十万|百万|万|千|百)(?P<per>人|户|名|位)")
MANY = {"百": 100, "千": 1000, "万": 10_000, "十万": 100_000, "百万": 1_000_000}
NEAR_MANY = 0.05  # how near total ÷ population × K must come to the rate for the three to be taken


def _per_many(page: Page, sentence: Sentence) -> list[Relation]:
    """每万人拥有执业医师32.5名 after 常住人口1260万人 and 执业医师4.1万名: the rate is the total over the
    population, times the many (万, or a printed 1,000名). Taken, as a warning, when one total and
    one population of the sentence come within NEAR_MANY of the rate."""
    found = []
    for k, per, anchor_end in _many_anchors(page, sentence):
        rate = next((f for f in sentence.figures if f.span.start >= anchor_end and f.is_quantity
                     and f.unit not in ("%", "个百分点", "倍")), None)
        if rate is None or rate.value <= 0 or SEMICOLON_OR_STOP.search(page.text, anchor_end, rate.span.start):
            continue
        others = [f for f in sentence.figures if f is not rate and f.is_quantity and f.value > 0 and not f.qualifier]
        pairs = [(t, n) for t in others if same_measure(t, rate) for n in others
                 if n is not t and measure(n) == per and n.value > k
                 and abs(t.value / n.value * k / rate.value - 1) <= NEAR_MANY]
        if len(pairs) == 1:
            total, people = pairs[0]
            # A whole number per many (每100名女性对107名男性) is a rounded rate, not a count.
            expr = f"abs(x0 / x1 * {k} - x2) <= 0.5" if rate.decimals == 0 else f"x0 / x1 * {k} == x2"
            found.append(Relation("annual", (total, people, rate), (expr,), "medium",
                                  sentence.evidence(), f"{printed(total)} ÷ {printed(people)} × {k} ≈ {printed(rate)}"))
    return found


def _many_anchors(page: Page, sentence: Sentence) -> list[tuple[int, str, int]]:
    """(K, the population's unit, where the words of 每K… end) for each 每万人 or 每1,000名."""
    anchors = [(MANY[m.group("k")], measure_of(m.group("per")), sentence.start + m.end())
               for m in PER_MANY.finditer(sentence.text)]
    for f in sentence.figures:
        if f.kind == "count" and f.value in (100, 1000, 10_000, 100_000) and \
                page.text[max(0, f.span.start - 2):f.span.start].strip().endswith("每"):
            anchors.append((int(f.value), measure(f), f.span.end))
    return anchors


def _counts(page: Page, figure: Figure, per: str) -> bool:
    """A figure counting units of `per`: its unit ends so (6个月 for 每月), or, printed without
    one, the word after it starts so (1,200 吨, 3 注, 30 日)."""
    if figure.kind not in ("count", "amount") or figure.qualifier or figure.value <= 1:
        return False
    if figure.unit:
        return figure.unit.endswith(per)
    return compact(page.text[figure.span.end:figure.span.end + 8]).startswith(per)


# --- a share of a stated amount --------------------------------------------------------------

def _shares_of(page: Page, sentence: Sentence) -> list[Relation]:
    found = []
    figures = sentence.figures
    for amount, rate, part in zip(figures, figures[1:], figures[2:]):
        if rate.unit != "%" or not _level(amount) or not same_measure(amount, part):
            continue
        if between(page.text, amount, rate) != "的" or not IS.match(between(page.text, rate, part)):
            continue
        found.append(Relation("annual", (amount, rate, part), ("x0 * x1 == x2",), "medium", sentence.evidence(),
                              f"{printed(amount)} × {printed(rate)} ≈ {printed(part)}"))
    return found


# --- a rate applied to an amount: 按20%计算 ---------------------------------------------------

def _applied(page: Page, previous: Sentence | None, sentence: Sentence) -> list[Relation]:
    """贷款规模7556亿元，按20%的占比测算，分期规模达1511亿元: a rate the words say is applied
    (按, 按照, 以 before it; 计算, 测算, 估算 after it, or a rate word between) to the nearest
    larger amount before it, in its sentence or the one before, gives the first amount of that
    measure after it. The rate is the writer's assumption, so it is read as exact: 7556 × 20%
    = 1511.2 fits 1511, not 1512."""
    found = []
    pool = [f for f in ((previous.figures if previous else ()) + sentence.figures) if _level(f)]
    for rate in sentence.figures:
        if rate.unit != "%" or rate.kind != "percent" or rate.qualifier or not 0 < rate.value < 100:
            continue
        if not APPLIED_BEFORE.search(compact(rate.context[-10:])) or \
                not APPLIED_AFTER.match(compact(page.text[rate.span.end:rate.span.end + 12])):
            continue
        after = [f for f in sentence.figures if f.span.start >= rate.span.end and _level(f)][:1]
        if not after:
            continue
        part = after[0]
        wholes = [f for f in pool if f.span.end <= rate.span.start and same_measure(f, part) and f.value > part.value]
        if not wholes:
            continue
        whole = wholes[-1]
        found.append(Relation("annual", (whole, _as_assumed(rate), part), ("x0 * x1 == x2",), "medium",
                              sentence.evidence(), f"{printed(whole)} × {printed(rate)} ≈ {printed(part)}"))
    return found


def _bracketed_sums(page: Page, sentence: Sentence) -> list[Relation]:
    """得票49.10%（43.28%+5.82%）: a figure with the sum it is made of written out in brackets
    right after it. The writer states the arithmetic, so a miss fails the gate."""
    found = []
    figures = sentence.figures
    for i, (total, first) in enumerate(zip(figures, figures[1:])):
        if not total.is_quantity or not OPEN_BRACKET.fullmatch(between(page.text, total, first)):
            continue
        parts = [first]
        for a, b in zip(figures[i + 1:], figures[i + 2:]):
            if not PLUS_SIGN.fullmatch(between(page.text, a, b)):
                break
            parts.append(b)
        close = page.text[parts[-1].span.end:parts[-1].span.end + 2].lstrip()
        if len(parts) < 2 or not close.startswith(("）", ")")) or not all(same_measure(p, total) for p in parts):
            continue
        expr = " + ".join(f"x{n}" for n in range(len(parts))) + f" == x{len(parts)}"
        found.append(Relation("annual", (*parts, total), (expr,), "high", sentence.evidence(),
                              " + ".join(printed(p) for p in parts) + f" = {printed(total)}"))
    return found


def _as_assumed(rate: Figure) -> Figure:
    """The rate with its digits extended: an assumption (按20%计算) is exact, not rounded."""
    whole, _, frac = rate.number.partition(".")
    extra = ASSUMED_DIGITS - len(frac)
    return replace(rate, number=f"{whole}.{frac}{'0' * extra}", decimals=rate.decimals + extra)


# --- an area and its sides --------------------------------------------------------------------

def _areas(page: Page, sentence: Sentence) -> list[Relation]:
    """长26米，宽15米，占地面积390平方米: an area printed after exactly two lengths of its unit
    in its sentence, and no semicolon between, is their product; with more lengths (高13米),
    the two named 长 and 宽."""
    found = []
    seen_area = False
    for i, area in enumerate(sentence.figures):
        units = SIDES.get(area.unit)
        if not units or area.qualifier or seen_area:
            seen_area = seen_area or bool(units)
            continue  # only the first area after the sides: 建筑面积 after 占地面积 counts every floor
        seen_area = True
        # A side beyond a semicolon belongs to another statement (港池水深9米，岸线长3558米；库场面积…).
        cut = max(page.text.rfind("；", sentence.start, area.span.start), page.text.rfind(";", sentence.start, area.span.start))
        sides = [f for f in sentence.figures[:i] if f.unit in units and f.kind == area.kind and not f.qualifier
                 and f.span.start > cut]
        if len(sides) > 2:  # 长26米，宽15米，高13米: the words say which two make the floor
            sides = [f for f in sides if re.search(r"[长宽]$", f.context[-2:])]
        if len(sides) != 2:
            continue
        a, b = sides
        found.append(Relation("annual", (a, b, area), ("x0 * x1 == x2",), "medium", sentence.evidence(),
                              f"{printed(a)} × {printed(b)} ≈ {printed(area)}"))
    return found


# --- a formula written out -------------------------------------------------------------------

def _formulas(page: Page, sentence: Sentence) -> list[Relation]:
    found = []
    figures = [f for f in sentence.figures if f.kind in ("amount", "count", "percent", "multiple")]
    i = 0
    while i < len(figures) - 2:
        if OPEN.search(compact(page.text[max(sentence.start, figures[i].span.start - 3):figures[i].span.start])):
            i += 1
            continue  # the formula starts earlier, with something that is not a figure
        ops, j = [], i
        while j + 1 < len(figures) and compact(between(page.text, figures[j], figures[j + 1])) in OPERATOR:
            ops.append(OPERATOR[between(page.text, figures[j], figures[j + 1])])
            j += 1
        relation = None
        if ops and j + 1 < len(figures) and RESULT.match(between(page.text, figures[j], figures[j + 1])):
            relation = _formula(sentence, figures[i:j + 2], ops)
        if relation:
            found.append(relation)
            i = j + 2
        else:
            i = j + 1
    return found


def _formula(sentence: Sentence, figures: list[Figure], ops: list[str]) -> Relation | None:
    result = figures[-1]
    n = len(figures) - 1
    expr = "x0" + "".join(f" {op} x{k + 1}" for k, op in enumerate(ops))
    shown = printed(figures[0]) + "".join(("×" if op == "*" else "÷") + printed(f) for op, f in zip(ops, figures[1:]))
    title = f"{shown} = {printed(result)}"
    if result.qualifier:  # 约: every figure by its rounding
        return Relation("annual", tuple(figures), (f"{expr} == x{n}",), "high", sentence.evidence(), title)
    value = read(figures[0]).nominal
    for op, f in zip(ops, figures[1:-1]):
        if op == "/" and read(f).nominal == 0:
            return None
        value = value * read(f).nominal if op == "*" else value / read(f).nominal
    unit = read(result).unit
    if (value / unit).denominator == 1:
        # the exact result has no more digits than printed: it must be printed exactly
        return Relation("annual", tuple(figures), (f"{expr} == x{n}",), "high", sentence.evidence(), title,
                        as_printed=True)
    # the result had to be rounded: to within half a unit of its last digit (the operands as printed)
    half = _plain(unit / 2)
    return Relation("annual", tuple(figures), (f"abs({expr} - x{n}) <= {half}",), "medium", sentence.evidence(),
                    title, note=f"exactly {_plain(value, 4)}", as_printed=True)


def _plain(value: Q, places: int = 12) -> str:
    text = decimal_text(value, places)
    return text.rstrip("0").rstrip(".") if "." in text else text
