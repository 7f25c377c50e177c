"""A breakdown introduced by the name of its total and 中 (used by the sum kind).

    现有卫生技术人员578人。… 卫生技术人员中本科学历86人，大专学历251人，中专学历及以下241人；
    副高级职称以上19人，中级职称122人，初级437人。

The words 卫生技术人员中 open a breakdown of the figure those words named before: each part
of the clause after them, up to a semicolon or the end of the sentence, is a part, and a
second run after a semicolon breaks the same total down another way. The total is the
latest earlier figure of the parts' measure whose own words end with the name (two to ten
characters of it), within the paragraph and the one before.

A breakdown need not be complete (卫生技术人员中执业医师200人 names one kind), so only a run
that adds up to its total exactly, or one unit of a last digit away, is taken; a slip among
three or more parts is an error, with two a warning.
"""
from __future__ import annotations

import re

from auditor.discover.fit import SUM, fit
from auditor.discover.scope import paragraphs
from auditor.discover.text import Page, clause_before, same_measure
from auditor.model import Figure

# The name of a total, then 中 (not 其中, 当中: the sum kind reads those), opening a clause.
NAMED_IN = re.compile(r"(?:^|(?<=[，,。；;：:\n]))(?P<name>[\u4e00-\u9fff]{2,10}?)(?<![其当當之])中[，,：:]?(?=[\u4e00-\u9fff])")
RUN_END = re.compile(r"[；;。！？!?\n]")
LEAST = 2
MOST = 8
SLIP_ERROR = 3  # parts a slip needs among them to fail the gate


def find(page: Page) -> list[tuple[list[Figure], Figure, str]]:
    """Each (parts, total, confidence) a named breakdown fits."""
    found = []
    scopes = paragraphs(page)
    for index, paragraph in enumerate(scopes):
        earlier = [f for p in scopes[max(0, index - 1):index + 1] for f in p.figures]
        for sentence in paragraph.sentences:
            for match in NAMED_IN.finditer(page.text, sentence.start, sentence.end):
                found += _breakdowns(page, earlier, match.group("name"), match.end(), sentence.end)
    return found


def _breakdowns(page: Page, earlier: list[Figure], name: str, start: int, end: int) -> list[tuple[list[Figure], Figure, str]]:
    found = []
    at = start
    while at < end:
        stop = RUN_END.search(page.text, at, end)
        run_end = stop.end() if stop else end
        parts = [f for f in page.figures_between(at, run_end) if f.is_quantity and f.unit != "%"]
        at = run_end
        if not LEAST <= len(parts) <= MOST or not all(same_measure(p, parts[0]) for p in parts):
            continue
        total = _total(page, earlier, name, parts, start)
        how = fit(SUM, parts, total, bound=True) if total is not None else None
        if how in ("exact", "slip"):
            found.append((parts, total, "high" if how == "exact" or len(parts) >= SLIP_ERROR else "medium"))
    return found


def _total(page: Page, earlier: list[Figure], name: str, parts: list[Figure], before: int) -> Figure | None:
    """The latest earlier figure of the parts' measure, larger than each, named by `name`."""
    for figure in reversed(earlier):
        if figure.span.end > before - len(name) or not same_measure(figure, parts[0]):
            continue
        if figure.value > max(p.value for p in parts) and clause_before(page, figure).endswith(name):
            return figure
    return None
