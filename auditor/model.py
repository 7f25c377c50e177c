"""Frozen value types that flow between the pipeline stages.

pydantic guards the edges (rule files); everything inside is a plain frozen dataclass,
so stages can share values without defensive copies.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, fields
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter
from typing import Any, Literal

Kind = Literal[
    "amount", "count", "percent", "percentage_point", "multiple",
    "rank", "date", "period", "ordinal", "code",
]
QUANTITY_KINDS: frozenset[str] = frozenset(
    {"amount", "count", "percent", "percentage_point", "multiple"}
)
Status = Literal["holds", "holds-loose", "fails", "unbound", "error"]
Severity = Literal["error", "warning", "note", "none"]
SEVERITY_RANK: dict[str, int] = {"none": 0, "note": 1, "warning": 2, "error": 3}


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character offsets into the article text as decoded."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Figure:
    """One stated figure, kept exactly as printed."""

    id: str
    span: Span
    text: str
    number: str  # digits as printed (ASCII-normalised), or the Chinese numeral
    scale: int  # 1, 10**4 (万), 10**8 (亿), 10**12 (万亿)
    value: Decimal  # number × scale; percent stays as printed (79.2 for 79.2%)
    unit: str
    decimals: int
    qualifier: str  # as printed: 余, 超过, 近, 约, 左右 ... or ""
    kind: Kind
    context: str = ""  # the clause before the figure, whitespace removed
    number_span: Span = Span(0, 0)  # where the numeral itself sits, for selectors
    chinese: bool = False  # written in Chinese numerals: lower confidence

    def __eq__(self, other: object) -> bool:
        # Discovery asks `total in parts` thousands of times an article, nearly always of
        # figures with other ids: the id decides at once. Figures of one id are compared
        # field by field as the generated __eq__ does (_FIGURE_FIELDS, after the class).
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self.id == other.id and _FIGURE_FIELDS(self) == _FIGURE_FIELDS(other)  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        # Figures key caches (evaluate.semantics.read) thousands of times an article; the
        # generated hash of all thirteen fields, a Span and a Decimal among them, was a
        # noticeable share of discovery. Equal figures have equal ids, numbers and texts, so
        # this agrees with the generated __eq__; the number tells apart the misprints that
        # diagnose and typos try on one figure.
        return hash((self.id, self.number, self.text))

    def with_number(self, number: str, value: Decimal, decimals: int) -> Figure:
        """The figure printed with another numeral (a misprint tried, a fix offered), as
        dataclasses.replace makes it: diagnosis and typos make a hundred of these an
        article, and replace's field-by-field work was most of their cost. Every field but
        the three is passed on (test_model checks that this lists them all)."""
        return Figure(self.id, self.span, self.text, number, self.scale, value, self.unit, decimals,
                      self.qualifier, self.kind, self.context, self.number_span, self.chinese)

    @property
    def is_quantity(self) -> bool:
        """A figure that arithmetic can be checked on, as opposed to a date or a code."""
        # 909亿 with its unit left to the headline (澳门元) is still an amount: its order says so.
        return self.kind in QUANTITY_KINDS and (self.unit != "" or self.chinese or self.scale > 1)


_FIGURE_FIELDS = attrgetter(*(f.name for f in fields(Figure)))  # every field, in order: a tuple


@dataclass(frozen=True, slots=True)
class Article:
    """An article's plain text, and the way back to the file it came from.

    `text` is the article as printed, markup removed; `normalized` is the same text, of the
    same length, with traditional characters made simplified, for matching. `offsets` maps
    each plain character to its place in `source` (the file as decoded); empty means the
    two are the same, as for a .txt file.
    """

    path: str
    text: str
    normalized: str = field(default="", repr=False)
    source: str = field(default="", repr=False)
    offsets: tuple[int, ...] = field(default=(), repr=False)
    line_starts: tuple[int, ...] = field(default=(), repr=False)
    metadata: Any = field(default=None, repr=False)

    @classmethod
    def from_text(cls, text: str, path: str = "<text>", source: str | None = None,
                  offsets: tuple[int, ...] = (), metadata: Any = None) -> Article:
        from auditor.read.normalize import simplified  # read/ depends on model, not the reverse

        origin = text if source is None else source
        starts = [0] + [m.end() for m in re.finditer("\n", origin)]
        return cls(path=path, text=text, normalized=simplified(text), source=origin, offsets=offsets,
                   line_starts=tuple(starts), metadata=metadata or {})

    @property
    def stem(self) -> str:
        name = self.path.replace("\\", "/").rsplit("/", 1)[-1]
        return name.rsplit(".", 1)[0] if "." in name else name

    def to_source(self, offset: int) -> int:
        """Where a plain-text offset falls in the source file's text."""
        if not self.offsets:
            return offset
        if offset >= len(self.offsets):
            return (self.offsets[-1] + 1) if self.offsets else 0
        return self.offsets[offset]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """A plain-text span as a span of the source (its end just after its last character)."""
        return self.to_source(start), (self.to_source(end - 1) + 1) if end > start else self.to_source(start)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column, in the source file, of a plain-text offset."""
        at = self.to_source(offset)
        line = bisect_right(self.line_starts, at)
        return line, at - self.line_starts[line - 1] + 1


@dataclass(frozen=True, slots=True)
class FigureRef:
    """A figure as a finding names it: its binding name and where it is."""

    name: str
    figure: Figure


@dataclass(frozen=True, slots=True)
class Finding:
    """The outcome of one check on one article. Passing checks are findings too.

    The numbers are kept exact (`verdict`); their text (computed, stated, margins, message)
    is written only when a report asks for it, which keeps the gate itself fast.
    """

    check_id: str
    origin: str  # the rule file, or "discover:<kind>"
    status: Status
    severity: Severity
    expr: str
    title: str = ""
    figures: tuple[FigureRef, ...] = ()
    anchor: str = ""  # id of the figure the finding is reported at: the claim, else the first
    suggestion: str = ""
    reason: str = ""  # why a check is unbound or could not be evaluated
    template: str = ""  # the expression with names as positions, for `substituted`
    verdict: Any = field(default=None, repr=False)  # auditor.evaluate.verdict.Verdict
    shown: Figure | None = None  # the figure whose terms the numbers are written in
    confidence: str = ""  # discovered checks only
    evidence: str = ""  # the sentence a discovered relation came from
    accepted: str = ""  # why a reviewed discrepancy is accepted (baseline or rule file)
    elsewhere: str = ""  # a consistency finding: the earlier article (or reference) it is checked against

    @property
    def counts(self) -> bool:
        """Whether the finding can fail a run: not accepted by a baseline or a rule file."""
        return not self.accepted

    @property
    def computed(self) -> str:
        return _describe().computed(self)

    @property
    def stated(self) -> str:
        return _describe().stated(self)

    @property
    def computed_interval(self) -> tuple[str, str] | None:
        return _describe().interval(self, "computed_range")

    @property
    def stated_interval(self) -> tuple[str, str] | None:
        return _describe().interval(self, "stated_range")

    @property
    def dev(self) -> str:
        return _describe().margin(self, "dev")

    @property
    def gap(self) -> str:
        return _describe().margin(self, "gap")

    @property
    def message(self) -> str:
        return _describe().message(self)

    @property
    def message_zh(self) -> str:
        return _describe().message_zh(self)

    @property
    def substituted(self) -> str:
        return _describe().substituted(self)


@lru_cache(maxsize=1)  # an import statement per property read costs a report writer ten per finding
def _describe() -> Any:
    # Writing numbers out is the evaluator's business; imported late to keep model.py a leaf.
    from auditor.evaluate import describe

    return describe


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """Everything the auditor learned about one article."""

    article: Article
    figures: tuple[Figure, ...]
    findings: tuple[Finding, ...]
    notes: tuple[str, ...] = ()  # what the run could not do in full, said in every report
    diagnoses: tuple[Any, ...] = ()  # auditor.diagnose.Diagnosis: probable misprints, first in every report


@dataclass(frozen=True, slots=True)
class AuditRun:
    """One invocation over one or more articles; every output format reads this."""

    results: tuple[ArticleResult, ...]
    tool_version: str = "0.1.0"
