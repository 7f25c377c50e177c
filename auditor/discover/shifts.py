"""The changes of shares of one whole cancel out: what one share gains, the others lose.

Shares that make 100% between them (第一产业占投资比重2.2%，第二产业39.0%，第三产业58.7%) made
100% a year before too. When each is printed with its change in points (同比提高0.3个百分点,
提高1.4个百分点, 下降1.3个百分点), last year's shares are this year's less those changes, and
they must make 100% again: +0.3 + 1.4 − 1.3 = +0.4 points cannot be, whatever the figures of
the parts. Read by the share kind, for the groups of shares it binds that make 100% and for
runs of shares printed so in one paragraph; a warning.
"""
from __future__ import annotations

import re

from auditor.discover.change import DOWN, UP
from auditor.discover.relation import Relation
from auditor.discover.scope import paragraphs
from auditor.discover.text import Page, printed
from auditor.evaluate.semantics import read
from auditor.model import Figure

# 同比提高0.3个百分点: the change, right after its share in the same clause or the next one.
MOVE = re.compile(rf"(?:同比|比上年|较上年|比去年|较去年|比上年同期|较上年同期)?(?P<way>{UP}|{DOWN})了?$")
FALLS = re.compile(DOWN)
REACH = 24  # characters between a share and its change
SHARE_WORD = re.compile(r"占|比重|占比|份额")
MAX_RUN = 6  # shares in a run that may make 100%


def find(page: Page) -> list[Relation]:
    """Runs of shares, each printed with its change, that make 100% between them (in one
    paragraph): their changes must cancel. The share kind's own groups are read by cancel."""
    found = []
    for paragraph in paragraphs(page):
        shares = [f for f in paragraph.figures if f.unit == "%" and f.kind == "percent" and f.value > 0
                  and SHARE_WORD.search(f.context) and not f.qualifier]
        for start in range(len(shares)):
            for end in range(min(len(shares), start + MAX_RUN), start + 1, -1):
                run = shares[start:end]
                lo = sum(read(f).hard.lo for f in run)
                hi = sum(read(f).hard.hi for f in run)
                if lo <= 1 <= hi and (relation := cancel(page, run, page.sentence(run[0]).evidence())) is not None:
                    found.append(relation)
                    break
    return found


def cancel(page: Page, shares: list[Figure], evidence: str) -> Relation | None:
    """The check that the shares less their changes make 100%, when every share has one."""
    changes = [_change(page, share, shares[k + 1] if k + 1 < len(shares) else None) for k, share in enumerate(shares)]
    if any(c is None for c in changes):
        return None
    signs = [-1 if FALLS.fullmatch(_way(c)) else 1 for c in changes]  # type: ignore[arg-type]
    terms = " ".join(f"+ x{k} {'-' if s > 0 else '+'} x{len(shares) + k}" for k, s in enumerate(signs))
    expr = terms.removeprefix("+ ") + " == 1"
    title = " + ".join(f"({printed(s)} {'−' if g > 0 else '+'} {printed(c)})"  # type: ignore[arg-type]
                       for s, c, g in zip(shares, changes, signs)) + " = 100%"
    return Relation("share", (*shares, *changes), (expr,), "medium", evidence, title,  # type: ignore[arg-type]
                    "last year's shares, this year's less their changes, make 100% too")


def _change(page: Page, share: Figure, nxt: Figure | None) -> Figure | None:
    """The change in points printed right after a share, before the next share."""
    end = nxt.span.start if nxt is not None else share.span.end + REACH
    after = [f for f in page.figures if share.span.end <= f.span.start < min(end, share.span.end + REACH)]
    first = next((f for f in after if f.unit == "个百分点"), None)
    return first if first is not None and not first.qualifier and MOVE.search(first.context) else None


def _way(change: Figure) -> str:
    match = MOVE.search(change.context)
    return match.group("way") if match else ""
