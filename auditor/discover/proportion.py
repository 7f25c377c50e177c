"""A rate that is one stated figure divided by another, found by the arithmetic.

## What it finds
A percentage and two amounts or counts of one unit in its paragraph whose quotient it is,
whatever words tie them: 登记选民5,200人，投票人数1,690人，投票率为32.50% (1690 ÷ 5200);
加工贸易进出口3.66万亿元 … 占17.3% with the whole stated earlier in the paragraph. The part
is a figure of the rate's own sentence printed before it (or right after it, in brackets),
the whole any larger figure of the same unit in the paragraph, or, for a rate with a share
word and a decimal, in the two paragraphs before; a rate with a share word may also divide
the whole it names (占出口总值的 ↔ 出口总值…) or, naming none or a total, the largest figure
of its unit in the lead (占49.6% of the 党员总数 three paragraphs up). A rate with two
decimals may have its part further off in the paragraph, beside its whole (投票率达73.52% …
登记选民9,083，有6,678人投票). A rate in per mille reads the same way (全年出生人口1552人，出生率为5.3‰
of 户籍人口29.5万人). Counts each printed with a rate, the rates making 100%, are
rates of the counts' sum (pairs.py): 甲558万6019票、得票率40.05%；乙467万1021票、得票率33.49%….
Counts each printed with a share of one whole that is printed nowhere (甲族55%（1502万人）、乙族
12.9%（353万人）…) each imply that whole; a share whose count implies another is misprinted
(bases.py, a warning). A rate printed in the frame of a rate that holds exactly (恢复至疫前同期的70.1%
beside 恢复至疫前同期的59.9%) takes its part and whole from the same places (siblings.py, a
warning; so do growth and change rates). Rates each printed after their part, paragraphs apart, that two or more fit one earlier figure
exactly are that figure's shares (common.py), whatever word they use for share; so are
shares listed first (其中，甲约占71.63%，乙约占14.88%…) whose parts are printed a section each
further on, when all but one fit one earlier figure exactly, two at least.

A rate listed in one sentence with rates already read as shares of one whole (基层…占84.7%；
中级…占13.7%；高级…占1.7%) is a share of that whole, even when a slip fits another whole too
(common.py). A contribution rate (拉动…增长5.5个百分点，贡献率64.7%) is the points over the
growth rate they are of (pull.py); an unemployment rate, the unemployed over the employed
plus the unemployed (labour.py).

An approximate rate (占近六成, 超过三成, 约40%, 过半) is bound by the words instead: the part
printed just before it and the nearest larger figure of its unit before that, when the
computed share is within a tenth (five points for a % with a qualifier); the evaluator's
reading of 近, 超过 and 约 then judges it.

## Why
Rates are printed beside the counts they come from and are recomputed by nobody; a slip in
either count, or a rate cut off instead of rounded, is common and invisible to the reader.

## Passing example
全区登记选民5,200人，投票人数1,690人，投票率为32.50%.

## Failing example
全区登记选民5,200人，投票人数1,690人，投票率为32.51% (1,690 ÷ 5,200 = 32.50%).

## Precision
A pair is taken when the quotient rounds to the printed rate (an exact fit), or when moving
one figure by one unit of its last digit makes it so (a slip), or when the rate is the
quotient cut off rather than rounded (a warning that names the rounding). When several pairs
fit exactly, the part nearest the rate wins and a whole printed exactly beats one printed
loosely (突破9000万); a slip or cut is taken only when it is the one pair that fits. A fit is taken as evidence only for rates printed with a decimal, or whose
figures all have three or more digits, and only where the words say rate or share (率, 占,
比重, 比例, 份额) or the fit is exact or cut (a one-unit window either way, as unlikely by
chance); everything else is left to the share kind. Growth
rates (增长, 下降, 同比 …) are never read as shares. Only a rate with a share word and an exact or
one-slip fit can fail the gate; the rest are warnings. A share word with its part right
before it and its whole in the sentence (全省发展党员198.2万名，其中大专及以上学历的87万名，
占43.4%) ties the three, so a slip in a coarse part counts although one unit of it moves the
rate several units of its last digit; so do the shares listed beside it of one whole.
"""
from __future__ import annotations

import re
from typing import Iterable

from auditor.discover import bases, combined, common, labour, named, pairs, pull
from auditor.discover.fit import RATIO, Fit, bounds, computed, fit, restated
from auditor.discover.relation import Relation
from auditor.discover.scope import NOT_LEVELS, Paragraph, alike, countable, counted_alike, digits, paragraphs
from auditor.discover.text import GENERIC, Page, Sentence, between, bigrams, compact, label, measure, printed, same_measure
from auditor.evaluate.rational import Q
from auditor.evaluate.semantics import read
from auditor.model import Figure

RATE_WORD = re.compile(r"率|占|佔|比重|比例|份额|份額|占比|佔比|成数")
GROWTH_WORD = re.compile(r"(增长率|增長率|增长|增長|下降|增加|减少|減少|提高|降低|上升|回落|增幅|降幅|升幅|跌幅|涨幅|漲幅|增速|同比|上扬|上揚|攀升|下挫|走低|走高|"
                         r"环比|環比|上涨|上漲|下跌|跌|升|涨|漲|减|減|增|多|少|高|低)[了約约为為达達至到近逾超过過+＋\s]*"
                         r"(?<!高达)(?<!高達)$")  # 高达68%: as high as, not higher by
# 完成年度计划投资比例60.95%: the share of a plan done names the plan.
COMPLETED = re.compile(r"完成(?P<name>[^，,；;。\d%％]{2,16}?)(?:的|比例|比重|进度)?(?:为|是|达|达到)?$")
NAMED = re.compile(r"(?:占|佔)(?!比)(?P<name>[^，,；;。\d%％]{2,16}?)的?(?:比重|比例|份额)?(?:为|是|达|约)?$")
NAME_COVERED = 0.75
CLAUSE_BREAK = re.compile(r"[，,；;。：:]")
SHARE_OF = re.compile(r"[占佔](?!比)")
# 完成预算105425万元的5.39%, 相当于上年的92.3%: the rate is of the whole named between them.
OF_WHOLE = re.compile(r"(?:完成|相当于|相當於)[^，,；;。]{0,24}的\s*$")
TOTAL_NAME = re.compile(r"总值|总额|总量|总数|总收入|总产值|总规模|全部|总体|整体|全体")  # 整體: Hong Kong usage
# A return, margin or growth named with 率 is a rate of its own (profit over equity), no
# word that the figures beside it are its part and whole: only an exact fit reads it.
RETURN = re.compile(r"(?:收益|报酬|報酬|回报|回報|利润|利潤|毛利|净利|淨利|利息|成长|成長|周转|週轉|ROE|ROA)率?"
                    r"(?:[（(][A-Za-z]+[)）])?[为為是达達]?$")
MEASURE_BEFORE = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,6})(?:也|则|則|亦|还|還)?(?:占|佔)(?:了)?$")  # 死亡人数占
STRONG_SHARE = re.compile(r"占|佔|比重|份额|份額|比例")  # words that say the rate is of a whole
LEAD_PARAGRAPHS = 2
# 得票率急升至23.85%, 投票率跌至35.46%: a named rate (not a growth rate: 增速, 增长率) reached.
MOVED_SHARE = re.compile(r"(占比|比重|比例|份额|份額|(?<!增长)(?<!增)(?<!速)(?<!涨)(?<!跌)率)[^，,；;。]{0,12}"
                         r"(提高|提升|上升|增加|下降|减少|降低|回落|[急大微回骤]?[增升降跌])(到|至)$")
WITHIN = re.compile(r"[^，,。；;\d]{0,12}[，,]?(?:中|之中|当中|當中|其中)[，,]?(?:有|共有|只有|仅有|僅有)?")
AHEAD = re.compile(r"[，,]?[^，,。；;\d]{0,8}")  # between a rate and its whole printed after it
LISTED_AFTER = re.compile(r"\s*(?:[、，,]|或)\s*")  # 减少990人、0.84%, 增加6000人或1.5%: the change's own rate beside it
BRACKETED = re.compile(r"[\u4e00-\u9fff]{0,4}[（(]")  # 388个议席（85.8%）: the noun, then the bracket
AFTER_RATE = common.AFTER_RATE  # 占16.4%或249亿令吉: the part printed right after its rate
TOGETHER = 20
FAR_PARTS = 10  # the nearest figures a precise rate may have as its part, so a long paragraph stays linear
VAGUE = 10  # units of a rate's last digit a pair's quotient may span and still be evidence for it
PARTS_BEFORE = 3  # figures before the rate, in its sentence, that may be its part
EARLIER_PARAGRAPHS = 2
CHANCE_WINDOW = 0.1  # how far either side of a rate the quotients that could fit it are counted
CHANCE_ODDS = 0.05
# 比前一年1207名, 较上年同期的650.6億: a level named as the one compared with.
COMPARED_LEVEL = re.compile(r"(?:比|较|較|相比|對比|对比)(?!重|例|率)[^，,；;。\d]{0,8}$")
MISFIT = 0.15  # how far from the quotient of a part and whole its words tie a rate may be read


def find(page: Page) -> list[Relation]:
    scopes = paragraphs(page)
    unread: list[tuple[Paragraph, Figure]] = []  # shares no pair of their own paragraphs fits: common.py asks again
    found, paired = pairs.find(page, scopes, _growth)  # 甲x票、得票率p%；乙y票、得票率q%… making 100%
    # An unemployment rate is the unemployed over employed plus unemployed: never a quotient
    # of two of the counts (42万 ÷ 1,117万9千 is one slip from the 3.62% of 42万 ÷ 1,159万9千).
    unemployment = labour.find(page)
    paired |= {r.figures[-1].id for r in unemployment} | {f.id for f in page.quantities() if labour.adjusted(page, f)}
    for index, paragraph in enumerate(scopes):
        levels = paragraph.levels()
        earlier = [f for p in scopes[max(0, index - EARLIER_PARAGRAPHS):index] for f in p.levels()]
        for sentence in paragraph.sentences:
            for rate in sentence.figures:
                if rate.unit not in ("%", "成", "‰") or rate.kind != "percent" or rate.value <= 0 or _growth(rate) \
                        or rate.id in paired or _rate_of_a_change(page, sentence, rate):
                    continue  # a share is positive: -3.2% is a change
                if _approximate(rate):
                    relation = _worded_approximately(page, paragraph, levels, rate)
                else:
                    relation = _rate(page, paragraph, levels, rate, earlier) or _ahead(page, sentence, levels, rate)
                if relation is not None:
                    found.append(relation)
                elif not _approximate(rate) and rate.unit == "%":
                    unread.append((paragraph, rate))
    named_rates = named.find(page, [rate for _, rate in unread])
    named_ids = {r.figures[-1].id for r in named_rates}
    unread = [(paragraph, rate) for paragraph, rate in unread if rate.id not in named_ids]
    found += named_rates + common.find(page, scopes, unread, found) + pull.find(page) + unemployment
    return found + bases.find(page, scopes, _growth, paired | {r.figures[-1].id for r in found})


def _rate(page: Page, paragraph: Paragraph, levels: list[Figure], rate: Figure,
          earlier: list[Figure]) -> Relation | None:
    sentence = paragraph.sentence(rate)
    together = combined.said(page, sentence.start, rate)  # 三者合计占外贸总值的46.7%: the parts added
    listed = _listed(page, sentence, rate)
    if listed and not together:
        return None
    # A figure inside 占…的 (占全年2000亿元的92%) names the whole, so it is no part.
    named_at = _share_word_at(page, sentence.start, rate)
    before = [f for f in levels if sentence.start <= f.span.start and f.span.end <= rate.span.start
              and not (named_at >= 0 and f.span.start > named_at)]
    brackets = _bracketed(page, levels, rate)
    parts = before[-PARTS_BEFORE:][::-1] + brackets
    near = len(parts)
    if rate.decimals >= 2:  # 73.52% fits few pairs by chance: its counts may be anywhere near
        own = {id(f) for f in parts}
        parts += sorted((f for f in levels if id(f) not in own),
                        key=lambda f: abs(f.span.start - rate.span.start))[:FAR_PARTS]
    worded = (_worded(rate) or _in_brackets_after(page, sentence, rate)) \
        and not RETURN.search(page.text[max(sentence.start, rate.span.start - 14):rate.span.start])
    # A share word names a whole that may have been stated a paragraph or two before; a whole
    # the rate names (占外贸总值的57%) anywhere before it, if its words are that name.
    # A rate that names a whole of its own (完成年度预算的56.5%) takes one from paragraphs before
    # only under that name: 财政总收入 a paragraph up is another figure.
    own_name = _whole_name(rate) if worded and rate.decimals >= 1 and earlier else ""
    wholes = levels + [f for f in earlier if not _named_otherwise(own_name, f)] if worded and rate.decimals >= 1 else levels
    named_later: set[int] = set()  # wholes the rate names, printed after it (a two-decimal rate's)
    if worded:
        named = _named(page, rate, {id(f) for f in wholes})
        named_later = {id(f) for f in named if f.span.start > rate.span.start}
        wholes = wholes + named
    # 31万亿元 restating 31.08万亿元 more coarsely is the same whole: divide by its finer printing.
    wholes = _finest(page, wholes)
    if together:
        outside = [f for f in levels if not (named_at >= 0 and f.span.start > named_at)]
        relation = combined.relation(page, outside, wholes, _named(page, rate, set()), rate)
        if relation is not None:
            return relation
    if listed:
        return None
    own_part = parts[0] if near else None
    # 占 and 比重 say part and whole; 率 alone (转化率, 达标率) names a rate of its own.
    strong = worded and STRONG_SHARE.search(rate.context) is not None
    fits: list[tuple[Fit, Figure, Figure]] = []
    for part in parts:
        for whole in wholes:
            if whole is part or not _divisible(part, whole, rate) or whole.value <= part.value \
                    or part.qualifier or whole.qualifier:
                continue  # 2,000多票 is anything up to 3,000: any rate near it fits, and means nothing
            # A share word with its part right before it and its whole in the sentence ties the
            # three: a slip in a coarse part counts, though one unit of it moves the rate many
            # units. A whole from further off is tied only by the arithmetic.
            tied = _within(page, whole, part) or (strong and part is own_part and sentence.holds(whole))
            how = fit(RATIO, (part, whole), rate, rate=True, bound=tied)
            if how == "exact" and not tied and _vague(part, whole, rate):
                continue  # 0.2万人 ÷ 0.21万人 is anything from 91% to 100%: it fits 92.76% and says nothing
            # A whole printed after the rate's sentence fits a coarse rate by chance (10% of a
            # figure further on): only exactly, unless the rate is precise or names it.
            later = whole.span.start > rate.span.start and not sentence.holds(whole)
            if how is not None and (how == "exact" or not later or rate.decimals >= 2 or id(whole) in named_later):
                fits.append((how, part, whole))
    chosen = _choose(fits, near, parts, rate, bool(brackets), {f.id for f in levels})
    unlikely = chosen is None and _unlikely(fits, levels, rate)
    if unlikely:
        chosen = fits[0]
    if chosen is None and not fits and strong and own_part is not None:
        return _misfit(page, sentence, own_part, wholes, rate) or _dropped_digit(page, own_part, rate)
    if chosen is None:
        return None
    how, part, whole = chosen
    if not _telling(rate, part, whole, how, worded or _within(page, whole, part)):
        return None
    # 率 alone (渗透率, 覆盖率) names no whole: of a whole from another sentence, a warning.
    named = sentence.start <= whole.span.start or STRONG_SHARE.search(page.text[sentence.start:rate.span.start])
    confidence = "high" if worded and named and how != "truncated" and not unlikely else "medium"
    note = "matches only if the rate was cut, not rounded" if how == "truncated" else ""
    return Relation("proportion", (part, whole, rate), ("x0 / x1 == x2",), confidence,  # type: ignore[arg-type]
                    sentence.evidence(), f"{printed(part)} ÷ {printed(whole)} ≈ {printed(rate)}", note)


def _misfit(page: Page, sentence: Sentence, part: Figure, wholes: list[Figure], rate: Figure) -> Relation | None:
    """出口629起…死亡138人，占总数的56.62% with one whole in the sentence: the words tie part
    (right before 占), whole and rate, so a rate that no rounding or misprint explains is still
    read, as a warning, when it is within MISFIT of the quotient (further off, the words were
    read wrongly: a share of a whole the sentence does not print)."""
    at = _share_word_at(page, sentence.start, rate)
    if rate.decimals < 1 or rate.qualifier or at < part.span.end:
        return None
    tied = [w for w in wholes if sentence.holds(w) and w.span.end <= part.span.start and _divisible(part, w, rate)
            and w.value > part.value and not w.qualifier]
    if len(tied) != 1:
        return None
    whole = tied[0]
    if not _near(part, whole, rate):
        return None
    return Relation("proportion", (part, whole, rate), ("x0 / x1 == x2",), "medium", sentence.evidence(),
                    f"{printed(part)} ÷ {printed(whole)} ≈ {printed(rate)}", "tied by 占: no rounding or misprint explains it")


def _finest(page: Page, wholes: list[Figure]) -> list[Figure]:
    """The wholes less those a finer whole restates; every rate of a paragraph asks again
    for the same list, so each list is filtered once a page."""
    known: dict[tuple[str, ...], list[Figure]] = page.kept("proportion.finest", dict)
    key = tuple(w.id for w in wholes)
    if key not in known:
        finer = [o for o in wholes if o.decimals]
        # A cheap look first: a restatement has the unit and nearly the value of what it restates.
        known[key] = [w for w in wholes if not any(o.decimals > w.decimals and o.unit == w.unit
                                                   and abs(o.value - w.value) * 2 <= abs(w.value) and restated(w, o)
                                                   for o in finer)]
    return known[key]


def _ahead(page: Page, sentence: Sentence, levels: list[Figure], rate: Figure) -> Relation | None:
    """投票率只有74%，53,294名选民当中，只有38,697人投票: a named rate, then right after it its
    whole and the part counted within it. The words tie the three, so a rate that no rounding
    or slip explains is read too, as a warning, when it is within MISFIT of the quotient."""
    after = [f for f in levels if rate.span.end <= f.span.start < sentence.end][:2]
    if len(after) < 2 or not RATE_WORD.search(rate.context) or not AHEAD.fullmatch(between(page.text, rate, after[0])):
        return None
    whole, part = after
    if not _within(page, whole, part) or whole.value <= part.value or not _divisible(part, whole, rate) \
            or part.qualifier or whole.qualifier:
        return None
    how = fit(RATIO, (part, whole), rate, rate=True, bound=True)
    if how is None and not _near(part, whole, rate):
        return None
    confidence = "high" if how in ("exact", "slip") else "medium"
    return Relation("proportion", (part, whole, rate), ("x0 / x1 == x2",), confidence,  # type: ignore[arg-type]
                    sentence.evidence(), f"{printed(part)} ÷ {printed(whole)} ≈ {printed(rate)}")


def _dropped_digit(page: Page, part: Figure, rate: Figure) -> Relation | None:
    """畜牧业总产值3108万元，占农业总产值的2.7% with 农业总产值…9515万元 paragraphs up: the whole the
    rate names, the latest earlier figure of the part's measure whose sentence names it before
    it, gives 32.7%, and the rate is that with one digit dropped. The name ties part and whole,
    and no rate lands one dropped digit from a quotient by chance often; a warning."""
    name = _rate_name(rate)
    if len(TOTAL_NAME.sub("", name)) < 2 or not rate.decimals and len(rate.number) < 2:  # 农业总产值, not 总数
        return None
    named = [f for f in page.figures if f.span.end <= part.span.start and f.is_quantity and same_measure(f, part)
             and f.value > part.value and name in compact(page.text[page.sentence(f).start:f.span.start])]
    if not named:
        return None
    whole = named[-1]
    quotient = read(part).nominal / read(whole).nominal * 100
    printed_quotient = f"{float(quotient):.{rate.decimals}f}"
    if not any(printed_quotient[:i] + printed_quotient[i + 1:] == rate.number
               for i in range(len(printed_quotient)) if printed_quotient[i].isdigit()):
        return None
    return Relation("proportion", (part, whole, rate), ("x0 / x1 == x2",), "medium", page.sentence(rate).evidence(),
                    f"{printed(part)} ÷ {printed(whole)} ≈ {printed(rate)}", f"a digit dropped? {printed_quotient}% printed {rate.number}%")


def _near(part: Figure, whole: Figure, rate: Figure) -> bool:
    """Whether the rate is within MISFIT of the quotient of the part and whole its words tie it
    to: further off, the words were read wrongly, not the rate misprinted."""
    quotient, stated = float(read(part).nominal / read(whole).nominal), float(read(rate).nominal)
    return bool(stated) and abs(quotient - stated) <= MISFIT * stated


def _within(page: Page, whole: Figure, part: Figure) -> bool:
    """252家上市公司中210家: the part counted within the whole, in the words themselves, so a
    slip in either counts although one unit of the whole moves the rate many units."""
    return whole.span.end <= part.span.start and bool(WITHIN.fullmatch(between(page.text, whole, part)))


def _listed(page: Page, sentence: Sentence, rate: Figure) -> bool:
    """为5,906,408人次，香港及内地旅客分别占59.2%及29.6%: a rate of a 分别 list is the share of a
    member the list names, not of the level printed before it (structure.py reads such lists)."""
    before = [f for f in sentence.figures if f.span.end <= rate.span.start and f.unit not in NOT_LEVELS]
    return bool(before) and "分别" in between(page.text, before[-1], rate)


def _in_brackets_after(page: Page, sentence: Sentence, rate: Figure) -> bool:
    """赢得388个议席（85.8%）: a rate alone in brackets right after a count or amount says it
    is that figure's share, as a share word would."""
    before = [f for f in sentence.figures if f.span.end <= rate.span.start]
    return bool(before) and countable(before[-1]) and before[-1].unit not in NOT_LEVELS \
        and BRACKETED.fullmatch(between(page.text, before[-1], rate)) is not None \
        and page.text[rate.span.end:rate.span.end + 1] in ("）", ")")


def _rate_of_a_change(page: Page, sentence: Sentence, rate: Figure) -> bool:
    """较去年同期增加44人（4.6%）, 减少990人、0.84%: a rate alone in brackets, or listed right
    after a change, is the rate of that change, not a share of the level beside it."""
    before = [f for f in sentence.figures if f.span.end <= rate.span.start]
    if not before or not _growth(before[-1]):
        return False
    gap = between(page.text, before[-1], rate)
    # 減少19萬8967人、0.84%: a rate listed right after the change, as a bracket would hold it.
    return LISTED_AFTER.fullmatch(gap) is not None or (
        page.text[rate.span.end:rate.span.end + 1] in ("）", ")") and BRACKETED.fullmatch(gap) is not None)


def _share_word_at(page: Page, start: int, rate: Figure) -> int:
    """Where the last 占 (佔) before the rate in its sentence is, or the 完成 of 完成预算…的, or -1."""
    of = OF_WHOLE.search(page.text, start, rate.span.start)
    return max(page.text.rfind("占", start, rate.span.start), page.text.rfind("佔", start, rate.span.start),
               of.start() if of else -1)


def _worded(rate: Figure) -> bool:
    """A word of rate or share right before the rate, or 占 before the whole it names
    (占同期关区机床出口总量的48.7%, a name longer than the window), figures included
    (占汽车总销量162.3万辆的29.9%): 占 anywhere in the rate's clause."""
    clause = CLAUSE_BREAK.split(rate.context)[-1]
    return bool(RATE_WORD.search(rate.context[-12:]) or NAMED.search(rate.context) or SHARE_OF.search(clause)
                or OF_WHOLE.search(clause))


def _named(page: Page, rate: Figure, seen: set[int]) -> list[Figure]:
    """Figures before the rate whose words contain the whole the rate names (占出口总值的 …
    ↔ 出口总值20310.4亿元; 外贸总值 ↔ 外贸进出口总值): two or more characters of name, three
    quarters of its bigrams in the figure's clause. A rate that names no whole (占49.6%) or
    names a total (总值, 总额) also takes the largest figure of each unit in the lead (headline
    and first paragraph): the article's total, which later paragraphs divide."""
    name = _rate_name(rate)
    named = []
    if len(name) >= 2:
        wanted = bigrams(name)
        # A rate to two decimals may name a whole printed further on (完成年度计划投资比例60.95%
        # before a section giving 年度计划投资138.78亿元): only an exact fit takes it (see _rate).
        reach = len(page.text) if rate.decimals >= 2 else rate.span.start
        named = [f for f, words in _clauses(page) if f.span.end <= reach and f.span.start != rate.span.start
                 and id(f) not in seen and len(wanted & words) >= NAME_COVERED * len(wanted)]
    if len(name) < 2 or TOTAL_NAME.search(name):
        named += [f for f in _lead_totals(page) if f.span.end <= rate.span.start and id(f) not in seen
                  and not any(f is n for n in named)]
    return named


def _rate_name(rate: Figure) -> str:
    """The whole a rate's words name (出口总值 in 占出口总值的57%, 年度预算 in 完成年度预算的56.5%), or ""."""
    match = NAMED.search(rate.context) or COMPLETED.search(rate.context)
    return GENERIC.sub("", match.group("name")) if match else ""


def _whole_name(rate: Figure) -> str:
    """The whole a rate names other than a total (年度预算 in 完成年度预算的56.5%), or ""."""
    name = _rate_name(rate)
    return "" if len(name) < 2 or TOTAL_NAME.search(name) else name


def _named_otherwise(name: str, whole: Figure) -> bool:
    """Whether the rate names a whole (`name`, from _whole_name) and the whole's own words name
    something else, not a word pair in common (全市财政总收入)."""
    if not name:
        return False
    own = label(whole)
    return len(own) >= 3 and not bigrams(name) & bigrams(own)  # 只有 (3,181人) names nothing


def _clauses(page: Page) -> list[tuple[Figure, set[str]]]:
    """Each level of the page with the bigrams of its clause; kept on the page."""
    return page.kept("clauses", lambda: [(f, bigrams(f.context)) for f in page.figures
                                         if countable(f) and f.unit not in NOT_LEVELS])


def _lead_totals(page: Page) -> list[Figure]:
    """The largest level of each unit in the lead, less levels it compares with (共有1081名
    考生，比前一年1207名減少: last year's is no total of this year's shares); kept on the page."""
    lead = paragraphs(page)[:LEAD_PARAGRAPHS]
    return page.kept("lead totals", lambda: _largest(f for p in lead for f in p.levels() if not COMPARED_LEVEL.search(f.context)))


def _largest(figures: Iterable[Figure]) -> list[Figure]:
    largest: dict[tuple[str, str], Figure] = {}
    for figure in figures:
        key = (measure(figure), figure.kind)
        if key not in largest or figure.value > largest[key].value:
            largest[key] = figure
    return list(largest.values())


def _divisible(part: Figure, whole: Figure, rate: Figure) -> bool:
    return alike(part, whole) or (rate.decimals >= 1 and counted_alike(part, whole))


def _growth(rate: Figure) -> bool:
    """A growth rate, not a share: 增长8%, 下降3.1%. A share that moved (占比由11.9%提高到27.2%)
    is the share it reached."""
    return bool(GROWTH_WORD.search(rate.context[-6:])) and not MOVED_SHARE.search(rate.context)


def _approximate(rate: Figure) -> bool:
    """近六成, 超过三成, 约40%, 过半, 三分之一: a rate in words or with a word of approximation."""
    return bool(rate.qualifier) or rate.unit == "成" or not rate.number.replace(".", "").isdigit()


def _worded_approximately(page: Page, paragraph: Paragraph, levels: list[Figure], rate: Figure) -> Relation | None:
    """An approximate share (占近六成, 超过三成) against the part printed just before it and the
    nearest larger figure of its unit before that: the words decide the binding, since an
    approximate rate fits too many pairs for the arithmetic to. The computed share must come
    within a tenth (50%–70% for 六成; five points for 约40%), so that only a misjudged word,
    not an unrelated pair, is reported."""
    if not _worded(rate) and rate.unit != "成":
        return None
    sentence = paragraph.sentence(rate)
    before = [f for f in levels if sentence.start <= f.span.start and f.span.end <= rate.span.start]
    # 裁减400名员工，占全球4000名员工的约10%: a figure inside 占…的 is the whole, the one before 占 the part.
    named_at = _share_word_at(page, sentence.start, rate)
    named = [f for f in before if f.span.start > named_at >= 0]
    if named:
        before = [f for f in before if f.span.start < named_at]
    if not before:
        return None
    part = before[-1]
    wholes = named[:1] if named else [f for f in levels if f.span.end <= part.span.start and alike(f, part)]
    wholes = [f for f in wholes if alike(f, part) and f.value > part.value]
    if not wholes or part.qualifier not in ("", "约", "大约"):
        return None
    whole = wholes[-1]
    if part.value <= 0 or whole.value <= 0:
        return None
    reading = read(rate)
    value = read(part).nominal / read(whole).nominal
    if abs(value - reading.nominal) > _last_unit(rate):
        return None
    return Relation("proportion", (part, whole, rate), ("x0 / x1 == x2",), "medium", sentence.evidence(),
                    f"{printed(part)} ÷ {printed(whole)} ≈ {printed(rate)}")


def _last_unit(rate: Figure) -> Q:
    """How far an approximate rate may be from the computed share and still be read as meant
    for it: a tenth for 成 and share words (六成: 50%–70%), five points for 约40%, and no more
    than half a small rate (约0.91% is no share near 4.76%)."""
    if rate.unit == "成" or not rate.number.replace(".", "").isdigit():
        return Q(1, 10)
    return min(Q(1, 20), read(rate).nominal / 2)


def _bracketed(page: Page, levels: list[Figure], rate: Figure) -> list[Figure]:
    """佔66%（1,655宗）, 占16.4%或249亿令吉: the part printed right after its rate."""
    after = [f for f in levels if f.span.start >= rate.span.end]
    return after[:1] if after and between(page.text, rate, after[0]) in AFTER_RATE else []


def _choose(fits: list[tuple[Fit, Figure, Figure]], near: int, parts: list[Figure], rate: Figure,
            bracketed: bool, here: set[str]) -> tuple[Fit, Figure, Figure] | None:
    """The exact fit with the most likely part (parts come in order of likelihood); else the
    one pair a slip or a cut explains, or the one whole a slip gives the rate's own part.
    Wholes in the rate's own paragraph (`here`) come before wholes from earlier ones: 选举人数
    1,931万1,105人 beside the rate, not the 1,931万2,105人 of another election above it."""
    # A whole printed loosely (突破9000万) fits many rates; it is taken only when no whole
    # printed exactly fits at all.
    if any(not w.qualifier for _, _, w in fits):
        fits = [f for f in fits if not f[2].qualifier]
    # 死亡608人，受伤293人…，但死亡人数占76.5%: the pair whose part and whole the words before
    # 占 name (死亡) comes first, exact or one slip away, before a nearer part that fits by chance.
    named = [f for f in fits if _measured(rate, f[1]) and _measured(rate, f[2])]
    if named and (named[0][0] == "exact" or len({(p.id, w.id) for _, p, w in named}) == 1):
        return next((f for f in named if f[0] == "exact"), named[0])
    exact = [f for f in fits if f[0] == "exact"]
    if exact:
        return _nearest_statement(exact, rate)
    if not fits:
        return None
    first = [f for f in fits if f[1] is fits[0][1]]
    first = [f for f in first if f[2].id in here] or first
    # The part is printed right before the rate (or in brackets right after it); a part further
    # off is taken only for a rate precise enough (73.52%) that no other pair fits at all.
    at = parts.index(fits[0][1])
    own = at == 0 or at == near - 1 and bracketed
    part, whole = fits[0][1], fits[0][2]
    # A part further off: only a precise rate that no other pair fits, with part and whole
    # stated together (登记选民9,083，有6,678人投票), not two figures picked from a list.
    alone = len(first) == len(fits) and whole.decimals + rate.decimals >= 2 and \
        rate.decimals >= 2 and _together(part, whole)
    # A whole restated (headline, lead, body) is one whole: the nearest statement is taken.
    wholes = {(w.number, w.scale, w.unit) for _, _, w in first}
    return first[-1] if len(wholes) == 1 and (own or alone) else None


def _nearest_statement(exact: list[tuple[Fit, Figure, Figure]], rate: Figure) -> tuple[Fit, Figure, Figure]:
    """The first exact fit, its whole taken at the statement of that value nearest before the
    rate: 有2960万人属于大马公民 … 而在2960万名大马公民当中 … 占总数的0.8% divides by the second,
    which the rate's own words follow."""
    best = exact[0]
    same = [f for f in exact if f[1] is best[1] and f[2].value == best[2].value and f[2].span.end <= rate.span.start]
    return max(same, key=lambda f: f[2].span.start, default=best)


def _measured(rate: Figure, figure: Figure) -> bool:
    """Whether the words before the rate's 占 (死亡人数占) share a word pair with the figure's
    own words (死亡608人)."""
    match = MEASURE_BEFORE.search(rate.context)
    return match is not None and bool(bigrams(GENERIC.sub("", match.group("name"))) & bigrams(label(figure)))


def _unlikely(fits: list[tuple[Fit, Figure, Figure]], levels: list[Figure], rate: Figure) -> bool:
    """One pair, a slip away from a rate of four or more significant digits, far apart in the
    paragraph (今届增至9,891名 … 只有3,181人 … 投票率为32.17%): taken when the paragraph's own
    figures show such a near miss to be rare. Every quotient of two of its levels of one
    measure is computed; their density near the rate, times the width a slip allows (three
    units of the rate's last digit), is how many pairs would come that close by chance."""
    if not fits or len({(p.id, w.id) for _, p, w in fits}) != 1 or fits[0][0] != "slip" or digits(rate) < 4:
        return False
    value = float(read(rate).nominal)
    window = CHANCE_WINDOW * value
    near = sum(1 for a in levels for b in levels if a is not b and 0 < a.value < b.value and counted_alike(a, b)
               and abs(float(a.value / b.value) - value) <= window)
    width = 3 * float(read(rate).unit)
    return (near + 1) / (2 * window) * width <= CHANCE_ODDS


def _together(part: Figure, whole: Figure) -> bool:
    """Part and whole in one clause pair: close together, no more than TOGETHER characters apart."""
    gap = part.span.start - whole.span.end if whole.span.end <= part.span.start else whole.span.start - part.span.end
    return 0 <= gap <= TOGETHER


def _vague(part: Figure, whole: Figure, rate: Figure) -> bool:
    """Whether the pair's rounding leaves the quotient more than VAGUE units of the rate's
    last digit wide: an exact fit of such a pair is no evidence that it is the rate's."""
    value = computed(RATIO, [bounds(part), bounds(whole)])
    return value is None or value[1] - value[0] > VAGUE * read(rate).unit


def _telling(rate: Figure, part: Figure, whole: Figure, how: Fit, worded: bool) -> bool:
    """Whether a fit is evidence: a coarse rate fits some pair of any paragraph by chance."""
    precise = rate.decimals >= 1 or min(digits(part), digits(whole)) >= 3
    if not precise or part.qualifier and how != "exact":
        return False
    # A cut rate is as unlikely by chance as an exact one: its window is one unit wide too.
    return worded or how in ("exact", "truncated")
