"""Parts listed with two or three measures each, interleaved (used by the sum kind).

    农林牧渔业总产值47819万元，…，农林牧渔业增加值25814万元。其中：农业产值19217万元，…，增加值11956万元；
    林业产值2766万元，…，增加值1355万元；…

Each member gives its output (产值) and then its value added (增加值) in one unit, so the figures
after 其中 are two series taken turn about. Each series adds up to the total its words end with
(产值 ↔ 总产值, 增加值 ↔ 增加值). A series named by one word at every member (the words right
before its figures share an ending of two characters or more, different from the other
series') is read as one list of parts.

When one series adds up to its total exactly, the members are the whole of it, and so the other
series, of the same members, must add up to its own total: a miss there, however large, is
reported (an error when one misprint explains it, else a warning, as for every discovered
relation). When no series fits exactly, nothing is said (the list may name only some members).
"""
from __future__ import annotations

from os.path import commonprefix
from typing import Sequence

from auditor.discover.fit import SUM, fit
from auditor.model import Figure

LEAST_NAME = 2  # characters of the name a series' figures share
MOST_SERIES = 3


def split(figures: Sequence[Figure]) -> list[tuple[str, list[Figure]]]:
    """The figures as two or three interleaved series, each with its name; [] if they are not."""
    for k in range(2, MOST_SERIES + 1):
        if len(figures) < 2 * k or len(figures) % k:
            continue
        series = [list(figures[j::k]) for j in range(k)]
        names = [_shared_ending([f.context for f in s]) for s in series]
        if all(len(n) >= LEAST_NAME for n in names) and not any(
                a.endswith(b) or b.endswith(a) for i, a in enumerate(names) for b in names[i + 1:]):
            return list(zip(names, series))
    return []


def totals(named: list[tuple[str, list[Figure]]], candidates: Sequence[Figure]) -> list[tuple[list[Figure], Figure, str]] | None:
    """Each series with the nearest earlier candidate whose words end as its name does (总产值 for
    农业产值, 林业产值 …: two characters or more), and how it
    fits ("exact", "slip" or "miss"); None unless every series has a total and one fits exactly."""
    found = []
    for name, parts in named:
        total = next((c for c in reversed(candidates) if len(_shared_ending([c.context, name])) >= LEAST_NAME
                      and c.value >= max(p.value for p in parts)), None)
        if total is None:
            return None
        found.append((parts, total, fit(SUM, parts, total) or "miss"))
    return found if any(how == "exact" for _, _, how in found) else None


def _shared_ending(words: list[str]) -> str:
    return commonprefix([w[::-1] for w in words])[::-1]
