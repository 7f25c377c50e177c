"""A total and the parts the words say it is made of (used by the sum kind).

    澳门立法会由33个议席组成，由14名直选议员、12名间选议员与7名委任议员组成。
    全会共有代表420名，由甲界别180名、乙界别150名和丙界别90名构成。

由 … 组成 (構成) names every part of what it follows: the parts are the figures between 由
and 组成, two or more, and the total the nearest figure before 由 in its sentence that they
can add up to. The words close the list, so the parts may be counted under other classifiers
(议席 in 个, members in 名) and a sum that misses is a misprint.
"""
from __future__ import annotations

import re

from auditor.discover.scope import counted_alike
from auditor.discover.text import Page, same_measure
from auditor.model import Figure

COMPOSED = re.compile(r"由(?P<parts>[^。；;：:由]{4,80}?)(?:所)?(?:组成|組成|构成|構成)")
MIN_PARTS = 2


def find(page: Page) -> list[tuple[list[Figure], Figure]]:
    """Each (parts, total) a 由…组成 clause states."""
    found = []
    for sentence in page.sentences:
        for match in COMPOSED.finditer(sentence.text):
            start, end = sentence.start + match.start("parts"), sentence.start + match.end("parts")
            parts = [f for f in sentence.figures if start <= f.span.start and f.span.end <= end and _level(f)]
            if len(parts) < MIN_PARTS or any(not _addable(parts[0], p) for p in parts[1:]):
                continue
            before = [f for f in sentence.figures if f.span.end <= sentence.start + match.start() and _level(f)]
            total = before[-1] if before else None
            if total is None or not _addable(total, parts[0]) or total.value <= max(p.value for p in parts):
                continue
            found.append((parts, total))
    return found


def _level(figure: Figure) -> bool:
    return figure.is_quantity and figure.kind in ("count", "amount") and not figure.qualifier and figure.value > 0


def _addable(a: Figure, b: Figure) -> bool:
    """One measure, or counts of seats and people under any classifier (33个议席, 14名议员)."""
    return same_measure(a, b) or counted_alike(a, b)
