"""An unemployment rate and the counts it is computed from (used by the proportion kind).

Labour-force surveys print the unemployed, the employed or the labour force, and the rate,
in any order and wording: 就業人數為1164萬9千人，失業人數為39萬6千人，失業率降至3.29%.
The rate is the unemployed over the labour force, which is the employed plus the unemployed:
396 ÷ (11649 + 396) = 3.29%. A count is read as unemployed, employed or labour force by the
words right before it (失业人数, 失业人口, 失业者; 就业人数; 劳动力); which counts go together
the arithmetic says: the one pair of the page that gives it exactly (or, when none does, one
slip away). With the counts in the rate's sentence, a discrepancy can fail the gate; from
other sentences, it is a warning. A seasonally adjusted rate (经季节调整后) is no ratio of the
counts printed, and is left alone.
"""
from __future__ import annotations

import re

from auditor.discover.fit import RATIO, Form, fit
from auditor.discover.relation import Relation
from auditor.discover.scope import digits
from auditor.discover.text import Page, printed
from auditor.model import Figure

RATE = re.compile(r"失业率[^，,。；;\d]{0,6}$")
UNEMPLOYED = re.compile(r"失业(?:人数|人口|者)[^，,。；;\d]{0,4}$")
EMPLOYED = re.compile(r"就业(?:人数|人口|者)[^，,。；;\d]{0,4}$")
LABOUR = re.compile(r"劳动(?:力|人口)(?:人数|人口)?[^，,。；;\d]{0,4}$")
# (unemployed, employed): rising in the first, falling in the second.
SHARE_OF_SUM = Form(lambda v: v[0] / (v[0] + v[1]), -1, divisor=1)
REACH = 12  # characters before a count where its name is read
MIN_DIGITS = 2
ADJUSTED = re.compile(r"季[节節]性?(?:[调調]整|[变變][动動])|[调調]整季[节節]|季[调調]")  # 節, 變 stay unmapped
CHANGED = re.compile(r"(?:增|减|減|升|降|多|少|持平)[了约]?$")


def find(page: Page) -> list[Relation]:
    # The words name every count, so the counts may be anywhere on the page: a release leads
    # with the rate and gives the counts paragraphs later.
    # A change (失业人数年增1千人) is no level, and a one-digit count (3万人) fits any rate near it.
    counts = [f for f in page.quantities() if f.kind == "count" and f.value > 0 and not f.chinese
              and digits(f) >= MIN_DIGITS and not CHANGED.search(page.text, max(0, f.span.start - 4), f.span.start)]
    found = []
    for rate in page.quantities():
        if rate.unit == "%" and rate.decimals >= 1 and _named(page, rate, RATE) and not _adjusted(page, rate):
            relation = _relation(page, counts, rate)
            if relation is not None:
                found.append(relation)
    return found


def adjusted(page: Page, rate: Figure) -> bool:
    """An unemployment rate seasonally adjusted: no quotient of any two counts printed."""
    return rate.unit == "%" and _named(page, rate, RATE) and _adjusted(page, rate)


def _adjusted(page: Page, rate: Figure) -> bool:
    """经调整季节变动因素后的失业率为4.06%: a seasonally adjusted rate is no ratio of the counts."""
    return ADJUSTED.search(page.text, max(0, rate.span.start - 24), rate.span.start) is not None


def _named(page: Page, figure: Figure, name: re.Pattern[str]) -> bool:
    return name.search(page.text, max(0, figure.span.start - REACH), figure.span.start) is not None


def _relation(page: Page, counts: list[Figure], rate: Figure) -> Relation | None:
    unemployed = [f for f in counts if _named(page, f, UNEMPLOYED)]
    employed = [f for f in counts if _named(page, f, EMPLOYED)]
    labour = [f for f in counts if _named(page, f, LABOUR)]
    fits = [(how, u, e, "x0 / (x0 + x1) == x2") for u in unemployed for e in employed
            if (how := fit(SHARE_OF_SUM, (u, e), rate, rate=True)) in ("exact", "slip")]
    fits += [(how, u, w, "x0 / x1 == x2") for u in unemployed for w in labour
             if w.value > u.value and (how := fit(RATIO, (u, w), rate, rate=True)) in ("exact", "slip")]
    chosen = [f for f in fits if f[0] == "exact"] or fits
    if len({(u.number, other.number, expr) for _, u, other, expr in chosen}) != 1:
        return None
    _, u, other, expr = chosen[-1]
    sentence = page.sentence(rate)
    shown = f"{printed(u)} ÷ ({printed(u)} + {printed(other)})" if "+" in expr else f"{printed(u)} ÷ {printed(other)}"
    return Relation("proportion", (u, other, rate), (expr,), "high" if sentence.holds(u, other) else "medium",
                    sentence.evidence(), f"{shown} ≈ {printed(rate)}", "an unemployment rate: the unemployed over the labour force")

