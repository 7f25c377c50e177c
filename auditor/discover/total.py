"""A run of figures that adds up to the figure beside it, found by the arithmetic.

## What it finds
A total and the parts printed next to it in its paragraph, in either order and with any
words between them, so long as no other figure of the same unit interrupts the run:
甲得2,310票，乙得415票，丙得96票，合共2,821票; 全年受理投诉1,204宗，其中涉及私营机构812宗、
政府部门392宗. A tally of counts each named by the character after it, run together
before a total word, is a total too: 12金8银5铜共25枚, 3死5伤共8人.
Figures of other units (rates, years) may sit between the parts; a table
printed one cell per line is one paragraph, and its 合计 row a total word. Parts printed
apart from their total (tallies, large figures, parts the total names, shares making 100%)
are found by scattered.py, parts anywhere in the paragraph by the odds of a chance fit
by odds.py, and members repeating the total's words (…46人死亡 … 甲省…9人死亡) or naming a kind
of its 各类 thing (审执结各类案件7018件 … 审结民商事案件4822件 …) by echoed.py; all are reported
as this kind too.

## Why
The sum kind reads the words (其中, 总, 分别) of the passages it was built on; news from other
outlets writes totals in other words (合共, 當中, 一共有, none at all). The arithmetic is the
same everywhere.

## Passing example
甲得2,310票，乙得415票，丙得96票，合共2,821票.

## Failing example
甲得2,310票，乙得415票，丙得96票，合共2,812票.

## Precision
A run fits exactly (within every figure's printed precision) or one figure's last digit is
one away from fitting (a slip). Without a total word (共, 合共, 合计, 总, 一共, 累计, 全部,
全年, 全市, 全省, 全国) or a list
word (其中, 当中, 包括, a colon or a bracket right after the total) between the total and its
parts, only an exact fit of three or more figures, each of two or more digits, is taken, and
it cannot fail; a slip needs the words, or, as a warning, a run beside
its total that would fit this close by chance at most once in fifty (LONE_ODDS) and a total
that is no sibling of its parts. A slip is read only in totals of three or more digits
unless the last part says it is the rest (其余13人). Parts are each smaller than the total,
and a run is at most MAX_PARTS long.
"""
from __future__ import annotations

import re

from auditor.discover import echoed, odds, scattered, sections
from auditor.discover.change import DOWN, SINCE, TAIL, UP
from auditor.discover.fit import SUM, Fit, fit, restated
from auditor.discover.relation import Relation
from auditor.discover.scope import Paragraph, by_measure, digits, paragraphs
from auditor.discover.sum import addition
from auditor.discover.text import Page, a_value, clause_before, compact, coordinated, label
from auditor.model import Figure

TOTAL_WORD = re.compile(r"共|合计|合計|总|總|累计|累計|全部|全年|全市|全省|全国|全國|一共")
# Between a total and its first part: 其中 and its kin, or a colon right after the total.
RESPECTIVELY = r"^[，,]?\s*(?:分别|分別)(?:为|為|是|有)?"  # 拘捕47人，分別為35名男子及12名女子
BREAKDOWN = re.compile(RESPECTIVELY + "$")
LIST_WORD = re.compile(r"其中|当中|當中|包括|包含|计有|計有|^[^，,。；;]{0,4}[：:（(]|^[，,][^，,。；;]{0,10}[：:]|"
                       r"分[^，,。；;]{1,6}看|按[^，,。；;]{1,8}分(?![别別])|从[^，,。；;]{1,8}看|"  # a partition: 分规模看
                       + RESPECTIVELY)
PARTITION_OPENER = re.compile(r"从[^，,。；;\d]{1,8}看|按[^，,。；;\d]{1,8}分(?![别別])|分[^，,。；;\d]{1,6}看")
LONG_LIST = 5
LONE_ODDS = 0.02
FORM_LINES = 2  # other sentences of one form adding up that make a slip in one more a misprint
# A tally: one category character between counts (12金8银), then one more and a total word.
# Spaces may part the steps (58金 55银 47铜 总计160), as a results table prints each row.
TALLY_STEP = re.compile(r"[\u4e00-\u9fff]牌?[ \t\u3000]{0,2}")  # 12金8银, 58金牌55银牌
# …5铜共25枚, …45铜，总数145, …36铜，总119: the tally's last category, then a total word.
TALLY_TOTAL = re.compile(r"[\u4e00-\u9fff]牌?(?:[，,]\s*|[ \t\u3000]{1,2})?(?:共|合共|共计|共計|总共|總共|合计|合計|总数|總數|总计|總計|"
                         r"(?<=[，,])[总總])(?:[有得获獲]|为|為|是|达|達)?")
TALLY_LEAD = re.compile(r"(?:共|合共|共计|共計|总共|總共)[有得获獲]?$")
TALLY_GOES_ON = re.compile(r"[\u4e00-\u9fff]\d")  # 5铜12枚: after 5 the tally goes on
BACK_PARAGRAPHS = 4  # paragraphs before the previous one whose long figures may be parts (scattered.large)
MAX_PARTS = 20  # 16 provinces after 多达71家，按数量依次是：
LIST_COMMA = re.compile(r"[、，,]")
LIST_GAP_NAME = re.compile(r"[\u4e00-\u9fff\s]+")  # the names in a list's gaps; their punctuation stays
END = re.compile(r"[。；;！？!?：:]")
SUB_PART = re.compile(r"^(其中|当中|當中|内含|內含|含)")
NAME_SPAN = 8  # characters either side of a part where its name is printed
COMPLEMENT = re.compile(r"非([\u4e00-\u9fff]{2})")
# 比去年增加8000人 after a part: that part's change, no part of the list it stands in.
CHANGED = re.compile(rf"(?:{SINCE})\s*(?:{DOWN}|{UP}){TAIL}")
REST = re.compile(r"其余|其餘|其他|其它|剩下|剩余|余下|餘下|另外|另有")


def find(page: Page) -> list[Relation]:
    found = []
    scopes = paragraphs(page)
    far: list[Figure] = []  # the levels of every paragraph but the last two, grown as we go
    addable = [_addable(page, paragraph) for paragraph in scopes]
    for index, paragraph in enumerate(scopes):
        if index >= 2:
            far += odds.far_totals(scopes[index - 2].levels())
        levels = addable[index]
        for same in by_measure(levels):
            for at, total in enumerate(same):
                after = same[at + 1:]
                best = _best(page, same[:at][::-1], total, after=False) or _best(page, after, total, after=True) \
                    or _best(page, _siblings(after), total, after=True)
                if best is not None:
                    found.append(best)
        found += [r for t in levels if (r := scattered.named_parts(page, t)) is not None]
        earlier = addable[index - 1] if index else []
        if not paragraph.table:
            # A few paragraphs further back at most: parts a few paragraphs from their total, not
            # figures from anywhere above (a pool that wide fits by chance, and costs).
            before = [f for back in addable[max(0, index - 1 - BACK_PARAGRAPHS):max(0, index - 1)] for f in back]
            found += scattered.large(page, levels, earlier, _broken(found), before)
        found += scattered.tallies(page, levels, earlier, _broken(found))
        found += _tallies(page, paragraph)
        found += scattered.whole(page, paragraph)
        if not paragraph.table:  # a table's sums are its rows' and columns' (table.py, column.py)
            found += odds.find(page, earlier + levels, _broken(found), far + _named_back(scopes, index, levels, far))
    taken = {r.figures[-1].id for r in found}
    found += [r for r in sections.find(page) + echoed.find(page) if r.figures[-1].id not in taken]
    return _finest(found)


def _named_back(scopes: list[Paragraph], index: int, levels: list[Figure], far: list[Figure]) -> list[Figure]:
    """Shorter figures of the paragraph before the previous one whose words (亡1390人) name two
    or more figures here (亡1317人, 亡73人): a total the lead states and a later paragraph breaks
    down under the same name, as bulletins print them."""
    if index < 2:
        return []
    named = [label(f) for f in levels]
    known = {f.id for f in far}
    return [f for f in scopes[index - 2].levels() if f.id not in known and label(f) and named.count(label(f)) >= 2]


def _broken(found: list[Relation]) -> dict[str, set[str]]:
    """Each total found so far and the ids of its parts (of every breakdown of it)."""
    parts: dict[str, set[str]] = {}
    for relation in found:
        parts.setdefault(relation.figures[-1].id, set()).update(f.id for f in relation.figures[:-1])
    return parts


def _addable(page: Page, paragraph: Paragraph) -> list[Figure]:
    """The paragraph's levels less the wholes of shares (占年初预算3800万元的45.3%): a share's
    whole is no part of a list beside its parts."""
    wholes = page.share_wholes()
    return [f for f in paragraph.levels() if f.id not in wholes]


def _tallies(page: Page, paragraph: Paragraph) -> list[Relation]:
    """12金8银5铜共25枚, 3死5伤共8人: counts each followed by the one character that names its
    category, run together with no punctuation, then a total word and the total (or the total
    word before the tally and the total right after it: 共5金2银5铜12枚). The run is
    the whole list by its form, so the words tie it as tightly as 合计 does."""
    found: list[Relation] = []
    run: list[Figure] = []
    for figure in paragraph.figures:
        if run and TALLY_TOTAL.fullmatch(page.text[run[-1].span.end:figure.span.start]) and len(run) >= 2:
            if _tally_count(figure, unit=True) and figure.value > max(p.value for p in run):
                found.append(_as_total(addition(page, run, figure, page.sentence(figure).evidence()), "high"))
            run = []
            continue
        joined = run and TALLY_STEP.fullmatch(page.text[run[-1].span.end:figure.span.start])
        if joined and len(run) >= 3 and _tally_count(figure, unit=True) \
                and TALLY_LEAD.search(compact(page.text[max(0, run[0].span.start - 4):run[0].span.start])) \
                and figure.value > max(p.value for p in run) \
                and not TALLY_GOES_ON.match(page.text, figure.span.end):
            # 共5金2银5铜12枚: the total word before the tally, the total right after its last part
            found.append(_as_total(addition(page, run, figure, page.sentence(figure).evidence()), "high"))
            run = []
            continue
        run = (run if joined else []) + [figure] if _tally_count(figure) else []
    return found


def _tally_count(figure: Figure, unit: bool = False) -> bool:
    """A whole count printed in digits; a part has no unit (its category is the next character)."""
    return figure.kind == "count" and figure.scale == 1 and not figure.decimals and not figure.qualifier \
        and not figure.chinese and (unit or not figure.unit)


def _as_total(relation: Relation, confidence: str) -> Relation:
    return Relation("total", relation.figures, relation.exprs, confidence, relation.evidence,  # type: ignore[arg-type]
                    relation.title, relation.note, as_printed=relation.as_printed)


def _siblings(run: list[Figure]) -> list[Figure]:
    """The run without the sub-parts each part introduces with 其中 (共发生3268宗，其中38宗死亡;
    …1882宗，其中15宗…; …1386宗): parts of parts are not siblings of their parent."""
    kept = [f for f in run if not SUB_PART.search(f.context[:4])]
    return kept if len(kept) < len(run) else []


def _finest(found: list[Relation]) -> list[Relation]:
    """One relation per set of parts: with the total printed most finely (31.08万亿元 rather
    than the 31万亿元 that restates it)."""
    best: dict[tuple[str, ...], Relation] = {}
    for relation in found:
        key = tuple(f.id for f in relation.figures[:-1])
        kept = best.get(key)
        if kept is None or relation.figures[-1].decimals > kept.figures[-1].decimals:
            best[key] = relation
    chosen = {id(r) for r in best.values()}
    return [r for r in found if id(r) in chosen]


def _best(page: Page, run: list[Figure], total: Figure, after: bool) -> Relation | None:
    """The longest run next to the total that fits it (parts read outward from the total)."""
    parts: list[Figure] = []
    choice: tuple[Fit, list[Figure]] | None = None
    tried = 0
    for figure in run[:MAX_PARTS]:
        if restated(figure, total) or not figure.value:
            continue  # 合计达31.08万亿元，站上31万亿元: the total again, rounded; a 0 adds nothing
        if _a_change(page, figure) and not _a_change(page, total):
            continue  # 本科28万人，比去年增加8000人；专科32.4万人: the list goes on past a change
        if not a_value(figure):
            break  # 10家及以上, 超过300人: a bound ends the run; no sum of it equals a total
        if figure.value >= total.value:
            break
        if parts and _new_breakdown(page, parts[-1], figure):
            break  # 从项目构成看…105.3亿元。…从重点领域看，制造业90亿元: another breakdown starts
        parts.append(figure)
        if len(parts) < 2:
            continue
        ordered = sorted(parts, key=lambda f: f.span.start)
        tried += 1
        # A total named by its parts' compound (进出口 of 出口, 进口) ties them as 合计 does: a
        # slip in a coarse part (2465 beside 6817.5) counts.
        named = _compound(ordered, total)
        how = fit(SUM, ordered, total, bound=named)
        if how == "exact" or (how == "slip" and choice is None and (
                _slip_telling(page, ordered, total) or _itemised(page, ordered, total, after)
                or _in_form(page, ordered, total) or named)):
            choice = (how, ordered)
    if choice is not None and choice[0] == "exact":
        choice = _whole_list(page, parts, total, choice)
    if choice is None:
        return None
    how, ordered = choice
    if _member(page, total, parts):
        return None
    worded = _worded(page, ordered, total, after) or _compound(ordered, total)
    if not worded and not _telling_alone(ordered, total, how, tried) and not _in_form(page, ordered, total):
        return None
    # A small total one off its itemised parts may be a member left out: a warning, not the gate.
    sure = worded and (how == "exact" or _slip_telling(page, ordered, total))
    relation = addition(page, ordered, total, page.sentence(total).evidence())
    return Relation("total", relation.figures, relation.exprs, "high" if sure else "medium",  # type: ignore[arg-type]
                    relation.evidence, relation.title, relation.note)  # judged as fitted: within rounding


def _new_breakdown(page: Page, a: Figure, b: Figure) -> bool:
    """Whether a partition opens between two figures of a run (从重点领域看, 按地区分): the
    figures after it break down something else."""
    lo, hi = sorted((a, b), key=lambda f: f.span.start)
    return PARTITION_OPENER.search(page.text, lo.span.end, hi.span.start) is not None


def _a_change(page: Page, figure: Figure) -> bool:
    """A figure its clause states as a change since an earlier period (比去年增加8000人)."""
    return CHANGED.search(clause_before(page, figure)) is not None


def _compound(parts: list[Figure], total: Figure) -> bool:
    """进出口6817.5亿元，…出口4353.5亿元，…进口2464亿元: the total's name is the compound of its
    parts' names (text.coordinated), as telling as 合计."""
    return coordinated(label(total), [label(p) for p in parts])


def _in_form(page: Page, parts: list[Figure], total: Figure) -> bool:
    """行政检察案件62件，…监督0件；…监督52件；…监督10件 among lines of one form: each sentence's first
    figure the sum of the others of its unit (民事检察案件41件，…；控告申诉检察案件50件，控告2件；…
    47件；…1件). When FORM_LINES other sentences of the page have that form and add up exactly,
    the page says what its sentences mean: a sentence of the same form that misses by a slip is
    a misprint, whatever the size of its figures. Only the whole sentence: the total its first
    figure, the parts every other figure of its unit that is not 0."""
    sentence = page.sentence(total)
    shape = _form(page, sentence.start, sentence.end)
    if shape is None or shape[0] is not total or [f.id for f in shape[1]] != [f.id for f in parts]:
        return False
    holding = page.kept("sentences of one form", lambda: _forms(page))
    return sum(1 for start in holding if start != sentence.start) >= FORM_LINES


def _forms(page: Page) -> set[int]:
    """The starts of the page's sentences whose first figure is exactly the sum of the others of
    its unit, two or more of them not 0."""
    found = set()
    for sentence in page.sentences:
        shape = _form(page, sentence.start, sentence.end)
        if shape is not None and fit(SUM, shape[1], shape[0]) == "exact":
            found.add(sentence.start)
    return found


def _form(page: Page, start: int, end: int) -> tuple[Figure, list[Figure]] | None:
    """A sentence's first countable figure and the figures of its unit after it that are not
    0, when there are two or more and each is smaller than the first."""
    figures = [f for f in page.figures_between(start, end) if f.is_quantity and a_value(f)]
    if not figures:
        return None
    total = figures[0]
    parts = [f for f in figures[1:] if f.unit == total.unit and f.kind == total.kind and f.value]
    if len(parts) < 2 or any(p.value >= total.value for p in parts):
        return None
    return total, parts


def _itemised(page: Page, parts: list[Figure], total: Figure, after: bool) -> bool:
    """新增出院3例，其中来自甲地1例，来自乙地1例，来自丙地1例: 其中 right after a small total,
    then three or more parts in one list whose items begin alike (来自…) or are joined by 、.
    The form says the list is a breakdown of that total, so one off is worth a look."""
    if not after or len(parts) < 3 or not SUB_PART.match(compact(page.text[total.span.end:parts[0].span.start]).lstrip("，,")):
        return False
    if len(_enumeration(page, parts)) < len(parts):
        return False
    gaps = [page.text[a.span.end:b.span.start] for a, b in zip(parts, parts[1:])]
    heads = {compact(LIST_COMMA.split(gap)[-1])[:2] for gap in gaps}
    return any("、" in gap for gap in gaps) or (len(heads) == 1 and len(next(iter(heads))) == 2)


def _member(page: Page, total: Figure, parts: list[Figure]) -> bool:
    """甲市（2家）、乙市（1家）、丙市（1家）: a member of a 、-list is its neighbours' sibling,
    never their total, unless a total word names it."""
    if TOTAL_WORD.search(total.context[-6:]):
        return False
    members = _enumeration(page, [total, *parts[:1]])
    gap = page.text[min(total.span.end, parts[0].span.end):max(total.span.start, parts[0].span.start)]
    return len(members) == 2 and "、" in gap


def _whole_list(page: Page, parts: list[Figure], total: Figure, choice: tuple[Fit, list[Figure]]) -> tuple[Fit, list[Figure]]:
    """An exact fit that stops inside a list is a coincidence of small figures: 甲市（17家）、
    乙市（11家）、…、巳市（1家） against 71家 fits without its last member when one member is
    off by one. The list's form, not the arithmetic, says where it ends; when the whole list
    is one slip from the total, the slip is the reading."""
    members = _enumeration(page, parts)
    if len(members) <= len(choice[1]) or len(members) < 3:
        return choice
    ordered = sorted(members, key=lambda f: f.span.start)
    if fit(SUM, ordered, total) == "slip" and _slip_telling(page, ordered, total):
        return ("slip", ordered)
    return choice


def _enumeration(page: Page, parts: list[Figure]) -> list[Figure]:
    """The parts read outward from the total that one list joins: each gap between neighbours
    holds a list comma and, apart from names, the same punctuation (）、甲市（ … ）、乙市（)."""
    members = parts[:1]
    shape = None
    for figure in parts[1:]:
        before, after = sorted((members[-1], figure), key=lambda f: f.span.start)
        gap = page.text[before.span.end:after.span.start]
        form = LIST_GAP_NAME.sub("", gap)
        if not LIST_COMMA.search(form) or END.search(form) or shape not in (None, form):
            break
        shape = form
        members.append(figure)
    return members


def _telling_alone(parts: list[Figure], total: Figure, how: Fit, tried: int) -> bool:
    """With no word to tie them, an exact fit of three or more figures of two or more digits
    (it cannot fail), or a slip, when the would-be total is no sibling of its parts (甲得…，乙得…，
    丙得…: see odds.parallel) and a run beside its total would make it by chance at most
    LONE_ODDS times, counting the runs tried on both sides (1501人 beside 820人 and 680人): a slip of a five-digit total is telling, of
    a two-digit one is not."""
    if how == "exact":
        return min(map(digits, parts + [total])) >= 2 and len(parts) + 1 >= 3
    return how == "slip" and min(map(digits, parts)) >= 2 and not odds.parallel(tuple(parts), total) and \
        odds.run_chance(parts, total, 3 * tried, how) <= LONE_ODDS


def _slip_telling(page: Page, parts: list[Figure], total: Figure) -> bool:
    """One unit off a two-digit total is a large miss that real lists make on purpose
    (共21人 … 3人、15人、1人、1人, the chair not voting); a slip is read only in longer totals,
    or where the last part says it is the rest (当中8人…，其余13人) or is the first's complement
    (首长级 / 非首长级), or in lists of LONG_LIST parts or more, or right after 分别为."""
    if digits(total) >= 3 or total.decimals >= 1 or len(parts) >= LONG_LIST:
        return True  # a list of five or more that misses by one is a slip, not a member left out
    if total.span.end <= parts[0].span.start and BREAKDOWN.match(compact(page.text[total.span.end:parts[0].span.start])):
        return True  # 拘捕47人，分別為35名男子及12名女子: the words say the list is the whole
    return bool(REST.search(compact(page.text[parts[-2].span.end:parts[-1].span.start]))) \
        or _complement(page, parts)


def _complement(page: Page, parts: list[Figure]) -> bool:
    """Two parts named X and 非X (3人属首长级，6人为非首长级): between them, all there is."""
    if len(parts) != 2:
        return False
    first, last = (compact(page.text[max(0, f.span.start - NAME_SPAN):f.span.end + NAME_SPAN]) for f in parts)
    return any(first.find(match.group(1)) != -1 for match in COMPLEMENT.finditer(last))


def _worded(page: Page, parts: list[Figure], total: Figure, after: bool) -> bool:
    """A total word before the total, or a list word between the total and its parts. Parts
    after the total in later ；-statements (收入总额317亿元…；净利润15.03亿元…；销售收入303亿元)
    are parallel statements unless a list word says they are parts."""
    parallel = after and re.search("[；;]", page.text[total.span.end:parts[-1].span.start])
    if TOTAL_WORD.search(total.context[-10:]) and not parallel:
        return True
    if after:
        return bool(LIST_WORD.search(compact(page.text[total.span.end:parts[0].span.start])))
    # A table printed one cell per line: the row's label (合计) is the line before the total.
    label = compact(page.text[parts[-1].span.end:total.span.start])
    return len(label) <= 10 and bool(TOTAL_WORD.search(label))
