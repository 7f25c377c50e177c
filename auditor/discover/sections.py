"""A total and its parts stated section by section under one name (used by the total kind).

    直接经济损失9.5987亿元。…
    农业方面，……累计直接经济损失6.979亿元。
    工交方面，……累计直接经济损失8762万元。
    水利方面，……累计直接经济损失12249万元。

Reports broken down by sector or place close each section with the same words and a figure
(累计直接经济损失), after a total whose own words end alike (直接经济损失). Each part is named
by its section, not by its clause, so no list ties them; the repeated name does. Three or more
sections, each in a sentence of its own, whose figures come within NEAR (5%) of the total are taken
as its parts, whether or not they add up exactly: a sum that near is no chance, and a miss is
the report's. A warning, as a section may have been left out.
"""
from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import replace
from decimal import Decimal

from auditor.discover.relation import Relation
from auditor.discover.sum import addition
from auditor.discover.text import Page, clause_before, same_measure
from auditor.model import Figure

MIN_NAME = 4  # characters of name the sections and the total share (直接经济损失)
MIN_PARTS = 3
NEAR = Decimal("0.05")  # how far the parts' sum may lie from the total, as a share of it: a section left out is most often more
REACH = 12  # sentences after the total where its sections may be


def find(page: Page) -> list[Relation]:
    found = []
    quantities = [f for f in page.quantities() if f.kind in ("amount", "count") and not f.qualifier and f.value > 0]
    # A cheap look first: a name printed three times shows in the figures' own contexts.
    seen = Counter(f.context[-MIN_NAME:] for f in quantities if len(f.context) >= MIN_NAME)
    if not seen or max(seen.values()) < MIN_PARTS:
        return found
    names = {f.id: clause_before(page, f) for f in quantities}
    # Only a name three figures or more are printed under can close sections: group them once,
    # by the last MIN_NAME characters a total's name must share, each group in page order.
    named: dict[str, list[Figure]] = {}
    for f in quantities:
        if len(names[f.id]) >= MIN_NAME:
            named.setdefault(names[f.id], []).append(f)
    by_tail: dict[str, list[tuple[list[int], list[Figure]]]] = {}
    for name, group in named.items():
        if len(group) >= MIN_PARTS:
            by_tail.setdefault(name[-MIN_NAME:], []).append(([f.span.start for f in group], group))
    for total in quantities:
        own = names[total.id]
        parts = _sections(page, total, by_tail.get(own[-MIN_NAME:], [])) if len(own) >= MIN_NAME else None
        if parts is None:
            continue
        added = sum(p.value for p in parts)
        if abs(added - total.value) > NEAR * total.value:
            continue
        relation = addition(page, parts, total, page.sentence(total).evidence(80) + " … " + page.sentence(parts[0]).evidence(80))
        found.append(replace(relation, kind="total", confidence="medium", note="the sections' figures named alike"))
    return found


def _sections(page: Page, total: Figure, groups: list[tuple[list[int], list[Figure]]]) -> list[Figure] | None:
    """The figures after the total, one a sentence, whose words end with one name (累计直接经济
    损失) that the total's words end with too, at least MIN_NAME characters of it; None unless
    three or more, all smaller than the total."""
    at = page.sentence_index(total)
    for starts, group in groups:
        first = bisect_right(starts, total.span.end)
        parts = []
        for f in group[first:]:
            index = page.sentence_index(f)
            if index > at + REACH:
                break
            if same_measure(f, total):
                parts.append(f)
        sentences = {page.sentence_index(f) for f in parts}
        if len(parts) >= MIN_PARTS and len(sentences) == len(parts) and all(p.value < total.value for p in parts):
            return parts
    return None
