"""A stated difference matches the two values it compares.

## What it finds
* A 比 B 多/少/高出 X, with A, B and X in one sentence and of one unit;
* 由 A 增加到 B，增加 X (B − A = X);
* a trade balance and the exports and imports it nets: 出口12414亿元，进口9791亿元 …
  贸易顺差2623亿元 (顺差 or 逆差: |出口 − 进口| = X);
* a natural growth rate and the birth and death rates it nets: 出生率5.3‰；死亡率6.5‰；自然增长率-1.2‰;
* a margin the words name (以2419票之差, 相差901票, 領先1,234票) and the one pair of counts
  anywhere on the page that it separates (姚松炎105,060；鄭泳舜107,479), as a warning.

## Why
A difference is a subtraction the reader can redo, and so can we.

## Passing example
城镇居民人均收入42000元，比农村居民的18000元多24000元.

## Failing example
城镇居民人均收入42000元，比农村居民的18000元多25000元.

## Precision
All three figures must share a unit and sit in one clause group, in that order, the two
levels neither printed alike (a headline's level restated) nor themselves changes; the difference
is checked in size only (|A − B| = X), so a reversed comparison is never an alarm.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from auditor.discover.breakdown import printed_precisely
from auditor.discover.fit import DIFFERENCE as DIFFERENCE_FORM, fit
from auditor.discover.relation import Relation
from auditor.discover.scope import NOT_LEVELS, digits
from auditor.discover.text import Page, between, blank_between, clause_before, printed, same_measure
from auditor.evaluate.semantics import read
from auditor.model import Figure

# 女性比男性多: two names compared, the margin right after (上年, 去年 name no printed level).
NAMED_GAP = re.compile(r"(?P<a>[\u4e00-\u9fff]{2,6}?)(?:比|較|较)(?P<b>[\u4e00-\u9fff]{2,6}?)(?:多|少|高出|高|低|增加|减少|減少)了?$")
BALANCE = re.compile(r"(顺差|逆差|贸易差额)[^，,。；;]{0,12}$")
# A margin: 以2419票之差, 相差901票, 差距拉大至…, 拋離對手3,200票, 領先1,234票.
GAP_AFTER = re.compile(r"\s*[票张張人分]?\s*之差")
# The gap may have moved to the figure (差距缩小到1223亿元): the figure is still the gap now.
GAP_BEFORE = re.compile(r"(?:相差|差距|拋離|抛离|領先|领先)(?:缩小|縮小|扩大|擴大|拉大|收窄)?(?:为|為|是|达|達|至|到|了)?$")
GAP_DIGITS = 3  # a margin of fewer digits fits some pair of a page's counts by chance
DIFFERENCE = re.compile(r"(多|少|高出|高|低|增加|减少|净增|差|超额|超額|超出)了?$")
# 比目标2930元超过336元: 超过 right after the level compared with is the margin, not "more than".
EXCEEDS = ("超过", "超過", "超出")
# A word that names the spread of the two levels printed just before it, whatever links them:
# 最高29度；最低21度；温差8度, 以118分比109分获胜，净胜9分, 分别为5230票和4870票，相差360票.
SPREAD = re.compile(r"(?:相差|温差|溫差|净胜|淨勝|差距|差额|差額|极差|極差)(?:为|為|是|达|達|了)?$")
SPREAD_HINT = re.compile(r"差|胜|勝")
SCORE = re.compile(r"\s*(?:比|:|：)\s*")
NATURAL = re.compile(r"自然增长率|自然增長率")
BIRTHS = re.compile(r"出生率")
DEATHS = re.compile(r"死亡率")
# A figure its clause calls a change (净增宽带用户1800.8万户，达到1.01亿户): no level to subtract.
CHANGED = re.compile(r"净增|新增|净减|增加(?!值|到|至)|减少(?!到|至)")  # 增加到 names the level reached


def find(page: Page) -> list[Relation]:
    found = _balances(page) + _gaps(page) + _named(page) + _signed(page) + _spreads(page) + _natural(page)
    for sentence in page.sentences:
        figures = [f for f in sentence.figures if f.is_quantity and f.unit not in ("%", "个百分点", "倍")]
        for i in range(2, len(figures)):
            a, b, x = figures[i - 2], figures[i - 1], _margin(page, figures[i - 1], figures[i])
            margin = x is not figures[i]  # 超过336元 right after b: its own word of difference
            cue = DIFFERENCE.search(x.context)
            if not (same_measure(a, b) and same_measure(b, x)) or not (margin or cue):
                continue
            if re.search(r"年均|年平均|平均每年|每年平均", clause_before(page, x)):
                continue  # a yearly average of the difference: the annual kind
            # 由A增加到B links two levels; 达到 does not (分别达到28平方米和32平方米), and 分别增加
            # 14平方米 is each level's own change, not the gap between them.
            if not re.search(r"比|较|(?<![达達])到|至", between(page.text, a, b) + b.context) \
                    or cue and re.search(r"分[别別]\w{0,2}$", x.context[:cue.start()]):
                continue
            if a.number == b.number or blank_between(page, a, b):
                continue  # a headline's level and the story's restatement of it are one level
            if re.search("[；;]", page.text[a.span.end:x.span.start]) or DIFFERENCE.search(a.context) \
                    or DIFFERENCE.search(b.context) or CHANGED.search(clause_before(page, a)):
                continue  # parallel statements (…；印度…增加了), or changes (低22个基点) not levels
            found.append(Relation("difference", (a, b, x), ("abs(x0 - x1) == x2",), "high",
                                  sentence.evidence(), f"|{printed(a)} − {printed(b)}| = {printed(x)}"))
    return found


def _named(page: Page) -> list[Relation]:
    """男性11,432,100人，女性11,832,540人，女性比男性多400,440人: a difference between two
    names, each a level printed earlier in the sentence or the one before, its clause naming
    it. Taken when the levels' difference fits the margin exactly or one slip away."""
    found = []
    for x in page.quantities():
        named = NAMED_GAP.search(clause_before(page, x))
        if named is None or x.unit in ("%", "个百分点", "倍"):
            continue
        at = page.sentence_index(x)
        pool = [f for f in page.quantities() if f.span.end <= x.span.start and same_measure(f, x)
                and at - 1 <= page.sentence_index(f) <= at]
        a, b = (_named_level(page, pool, named.group(g)) for g in ("a", "b"))
        if a is None or b is None or a is b or fit(DIFFERENCE_FORM, (a, b) if a.value > b.value else (b, a), x) is None:
            continue
        found.append(Relation("difference", (a, b, x), ("abs(x0 - x1) == x2",), "high",
                              page.sentence(x).evidence(), f"|{printed(a)} − {printed(b)}| = {printed(x)}"))
    return found


def _spreads(page: Page) -> list[Relation]:
    """A spread the words name (温差8度, 净胜9分, 相差360票) after the two levels of its
    measure its sentence printed before it, whatever sits between them (最高29度；最低21度).
    With just those two levels before it the words leave no choice, and the check can fail the
    gate; with more, the pair must fit exactly or one slip away, and a discrepancy is a warning."""
    found = []
    for sentence in page.sentences:
        for x in sentence.figures:
            if not SPREAD_HINT.search(page.text, max(0, x.span.start - 12), x.span.start):
                continue  # a cheap look at the raw text first: most figures have no spread word
            if not SPREAD.search(clause_before(page, x)) or x.unit in ("%", "个百分点", "倍") or not x.is_quantity:
                continue
            levels = [f for f in sentence.figures if f.span.end <= x.span.start and _level_of(f, x)
                      and not CHANGED.search(clause_before(page, f)) and not SPREAD.search(clause_before(page, f))]
            if len(levels) < 2 or levels[-1].number == levels[-2].number:
                continue
            a, b = levels[-2], levels[-1]
            if (not a.unit or not b.unit) and not SCORE.fullmatch(page.text, a.span.end, b.span.start):
                continue  # bare numbers are levels only as a score's two sides (118比109)
            sure = len(levels) == 2
            if not sure and fit(DIFFERENCE_FORM, (a, b) if a.value > b.value else (b, a), x) is None:
                continue
            found.append(Relation("difference", (a, b, x), ("abs(x0 - x1) == x2",), "high" if sure else "medium",
                                  sentence.evidence(), f"|{printed(a)} − {printed(b)}| = {printed(x)}"))
    return found


def _level_of(figure: Figure, spread: Figure) -> bool:
    """A level the spread can be taken between: its measure, or a bare number before a
    counted spread (以118比109获胜，净胜9分)."""
    if same_measure(figure, spread):
        return True
    return not figure.unit and figure.kind == spread.kind == "count" and figure.scale == 1 and not figure.decimals


def _signed(page: Page) -> list[Relation]:
    """出生10,512人，死亡16,233人，自然增加-5,721人: a negative figure right after two levels of
    its measure in its sentence is their difference, the first less the second, when that fits
    exactly or one slip away: a sign is printed on a difference, seldom on anything else."""
    found = []
    for sentence in page.sentences:
        levels = [f for f in sentence.figures if f.is_quantity and f.unit not in ("%", "个百分点", "倍")]
        for a, b, x in zip(levels, levels[1:], levels[2:]):
            if x.value >= 0 or a.value <= 0 or b.value <= 0 or not (same_measure(a, b) and same_measure(b, x)) \
                    or re.search("[；;]", page.text[a.span.end:x.span.start]):
                continue
            if fit(DIFFERENCE_FORM, (a, b), x) is None:
                continue
            found.append(Relation("difference", (a, b, x), ("x0 - x1 == x2",), "high" if DIFFERENCE.search(x.context) else "medium",
                                  sentence.evidence(), f"{printed(a)} − {printed(b)} = {printed(x)}"))
    return found


def _natural(page: Page) -> list[Relation]:
    """出生率为5.3‰；死亡率为6.5‰；人口自然增长率为-1.2‰: a natural growth rate is by definition
    the birth rate less the death rate, each the latest of its sentence before it. The sign is
    printed as a minus or as a word (自然增长率为下降0.5‰), so the size is what is checked."""
    found = []
    for sentence in page.sentences:
        rates = [f for f in sentence.figures if f.unit == "‰" and not f.qualifier]
        for x in rates:
            if not NATURAL.search(clause_before(page, x)):
                continue
            births = [f for f in rates if f.span.end <= x.span.start and BIRTHS.search(clause_before(page, f))]
            deaths = [f for f in rates if f.span.end <= x.span.start and DEATHS.search(clause_before(page, f))]
            if births and deaths and births[-1] is not deaths[-1]:
                a, b = births[-1], deaths[-1]
                found.append(Relation("difference", (a, b, x), ("abs(x0 - x1) == abs(x2)",), "high", sentence.evidence(),
                                      f"{printed(a)} − {printed(b)} = {printed(x)}"))
    return found


def _named_level(page: Page, pool: list[Figure], name: str) -> Figure | None:
    """The latest level of the pool whose clause names it (女性人口11,832,540人 for 女性)."""
    named = [f for f in pool if name in clause_before(page, f) and not CHANGED.search(clause_before(page, f))]
    return named[-1] if named else None


def _gaps(page: Page) -> list[Relation]:
    """以 2419 票之差敗予鄭泳舜 … 姚松炎105,060 … 鄭泳舜107,479: a margin the words name (之差,
    相差, 差距, 拋離, 領先) and the one pair of levels anywhere on the page it is the difference
    of, exactly or, when none is, one slip away: counts, or amounts of one measure (广州13101.89亿元，
    与深圳(14324.47亿元)的差距缩小到1223亿元). The words say a difference; the arithmetic says
    which; a warning, as the pair is the arithmetic's choice."""
    found = []
    levels = [f for f in page.figures if (f.is_quantity or _counted(f)) and not f.qualifier and not f.chinese
              and f.unit not in NOT_LEVELS and f.value > 0]
    for gap in levels:
        if digits(gap) < GAP_DIGITS or not (GAP_AFTER.match(page.text, gap.span.end)
                                               or GAP_BEFORE.search(clause_before(page, gap))):
            continue
        pool = [f for f in levels if f is not gap and f.value > gap.value and f.number != gap.number
                and (same_measure(f, gap) or _counted(gap) and _counted(f) and not (f.unit and gap.unit))]
        pair = _gap_pair(pool, gap) if _counted(gap) else _amount_pair(pool, gap)
        if pair is not None:
            a, b = pair
            found.append(Relation("difference", (a, b, gap), ("abs(x0 - x1) == x2",), "medium",
                                  page.sentence(gap).evidence(), f"|{printed(a)} − {printed(b)}| = {printed(gap)}"))
    return found


def _counted(figure: Figure) -> bool:
    return figure.kind == "count" and figure.scale == 1 and not figure.decimals


def _gap_pair(pool: list[Figure], gap: Figure) -> tuple[Figure, Figure] | None:
    """The one pair of the pool whose difference is the gap; else the one a slip away."""
    by_value: dict[int, list[Figure]] = {}
    for f in pool:
        by_value.setdefault(int(f.value), []).append(f)
    exact, slips = set(), set()
    for f in pool:
        for step, into in ((0, exact), (1, slips), (-1, slips)):
            for other in by_value.get(int(f.value) - int(gap.value) + step, []):
                if other is not f and other.number != f.number:
                    into.add((f.number, other.number, f.id, other.id))
    return _one_pair(exact or slips, pool)


def _one_pair(chosen: set[tuple[Any, Any, str, str]], pool: list[Figure]) -> tuple[Figure, Figure] | None:
    """The pair chosen, when just one pair of printed values is (the same pair restated is one)."""
    if len({(a, b) for a, b, _, _ in chosen}) != 1:
        return None
    _, _, first, second = min(chosen, key=lambda c: (c[2], c[3]))
    ids = {f.id: f for f in pool}
    return ids[first], ids[second]


def _amount_pair(pool: list[Figure], gap: Figure) -> tuple[Figure, Figure] | None:
    """The one pair of amounts whose difference is the gap, exactly or else one slip away: a
    cheap look at the values first, then the exact test on the few pairs near enough. A level
    printed coarser than the gap (超过1.3万亿元) cannot give it."""
    near = 3 * _unit(gap)
    pool = [f for f in pool if _unit(f) <= _unit(gap)]
    exact, slips = set(), set()
    for a in pool:
        for b in pool:
            if a.value > b.value and a.number != b.number and abs(a.value - b.value - gap.value) <= near:
                how = fit(DIFFERENCE_FORM, (a, b), gap)
                if how is not None:
                    (exact if how == "exact" else slips).add((a.number, b.number, a.id, b.id))
    return _one_pair(exact or slips, pool)


def _unit(figure: Figure) -> float:
    """One unit of the figure's last printed digit, in its value's terms."""
    return float(read(figure).unit)


def _balances(page: Page) -> list[Relation]:
    """顺差/逆差 X after 出口 A and 进口 B of the same unit, within three sentences: levels, for
    a balance that grew 4% nets no two rates of growth."""
    found = []
    for balance in (f for f in page.quantities() if BALANCE.search(f.context) and f.unit not in NOT_LEVELS):
        index = page.sentences.index(page.sentence(balance))
        earlier = [f for s in page.sentences[max(0, index - 2):index + 1] for f in s.figures
                   if f.span.end <= balance.span.start and same_measure(f, balance)]
        exports = [f for f in earlier if _flow(f, "出口")]
        imports = [f for f in earlier if _flow(f, "进口")]
        if exports and imports and exports[-1] is not imports[-1]:  # 出口及进口分别增长… names both
            a, b = exports[-1], imports[-1]
            found.append(Relation("difference", (a, b, balance), ("abs(x0 - x1) == x2",), "high",
                                  page.sentence(balance).evidence(),
                                  f"|{printed(a)} − {printed(b)}| = {printed(balance)}",
                                  as_printed=printed_precisely(page, [a, b], balance)))
    return found


def _flow(figure: Figure, word: str) -> bool:
    """An export (or import) figure: its clause names 出口 (进口) and not 进出口."""
    context = figure.context[-12:]
    return word in context.replace("进出口", "")


def _margin(page: Page, level: Figure, figure: Figure) -> Figure:
    """超过336元 printed right after the level it is compared with (比目标2930元超过336元): the
    margin by which the other level exceeds it, exact, not a bound; read without its 超过."""
    if figure.qualifier not in EXCEEDS or between(page.text, level, figure) or \
            not re.search(r"比|较|較", clause_before(page, level)):
        return figure
    return replace(figure, qualifier="")
