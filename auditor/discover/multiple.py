"""A stated multiple (倍, 翻番) matches the two levels it compares.

## What it finds
* B 是 / 为 / 相当于 / 达到 A 的 N 倍 (B ÷ A = N), with A and B in the sentence or, when the
  sentence states fewer than two, in the one before it in the paragraph: 今年产量84万吨，去年
  产量为21万吨，今年是去年的4倍; 营收12亿元，是上年3亿元的4倍; 營收是去年的3倍，達到12億元
  (traditional text is read through its simplified form);
* 增长 / 增加 / 提高 (了) N 倍 after 由A增加到B, 比A, or B … 上年为A; and B，比上年增加D，增长
  N倍 (the earlier level is B − D). Read by the standard, 增长N倍 means B = (N + 1) × A, but
  B = N × A is common usage: the relation holds if either reading does, and its note says so
  when only the common reading holds;
* 增幅 / 涨幅 (达) N 倍, which names the increase itself: B ÷ A − 1 = N only;
* 翻一番 / 翻番 (× 2), 翻两番 (× 4), 翻了三番 (× 8) between two levels bound as for 增长.

## Why
倍 is where writers slip most: 增长到 and 增长 are confused, and the increase is printed as the
multiple (35.2亿元 called 2.0亿元的16.6倍: 35.2 ÷ 2.0 = 17.6; 16.6 is the increase). When a
stated 是…的N倍 matches B ÷ A − 1 instead of B ÷ A, the relation fails and its note says that
N倍 is the increase and B is (N+1) times A.

## Passing example
今年产量84万吨，去年产量为21万吨，今年是去年的4倍.

## Failing example
今年产量84万吨，去年产量为21万吨，今年是去年的3倍 (84 ÷ 21 = 4: 3倍 is the increase).

## Precision
A multiple is checked only when a cue ties it to its levels: a figure printed inside 是…的
(是上年3亿元的4倍), a level in the multiple's own clause or right after it (，达到12亿元), a
from-to (由A增加到B), 比A, 上年为A, or the words of 是X的 naming one figure (X found in its
clause: 去年, 2015年, 农村居民) and, when there are more than two, the subject of 是 naming the
other. 是全国平均水平的1.5倍 with no figure so named is left alone, as are open bounds (1倍多,
3倍以上), rates compared by their names (出口增速是进口增速的2倍), 接近翻番, 翻一番多 and
下降N倍. Confidence is high only when exactly two figures of the measure are in scope; with
more, in an article at comparable prices (money), for 增幅N倍 (often meant as the ratio) and
for 翻番 (often said loosely), the relation is a warning.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from auditor.discover.fit import GROWTH, RATIO, fit
from auditor.discover.lazy import lazy
from auditor.discover.scope import digits
from auditor.discover.relation import Relation
from auditor.discover.text import GENERIC, Page, Sentence, compact, covered, label, printed, same_measure
from auditor.discover.typos import holds
from auditor.evaluate.semantics import read
from auditor.model import Figure

CUE = lazy(r"倍|番")
# 较110年增0.02倍: Taiwan's years (and years of age or service) are counted in 年, no levels.
NOT_LEVELS = frozenset({"%", "‰", "个百分点", "百分点", "倍", "成", "番", "年"})
BREAK = lazy(r"[，,；;：:。！？!?、（）()]")
# 是…的N倍: the last cue before 的, and what lies between (the earlier level's name).
IS = lazy(r"(是|为|相当于|达到|达)([^是为达，,。；;]{0,16})的$")
IS_OPEN = lazy(r"(是|为|相当于|达到|达)[^是为达，,。；;]{0,12}$")
# A rise in any verb: 增长, 提高 and the one-character verbs a headline uses, alone or
# intensified (大增, 激增, 急升, 飙涨); 倍增 is a doubling, not a verb of N倍.
VERB = r"增长|增加|提高|上升|扩大|攀升|跃升|[大激急猛暴骤劲狂飙累]?[增升涨]"
GROW = lazy(rf"(?<!倍)({VERB})了?$")
INCREASE = lazy(r"(增幅|涨幅|增长幅度|增加幅度)(达到|达|为|是)?了?$")
DOUBLE = lazy(r"翻了?([一两二三四]?)番")
DOUBLINGS = {"": 1, "一": 1, "两": 2, "二": 2, "三": 3, "四": 4}
LOOSE = lazy(r"(近|接近|将近|约|超过|超|逾|基本|几乎|多|余|以上|左右)$")
OPEN = ("多", "余", "以上", "以下", "左右")  # 1倍多: an open bound, not a multiple
MOVE_TO = lazy(rf"^(人民币|美元)?(激增|猛增|剧增|骤增|{VERB})?(到|至)$")
FROM = lazy(r"(由|从)[^，,；;]{0,8}$")
THAN = lazy(r"(比|较)[^，,；;]{0,12}$")
THAN_GROW = lazy(rf"^(的)?(水平|基础上)?(上)?({VERB})?了?$")
ADDED = lazy(r"(比|较)[^，,；;]{0,12}(增加|增长|多|提高)了?$")
ADDED_THEN = lazy(r"^[，,][^，,；;。]{0,10}(增长|增加|提高)了?$")
PRIOR = lazy(r"(上年|去年|上年同期|去年同期)(为|是|的)?$")
RATE_WORDS = lazy(r"增速|增幅|涨幅|降幅|增长|增量|比重|占比|速度|率|份额")
FALL = lazy(r"(下降|减少|降低|缩小|减|降|跌|少)了?[近约超逾]?$")  # 下降N倍 is left alone
_FIT_RANK = {None: 0, "truncated": 1, "slip": 2, "exact": 3}
PRONOUN = lazy(r"^(其|它|前者|后者|此|该|这|这一数字|此数)?$")


@dataclass(frozen=True)
class _Anchor:
    """Where a multiple is stated: its figure (none for 翻番) and the clause before it."""

    start: int
    end: int
    context: str
    figure: Figure | None
    doublings: int = 0  # 翻N番: N
    half: bool = False  # 两倍半: the figure and a half


def find(page: Page) -> list[Relation]:
    found: list[Relation] = []
    for k, sentence in enumerate(page.sentences):
        if not CUE.search(sentence.text):
            continue
        previous = page.sentences[k - 1] if k else None
        if previous is not None and "\n" in page.text[previous.end - 1:sentence.start + 1]:
            previous = None  # another paragraph
        for anchor in _anchors(page, sentence):
            relation = _double(page, sentence, anchor) if anchor.doublings else (
                _is(page, sentence, previous, anchor) or _grow(page, sentence, anchor)
                or _fitted(sentence, anchor))
            if relation is not None:
                found.append(relation)
    return found


def _anchors(page: Page, sentence: Sentence) -> list[_Anchor]:
    found = []
    for f in sentence.figures:
        if f.unit != "倍" or not f.is_quantity:
            continue
        after = compact(page.text[f.span.end:f.span.end + 4])
        if after.startswith(OPEN) or f.qualifier in ("余", "多", "以上", "以下"):
            continue
        found.append(_Anchor(f.span.start, f.span.end, f.context, f, half=after.startswith("半")))
    for match in DOUBLE.finditer(page.text, sentence.start, sentence.end):
        before = _clause_before(page.text, sentence.start, match.start())
        after = compact(page.text[match.end():match.end() + 4])
        if LOOSE.search(before) or after.startswith(OPEN):
            continue
        figure = next((f for f in sentence.figures if f.unit == "番" and match.start() <= f.span.start < match.end()),
                      None)
        if figure is not None and figure.qualifier:
            continue
        found.append(_Anchor(match.start(), match.end(), before + "翻", figure,
                             doublings=DOUBLINGS[match.group(1)]))
    return found


def _clause_before(text: str, lo: int, at: int) -> str:
    clause = compact(text[lo:at])
    cut = max((m.end() for m in BREAK.finditer(clause)), default=0)
    return clause[cut:]


def _levels(sentence: Sentence, before: int, percent: bool = False) -> list[Figure]:
    return [f for f in sentence.figures if f.span.end <= before and _level(f, percent)]


def _level(f: Figure, percent: bool = False) -> bool:
    if not f.is_quantity or f.unit in NOT_LEVELS - ({"%"} if percent else set()):
        return False
    return f.kind in ("amount", "count") or (percent and f.kind == "percent")


def _gap(page: Page, end: int, start: int) -> str:
    return compact(page.text[end:start])


def _n(anchor: _Anchor) -> str:
    return "x2 + 0.5" if anchor.half else "x2"


def _plus_one(anchor: _Anchor) -> str:
    assert anchor.figure is not None
    return f"{anchor.figure.value + (Decimal('0.5') if anchor.half else 0) + 1:f}"


def _shown(anchor: _Anchor) -> str:
    assert anchor.figure is not None
    return printed(anchor.figure) + ("半" if anchor.half else "")


# --- B 是 A 的 N 倍 -------------------------------------------------------------------

def _is(page: Page, sentence: Sentence, previous: Sentence | None, anchor: _Anchor) -> Relation | None:
    t = anchor.figure
    match = IS.search(anchor.context)
    if t is None or not match:
        return None
    named, subject = match.group(2), anchor.context[:match.start()]
    levels = _levels(sentence, t.span.start, percent=True)
    # A printed inside 是…的: 营收12亿元，是上年3亿元的4倍.
    if levels and _gap(page, levels[-1].span.end, t.span.start) == "的" and IS_OPEN.search(levels[-1].context):
        a = levels[-1]
        later = [f for f in levels[:-1] if same_measure(f, a)]
        if not later:
            return None
        return _times(a, later[-1], anchor, "high" if len(later) == 1 else "medium", sentence)
    if RATE_WORDS.search(named) or RATE_WORDS.search(subject):  # 出口增速是进口增速的2倍: not levels
        return None
    pool = [f for f in levels if _level(f)]
    # B printed in the multiple's own clause (今年产量84万吨是去年的4倍) or right after it
    # (是去年的3倍，达到12亿元).
    b = next((f for f in reversed(pool) if not BREAK.search(_gap(page, f.span.end, t.span.start))), None)
    if b is None:
        b = next((f for f in sentence.figures if f.span.start >= t.span.end and _level(f)
                  and re.fullmatch(r"[，,]?(达到|达|为|共计|共|合计)", _gap(page, t.span.end, f.span.start))), None)
        if b is not None:
            pool.append(b)
    if len([f for f in pool if b is None or same_measure(f, b)]) < 2 and previous is not None:
        pool = [f for f in previous.figures if _level(f)] + pool
    if b is not None:
        earlier = [f for f in pool if f is not b and same_measure(f, b)]
        a = _named(named, earlier, len(earlier) == 1)
        if a is None:
            return None
        return _times(a, b, anchor, "high" if len(earlier) == 1 else "medium", sentence)
    # Neither level in the clause: 是X的 must name one of them, and the subject, if it names
    # any, the other.
    if PRONOUN.match(named):
        groups = _measures(pool)
        if len(groups) != 1 or len(groups[0]) != 2:
            return None
        x, y = groups[0]
        big, small = (x, y) if x.value >= y.value else (y, x)
        a, b = (small, big) if t.value >= 1 else (big, small)
        return _times(a, b, anchor, "high", sentence)
    a = _named(named, pool, False)
    if a is None:
        return None
    later = [f for f in pool if f is not a and same_measure(f, a)]
    if len(later) == 1 and not _contradicts(subject, later[0], a):
        return _times(a, later[0], anchor, "high", sentence)
    chosen = [f for f in later if _names(subject, f)]
    if len(chosen) != 1:
        return None
    return _times(a, chosen[0], anchor, "medium", sentence)


def _measures(pool: list[Figure]) -> list[list[Figure]]:
    groups: list[list[Figure]] = []
    for f in pool:
        for group in groups:
            if same_measure(group[0], f):
                group.append(f)
                break
        else:
            groups.append([f])
    return groups


def _named(name: str, pool: list[Figure], alone: bool) -> Figure | None:
    """The one figure of pool that `name` (是X的) names; with `alone`, a pronoun names the
    only candidate."""
    if PRONOUN.match(name):
        return pool[0] if alone and pool else None
    hits = [f for f in pool if _names(name, f)]
    return hits[0] if len(hits) == 1 else None


def _names(name: str, f: Figure) -> bool:
    if len(name) < 2 or PRONOUN.match(name):
        return False
    if _years(name) in _years(f.context):
        return True
    key = GENERIC.sub("", name)
    return len(key) >= 2 and covered(key, label(f)) >= 0.6


def _years(text: str) -> str:
    """上年 and 去年 are one year."""
    return text.replace("上年", "去年").replace("上一年", "去年")


def _contradicts(subject: str, b: Figure, a: Figure) -> bool:
    """The subject of 是 names the earlier level rather than the later one."""
    return _names(subject, a) and not _names(subject, b)


def _times(a: Figure, b: Figure, anchor: _Anchor, confidence: str, sentence: Sentence) -> Relation:
    t = anchor.figure
    assert t is not None
    figures = (a, b, t)
    n = _n(anchor)
    note = ""
    increase = _increase_as_printed(a, b, t)
    if increase or not holds(f"x1 / x0 == {n}", figures) and holds(f"x1 / x0 - 1 == {n}", figures):
        note = f"{_shown(anchor)} is the increase; {printed(b)} is (N+1) = {_plus_one(anchor)} times {printed(a)}"
    # 35亿 called 2亿的16.5倍: the rounding of 2亿 lets 16.5 pass, but as printed the multiple is
    # exactly one more; that exact increase is the slip, so the figures are compared as printed.
    return Relation("multiple", figures, (f"x1 / x0 == {n}",), "medium" if increase else confidence,  # type: ignore[arg-type]
                    sentence.evidence(), f"{printed(b)} ÷ {printed(a)} ≈ {_shown(anchor)}", note, as_printed=increase)


def _increase_as_printed(a: Figure, b: Figure, times: Figure | None) -> bool:
    """B ÷ A − 1 is exactly the printed N, and B ÷ A is not: N is the increase."""
    if times is None or times.chinese or times.qualifier or a.value <= 0:
        return False
    ratio = read(b).nominal / read(a).nominal
    return ratio - 1 == read(times).nominal and ratio != read(times).nominal


# --- N 倍 in other words, found by the arithmetic ------------------------------------

def _fitted(sentence: Sentence, anchor: _Anchor) -> Relation | None:
    """成长11倍, 相差近12倍, 扩大了3.5倍: whatever the verb, a multiple printed after two levels
    of one measure in its sentence, the only multiple there, when the larger over the smaller
    gives it (as the ratio or as the increase) and no other pair does; one unit off counts
    only for a multiple of three or more digits (12.5倍: 1.8倍 is one unit off too many pairs).
    The words do not say which reading is meant, so either holds, and the relation is a
    warning."""
    t = anchor.figure
    if t is None or t.chinese or not t.value or FALL.search(anchor.context):
        return None
    if sum(f.unit == "倍" for f in sentence.figures) > 1:
        return None  # 分别增长3.2倍、2.5倍 … 增长1.8倍: several multiples, several subjects
    fits = []
    for group in _measures(_levels(sentence, anchor.start)):
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                small, large = sorted((a, b), key=lambda f: f.value)
                if small.value <= 0 or large.value <= small.value or min(digits(small), digits(large)) < 2:
                    continue
                how = max((fit(RATIO, (large, small), t), fit(GROWTH, (large, small), t)), key=_FIT_RANK.get)
                if how in ("exact", "slip") and (how == "exact" or digits(t) >= 3):
                    fits.append((how, small, large))
    exact = [f for f in fits if f[0] == "exact"]
    chosen = exact if exact else fits
    if len(chosen) != 1:
        return None
    _, small, large = chosen[0]
    figures = (small, large, t)
    n = _n(anchor)
    return Relation("multiple", figures, (f"x1 / x0 == {n}", f"x1 / x0 - 1 == {n}"), "medium",  # type: ignore[arg-type]
                    sentence.evidence(), f"{printed(large)} ÷ {printed(small)} ≈ {_shown(anchor)}",
                    "the words do not say whether N倍 is the ratio or the increase; either is accepted")


# --- 增长 N 倍, 增幅 N 倍 ------------------------------------------------------------

def _grow(page: Page, sentence: Sentence, anchor: _Anchor) -> Relation | None:
    t = anchor.figure
    if t is None:
        return None
    strict = bool(INCREASE.search(anchor.context))
    if not strict and not GROW.search(anchor.context):
        return None
    n = _n(anchor)
    comparable = page.text.find("可比价", page.lo, page.end) != -1
    bound = _from_to(page, sentence, anchor)
    if bound is not None:
        a, b, confidence = bound
        figures, standard, common = (a, b, t), f"x1 / x0 - 1 == {n}", f"x1 / x0 == {n}"
        title = f"{printed(a)} → {printed(b)}: {'增幅' if strict else '增长'}{_shown(anchor)}"
    else:
        added = _added(page, sentence, anchor)
        if added is None:
            return None
        b, d, confidence = added
        figures, standard, common = (b, d, t), f"x1 / (x0 - x1) == {n}", f"x0 / (x0 - x1) == {n}"
        title = f"{printed(b)}, 增加{printed(d)}: 增长{_shown(anchor)}"
    shown, more = _shown(anchor), _plus_one(anchor)
    if comparable and figures[0].unit in ("元", "美元"):  # growth at comparable prices, levels at current
        confidence = "medium"
    if strict:
        note = ""
        if not holds(standard, figures) and holds(common, figures):
            note = f"“增幅”说的是增加的部分，而{shown}是两个水平之比；增加的部分应少一倍"
        return Relation("multiple", figures, (standard,), "medium", sentence.evidence(), title, note)
    note = ""
    if not holds(standard, figures) and holds(common, figures):
        note = (f"holds only if 增长{shown} is read as {shown} as many, as is common; by the standard it means "
                f"(N+1) = {more} times as many")
    return Relation("multiple", figures, (standard, common), confidence,  # type: ignore[arg-type]
                    sentence.evidence(), title, note)


def _from_to(page: Page, sentence: Sentence, anchor: _Anchor) -> tuple[Figure, Figure, str] | None:
    """(earlier, later, confidence) for 由A增长到B, 比A增长, or B … 上年为A."""
    levels = _levels(sentence, anchor.start, percent=True)
    if not levels:
        return None
    b = levels[-1]
    reached = _reached(page, sentence, anchor, b)
    if reached is not None:
        return b, reached, "high" if len([f for f in levels if same_measure(f, b)]) == 1 else "medium"
    gap = _gap(page, b.span.end, anchor.start)
    # A semicolon ends the levels' clause (…占比由11.9%提高到27.2%；少数民族党员增加约32倍).
    near = len(gap) <= 20 and not re.search("[；;]", gap) and not any(
        f.unit in ("倍", "番") for f in sentence.figures if b.span.end <= f.span.start < anchor.start)
    if near:
        earlier = [f for f in levels[:-1] if same_measure(f, b)]
        if earlier:
            a = earlier[-1]
            gap = _gap(page, a.span.end, b.span.start)
            if MOVE_TO.match(gap) and FROM.search(a.context):
                return a, b, "high" if len(earlier) == 1 else "medium"
    # 比A增长N倍: A is the level right before the cue, B the same measure before it.
    if THAN_GROW.match(_gap(page, b.span.end, anchor.start)) and THAN.search(b.context):
        a = b
        later = [f for f in levels[:-1] if same_measure(f, a)]
        if later:
            return a, later[-1], "high" if len(later) == 1 else "medium"
        return None
    # B，比上年增长N倍，上年为A.
    if near and _level(b):
        prior = next((f for f in sentence.figures if f.span.start >= anchor.end and same_measure(f, b)
                      and PRIOR.search(f.context) and "\n" not in page.text[anchor.end:f.span.start]), None)
        if prior is not None:
            return prior, b, "high"
    return None


def _reached(page: Page, sentence: Sentence, anchor: _Anchor, a: Figure) -> Figure | None:
    """由A(，)激增N倍至B: the level reached printed right after the multiple, with 至/到/达
    between, when A (the level before the multiple, in its clause) says 由/从."""
    if not FROM.search(a.context) or not re.fullmatch(rf"[，,]?({VERB})了?", _gap(page, a.span.end, anchor.start)):
        return None
    after = next((f for f in sentence.figures if f.span.start >= anchor.end), None)
    if after is None or not _level(after) or not same_measure(after, a):
        return None
    return after if re.fullmatch(r"(达到|到|至|达)", _gap(page, anchor.end, after.span.start)) else None


def _added(page: Page, sentence: Sentence, anchor: _Anchor) -> tuple[Figure, Figure, str] | None:
    """(level, increase, confidence) for B，比上年增加D，增长N倍."""
    levels = _levels(sentence, anchor.start)
    if len(levels) < 2:
        return None
    d = levels[-1]
    if not ADDED.search(d.context) or not ADDED_THEN.match(_gap(page, d.span.end, anchor.start)):
        return None
    b = levels[-2]
    if not same_measure(b, d) or not re.fullmatch(r"[，,]?(比|较)[^，,；;]{0,12}(增加|增长|多|提高)了?",
                                                   _gap(page, b.span.end, d.span.start)):
        return None
    if b.value <= d.value:
        return None
    return b, d, "high" if len([f for f in levels if same_measure(f, b)]) == 2 else "medium"


# --- 翻番 --------------------------------------------------------------------------

def _double(page: Page, sentence: Sentence, anchor: _Anchor) -> Relation | None:
    bound = _from_to(page, sentence, anchor)
    if bound is None:
        return None
    a, b, _ = bound
    factor = 2 ** anchor.doublings
    words = compact(page.text[anchor.start:anchor.end])
    return Relation("multiple", (a, b), (f"x1 / x0 == {factor}",), "medium", sentence.evidence(),
                    f"{printed(a)} → {printed(b)}: {words} (× {factor})")
