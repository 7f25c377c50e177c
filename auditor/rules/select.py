"""Binding rule-file selectors to extracted figures.

Literal text is compared with all whitespace removed, because PDF extraction breaks lines
anywhere (`货物贸易进出⏎⏎口总值`). A selector that matches nothing, or several places
without `nth`, is reported as unbound: never silent, never a pass.
"""
from __future__ import annotations

import re
import time
from bisect import bisect_left
from dataclasses import dataclass

from auditor.evaluate.display import label
from auditor.model import Article, Figure
from auditor.rules import pattern
from auditor.rules.model import Selector

_WS = re.compile(r"\s+")
_SPACE = re.compile(r"\s")
KEY = 3  # template prefixes are indexed by their last three characters


def compact(text: str) -> str:
    return _WS.sub("", text)


def owner_of(selector: Selector) -> object:
    """The token of the rule file a selector came from (set by load_rules); None otherwise."""
    return selector.owner


@dataclass(frozen=True)
class Unbound:
    """Why a name could not be bound."""

    name: str
    reason: str


class Matcher:
    """An article's whitespace-free text, with indexes from it to the figures.

    Lookups are indexed or cached (a needle's occurrences, a selector's matches), and each
    rule file's selectors share one time budget per article (pattern.FILE_SECONDS), so a
    file of 25,000 selectors or 300 slow patterns is answered in seconds, not minutes.
    """

    def __init__(self, article: Article, figures: tuple[Figure, ...]) -> None:
        self.spent: dict[object, float] = {}  # rule file (its owner token) -> seconds used
        self.found: dict[Selector, list[Figure]] = {}
        self.occurrences: dict[str, list[int]] = {}
        self.seconds = pattern.SECONDS  # what a `pattern` selector may still use
        self.article = article
        self.figures = figures
        self.spaces = [m.start() for m in _SPACE.finditer(article.normalized)]
        self.text = _WS.sub("", article.normalized)
        self.starts = [self.at(f.span.start) for f in figures]  # ascending, as figures are
        self.numbers = {f.id: (self.at(f.number_span.start), self.at(f.number_span.end)) for f in figures}
        self.number_starts = [self.numbers[f.id][0] for f in figures]
        self.by_text: dict[str, list[Figure]] = {}
        self.by_preceding: dict[str, list[Figure]] = {}  # the KEY characters before the numeral
        for f in figures:
            self.by_text.setdefault(compact(f.text), []).append(f)
            number = self.numbers[f.id][0]
            self.by_preceding.setdefault(self.text[max(0, number - KEY):number], []).append(f)

    def at(self, offset: int) -> int:
        """Compact index of an original offset: the offset less the whitespace before it."""
        return offset - bisect_left(self.spaces, offset)

    def matches(self, selector: Selector) -> list[Figure]:
        """Every figure the selector fits, in text order, before `nth` chooses."""
        if selector not in self.found:
            self.found[selector] = [f for f in self._candidates(selector) if self._keeps(f, selector)]
        return self.found[selector]

    def bind(self, name: str, selector: Selector) -> Figure | Unbound:
        owner = owner_of(selector)
        left = pattern.FILE_SECONDS - self.spent.get(owner, 0.0)
        if left <= 0:
            raise pattern.PatternTimeout(f"the rule file's selectors ran past the {pattern.FILE_SECONDS} s "
                                         "they may take together")
        started = time.monotonic()
        try:
            return self._bind(name, selector, left)
        finally:
            self.spent[owner] = self.spent.get(owner, 0.0) + time.monotonic() - started

    def _bind(self, name: str, selector: Selector, seconds: float) -> Figure | Unbound:
        self.seconds = seconds
        matches = self.matches(selector)
        if not matches:
            return Unbound(name, f"the selector for `{name}` matched no figure")
        if selector.nth is not None:
            index = selector.nth - 1 if selector.nth > 0 else len(matches) + selector.nth
            if not 0 <= index < len(matches):
                return Unbound(name, f"`{name}` asks for nth: {selector.nth} but only "
                                     f"{len(matches)} figure(s) match")
            return matches[index]
        if len(matches) > 1:
            where = ", ".join(f"line {self.article.line_col(f.span.start)[0]}" for f in matches[:5])
            return Unbound(name, f"the selector for `{name}` matched {len(matches)} figures "
                                 f"({where}); add nth: to choose one")
        return matches[0]

    def _candidates(self, sel: Selector) -> list[Figure]:
        """Figures the selector's anchor text allows, in text order, via an index."""
        if sel.text is not None:
            return self.by_text.get(compact(sel.text), [])
        if sel.template is not None:
            before, after = (compact(p) for p in sel.template.split("{}"))
            pool = self.by_preceding.get(before[-KEY:], []) if len(before) >= KEY else self.figures
            return [f for f in pool if self._around(f, before, after)]
        if sel.pattern is not None:
            return self._in_pattern(sel.pattern)
        needle = compact(sel.near or "")
        found: dict[str, Figure] = {}
        for pos in self._occurrences(needle):
            # The first fitting figure after the text, as a reader would take it ("达6674人").
            after = pos + len(needle)
            for k in range(bisect_left(self.starts, after), len(self.figures)):
                if self.starts[k] > after + sel.within:
                    break
                if self._keeps(self.figures[k], sel):
                    found[self.figures[k].id] = self.figures[k]
                    break
        return sorted(found.values(), key=lambda f: f.span.start)

    def _in_pattern(self, source: str) -> list[Figure]:
        """Figures whose numeral lies inside a match (or its first group); time-bounded."""
        found: list[Figure] = []
        for start, end in pattern.spans(source, self.text, self.seconds):
            for k in range(bisect_left(self.number_starts, start), len(self.figures)):
                if self.number_starts[k] >= end:
                    break
                if self.numbers[self.figures[k].id][1] <= end:
                    found.append(self.figures[k])
        return list(dict.fromkeys(found))

    def _around(self, figure: Figure, before: str, after: str) -> bool:
        start, end = self.numbers[figure.id]
        return self.text.endswith(before, 0, start) and self.text.startswith(after, end)

    def _occurrences(self, needle: str) -> list[int]:
        if needle not in self.occurrences:
            positions, pos = [], self.text.find(needle)
            while pos != -1:
                positions.append(pos)
                pos = self.text.find(needle, pos + 1)
            self.occurrences[needle] = positions
        return self.occurrences[needle]

    def _keeps(self, figure: Figure, sel: Selector) -> bool:
        if sel.unit is not None and sel.unit not in (figure.unit, label(figure)):
            return False
        if sel.kind is not None and sel.kind != figure.kind:
            return False
        if sel.near is not None and sel.template is None and sel.text is None and sel.pattern is None:
            return True  # already placed by the index
        if sel.near is not None:
            start = self.at(figure.span.start)
            return compact(sel.near) in self.text[max(0, start - sel.within - len(compact(sel.near))):start]
        return True
