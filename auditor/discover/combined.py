"""A share of several parts together (used by the proportion kind).

Bulletins list a few members, each with its amount, and then give their share together:
对东盟、美国、欧盟分别进出口1544.8亿元、1052.2亿元、903.5亿元 … 三者合计占外贸总值的46.7%.
The rate is the sum of the members over the whole, (1544.8 + 1052.2 + 903.5) ÷ 7500.

The words say only that some parts are added (合计占, 共占, 合共佔); which ones the arithmetic
says: the last two to MOST_PARTS amounts in digits of one unit printed before the rate in its
paragraph, with no other amount of the unit between them, over a whole the proportion kind
would take for the rate. The run must fit exactly, or one slip away when it is the only run
that fits at all; a rate printed without a decimal is not read (it fits too many runs).
A slip over a whole the rate names (占外贸总值的) fails the gate; over any other whole, it is a
warning.
"""
from __future__ import annotations

import re
from decimal import Decimal

from auditor.discover.relation import Relation
from auditor.discover.scope import alike
from auditor.discover.text import Page, printed
from auditor.discover.typos import holds, one_unit_off
from auditor.model import Figure

COMBINED = re.compile(r"(?:合计|合計|共计|共計|合共|总共|總共|一共|合起来|合起來|加起来|加起來|共)"
                      r"[^，,。；;\d]{0,2}[占佔](?!比)[^，,。；;\d]{0,24}$")
MOST_PARTS = 6


def said(page: Page, sentence_start: int, rate: Figure) -> bool:
    """Whether the words before the rate, in its clause, say it is a share of parts added."""
    return rate.decimals >= 1 and COMBINED.search(page.text[max(sentence_start, rate.span.start - 40):rate.span.start]) is not None


def relation(page: Page, levels: list[Figure], wholes: list[Figure], named: list[Figure], rate: Figure) -> Relation | None:
    """The run of parts and the whole the rate is the share of, or None."""
    # The parts are amounts in digits (三大 names how many, it is no part).
    before = [f for f in levels if f.span.end <= rate.span.start and not f.qualifier and not f.chinese]
    if not before:
        return None
    before = [f for f in before if alike(f, before[-1])]
    fits: list[tuple[str, tuple[Figure, ...], Figure]] = []
    for size in range(2, min(MOST_PARTS, len(before)) + 1):
        run = tuple(before[-size:])
        total = sum((f.value for f in run), Decimal(0))
        for whole in wholes:
            if any(whole is f for f in run) or not alike(whole, run[0]) or whole.value <= total or whole.qualifier:
                continue
            figures = (*run, whole, rate)
            expr = _expr(size)
            if holds(expr, figures):
                fits.append(("exact", run, whole))
            elif one_unit_off(expr, figures):
                fits.append(("slip", run, whole))
    exact = [f for f in fits if f[0] == "exact"]
    chosen = exact[:1] if exact else fits if len(fits) == 1 else []
    if not chosen:
        return None
    how, run, whole = chosen[0]
    high = any(whole is n for n in named)  # an exact fit holds whatever its confidence
    title = "(" + " + ".join(printed(f) for f in run) + f") ÷ {printed(whole)} ≈ {printed(rate)}"
    return Relation("proportion", (*run, whole, rate), (_expr(len(run)),), "high" if high else "medium",
                    page.sentence(rate).evidence(), title, "a share of the listed parts together")


def _expr(size: int) -> str:
    return "(" + " + ".join(f"x{i}" for i in range(size)) + f") / x{size} == x{size + 1}"
