"""What discovery needs to know about the text around figures: sentences, clauses, labels.

Sentences end at 。！？ and at a single line break (a paragraph end in news text). A blank
line does not end a sentence, because PDF extraction puts blank lines inside sentences
(`成\n\n都、德阳`); a sentence that contains one is marked `broken`, and kinds that rely
on nearby words treat it with suspicion, since columns may have been interleaved there.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from itertools import pairwise, permutations
from os.path import commonprefix
from typing import Any

from auditor.model import Figure
from auditor.read.normalize import simplified

MAX_SENTENCE = 1_000
WINDOW = 30_000
PAGE_FIGURES = 1_000  # the seed has 250 figures
_END = re.compile(r"[。！？!?]|(?<!\n)\n(?!\s*\n)")
_BLANK = re.compile(r"\n[ \t\u3000]*\n")
# Words that say how a figure moved or was measured, not what it is about.
GENERIC = re.compile(
    r"同比|环比|比上年|比去年|较上年|较去年|去年同期|上年同期|同期|增长|增加|下降|减少|提高|提升|回落|"
    r"增速|比重|占比|分别|其中|约为|约|达到|达|为|共|累计|全年|今年|上半年|前\d+个?月|截至目前|目前|已|实现|完成|"
    r"的|了|和|及|与|,|，|、|：|:|“|”|\"|（|）|\(|\)|\d+|[%％]"
)


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    broken: bool  # a blank line falls inside: columns may be interleaved here
    figures: tuple[Figure, ...] = field(default=(), repr=False)

    def compact(self) -> str:
        return self._compact

    @cached_property
    def _compact(self) -> str:
        # Kinds ask for a sentence's compact text many times an article: removed once.
        return compact(self.text)

    def evidence(self, limit: int = 160) -> str:
        text = self.compact()
        return text if len(text) <= limit else text[:limit] + "…"

    def holds(self, *figures: Figure) -> bool:
        """Whether every figure is printed in this sentence."""
        return all(self.start <= f.span.start < self.end for f in figures)


def sentences(text: str, figures: tuple[Figure, ...], lo: int = 0, hi: int | None = None) -> list[Sentence]:
    """The sentences of text[lo:hi], each with the figures that lie inside it."""
    hi = len(text) if hi is None else hi
    ends = [m.end() for m in _END.finditer(text, lo, hi)] + [hi]
    starts = [f.span.start for f in figures]
    found, start = [], lo
    for end in ends:
        if end <= start:
            continue
        for a, b in _pieces(text, start, end):
            chunk = text[a:b]
            if chunk.strip():
                inside = figures[bisect_left(starts, a):bisect_left(starts, b)]
                inside = tuple(f for f in inside if f.span.end <= b)
                found.append(Sentence(a, b, chunk, bool(_BLANK.search(chunk.strip())), inside))
        start = end
    return found


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence, or a run-on text with no sentence end cut at clause breaks into pieces of at
    most MAX_SENTENCE characters: kinds compare the figures of a sentence pairwise, and real
    sentences are far shorter (the longest in the seed and corpus is 353 characters)."""
    pieces = []
    while end - start > MAX_SENTENCE:
        cut = max(text.rfind(mark, start, start + MAX_SENTENCE) for mark in "，,；;")
        cut = cut + 1 if cut > start else start + MAX_SENTENCE
        pieces.append((start, cut))
        start = cut
    return pieces + [(start, end)]


def pages(text: str, figures: tuple[Figure, ...]) -> list[Page]:
    """The article as pages of at most about WINDOW characters and PAGE_FIGURES figures, cut at
    sentence ends.

    Some kinds look for a figure anywhere in the page (the whole of a share, a restated
    figure), which costs figures × figures; windows keep a huge file linear. A real article
    is one page (the seed has 8,193 characters)."""
    if len(text) <= WINDOW and len(figures) <= PAGE_FIGURES:
        return [Page(text, figures)]
    found, lo, starts = [], 0, [f.span.start for f in figures]
    while lo < len(text):
        first = bisect_left(starts, lo)
        crowded = starts[first + PAGE_FIGURES] if first + PAGE_FIGURES < len(starts) else len(text)
        hi = min(len(text), lo + WINDOW, crowded)
        if hi < len(text):
            cut = max(text.rfind(mark, lo, hi) for mark in "。！？\n")
            hi = cut + 1 if cut > lo else hi
            k = bisect_left(starts, hi) - 1  # never cut through a figure
            if k >= 0 and figures[k].span.end > hi:
                hi = figures[k].span.end
        inside = figures[bisect_left(starts, lo):bisect_left(starts, hi)]
        found.append(Page(text, inside, lo=lo, hi=hi))
        lo = hi
    return found


def label(figure: Figure) -> str:
    """What a figure is about: its clause with the generic words taken out."""
    return _label(figure.context)


@lru_cache(maxsize=8192)  # kinds compare each figure's label with many others'
def _label(context: str) -> str:
    return GENERIC.sub("", context)


def coordinated(whole: str, parts: list[str]) -> bool:
    """A whole named by the compound of its parts' names: 进出口 of 出口 and 进口, 中小学 of 中学
    and 小学, 产销量 of 产量 and 销量. The parts' names end alike and differ in the character
    before that ending; the whole's name holds those characters run together, then the ending.
    Chinese coins such names for sums and for pairs alike (产销量 is no sum), so it is evidence
    only beside arithmetic that already nearly fits."""
    if not 2 <= len(parts) <= 4 or not all(parts):
        return False
    ending = commonprefix([name[::-1] for name in parts])[::-1]
    heads = [name[len(name) - len(ending) - 1:len(name) - len(ending)] for name in parts]
    if not ending or not all(heads) or len(set(heads)) < len(heads):
        return False
    return any("".join(order) + ending in whole for order in permutations(heads))


def bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def similarity(a: str, b: str) -> float:
    """Dice coefficient over character bigrams; 0 when either side is too short to judge."""
    x, y = bigrams(a), bigrams(b)
    if not x or not y:
        return 0.0
    return 2 * len(x & y) / (len(x) + len(y))


def covered(part: str, name: str) -> float:
    """How much of `part`'s bigrams `name` contains: 出口 is all inside 我国出口总值."""
    x = bigrams(part)
    return len(x & bigrams(name)) / len(x) if x else 0.0


def between(text: str, left: Figure, right: Figure) -> str:
    """The text between two figures, whitespace removed."""
    return compact(text[left.span.end:right.span.start])


def compact(text: str) -> str:
    """Text with every space and line break removed, as PDF extraction scatters them.
    str.split() drops exactly the characters the regular expression \\s matches, in a third of the time."""
    return "".join(text.split())


def printed(figure: Figure) -> str:
    """A figure as printed, line breaks and spaces removed: 6834.7亿元."""
    return compact(figure.text)


def as_read(figure: Figure) -> str:
    """A figure as the page the kinds read spells it (25％ is 25%, 總數 is 总数), spaces and
    line breaks removed: what to compare with the page's own text."""
    return compact(simplified(figure.text))


CLASSIFIERS = frozenset("个项家件台种类批")
_NOUN = re.compile(r"\s*([\u4e00-\u9fff]{2})")


def counted(text: str, figure: Figure) -> str:
    """What a general classifier counts, from the two characters after it: 46个大项 → 大项,
    1876个小项 → 小项; "" for a specific unit (亿元, 人) or when nothing follows."""
    if figure.unit not in CLASSIFIERS:
        return ""
    match = _NOUN.match(text, figure.span.end, figure.span.end + 8)
    return match.group(1) if match else ""


# Classifiers that count the same things: people (22名申请人 … 其中13人、8人、1人).
# Medals in 枚 and 面; horses in 匹, cattle in 头; Taiwan's 公吨 and 公尺 are the 吨 and 米.
# 其中 (or 当中, as the page reads 當中) after a figure opens its breakdown.
OF_WHICH = re.compile(r"其中|当中")
SAME_UNIT = {"名": "人", "位": "人", "面": "枚", "匹": "头", "公吨": "吨", "公尺": "米", "平方公尺": "平方米",
             "立方公尺": "立方米", "㎡": "平方米", "m²": "平方米"}


def blank_between(page: Page, a: Figure, b: Figure) -> bool:
    """Whether a blank line falls between two figures: a headline and its story, or two columns."""
    return bool(_BLANK.search(page.text, a.span.end, b.span.start))


def measure(figure: Figure) -> str:
    """A figure's unit, with classifiers of the same things made one."""
    unit = figure.unit  # measure_of inlined: kinds ask two thousand times an article
    return SAME_UNIT.get(unit, unit)


def measure_of(unit: str) -> str:
    return SAME_UNIT.get(unit, unit)


POINT_QUALIFIERS = frozenset({"", "约", "大约", "左右"})


def a_value(figure: Figure) -> bool:
    """A figure that states a value, perhaps roughly (约, 左右), rather than a bound (超过6.1亿美元,
    10家及以上, 不到三成): only a value can be a part or a total of a sum."""
    return figure.qualifier in POINT_QUALIFIERS


def same_measure(a: Figure, b: Figure) -> bool:
    """Figures that can be added or compared: the same unit and kind."""
    return measure(a) == measure(b) and a.kind == b.kind and a.is_quantity and b.is_quantity


@dataclass
class Page:
    """An article as discovery sees it: text, figures, sentences."""

    text: str
    figures: tuple[Figure, ...]
    sentences: list[Sentence] = field(default_factory=list)
    lo: int = 0  # the part of `text` this page covers; spans stay offsets into all of it
    hi: int | None = None

    def __post_init__(self) -> None:
        self.sentences = sentences(self.text, self.figures, self.lo, self.hi)
        self._starts = [s.start for s in self.sentences]
        self._figure_starts = [f.span.start for f in self.figures]
        self._kept: dict[str, Any] = {}

    def kept(self, name: str, build: Callable[[], Any]) -> Any:
        """What `build` derives from the page, built once: several kinds ask for the same."""
        if name not in self._kept:
            self._kept[name] = build()
        return self._kept[name]

    @property
    def end(self) -> int:
        return len(self.text) if self.hi is None else self.hi

    def sentence(self, figure: Figure) -> Sentence:
        return self.sentences[self.sentence_index(figure)]

    def sentence_index(self, figure: Figure) -> int:
        return max(0, bisect_right(self._starts, figure.span.start) - 1)

    def figures_between(self, start: int, end: int) -> tuple[Figure, ...]:
        """The page's figures that start within [start, end)."""
        starts = self._figure_starts
        return self.figures[bisect_left(starts, start):bisect_left(starts, end)]

    def quantities(self) -> list[Figure]:
        return [f for f in self.figures if f.is_quantity]

    def share_wholes(self) -> frozenset[str]:
        """The ids of figures printed as the whole of a share (占年初预算3800万元的45.3%): a
        whole, never a part of a sum beside the parts it is divided into."""
        return self.kept("share_wholes", lambda: _share_wholes(self.text, self.figures))

    def range_ends(self) -> frozenset[str]:
        """The ids of figures that are one end of a range (增长2.5%至3.5%, 60-72港元): neither
        end is a value the article states, so no relation reads one."""
        return self.kept("range_ends", lambda: _range_ends(self.text, self.figures))


RANGE_JOIN = re.compile(r"[ \t\u3000]*(?:至|到|~|～|-|－|—|–)[ \t\u3000]*")
FROM_WORD = re.compile(r"(?:从|由|從)\s*$")
STEP_WORD = re.compile(r"(?:增加|减少|減少|增|减|減|多|少|上升|下降)了?\s*$")


# 占全年预算3800万元的45.3%, and a completion rate: 完成年初预算数60999万元的40.4%.
SHARE_OPEN = re.compile(r"(?:占|完成)[^，,。；;！？0-9]{0,16}$")
SHARE_CLOSE = re.compile(r"的?(?:比重|比例)?(?:为|是|达)?$")


def _share_wholes(text: str, figures: tuple[Figure, ...]) -> frozenset[str]:
    wholes = set()
    for whole, rate in pairwise(figures):
        if rate.unit == "%" and whole.is_quantity and SHARE_CLOSE.match(compact(text[whole.span.end:rate.span.start])) \
                and SHARE_OPEN.search(compact(text[max(0, whole.span.start - 24):whole.span.start])):
            wholes.add(whole.id)
    return frozenset(wholes)


def _range_ends(text: str, figures: tuple[Figure, ...]) -> frozenset[str]:
    ends: set[str] = set()
    for a, b in pairwise(figures):
        if not (a.is_quantity and b.is_quantity) or a.unit not in (b.unit, ""):
            continue
        if RANGE_JOIN.fullmatch(text, a.span.end, b.span.start) and not FROM_WORD.search(text, max(0, a.span.start - 3), a.span.start) \
                and not _step_to_level(text, a, b):
            ends.update((a.id, b.id))  # 从2.5%至3.5% is a from-to, not a range
    return frozenset(ends)


def _step_to_level(text: str, a: Figure, b: Figure) -> bool:
    """比上届增加3席至38席, 减少7席至61席: a change, then the level it reached, each with its own
    unit and the level far above the step (a range's ends, 增加3万至5万人, lie close together)."""
    own_unit = bool(a.unit) and text[a.span.start:a.span.end].endswith(a.unit)  # not the range's, passed down
    return own_unit and a.unit == b.unit and a.unit not in ("%", "‰") and b.value >= 2 * a.value > 0 \
        and STEP_WORD.search(text, max(0, a.span.start - 4), a.span.start) is not None


# The words after a figure up to its clause's end (受灾 in 26.3万人受灾，, 死亡 in 6人死亡（…）):
# what it counts, where the words before it name whose it is.
WORDS_AFTER = re.compile(r"[\u4e00-\u9fff]{2,8}(?=[，,。；;、（(\s]|$)")


def words_after(page: Page, figure: Figure) -> str:
    match = WORDS_AFTER.match(page.text, figure.span.end)
    return match.group() if match else ""


# Pinyin that reposting sites print after each character (機(jī)場(chǎng)): no words of the text.
GLOSS = re.compile(r"\([a-zA-Z\u00e0-\u01dc]{1,7}\)")
CLAUSE_PUNCT = re.compile(r"[，,。；;：:！？!?]")


def line_of(page: Page, figure: Figure, reach: int = 200) -> str:
    """The figure's line, at most `reach` characters either side of it (a run-on page has none)."""
    text, at = page.text, figure.span.start
    start = text.rfind("\n", max(0, at - reach), at)
    end = text.find("\n", figure.span.end, figure.span.end + reach)
    return text[start + 1 if start >= 0 else max(0, at - reach):end if end >= 0 else figure.span.end + reach]


def in_bracket(text: str, at: int, lo: int) -> bool:
    """Whether a bracket opened between lo and at is still open at at: (含再审1件) is a note."""
    return max(text.rfind("(", lo, at), text.rfind("（", lo, at)) > max(text.rfind(")", lo, at), text.rfind("）", lo, at))


def clause_before(page: Page, figure: Figure, reach: int = 60) -> str:
    """The words of the figure's clause before it, spaces and pinyin glosses left out: a gloss's
    brackets cut Figure.context short (净增互联(lián)网宽带用户1800.8万户)."""
    lo = max(page.lo, figure.span.start - reach)
    text = page.text[lo:figure.span.start]
    cut = max((m.end() for m in CLAUSE_PUNCT.finditer(text)), default=0)
    return GLOSS.sub("", compact(text[cut:]))
