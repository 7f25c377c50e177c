"""A structure (三次产业结构 a：b：c, or shares listed with 分别占) matches its parts and whole.

## What it finds
* A structure ratio right after a structure word (结构, 比重, 比例, 构成, 占比, 比), its terms
  joined by ：, :, ∶ or 比: 三次产业结构为3.9：59.5：36.6. Its terms make 100 between them.
  Each term is also checked as its part ÷ the whole when the parts are printed before it
  (its sentence, its paragraph, the paragraph before) and named by the ratio: 第一产业 …
  第二产业 … 第三产业 (or 一产 …) for 三次产业, in 一：二：三 order whatever order the text
  lists them in; 中直 … 地方经济 for 中直与地方经济比重为31.3：68.7. The whole is the nearest
  figure before the ratio that the parts add up to (地区生产总值 for the three industries),
  else the sum of the parts itself.
* The same structure printed as a list of percentages after its cue: 三次产业增加值占生产总值
  的比重为13.2%、52.1%和34.7%.
* Shares listed with 分别: A和B进出口x亿元和y亿元，…，分别占p%和q% (also 占比分别为,
  比重分别为). Each share is checked against its part ÷ the whole stated before the list (in
  the sentence, its paragraph or the paragraph before). The shares together must not pass
  100% when their parts fit in that whole, and must make 100% when the list is the three
  industries and the whole their own total (三次产业增加值分别占地区生产总值的…). Parts printed
  a clause each are bound by name as for a ratio.

## Why
A structure is computed from figures printed a sentence or a paragraph earlier, then
rounded so its terms make 100: a term rounded the wrong way to force the total, or copied
from an earlier draft, is easy to print and hard to see.

## Passing example
地区生产总值2000.0亿元 … 第一产业增加值150.2亿元 … 第二产业增加值801.6亿元 … 第三产业增加值
1048.2亿元。三次产业结构为7.5：40.1：52.4 (150.2 ÷ 2000.0 = 7.51%, 801.6 ÷ 2000.0 = 40.08%,
1048.2 ÷ 2000.0 = 52.41%, and 7.5 + 40.1 + 52.4 = 100).

## Failing example
The same with 三次产业结构为7.5：40.0：52.5 (801.6 ÷ 2000.0 = 40.08%, 1048.2 ÷ 2000.0 = 52.41%).

## As printed
Terms printed with decimals must make exactly 100 as printed (7.5：40.1：52.5 fails), as a
published structure is adjusted to add up, like a breakdown (see sum.py): 6.8：77.3：15.9 is
printed though 15.8 is the nearer rounding. Whole-percent terms keep their rounding
(34：41：26 may make 101).

## Precision
A ratio is read only right after a structure word (上年同期为… is not read), and only when
its terms make 100 within max(1, one unit of the last digit per term): 1：1, 3：2 and 4：3：3
are proportions, not structures. A ratio introduced with 由 (the structure before a change)
is summed but not tied to parts. Parts are bound by name, the nearest one before the ratio
for each name, never by position; they must be one unit and one measure (the words left
after the name agree: 增加值, 投资), the measure the ratio names (三次产业就业结构 takes no
增加值), and no change (比上年增加30亿元) is a part. A term, or a listed share, is checked
only when part ÷ whole comes within two units of its last digit or 1% of it (tighter than
the share kind, so last year's structure does not fit this year's parts), or when undoing
one swap of two adjacent digits makes it hold exactly (typos.py); unless all terms but one
fit, none is checked. A 分别 list is read only when its parts (the run of amounts joined by
、 or 和 just before the shares) and its shares are as many; its whole must fit every share
(all but one, the other mended by a swap); a share the share kind already reads is left to
it, and the parts' sum stands for an unprinted whole only for the three industries. Errors
(not warnings) need a strong structure word (not 比 alone) or the three industries, and a
whole printed in the scope: for a ratio, one its parts add up to; for a 分别 list, the only
value in the scope that every share fits, and not one whose label is unlike the whole the
shares name (分别占全国的…).
"""
from __future__ import annotations

import re
from dataclasses import replace

from auditor.discover.lazy import lazy
from auditor.discover.relation import Relation
from auditor.discover.scope import bare
from auditor.discover.text import GENERIC, Page, Sentence, between, compact, covered, label, measure, printed, same_measure
from auditor.discover.fit import RATIO, fit
from auditor.discover.typos import slips
from auditor.evaluate.rational import Q
from auditor.evaluate.semantics import read
from auditor.model import Figure

D = "[0-9０-９]"
TERM = rf"{D}+(?:[.．]{D}+)?\s*[%％]?"
SEP = r"\s*[：:∶比]\s*"
TERMS = lazy(rf"(?<![0-9０-９.．]){TERM}(?:{SEP}{TERM}){{1,5}}(?![0-9０-９]|[.．][0-9０-９])")
QUICK_RATIO = lazy(rf"{D}\s*[%％]?\s*[：:∶比]\s*{D}")
# 比重为13.2%、52.1%和34.7%: a structure printed as a list of percentages after its cue.
PERCENT = rf"{D}+(?:[.．]{D}+)?\s*[%％]"
LIST_SEP = r"\s*(?:、|和|及|与)\s*"
PERCENT_LIST = lazy(rf"(?<![0-9０-９.．]){PERCENT}(?:{LIST_SEP}{PERCENT}){{1,5}}(?![0-9０-９])")
QUICK_LIST = lazy(rf"[%％]\s*(?:、|和|及|与)\s*{D}")
CUE = r"(?:结构|比重|比例|构成|占比|之比|比)"
CURRENT = lazy(rf"(?P<cue>{CUE})(?:为|是|达到|达|调整为|优化为|变为|变化为|演变为|转变为|提升为)?[：:（(]?$")
# 产业结构进一步优化，由上年的…演变为…: a few words may part the cue from its 由.
TO_FROM = r"[^0-9０-９〈。；;]{0,10}?"
EARLIER = lazy(rf"{CUE}{TO_FROM}由[^0-9０-９〈]{{0,8}}$")
LATER = lazy(rf"(?P<cue>{CUE}){TO_FROM}由[^〈]{{0,10}}〈〉[^〈]{{0,8}}为[：:]?$")
CUES = lazy(CUE)
ADJUSTED = "a unit off its own rounding, so that the structure adds up to 100 as printed"
CLAUSE = lazy(r"[，,。；;！？!?\n]")
STRONG_CUES = ("结构", "比重", "比例", "构成", "占比")
PLACE = lazy(r"(?:全|我|本|该)(?:县|縣|市|省|区|區|国|國|镇|鎮|乡|鄉|州|旗)")
INDUSTRIES = lazy(r"三次产业|三大产业|三个产业|一二三产业|第?一、?二、?三产业?")
INDUSTRY = (lazy(r"第一产业|(?<![第一二三、])一产(?!业)"), lazy(r"第二产业|(?<![第一二三、])二产(?!业)"),
            lazy(r"第三产业|(?<![第一二三、])三产(?!业)"))
NAME_SPLIT = lazy(r"与|和|、|及|同")
# A change, not a level: 比上年分别增加30亿元和20亿元 (but 增加值 is a level).
MOVED = lazy(r"增长|下降|增加(?!值)|减少|提高|降低|上升|回落|净增|[增减多少]了?$")
NOT_LEVEL = ("%", "‰", "个百分点", "倍", "成", "番")
# 分别占p%、q% / 占比分别为 / 所占比重分别为, ending where the first share is printed.
LISTED = lazy(r"(?:分别占(?P<whole>[^，,；;。]{0,24}?)的?(?:比重|比例|份额)?(?:分别)?"
                    r"|(?:占(?P<whole2>[^，,；;。]{0,24}?)的?)?(?:所占)?(?:比重|比例|占比|份额)分别)"
                    r"(?:为|是|达到|达|约为|约)?$")
# 甲、乙分别为x及y人次，占总数p%及q%: 占 alone opens the shares when the parts before were
# listed with 分别 (see _after_a_listed_run).
PAIRED_LIST = lazy(r"占(?P<whole3>[^，,；;。0-9]{0,24}?)的?(?:比重|比例|份额)?(?:为|是|达)?$")
QUICK_LISTED = lazy(r"分别占|(?:比重|比例|占比|份额)分别|分别[为是][^。；;]*占")
JOINERS = ("、", "和", "及", "与", "以及")
# A list said to be complete: its shares of the total make 100%, when the total is the
# area's own (分别占地区生产总值的), not a larger one (分别占全省同行业的).
COMPLETE = INDUSTRIES
OWN_TOTAL = lazy(r"^(?:本地区|本市|全市)?(?:地区生产总值|生产总值|GDP|经济总量|增加值总量|总量|总额|总值)?$")
CLOSE = Q(1, 100)
NEAR = Q(1, 10)  # how far off its part a term of a structure whose other terms fit may be, misprinted
NAMED_GAP = 12  # a joiner and the next part's name between two parts of a list
SCOPE = 12


def find(page: Page) -> list[Relation]:
    found: list[Relation] = []
    shared: set[str] | None = None
    for index, sentence in enumerate(page.sentences):
        if len(sentence.figures) < 2:
            continue
        if QUICK_RATIO.search(sentence.text):
            for match in TERMS.finditer(sentence.text):
                found += _ratio(page, index, sentence, match)
        if QUICK_LIST.search(sentence.text):
            for match in PERCENT_LIST.finditer(sentence.text):
                found += _ratio(page, index, sentence, match, LIST_SEP)
        if QUICK_LISTED.search(sentence.text):
            if shared is None:
                shared = _read_by_share_kind(page)
            found += _listed(page, index, sentence, shared)
            found += _named_list(page, index, sentence, shared)
    return found


# ---- a：b：c ---------------------------------------------------------------------------

def _ratio(page: Page, index: int, sentence: Sentence, match: re.Match[str], sep: str = SEP) -> list[Relation]:
    start, end = sentence.start + match.start(), sentence.start + match.end()
    terms = [f for f in sentence.figures if start <= f.span.start and f.span.end <= end]
    pieces = re.split(sep, match.group())
    if len(terms) != len(pieces) or not all(_term(f) for f in terms):
        return []
    head = _head(page.text, sentence.start, start)
    now = CURRENT.search(head) or LATER.search(head)
    if now is None and not EARLIER.search(head):
        return []
    terms = [_as_percent(f) for f in terms]
    total = sum((read(f).nominal for f in terms), Q(0))
    unit = max(read(f).unit for f in terms)
    if abs(total - 1) > max(Q(1, 100), len(terms) * unit):
        return []  # 1：1, 3：2, 4：3：3: a proportion, not a structure in percent
    cue = now.group("cue") if now else "由"
    confidence = "high" if cue in STRONG_CUES or (now and INDUSTRIES.search(head)) else "medium"
    evidence = sentence.evidence()
    title = " + ".join(printed(f) for f in terms) + " = 100"
    # A structure printed with decimals is rounded to make 100 as printed (6.8：77.3：15.9,
    # though 15.8 is nearer), as a published breakdown is adjusted to add up (see "As printed"
    # in sum.py). Whole percents (34：41：26) are left their rounding: 101 is honest there.
    as_printed = len({f.decimals for f in terms}) == 1 and terms[0].decimals > 0
    found = [Relation("structure", tuple(terms), (_sum_expr(len(terms), "=="),), confidence, evidence, title,
                      as_printed=as_printed)]
    if now is not None:
        parts = _terms_against_parts(page, index, sentence, terms, head[:now.start()], start)
        if confidence == "medium":  # 比 alone, of no three industries: a weaker cue than 结构
            parts = [replace(r, confidence="medium") for r in parts]
        found += parts
    return found


def _term(figure: Figure) -> bool:
    return figure.kind in ("count", "percent") and figure.unit in ("", "%") and figure.scale == 1 \
        and not figure.qualifier and not figure.chinese


def _as_percent(figure: Figure) -> Figure:
    """A term of a structure is a percentage though printed bare: 59.5 stands for 59.5%, and
    an integer term (87：9：4) is rounded like any percentage, not an exact count."""
    return replace(figure, unit="%", kind="percent", context="")  # its clause names the ratio, not it


def _head(text: str, lo: int, at: int) -> str:
    """The clause before a ratio, whitespace removed, with any ratio in it marked 〈〉."""
    before = compact(text[lo:at])
    cuts = [0] + [m.end() for m in CLAUSE.finditer(before)]
    # 产业结构进一步优化，由上年的…演变为…: a clause opened by 由 keeps the clause before it, whose
    # cue it continues.
    cut = cuts[-2] if before[cuts[-1]:].startswith("由") and len(cuts) > 1 else cuts[-1]
    return TERMS.sub("〈〉", before[cut:])


def _terms_against_parts(page: Page, index: int, sentence: Sentence, terms: list[Figure],
                         named: str, at: int) -> list[Relation]:
    named = named.split("：")[-1].split(":")[-1]
    named = named.split("占")[0] or named  # 三次产业增加值占生产总值的比重: what is measured comes before 占
    matchers = _names(named, len(terms))
    if matchers is None:
        return []
    # 全县三次产业结构: the place is where, not what is measured (增加值, 就业).
    # 三次产业结构比例为: 结构 is the ratio's word, not a measure either.
    measure = GENERIC.sub("", PLACE.sub("", INDUSTRIES.sub("", CUES.sub("", named)))) if INDUSTRIES.search(named) else ""
    scope = _scope(page, index)
    pool = [f for s in scope for f in s.figures if f.span.end <= at and _named_level(f)]
    parts = _bind(pool, matchers, measure)
    if parts is None:
        return []
    return _checked(page, sentence, parts, terms, scope, "structure", at=at)


def _names(named: str, n: int) -> list | None:
    """How each term's part is recognised from its label: 第一产业 … for 三次产业, else the
    names the ratio lists (中直与地方经济 → 中直, 地方经济)."""
    # 产业结构进一步优化，由…演变为a:b:c: an industry structure of three terms is the three industries.
    if INDUSTRIES.search(named) or n == 3 and PLACE.sub("", named) == "产业":
        return list(INDUSTRY) if n == 3 else None
    names = [GENERIC.sub("", name) for name in NAME_SPLIT.split(named)]
    if len(names) != n or any(not name for name in names) or len(set(names)) != n:
        return None
    return names


def _measure_dropped(matchers: list, pool: list[Figure]) -> list:
    """乐透数字型、竞猜型、基诺型彩票销售量分别占…: the last name carries the measure all the
    names share, and each part's label words it its own way (基诺型彩票销售26.85亿元). Keep
    the longest start of it that some level's label holds, of two characters at least."""
    last = matchers[-1]
    if not isinstance(last, str):
        return matchers
    labels = [label(f) for f in pool]
    for end in range(len(last) - 1, 1, -1):
        if any(last[:end] in about for about in labels):
            return [*matchers[:-1], last[:end]]
    return matchers


def _matches(matcher, text: str) -> int:
    """How specifically a label matches a name: its length, 0 when it does not match."""
    if not isinstance(matcher, str):  # a pattern
        return 10 if matcher.search(text) else 0
    if len(matcher) == 1:
        return 1 if text.startswith(matcher) else 0
    return len(matcher) if matcher in text else 0


def _bind(pool: list[Figure], matchers: list, measure: str) -> list[Figure] | None:
    """The nearest figure before the ratio for each name; None unless every name has one,
    they are one measure, and the measure is the one the ratio names."""
    chosen: list[Figure | None] = [None] * len(matchers)
    rests: list[str] = [""] * len(matchers)
    for figure in reversed(pool):
        about = label(figure)
        scores = [_matches(m, about) for m in matchers]
        best = max(scores)
        if best == 0 or scores.count(best) > 1:
            continue
        k = scores.index(best)
        if not isinstance(matchers[k], str) and sum(1 for m in matchers if _matches(m, about)) > 1:
            continue  # 一、二产业: a label naming two industries is no one industry's
        if chosen[k] is None:
            chosen[k] = figure
            m = matchers[k]
            rests[k] = about.replace(m, "", 1) if isinstance(m, str) else m.sub("", about)
    if any(f is None for f in chosen):
        return None
    parts = [f for f in chosen if f is not None]
    if len(set(parts)) != len(parts) or not all(same_measure(p, parts[0]) for p in parts):
        return None
    words = [r for r in rests if r]
    if any(a not in b and b not in a and covered(a, b) < 0.5 and covered(b, a) < 0.5 for a in words for b in words):
        return None  # 增加值 beside 投资: not one measure
    if len(measure) >= 2 and any(covered(measure, label(p)) < 0.5 for p in parts):
        return None
    return parts


# ---- 分别占 ------------------------------------------------------------------------------

def _listed(page: Page, index: int, sentence: Sentence, shared: set[str]) -> list[Relation]:
    found = []
    figures = sentence.figures
    for i, first in enumerate(figures):
        if first.unit != "%" or first.kind != "percent":
            continue
        if i and figures[i - 1].unit == "%" and between(page.text, figures[i - 1], first) in JOINERS:
            continue  # the list's second share or later: the list is read from its first
        clause = _clause_before(page.text, sentence.start, first.span.start)
        match = LISTED.search(clause) or PAIRED_LIST.search(clause)
        if match is None:
            continue
        shares = [first]
        for f in figures[i + 1:]:
            if f.unit != "%" or between(page.text, shares[-1], f) not in JOINERS:
                break
            shares.append(f)
        if len(shares) < 2 or any(s.qualifier or s.chinese for s in shares):
            continue
        parts = _listed_parts(page, sentence, first.span.start, len(shares))
        if parts is None and index and not any(_level(f) for f in figures[:i]):
            parts = _previous_list(page, page.sentences[index - 1], len(shares))
        if "whole3" in match.re.groupindex and not _after_fenbie(page, sentence, parts):
            continue  # 占总数29.9%及8.1% is a list only after parts listed with 分别, as many
        before = compact(page.text[sentence.start:first.span.start])
        subject = before[:len(before) - len(clause) + match.start()]
        names = match.groupdict()
        named = GENERIC.sub("", names.get("whole") or names.get("whole2") or names.get("whole3") or "")
        complete = len(shares) == 3 and COMPLETE.search(subject) and OWN_TOTAL.search(named)
        scope = _scope(page, index)
        if parts is None:
            matchers = _names(re.split("[，,：:]", subject)[-1], len(shares))
            pool = [f for s in scope for f in s.figures if f.span.end <= first.span.start and _named_level(f)]
            parts = _bind(pool, matchers, "") if matchers else None
            if parts is None and matchers:
                parts = _bind(pool, _measure_dropped(matchers, pool), "")
        relations = []
        mixed = _mixed_parts(page, sentence, first, len(shares))
        # The totals may be printed further back than the scope (the lead, and the page's
        # junk between): the exact fit each_of_its_own asks for keeps chance out.
        own = [] if mixed is None else (_each_of_its_own(page, sentence, mixed, shares, scope) or
                                        _each_of_its_own(page, sentence, mixed, shares, page.sentences[:index + 1]))
        if own:  # 25.8万起，亡1317人，伤810人，损失31.5亿元，分别占总数的…: each of its own total
            relations = [r for r in own if r.figures[-1].id not in shared]
        elif parts is not None:
            relations = _checked(page, sentence, parts, shares, scope, "listed", named, bool(complete))
            relations = [r for r in relations if r.figures[-1].id not in shared]
        found += relations
        if complete:
            title = " + ".join(printed(s) for s in shares) + " = 100%"
            found.append(Relation("structure", tuple(shares), (_sum_expr(len(shares), "=="),), "high",
                                  sentence.evidence(), title))
        elif parts is not None and relations and len(relations) == len(shares) \
                and sum(p.value for p in parts) <= relations[0].figures[1].value:
            # Parts that fit in their whole (not 轻工业、重工业、高技术产业, which overlap).
            title = " + ".join(printed(s) for s in shares) + " ≤ 100%"
            found.append(Relation("structure", tuple(shares), (_sum_expr(len(shares), "<="),),
                                  relations[0].confidence, sentence.evidence(), title))
    return found


NAMED_ALIKE = 0.5
# 占农林牧渔业的比重分别为：农业61.9%，林业4.5%，牧业27.6%: each share printed after its own name.
NAMED_LIST_CUE = lazy(r"(?:占(?P<whole>[^，,；;。]{0,24}?)的?)?(?:所占)?(?:比重|比例|占比|份额)分别(?:为|是)?[：:]$")
NAMED_SHARE = re.compile(r"([\u4e00-\u9fff]{1,10})$")
NAME_THEN_SHARE = re.compile(r"[，,、；;]\s*(?:和|及)?([\u4e00-\u9fff]{1,10})")


def _named_list(page: Page, index: int, sentence: Sentence, shared: set[str]) -> list[Relation]:
    """Shares listed each after the name of its part (比重分别为：农业61.9%，林业4.5%，…): the
    parts are bound by those names among the levels printed before, as a ratio's terms are."""
    shares = [f for f in sentence.figures if f.unit == "%" and f.kind == "percent"]
    if len(shares) < 2:
        return []
    head = compact(page.text[sentence.start:shares[0].span.start])
    first_name = NAMED_SHARE.search(head)
    cue = NAMED_LIST_CUE.search(head[:first_name.start()]) if first_name else None
    if cue is None or first_name is None:
        return []
    names, listed = [first_name.group(1)], [shares[0]]
    for a, b in zip(shares, shares[1:]):
        gap = NAME_THEN_SHARE.fullmatch(compact(between(page.text, a, b)))
        if gap is None:
            break
        names.append(gap.group(1))
        listed.append(b)
    if len(listed) < 2 or any(s.qualifier or s.chinese for s in listed) or len(set(names)) != len(names):
        return []
    scope = _scope(page, index)
    pool = [f for s in scope for f in s.figures if f.span.end <= listed[0].span.start and _named_level(f)]
    parts = _bind(pool, names, "")
    if parts is None:
        return []
    named = GENERIC.sub("", cue.group("whole") or "")
    return [r for r in _checked(page, sentence, parts, listed, scope, "listed", named, False)
            if r.figures[-1].id not in shared]


def _mixed_parts(page: Page, sentence: Sentence, first: Figure, n: int) -> list[Figure] | None:
    """造成事故629起，死亡138人，分别占总数的55.32%和56.62%: the last n amounts or counts before
    the shares in their sentence, each of another measure, so each share is of its own total."""
    levels = [f for f in sentence.figures if f.span.end <= first.span.start and _level(f)][-n:]
    if len(levels) != n or len({measure(f) for f in levels}) < 2:
        return None
    return levels


def _each_of_its_own(page: Page, sentence: Sentence, parts: list[Figure], shares: list[Figure],
                     scope: list[Sentence]) -> list[Relation]:
    """Each share over the latest larger figure of its part's measure printed before the parts in
    the scope (事故1137起, 死亡252人). Read only when one share at least fits its whole exactly:
    then the others' wholes are those totals too, and a share that misses is misprinted."""
    pool = [f for s in scope for f in s.figures if f.span.end <= parts[0].span.start and _named_level(f)]
    found = []
    for part, share in zip(parts, shares):
        larger = [f for f in reversed(pool) if same_measure(f, part) and f.value > part.value]
        # 死亡138人 is of 死亡252人, not of 受伤1316人 printed after it: the whole named alike first.
        named = [f for f in larger if label(part) and covered(label(part), label(f)) >= NAMED_ALIKE]
        whole = (named or larger or [None])[0]
        if whole is None:
            return []
        found.append((part, whole, share))
    if not any(fit(RATIO, (p, w), s, rate=True) == "exact" for p, w, s in found):
        return []
    evidence = _evidence(page, found[0][1], sentence)
    return [Relation("structure", (p, w, s), ("x0 / x1 == x2",), "high", evidence,
                     f"{printed(p)} ÷ {printed(w)} ≈ {printed(s)}") for p, w, s in found]


def _after_fenbie(page: Page, sentence: Sentence, parts: list[Figure] | None) -> bool:
    """The parts right before the shares, as many, were introduced with 分别."""
    return parts is not None and "分别" in compact(page.text[sentence.start:parts[0].span.start])[-8:]


def _clause_before(text: str, lo: int, at: int) -> str:
    before = compact(text[lo:at])
    cut = max((m.end() for m in CLAUSE.finditer(before)), default=0)
    return before[cut:]


def _previous_list(page: Page, previous: Sentence, n: int) -> list[Figure] | None:
    """A、B、C分别为x、y、z件，同比分别增长…。所占比例分别为p、q、r: shares in a sentence of
    their own take the last run of n parts of the sentence before, when it was listed with 分别."""
    parts = _listed_parts(page, previous, previous.end, n)
    return parts if _after_fenbie(page, previous, parts) else None


def _listed_parts(page: Page, sentence: Sentence, at: int, n: int) -> list[Figure] | None:
    """A、B、C分别为x、y、z: the last run of n amounts or counts before `at` (where the shares
    start), joined by 、 / 和 in the sentence."""
    levels = [f for f in sentence.figures if f.span.end <= at and (_level(f) or bare(f))]
    if not levels or not _level(levels[-1]):
        return None
    run = [levels[-1]]
    for f in reversed(levels[:-1]):
        gap = between(page.text, f, run[0])
        # 5,098,508及1,379,936人次: a bare number joined to the next takes its unit.
        shared = bare(f) and gap in JOINERS and run[0].scale == 1
        if not (same_measure(f, run[0]) or shared) or not _joined(gap):
            break
        run.insert(0, f)
    return run if len(run) == n else None


def _joined(gap: str) -> bool:
    """What may stand between two parts of one list: a joiner alone (x、y), or a joiner and
    the next part's name, in brackets or not (关闸(823,029人次)、大桥(562,073人次);
    甲口岸823,029人次、乙口岸562,073人次), but no clause break."""
    gap = compact(gap)
    if gap in JOINERS:
        return True
    opened = gap.lstrip("）)")
    return len(gap) <= NAMED_GAP and opened.startswith(JOINERS) and not CLAUSE.search(gap)


# ---- shared ------------------------------------------------------------------------------

def _checked(page: Page, sentence: Sentence, parts: list[Figure], claims: list[Figure],
             scope: list[Sentence], how: str, named: str = "", complete: bool = True,
             at: int = 0) -> list[Relation]:
    """part ÷ whole ≈ claim for each position, with the whole found before the parts; the
    parts' sum stands for an unprinted whole only when they are the complete set."""
    whole, sure = _whole(page, parts, claims, scope, how, at)
    if whole is None and not complete:
        return []
    found = []
    fitted = []
    for part, claim in zip(parts, claims):
        figures = (part, whole, claim) if whole is not None else (part, *[p for p in parts if p is not part], claim)
        expr = "x0 / x1 == x2" if whole is not None else f"x0 / ({' + '.join(f'x{i}' for i in range(len(parts)))}) == x{len(parts)}"
        base = _base(parts, whole)
        if base <= 0:
            return []
        note = ""
        if not _fits(read(part).nominal / base, claim):
            repaired = slips(figures, expr)
            if repaired:
                note = "; ".join(s.note for s in repaired)
            elif whole is not None and _near(read(part).nominal / base, claim):
                # The other terms fit their parts of this whole, so the names bound it: a term
                # a little off its part (6.7 for 6.3 ÷ 91.3 = 6.9) is misprinted, not unbound.
                found.append((figures, expr, ""))
                continue
            else:
                continue
        fitted.append(claim)
        found.append((figures, expr, note))
    if len(fitted) < max(1, len(claims) - 1):
        return []
    confidence = "high" if whole is not None and sure and not _misnamed(named, whole) else "medium"
    evidence = _evidence(page, whole or parts[0], sentence)
    adjusted = _adjusted(parts, whole, claims) if how == "structure" else None
    out = []
    for figures, expr, note in found:
        part, claim = figures[0], figures[-1]
        over = printed(figures[1]) if whole is not None else "(" + " + ".join(printed(p) for p in parts) + ")"
        relation = Relation("structure", figures, (expr,), confidence, evidence, f"{printed(part)} ÷ {over} ≈ {printed(claim)}", note)
        if claim is adjusted:
            relation = replace(relation, confidence="medium", note=ADJUSTED)
        out.append(relation)
    return out


def _adjusted(parts: list[Figure], whole: Figure | None, claims: list[Figure]) -> Figure | None:
    """The one term moved a unit off its own rounding so that the structure adds up to 100
    as printed (2.1：40.3：57.6 where 6.96 ÷ 317.84 rounds to 2.2 and 2.2 + 40.3 + 57.6 is 100.1):
    a publisher's habit, reported as a warning rather than a misprint."""
    base = _base(parts, whole)
    if base <= 0:
        return None
    own = [_rounded(read(p).nominal / base, read(c).unit) for p, c in zip(parts, claims)]
    stated = [read(c).nominal for c in claims]
    off = [i for i, (a, b) in enumerate(zip(own, stated)) if a != b]
    if sum(stated, Q(0)) != 1 or sum(own, Q(0)) == 1 or len(off) != 1:
        return None
    i = off[0]
    return claims[i] if abs(own[i] - stated[i]) == read(claims[i]).unit and sum(own, Q(0)) - own[i] + stated[i] == 1 else None


def _base(parts: list[Figure], whole: Figure | None) -> Q:
    """What the terms are shares of: the whole, or, with none printed, the parts' sum."""
    return read(whole).nominal if whole is not None else sum((read(p).nominal for p in parts), Q(0))


def _rounded(value: Q, unit: Q) -> Q:
    """The value rounded half up to a multiple of the unit."""
    return Q(int(value / unit + Q(1, 2))) * unit


def _whole(page: Page, parts: list[Figure], claims: list[Figure], scope: list[Sentence],
           how: str, at: int) -> tuple[Figure | None, bool]:
    """The whole, and whether it is sure: printed in the scope and the only one that fits.

    For a structure, the nearest figure before the ratio that the parts add up to; for a 分别
    list, the nearest figure in the scope before the parts that every share (all but one, the
    other mended by a swap) fits."""
    first = min(p.span.start for p in parts)
    inside = {id(s) for s in scope}
    if how == "structure":
        lo = sum(read(p).hard.lo for p in parts)
        hi = sum(read(p).hard.hi for p in parts)
        for f in reversed([f for f in page.figures if f.span.end <= at]):
            if f in parts or not same_measure(f, parts[0]):
                continue
            r = read(f).hard
            slack = (lo + hi) / 2000  # 0.1%
            if r.lo <= hi + slack and lo - slack <= r.hi:
                return f, id(page.sentence(f)) in inside
        return None, False
    biggest = max(p.value for p in parts)
    fitting = []
    for f in reversed([f for s in scope for f in s.figures if f.span.end <= first]):
        # The last part carries the list's unit (5,098,508及1,379,936人次).
        if f in parts or not same_measure(f, parts[-1]) or f.value <= biggest:
            continue
        misses = [(p, c) for p, c in zip(parts, claims) if not _fits(read(p).nominal / read(f).nominal, c)]
        if not misses or (len(misses) == 1 and len(parts) > 2 and slips((misses[0][0], f, misses[0][1]), "x0 / x1 == x2")):
            fitting.append(f)
    # Every share fitting one whole, and no other, is as sure a binding as a named whole.
    if fitting:
        return fitting[0], len({f.value for f in fitting}) == 1
    return _far_whole(page, parts, claims, first), False


def _far_whole(page: Page, parts: list[Figure], claims: list[Figure], first: int) -> Figure | None:
    """全国共销售彩票503.26亿元 … (paragraphs on) … 其中甲、乙、丙分别占彩票销售总量的p%、q%、r%:
    a whole printed further back than the scope, taken only when every share of three or more
    fits it, the nearest such; never sure, since it is far from the words that name it."""
    if len(parts) < 3:
        return None
    biggest = max(p.value for p in parts)
    for f in reversed([f for f in page.figures if f.span.end <= first]):
        if f not in parts and same_measure(f, parts[-1]) and f.value > biggest \
                and all(_fits(read(p).nominal / read(f).nominal, c) for p, c in zip(parts, claims)):
            return f
    return None


def _fits(ratio: Q, claim: Figure) -> bool:
    """Near enough to be the claim's ratio: within two units of its last digit, or 1% of it.
    Tighter than the share kind's 5%: last year's structure (52.9 for 52.4) must not fit."""
    reading = read(claim)
    return reading.nominal > 0 and abs(ratio - reading.nominal) <= max(CLOSE * reading.nominal, 2 * reading.unit)


def _near(ratio: Q, claim: Figure) -> bool:
    """Within NEAR (relative) of the claim: a misprint's reach, not another measure's."""
    reading = read(claim)
    return reading.nominal > 0 and abs(ratio - reading.nominal) <= NEAR * reading.nominal


def _misnamed(named: str, whole: Figure) -> bool:
    """分别占全国的… bound to a whole whose label has nothing of 全国: a doubt."""
    name = GENERIC.sub("", named)
    return len(name) >= 2 and max(covered(name, label(whole)), covered(label(whole), name)) < 0.3


def _scope(page: Page, index: int) -> list[Sentence]:
    """The sentence, those before it in its paragraph, and the paragraph before (at most
    SCOPE sentences: a run-on page has no paragraphs)."""
    found: list[Sentence] = []
    breaks = 0
    for k in range(index, max(-1, index - SCOPE), -1):
        if k < index and "\n" in page.text[page.sentences[k].end - 1:page.sentences[k + 1].start + 1]:
            breaks += 1
            if breaks > 1:
                break
        found.insert(0, page.sentences[k])
    return found


def _level(figure: Figure) -> bool:
    return (figure.is_quantity and figure.kind in ("amount", "count") and figure.unit not in NOT_LEVEL
            and not figure.chinese and figure.value > 0 and not MOVED.search(figure.context))


def _named_level(figure: Figure) -> bool:
    """A level bound by its label: not the first of a 分别 list, whose label names them all."""
    return _level(figure) and "分别" not in figure.context


def _sum_expr(n: int, op: str) -> str:
    return " + ".join(f"x{i}" for i in range(n)) + f" {op} 1"


def _evidence(page: Page, first: Figure, sentence: Sentence) -> str:
    earlier = page.sentence(first)
    return sentence.evidence() if earlier is sentence else earlier.evidence(80) + " … " + sentence.evidence(120)


def _read_by_share_kind(page: Page) -> set[str]:
    """The shares the share kind already checks: they are left to it, not reported twice."""
    from auditor.discover import share

    return {r.figures[-1].id for r in share.find(page) if r.kind == "share"}
