"""A rate whose own name says what it divides: 主营业务收入利润率 is 利润 over 主营业务收入.

A bulletin prints the levels in one paragraph (国有企业实现利润10070亿元) and the rate in
another (国有企业实现主营业务收入176233亿元，…，主营业务收入利润率为5.71%), with no share word
and no part beside it. The rate's name is the whole's name followed by the part's: the part
is a figure of the page whose words hold the name's tail (利润), the whole one whose words
hold the rest (主营业务收入), one unit for both. Of the pairs so named, the one the
arithmetic fits exactly is taken (the entity each level belongs to is told by the numbers, not
parsed from the words); a rate no pair fits exactly, but one fits within a slip of one
figure (or cut instead of rounded), is that pair's misprint, when no other pair fits that close.

A margin names only its part (毛利率为21.6%: 毛利 over the 收入 printed beside it), and is read
over the revenue, however it is worded (营业收入, 营收, 营业额, 销售额).

Reported as the proportion kind, a warning: names tie the figures, but not as closely as a
share word beside its part does.
"""
from __future__ import annotations

import re

from auditor.discover.fit import DECLINE, RATIO, Fit, fit
from auditor.discover.relation import Relation
from auditor.discover.text import Page, label, printed
from auditor.model import Figure

# 主营业务收入利润率为5.71%: the words before 率, after the clause's last comma.
NAMED_RATE = re.compile(r"([\u4e00-\u9fff]{2,16})率(?:则|則|亦|也)?(?:为|是|达|達|約|约)?$")
# 毛利率, 净利率, 利润率 name only the part: a margin is over the revenue, whatever its name.
MARGIN = re.compile(r"(?:毛利|净利|纯利|纯益|净益|利润|盈利)$")  # 纯益: Taiwan's net profit (税后纯益)
REVENUE = ("营业收入", "收入", "营收", "营业额", "销售额")
# Rates of change, and rates whose name holds no quantity printed as a level.
NOT_A_QUOTIENT = re.compile(r"增长|增速|下降|变化|失业|就业|出生|死亡|通胀|汇|利息|税(?!后)|折旧")  # 税后纯益率 is a margin
COST = "成本"
MIN_NAME = 2  # characters of the part's and of the whole's name


def find(page: Page, rates: list[Figure]) -> list[Relation]:
    found = []
    # 税后纯益约新台币5,057亿4千万元: a level 约 rounds is a level; 超过, 近 bound one.
    levels = [f for f in page.quantities() if f.kind in ("amount", "count") and f.value > 0 and f.qualifier in ("", "约")]
    for rate in rates:
        match = NAMED_RATE.search(rate.context)
        if match is None or NOT_A_QUOTIENT.search(match.group(1)):
            continue
        relation = _bound(page, rate, match.group(1), levels)
        if relation is not None:
            found.append(relation)
    return found


def _bound(page: Page, rate: Figure, name: str, levels: list[Figure]) -> Relation | None:
    fits = []
    margin = MARGIN.search(name)
    splits = [(name[:cut], name[cut:]) for cut in range(MIN_NAME, len(name) - MIN_NAME + 1)]
    if margin is not None:  # 毛利率: over the revenue it does not name
        splits += [(revenue, margin.group()) for revenue in REVENUE]
    for whole_name, part_name in splits:
        parts = [f for f in levels if part_name in label(f) and whole_name not in label(f)]
        wholes = [f for f in levels if whole_name in label(f)]
        fits += [(how, part, whole) for part in parts for whole in wholes
                 if part.unit == whole.unit and whole.value > part.value
                 and (how := fit(RATIO, (part, whole), rate, rate=True)) in ("exact", "slip", "truncated")]
    if not fits and margin is not None and margin.group() == "毛利":
        return _gross(page, rate, name, levels)
    chosen = _chosen(fits, rate)
    if chosen is None:
        return None
    part, whole = chosen
    title = f"{printed(part)} ÷ {printed(whole)} ≈ {printed(rate)}"
    return Relation("proportion", (part, whole, rate), ("x0 / x1 == x2",), "medium",
                    page.sentence(rate).evidence(), title, f"the rate's name: {name}率")


def _gross(page: Page, rate: Figure, name: str, levels: list[Figure]) -> Relation | None:
    """毛利率为94.03% with no 毛利 printed: the revenue less the cost (营业收入934.65亿元, 营业成本
    55.78亿元), over the revenue. The pair the arithmetic fits, as for any named rate."""
    costs = [f for f in levels if COST in label(f)]
    revenues = [f for f in levels if any(word in label(f) for word in REVENUE) and COST not in label(f)]
    fits = [(how, cost, revenue) for cost in costs for revenue in revenues
            if cost.unit == revenue.unit and revenue.value > cost.value
            and (how := fit(DECLINE, (revenue, cost), rate, rate=True)) in ("exact", "slip", "truncated")]
    chosen = _chosen(fits, rate)
    if chosen is None:
        return None
    cost, revenue = chosen
    title = f"1 − {printed(cost)} ÷ {printed(revenue)} ≈ {printed(rate)}"
    return Relation("proportion", (cost, revenue, rate), ("1 - x0 / x1 == x2",), "medium",
                    page.sentence(rate).evidence(), title, f"the rate's name: {name}率 (revenue less cost, over revenue)")


def _chosen(fits: list[tuple[Fit, Figure, Figure]], rate: Figure) -> tuple[Figure, Figure] | None:
    """The pair that fits exactly, else the one a slip or a cut explains, when the pairs so
    fitting are of one set of values (a restated level is one level), the nearest the rate; two
    pairs of other values: the names do not tell which."""
    exact = [(a, b) for how, a, b in fits if how == "exact"]
    chosen = exact or [(a, b) for _, a, b in fits]
    if len({(a.value, b.value) for a, b in chosen}) != 1:
        return None
    return min(chosen, key=lambda ab: abs(ab[1].span.start - rate.span.start))
