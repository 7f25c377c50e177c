"""What discovery needs to know about the text around figures: sentences, clauses, labels.

Sentences end at 。！？ and at a single line break (a paragraph end in news text). A blank
line does not end a sentence, because PDF extraction puts blank lines inside sentences
(`成\n\n都、德阳`); a sentence that contains one is marked `broken`, and kinds that rely
on nearby words treat it with suspicion, since columns may have been interleaved there.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from auditor.model import Figure

_END = re.compile(r"[。！？!?]|(?<!\n)\n(?!\s*\n)")
_BLANK = re.compile(r"\n[ \t\u3000]*\n")
_WS = re.compile(r"\s+")
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
        return _WS.sub("", self.text)

    def evidence(self, limit: int = 160) -> str:
        text = self.compact()
        return text if len(text) <= limit else text[:limit] + "…"


def sentences(text: str, figures: tuple[Figure, ...]) -> list[Sentence]:
    """The article's sentences, each with the figures that lie inside it."""
    ends = [m.end() for m in _END.finditer(text)] + [len(text)]
    starts = [f.span.start for f in figures]
    found, start = [], 0
    for end in ends:
        if end <= start:
            continue
        chunk = text[start:end]
        if chunk.strip():
            inside = figures[bisect_left(starts, start):bisect_left(starts, end)]
            inside = tuple(f for f in inside if f.span.end <= end)
            found.append(Sentence(start, end, chunk, bool(_BLANK.search(chunk.strip())), inside))
        start = end
    return found


def label(figure: Figure) -> str:
    """What a figure is about: its clause with the generic words taken out."""
    return GENERIC.sub("", figure.context)


def bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def similarity(a: str, b: str) -> float:
    """Dice coefficient over character bigrams; 0 when either side is too short to judge."""
    x, y = bigrams(a), bigrams(b)
    if not x or not y:
        return 0.0
    return 2 * len(x & y) / (len(x) + len(y))


def between(text: str, left: Figure, right: Figure) -> str:
    """The text between two figures, whitespace removed."""
    return _WS.sub("", text[left.span.end:right.span.start])


def compact(text: str) -> str:
    """Text with every space and line break removed, as PDF extraction scatters them."""
    return _WS.sub("", text)


def printed(figure: Figure) -> str:
    """A figure as printed, line breaks and spaces removed: 6834.7亿元."""
    return compact(figure.text)


def same_measure(a: Figure, b: Figure) -> bool:
    """Figures that can be added or compared: the same unit and kind."""
    return a.unit == b.unit and a.kind == b.kind and a.is_quantity and b.is_quantity


@dataclass
class Page:
    """An article as discovery sees it: text, figures, sentences."""

    text: str
    figures: tuple[Figure, ...]
    sentences: list[Sentence] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.sentences = sentences(self.text, self.figures)
        self._starts = [s.start for s in self.sentences]

    def sentence(self, figure: Figure) -> Sentence:
        return self.sentences[max(0, bisect_right(self._starts, figure.span.start) - 1)]

    def quantities(self) -> list[Figure]:
        return [f for f in self.figures if f.is_quantity]
