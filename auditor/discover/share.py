"""A stated share matches part ÷ whole.

## What it finds
A percentage introduced by 占…的 / 占比 / 比重, the part it is a share of, and the whole:

* whole in the same sentence: 融资规模1600亿元，其中信用贷款规模1140亿元，占比71.3%;
* whole named and stated elsewhere, found by what it is about:
  成都实现外贸进出口6834.7亿元，占四川外贸进出口总值的79.2% ↔ 四川…进出口总值8630.4亿元;
* the part named rather than stated beside the share: 第一产业增加值占地区生产总值的比重为3.8%;
* the part printed right after the share: 佔66%（1,655宗）, 剩下7%（178宗）, and with no share
  word at all, 最终98%、1,280万个由政府采购;
* a whole the part was introduced from: 户籍人口281.7万人，其中非农业人口144.7万人，占总人口的51.4%.

Shares of one whole that make 100% between them (66% + 27% + 7%) also give a sum: their
parts must add up to the whole.

## Why
A share is the figure most often rounded the wrong way or printed with two digits swapped.

## Passing example
其中信用贷款规模1140亿元，占比71.3% (1140 ÷ 1600 = 71.25%, which rounds either way).

## Failing example
115个项目中有65个，占比55.62% (65 ÷ 115 = 56.52%).

## Precision
When the whole is found by name, several figures may fit; the one whose ratio comes nearest
the stated share is taken, and the relation is dropped unless that ratio lies within 5%
(relative) of it, so an unrelated whole can never raise an alarm. The one exception is the
commonest misprint: a whole is also taken when undoing one swap of two adjacent digits makes
the share hold exactly (typos.py), and then the finding names the swap.
"""
from __future__ import annotations

import re

from auditor.discover import shifts
from auditor.discover.fit import RATIO as RATIO_FORM, fit
from auditor.discover.relation import Relation
from auditor.discover.sum import addition
from auditor.discover.text import GENERIC, Page, Sentence, between, compact, covered, label, printed, same_measure, similarity
from auditor.discover.typos import slips
from auditor.evaluate.semantics import read
from auditor.model import Figure

SHARE = re.compile(r"(?:占(?P<whole>[^，,；;]{0,24}?)的?(?:比重|比例)?|(?:所占)?(?:占比|比重|比例|比率)"
                   r"|(?P<rest>剩下|剩余|其余|余下))"
                   r"(?:为|是|达到|达|提升至|提高到|提高至|升至|上升至|下降至|降至|约为|约|超过|接近)?$")
NOT_A_SHARE = re.compile(r"增长|增速|下降|提高|提升.*百分点|率")
NAMED = 0.8  # how alike a whole's words and the share's name must be for the gate (see _whole)
SAME_THING = 0.5  # label similarity for a whole found outside the share's sentence
# Relative distance between the computed ratio and the share for a whole to count. Looser
# (0.15 for a whole found without a name) caught 6 more planted errors but bound wrong wholes
# in two real passages ("分别占31.3%和10.8%", a share printed before its part): not taken.
CLOSE = 0.05
PERCENT_UNITS = ("%", "成")
RATIO = "x0 / x1 == x2"


# 在智能手机中占比: the whole named before the share word; what comes before 在 is the part.
IN_WHOLE = re.compile(r"在(?P<whole>[^，,；;。]{2,16}?)(?:中|里|当中|之中)$")
# 网上销售占7.3%，临时估计为24亿元: the share's own amount stated in the clause after it.
STATED_AFTER = re.compile(r"[，,](?:临时|初步)?(?:估计|金额|数额|规模|销售额|总额)?(?:为|达|约为|约)")
# 今年8月零售业总销货价值中，网上销售占7.3%: the sentence opens by naming the whole.
FRAMED = re.compile(r"^[^，,。；;]{0,8}?(?P<whole>[\u4e00-\u9fff]{2,16}?)(?:中|当中|之中)[，,]")
AFTER_SHARE = ("（", "(", "、", "或", "即", "，即", ",即", "，或", ",或")  # what joins a share to its part after it
CUT_DECIMALS = 2
OWN_SHARE = re.compile(r"[、，,\s]*(?:约|約)?(?:占|佔)[^，,。；;、]{0,12}?")
REORDERED_TAIL = 8  # characters before a whole where a turned-around name may be
# A figure that is a change of a level (全年净增5513万户), not the level.
CHANGED = re.compile(r"(?:净增|净减|淨增|淨減|增加|减少|減少|新增|增长|增長|下降)了?$")
# 省内农民工增量占外出农民工增量的96.4%: a share of changes, whose part and whole are changes.
OF_CHANGES = re.compile(r"增量|减量|減量|增加量|增长量|增長量|增加额|增加額|增减量")


def find(page: Page) -> list[Relation]:
    found = []
    last_whole: dict[int, Figure] = {}
    for share in (f for f in page.figures if f.unit in PERCENT_UNITS):
        match = SHARE.search(share.context)
        before = share.context[:match.start()] if match else share.context
        if NOT_A_SHARE.search(before[-4:]) or before.endswith("分别") or match and "分别" in match.group(0):
            # 甲x、乙y、丙z分别占p%…, 金额分别为x、y，占比分别为p%、q%: the first share is the first
            # part's (structure.py), not a share of the last part.
            continue
        sentence = page.sentence(share)
        if _whole_printed_inside(page, sentence.start, share):
            continue  # 收入1720万元，占年初预算3800万元的45.3%: the proportion kind reads it
        # 佔66%（1,655宗）, 最终98%、1,280万个: a part printed right after makes a share of any
        # percentage; 剩下7% is one only so.
        part, by_name = _after(page, share), False
        if OF_CHANGES.search(before):
            found += _of_increments(page, share, before, match.group("whole") or "" if match else "")
            continue
        if part is None and match and not match.group("rest"):
            part, by_name = _part(page, share, before)
        if part is None:
            continue
        within = IN_WHOLE.search(before)
        if within and covered(GENERIC.sub("", within.group("whole")), label(part)) >= SAME_THING:
            continue  # 其中Android手机在智能手机中占比92.4%: 智能手机 is the whole, its figure no part
        siblings = _shared(page, sentence)
        named = (match.group("whole") or "" if match else "") or _framed(page, sentence, share)
        whole, confidence, note = _whole(page, share, part, named, last_whole.get(sentence.start), siblings)
        if whole is None:
            continue
        last_whole[sentence.start] = whole
        if by_name and confidence == "high" and similarity(_name(before), label(part)) < 0.6:
            confidence = "medium"
        if _cut(part, whole, share):
            # 8411.76 ÷ 23519 = 35.766% printed 35.76%: cut, not rounded, which the issue asks
            # to report as a warning naming the rounding.
            confidence, note = "medium", note or "matches only if the share was cut, not rounded"
        found.append(Relation("share", (part, whole, share), (RATIO,), confidence,
                              sentence.evidence(), f"{printed(part)} ÷ {printed(whole)} ≈ {printed(share)}", note))
    completed = _complete(page, found)
    read = {frozenset(f.id for f in r.figures) for r in completed}
    return found + completed + [r for r in shifts.find(page) if frozenset(f.id for f in r.figures) not in read]


def _whole_printed_inside(page: Page, start: int, share: Figure) -> bool:
    """A figure between 占 and the share (占年初预算3800万元的45.3%) is the whole, printed."""
    clause = max(start, *(page.text.rfind(mark, start, share.span.start) for mark in "，,；;"))
    at = page.text.rfind("占", clause, share.span.start)  # 佔 is read as 占 (read/normalize.py)
    return at >= 0 and any(at < f.span.start < share.span.start for f in page.sentence(share).figures)


def _complete(page: Page, shares: list[Relation]) -> list[Relation]:
    """Shares of one whole that make 100% between them (66% + 27% + 7%, 98% + 2.1%): their
    parts add up to the whole, and are checked as a sum."""
    by_whole: dict[Figure, list[Relation]] = {}
    for relation in shares:
        by_whole.setdefault(relation.figures[1], []).append(relation)
    found = []
    for whole, group in by_whole.items():
        parts = list(dict.fromkeys(r.figures[0] for r in group))
        if len(parts) < 2 or len(parts) != len(group) or not all(same_measure(p, whole) for p in parts):
            continue
        lo = sum(read(r.figures[2]).hard.lo for r in group)
        hi = sum(read(r.figures[2]).hard.hi for r in group)
        if lo <= 1 <= hi:
            evidence = " … ".join(dict.fromkeys(r.evidence for r in group))
            found.append(addition(page, sorted(parts, key=lambda f: f.span.start), whole, evidence))
            rates = sorted((r.figures[2] for r in group), key=lambda f: f.span.start)
            found += [c for c in [shifts.cancel(page, rates, evidence)] if c is not None]
    return found


def _after(page: Page, share: Figure) -> Figure | None:
    """佔66%（1,655宗） / 98%、1,280萬個 / 占16.4%或249亿令吉: a part printed right after its share."""
    later = [f for f in page.sentence(share).figures if f.span.start >= share.span.end]
    if later and _countable(later[0]) and (between(page.text, share, later[0]) in AFTER_SHARE
                                           or STATED_AFTER.fullmatch(compact(between(page.text, share, later[0])))):
        return later[0]
    return None


def _framed(page: Page, sentence: Sentence, share: Figure) -> str:
    """The whole the sentence's opening clause frames the share in (…总销货价值中，网上销售占…)."""
    frame = FRAMED.match(compact(page.text[sentence.start:share.span.start]))
    return frame.group("whole") if frame else ""


def _part(page: Page, share: Figure, before_share: str) -> tuple[Figure | None, bool]:
    """The part: the nearest amount or count before the share in its sentence, else by name."""
    sentence = page.sentence(share)
    earlier = [f for f in sentence.figures if f.span.end <= share.span.start and _countable(f)]
    name = _name(before_share)
    if earlier and (len(name) < 2 or _same_clause(page.text, earlier[-1], share)):
        return _level(earlier), False
    named = _named_level(_countables(page), name, share)
    if named is not None:
        return named, True
    return (_level(earlier), False) if earlier else (None, False)


def _cut(part: Figure, whole: Figure, share: Figure) -> bool:
    """Whether part ÷ whole, anywhere within their rounding, gives the share only when cut to its
    digits rather than rounded: 8411.76 ÷ 23519 = 35.766% printed 35.76%."""
    a, b, stated = read(part), read(whole), read(share)
    # Only shares printed to two decimals or more: one decimal too low (79.1% for 79.16%) is as
    # often a misprint as a cut, and stays an error.
    if b.hard.lo <= 0 or share.qualifier or share.decimals < CUT_DECIMALS:
        return False
    lo, hi = a.hard.lo / b.hard.hi, a.hard.hi / b.hard.lo
    cut = [(x // stated.unit) * stated.unit for x in (lo, hi)]
    rounded = [((x + stated.unit / 2) // stated.unit) * stated.unit for x in (lo, hi)]
    return cut[0] == cut[1] == stated.nominal and stated.nominal not in rounded


def _shared(page: Page, sentence: Sentence) -> set[str]:
    """The figures of the sentence followed at once by a share of their own (台东县损失1650万元、
    占29%): siblings of any other part there, never its whole."""
    figures = sentence.figures
    return {f.id for f, nxt in zip(figures, figures[1:])
            if nxt.unit in PERCENT_UNITS and OWN_SHARE.fullmatch(page.text, f.span.end, nxt.span.start)}


def _reordered(name: str, words: str) -> float:
    """1.0 when the words end with the name's characters in another order (占总用户数 of 用户总数达
    5.9亿户), as a compound is often turned around; else 0."""
    tail = words[-REORDERED_TAIL:]
    return 1.0 if len(name) >= 3 and set(name) <= set(tail) else 0.0


def _level(earlier: list[Figure]) -> Figure:
    """The last of the figures, unless it is a change and a level of its unit comes before it:
    用户为5.54亿户，全年净增5513万户，占总用户数的93.9% is the users' share, not the increase's."""
    last = earlier[-1]
    if CHANGED.search(last.context):
        levels = [f for f in earlier[:-1] if f.unit == last.unit and not CHANGED.search(f.context)]
        if levels:
            return levels[-1]
    return last


def _whole(page: Page, share: Figure, part: Figure, named: str,
           previous: Figure | None, siblings: frozenset[str] | set[str] = frozenset()) -> tuple[Figure | None, str, str]:
    """The whole: named (found by what it is about), or the nearest larger figure before the
    part; and a note when it was bound through a transposed digit pair (typos.py)."""
    stated = _fraction(share)
    candidates = [f for f in _countables(page) if f.unit == part.unit and f.value > part.value and f.id not in siblings]
    if not stated or not candidates:
        return None, "", ""
    name = _name(named)
    sentence = page.sentence(share)
    if len(name) >= 2:
        pool = [(max(similarity(name, label(f)), covered(label(f), name), _reordered(name, label(f))), f)
                for f in candidates]
        pool = [(s, f) for s, f in pool if s >= (0.3 if page.sentence(f) is sentence else SAME_THING)
                or _divided(page, f, part)]
        # The sentence that names the whole may state it beside another figure of its unit
        # (入境旅客总数已超过去年全年的16,672,556人次，达17,043,667人次): each is a candidate.
        named_in = {id(page.sentence(f)) for _, f in pool}
        pool += [(SAME_THING, f) for f in candidates if id(page.sentence(f)) in named_in
                 and all(f is not g for _, g in pool)]
    else:
        pool = [(1.0, f) for f in candidates if page.sentence(f) is sentence and f.span.start < part.span.start]
        if previous is not None and not pool:
            pool = [(1.0, previous)]
    # A coarse part moves its share far (0.6亿元 of 137.8亿元 is 0.40%–0.47%): one that rounds to
    # the share within their printing counts, however far its nominal quotient lies.
    # The whole the shares before it in the sentence were of (佔66%（1,655宗）…27%（661宗）…
    # 剩下7%（178宗） of 2,494宗) is bound already, as is a whole the words name: a share one
    # slip from it is of it too.
    fitting = [(s, f) for s, f in pool if abs(float(part.value / f.value) / stated - 1) <= CLOSE
               or _bound_fit(part, f, share, f is previous, s >= NAMED)]
    note = ""
    if fitting:
        # Shares in one sentence are mostly of one whole: 98%、1,280万个…，2.1%、27万个 are both of
        # the 1,307万个 before them, though 27 ÷ 1,280 also rounds to 2.1%.
        score, whole = min(fitting, key=lambda sf: (sf[1] is not previous,
                                                   abs(float(part.value / sf[1].value) / stated - 1), -sf[0]))
    else:
        repaired = _through_a_swap(pool, part, share)
        if repaired is None:
            return None, "", ""
        score, whole, note = repaired
    # A whole in another sentence named only in part (全国发电量 for the 全国全口径发电量 a share is
    # of) is strong evidence for a slip or a swap, the commonest misprints, but a wider miss
    # may be the binding's: the gate needs the name too.
    near = page.sentence(whole) is sentence or score >= NAMED or \
        score >= SAME_THING and (fit(RATIO_FORM, (part, whole), share, rate=True, bound=True) is not None
                                 or bool(slips((part, whole, share), RATIO)))
    return whole, "high" if near and not _break_between(page, part, share) else "medium", note


def _bound_fit(part: Figure, whole: Figure, share: Figure, previous: bool, named: bool) -> bool:
    """The share fits exactly, or one slip away from a whole already bound or closely named."""
    how = fit(RATIO_FORM, (part, whole), share, rate=True)
    if how == "exact" or previous and how == "slip":
        return True
    return named and fit(RATIO_FORM, (part, whole), share, rate=True, bound=True) == "slip"


def _through_a_swap(pool: list[tuple[float, Figure]], part: Figure,
                    share: Figure) -> tuple[float, Figure, str] | None:
    """The one whole (perhaps restated) that undoing a digit swap makes the share hold for."""
    repaired = [(s, f, found) for s, f in pool if (found := slips((part, f, share), RATIO))]
    if len({f.value for _, f, _ in repaired}) != 1:  # none, or two wholes: no telling which
        return None
    score, whole, found = max(repaired, key=lambda sfx: sfx[0])
    return score, whole, "; ".join(slip.note for slip in found)


def _divided(page: Page, whole: Figure, part: Figure) -> bool:
    """户籍人口281.7万人，其中非农业人口144.7万人: the part is introduced as a piece of the whole,
    whatever the share calls the whole (占总人口的51.4%)."""
    return (page.sentence(whole) is page.sentence(part) and whole.span.end <= part.span.start
            and "其中" in page.text[whole.span.end:part.span.start])


def _break_between(page: Page, part: Figure, share: Figure) -> bool:
    """A blank line between part and share: the columns may have been interleaved there."""
    return bool(re.search(r"\n[ \t\u3000]*\n", page.text[part.span.end:share.span.start]))


def _fraction(share: Figure) -> float:
    return float(share.value) / (10 if share.unit == "成" else 100)


def _countables(page: Page) -> list[Figure]:
    """The page's countable figures, in order: every share looks through them for its part and
    whole, so they are picked out once a page."""
    return page.kept("share.countables", lambda: [f for f in page.figures if _countable(f)])


def _countable(f: Figure) -> bool:
    return f.is_quantity and f.kind in ("amount", "count") and f.value > 0


def _same_clause(text: str, part: Figure, share: Figure) -> bool:
    """No named subject starts between the part and the share (only verbs and growth figures)."""
    return not re.search(r"[。；;]", text[part.span.end:share.span.start])


def _a_change(figure: Figure) -> bool:
    return bool(CHANGED.search(figure.context))


def _of_increments(page: Page, share: Figure, before: str, whole_name: str) -> list[Relation]:
    """省内流动农民工增量占外出农民工增量的96.4%: a share of changes, never of levels. Each
    name finds its level (省内流动农民工9510万人) and the level its change printed right after
    it (比上年增加242万人); the changes' quotient must fit the share."""
    levels = [f for f in _countables(page) if not _a_change(f)]
    part, whole = (_named_level(levels, _name(OF_CHANGES.sub("", words)), share) for words in (before, whole_name))
    if part is None or whole is None or part is whole:
        return []
    part, whole = _change_after(page, part), _change_after(page, whole)
    if part is None or whole is None or part.unit != whole.unit or whole.value <= part.value \
            or fit(RATIO_FORM, (part, whole), share, rate=True) is None:
        return []
    return [Relation("share", (part, whole, share), (RATIO,), "medium", page.sentence(share).evidence(),
                     f"{printed(part)} ÷ {printed(whole)} ≈ {printed(share)}")]


def _named_level(levels: list[Figure], name: str, share: Figure) -> Figure | None:
    """The figure whose words are most like the name (at least SAME_THING), the nearest the share on a tie."""
    scored = [(similarity(name, label(f)), f) for f in levels if len(name) >= 2]
    scored = [(s, f) for s, f in scored if s >= SAME_THING]
    return max(scored, key=lambda sf: (sf[0], -abs(sf[1].span.start - share.span.start)))[1] if scored else None


def _change_after(page: Page, level: Figure) -> Figure | None:
    """The change printed right after a level, in its sentence: 9510万人，比上年增加242万人."""
    later = [f for f in page.sentence(level).figures if f.span.start >= level.span.end]
    return later[0] if later and later[0].unit == level.unit and _a_change(later[0]) else None


def _name(text: str) -> str:
    return GENERIC.sub("", text.split("占")[0] if "占" in text else text)

