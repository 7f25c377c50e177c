"""A total whose words the sentences after it repeat, one member each (used by the total kind).

Reports of a disaster, a season or a caseload state the whole, then repeat the same words
for each member, a sentence or a paragraph each, with names no list foresees:

    造成…46人死亡，25人失踪。… 据甲省报告，…9人死亡。… 据乙省报告，…19人死亡，…。据丙省报告，…18人死亡。

The words printed right after each figure (死亡, 受灾, 紧急转移安置) tie the members to the
total; nothing is chosen among them. Every later figure of the total's measure and words,
up to the next figure of those words at least as large as the total, is a part. So a fit is
no search through sums that landed near the total by chance: the parts either add up
(exactly, or one unit of a last digit away) or no relation is proposed. With no word to
name the breakdown, a discrepancy is a warning.
"""
from __future__ import annotations

from auditor.discover.fit import SUM, fit
from auditor.discover.relation import Relation
from auditor.discover.scope import countable, paragraphs
from auditor.discover.sum import addition
from auditor.discover.text import Page, same_measure, words_after
from auditor.model import Figure

REACH = 8  # paragraphs after the total's own that may hold its members
LEAST = 2
MOST = 12


def find(page: Page) -> list[Relation]:
    found = []
    figures = [f for p in paragraphs(page) for f in p.levels() if _plain(f)]
    worded = [(f, words) for f in figures if (words := words_after(page, f))]
    for at, (total, words) in enumerate(worded):
        parts = _members(page, worded[at + 1:], total, words)
        if parts is None:
            continue
        how = fit(SUM, parts, total)
        if how in ("exact", "slip"):
            relation = addition(page, parts, total, page.sentence(total).evidence(80))
            found.append(Relation("total", relation.figures, relation.exprs, "medium", relation.evidence,
                                  relation.title, relation.note))
    return found


def _members(page: Page, later: list[tuple[Figure, str]], total: Figure, words: str) -> list[Figure] | None:
    """The figures after the total with its measure and words, one a sentence, up to the next
    that could be another total; None unless there are LEAST to MOST of them, within REACH
    paragraphs."""
    last = _paragraph_index(page, total) + REACH
    parts: list[Figure] = []
    for figure, other in later:
        if _paragraph_index(page, figure) > last:
            break
        if other != words or not same_measure(figure, total):
            continue
        if figure.value >= total.value:
            break
        if parts and page.sentence(parts[-1]) is page.sentence(figure):
            return None  # two in one sentence: a list of its own, not one member each
        parts.append(figure)
    if not LEAST <= len(parts) <= MOST or page.sentence(parts[0]) is page.sentence(total):
        return None
    return parts


def _plain(figure: Figure) -> bool:
    """A figure printed as a plain level: no 余/约, no sign, a count or amount."""
    return not figure.qualifier and figure.value > 0 and countable(figure) and figure.kind in ("count", "amount")


def _paragraph_index(page: Page, figure: Figure) -> int:
    index = page.kept("echoed.paragraph_of", lambda: {f.id: i for i, p in enumerate(paragraphs(page)) for f in p.figures})
    return index.get(figure.id, -1)
