"""A stated growth rate matches the two levels it compares.

## What it finds
* 由/从 A 增长到 B，增长 g% (or 下降 … g%), with both levels stated;
* B，同比增长 g%，上年为 A.

Two levels both named as earlier ones (较去年同期23万人次增加20%，较2023年同期17.9万人次…)
are compared with a third, not with each other.

Multiples (B 是 A 的 n 倍, 增长 n 倍, 翻番) are the `multiple` kind.

## Why
A growth rate is computed from two figures the reader can see; a slip in either shows.

## Passing example
营收由120亿元增长到150亿元，增长25%.

## Failing example
营收由120亿元增长到150亿元，增长20%.

## Precision
Statistics bulletins give growth at comparable prices (按可比价格计算) beside levels at
current prices, and the two need not agree: in an article that says so, growth of money
amounts can only raise a warning.
"""
from __future__ import annotations

import re

from auditor.discover.relation import Relation
from auditor.discover.text import Page, Sentence, between, compact, printed, same_measure
from auditor.model import Figure

# 由A(元/方)上升到了B: a per-unit tail of A's unit, any verb of moving, 到/至/为 and 了.
MOVE_TO = re.compile(r"^(/[\u4e00-\u9fff]{1,3})?(人民币|美元)?"
                     r"(增长|增加|提高|上升|上涨|攀升|跃升|扩大|下降|下跌|减少|降低|回落|缩小|增|降|涨|跌|升)?(到|至|为)了?$")
# 从38万3498辆，按年微挫0.67%至38万940辆: the rate between the two levels.
MOVE_BY_TO = re.compile(r"[，,]?\s*(?:按年|同比|环比|按月)?[\u4e00-\u9fff]{0,2}(?:增长|下降|增加|减少|上升|下跌|下滑|回落|降低|提高|[增减降跌升涨挫])了?"
                        r"\s*[0-9.]+\s*%\s*(?:至|到)\s*$")
# 较04年111.93亿元升15%，…跌5.2%: one character says the move in Hong Kong and market copy.
RATE = re.compile(r"(增长|下降|增幅|降幅|增速|减少|提高|降低|涨幅|跌幅|升幅|增加|上升|上涨|下跌|回落|下滑|挫|升|跌|降|涨|漲"
                  r"|增产|减产|增收|减收)(?:了|达|为|约|是){0,2}$")  # 增产15%: output's and income's own verbs
FALL = re.compile(r"下降|减少|降低|回落|缩小|下跌|跌幅|降幅|下滑|挫|跌|降|减产|减收")
# A 较 / 比 B 增长 g%: B is named after 较 or 比 in its clause (较本周高位64,500美元), and the verb
# of change and the rate follow it at once; neither 比重 nor 比例, and no change before B.
COMPARED = re.compile(r"(?:比|较|較)(?!重|例|率)[^，,；;。]{0,12}$")
WITH = re.compile(r"(?:与|與|同)[^，,；;。]{0,12}$")
VERBS = "增长|增加|提高|上升|上涨|下降|减少|降低|回落|下跌|下挫|下滑|上扬|攀升|增产|减产|增收|减收|挫|跌|涨|漲|升|降"
# 相比9月份的1050辆环比增长达67%: 同比 / 环比 before the verb and 达 / 约 after it say no more;
# 挫逾16%: a bound on the rate (逾, 超, 近) is the evaluator's to read. 与A相比，增产23%: 相比 may
# close the comparison first.
THEN_RATE = re.compile(rf"^(?:相比|相较|比较)?[，,]?的?(?:水平)?(?:同比|环比|環比)?(?:{VERBS})(?:了|达|達|约|約|为|為|逾|超过|超|近)*$")
NOTE_BEFORE = re.compile(r"[（(][^（）()]{1,8}[)）]$")  # (2日) right before a figure
CLAUSE_REACH = 30
MOVED = re.compile(rf"(?:{VERBS}|多|少|增|减|減)了?$")  # 比去年新增3637元: the change, no level
# Two levels labelled by the start and the end of one period.
START = re.compile(r"月初|年初|期初|季初|周初|开盘|開盤")
END = re.compile(r"月底|月末|年底|年末|期末|季末|周末|收盘|收盤")
YEARLY = re.compile(r"年均|年平均|平均每年|每年平均")
SEMICOLON = re.compile("[；;]")
PRIOR_REACH = 14  # characters before a level where 2011年同期： may be printed (a colon ends its clause)
# The level a year before: 上年同期为…, and in brackets after the rate (2011年同期：约RMB190.1亿元),
# or in brackets right after it: 较2015年同期(704例)下降63.35%.
PRIOR = re.compile(r"(上年|去年|上年同期|去年同期|(?:19|20)\d\d年同期|之前|此前|一年前)(为|是|的|[:：])?(?:约|約)?(?:RMB|人民币|人民幣)?[（(]?$")


def find(page: Page) -> list[Relation]:
    comparable = page.text.find("可比价", page.lo, page.end) != -1
    found = []
    for sentence in page.sentences:
        found += _moves(page, sentence, comparable)
    return found


def _moves(page: Page, sentence: Sentence, comparable: bool) -> list[Relation]:
    found = []
    figures = [f for f in sentence.figures if f.is_quantity]
    for i, a in enumerate(figures):
        for b in (f for f in figures[i + 1:] if same_measure(a, f)):
            before, after = _levels(page, a, b)
            if before is None or after is None:
                continue
            if any(same_measure(a, f) for f in figures[i + 1:figures.index(b)]):
                break  # 净利润2.47亿元，上年同期5.947亿元: the prior level is the nearer one's
            rate = next((f for f in figures[i + 1:] if f.unit == "%" and RATE.search(f.context)
                         and not YEARLY.search(f.context)), None)  # 年均增长: the annual kind
            if rate is None or SEMICOLON.search(page.text, a.span.end, max(b.span.start, rate.span.start)):
                continue  # …；预计全年营收增长2.5%: a rate past a semicolon is another statement's
            if any(same_measure(a, f) and b.span.end <= f.span.start < rate.span.start
                   and f.value != abs(a.value - b.value) for f in figures):
                continue  # …之前为37万7907辆，商用车销量从4万5708辆，减少24.6%: the rate of another pair
                # (but 下跌754.48點 between the levels and the rate is their own change)
            confidence = "medium" if comparable and before.unit == "元" else "high"
            found.append(_relation(before, after, rate, bool(FALL.search(rate.context)), confidence, sentence))
            break
    return found


def _levels(page: Page, a: Figure, b: Figure) -> tuple[Figure | None, Figure | None]:
    """(earlier level, later level) if a and b are two levels of one quantity."""
    if not same_measure(a, b) or a.unit in ("%", "倍", "年"):  # 107年 … 较106年: Taiwan's years, no levels
        return None, None
    if re.search(r"(由|从)$", a.context):
        words = between(page.text, a, b)
        if MOVE_TO.search(words) or MOVE_BY_TO.match(words):
            return a, b
    if _prior(page, b) and not _prior(page, a):
        return b, a  # 較去年同期23萬人次增加20%，較2023年同期17.9萬人次: two earlier levels, not a move
    if START.search(a.context) and END.search(b.context):
        return a, b  # 月初报价5114元/吨，月末报价低至3528元/吨: the period's start and end
    return None, None


def _prior(page: Page, level: Figure) -> bool:
    """A level named as the earlier one: 上年同期为A, 较去年同期A增长."""
    return bool(PRIOR.search(level.context) or PRIOR.search(compact(page.text[max(0, level.span.start - PRIOR_REACH):level.span.start]))
                or _compared(page, level))


def _compared(page: Page, b: Figure) -> bool:
    """B after 较 / 比 in its clause, followed at once by a verb of change and its rate."""
    context = _clause_before(page, b)
    if MOVED.search(context):
        return False
    rest = page.text[b.span.end:b.span.end + 12]
    cut = next((i for i, c in enumerate(rest) if c.isdigit()), len(rest))
    then = re.sub(r"\s+", "", rest[:cut])
    if not COMPARED.search(context) and not (WITH.search(context) and then.startswith(("相比", "相较"))):
        return False  # 与A相比: 与 is a comparison only closed by 相比
    return bool(THEN_RATE.match(then))


def _clause_before(page: Page, figure: Figure) -> str:
    """The figure's clause, reading through a bracketed note right before it: 較上周五(2日)
    11,126.23點 is compared with 上周五, though the bracket ends the clause for extraction."""
    before = compact(page.text[max(page.lo, figure.span.start - CLAUSE_REACH):figure.span.start])
    if not NOTE_BEFORE.search(before):
        return figure.context
    return re.split(r"[，,。；;：:！？]", NOTE_BEFORE.sub("", before))[-1]


def _relation(before: Figure, after: Figure, rate: Figure, fall: bool, confidence: str,
              sentence: Sentence) -> Relation:
    exprs = ("1 - x1 / x0 == x2",) if fall else ("x1 / x0 - 1 == x2",)
    title = f"{printed(before)} → {printed(after)}: {'下降' if fall else '增长'}{printed(rate)}"
    return Relation("growth", (before, after, rate), exprs, confidence, sentence.evidence(),  # type: ignore[arg-type]
                    title)

