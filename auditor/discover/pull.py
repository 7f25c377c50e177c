"""A contribution rate: the points a part pulls a growth rate by, over that growth rate (used
by the proportion kind).

Statistics bulletins say how much of a whole's growth a part gave in two figures: the points
it pulled the whole's rate by (拉动 … 增长5.5个百分点) and its contribution rate (贡献率68.8%),
which is those points over the whole's growth rate (7.9%) printed earlier. So 5.5 ÷ 7.9 =
69.6% checks 68.8%, whatever the part and the whole are called.

The whole's rate is found by the arithmetic: among the growth rates printed before the pull on
the page, the one the pull and the contribution fit exactly (or, when none does, the one of
the pull's own paragraph that a single slip fits). A contribution printed with a decimal fits few rates by chance;
a whole-percent one is not read. With the whole's rate in the pull's own sentence, the
check can fail the gate; from an earlier sentence, a discrepancy is a warning.
"""
from __future__ import annotations

import re

from auditor.discover.fit import RATIO, fit
from auditor.discover.relation import Relation
from auditor.discover.text import Page, printed
from auditor.model import Figure

PULL = re.compile(r"(?:拉动|带动)[^，,。；;]{0,16}$")
CONTRIBUTION = re.compile(r"贡献率[^，,。；;\d]{0,4}$")
GROWTH = re.compile(r"(?:增长|增速|增幅|上升|提高)[^，,。；;\d]{0,4}$")
POINTS = ("个百分点", "个(gè)百分点", "百分点")


def find(page: Page) -> list[Relation]:
    found = []
    for sentence in page.sentences:
        for pull in sentence.figures:
            if pull.unit not in POINTS or not PULL.search(page.text[max(sentence.start, pull.span.start - 30):pull.span.start]):
                continue
            share = _contribution(page, sentence.figures, pull)
            if share is None:
                continue
            # The whole's rate is often the lead's (规模以上工业增加值同比增长7.9%), paragraphs up.
            rates = [f for f in page.quantities() if f.unit == "%" and f.span.end <= pull.span.start
                     and GROWTH.search(f.context) and f.value > 0]
            relation = _relation(page, sentence.start, rates, pull, share)
            if relation is not None:
                found.append(relation)
    return found


def _contribution(page: Page, figures: tuple[Figure, ...], pull: Figure) -> Figure | None:
    """The contribution rate printed right after the pull (… 5.5个百分点，贡献率达68.8%)."""
    after = [f for f in figures if f.span.start >= pull.span.end]
    if not after or after[0].unit != "%" or after[0].decimals < 1:
        return None
    words = page.text[pull.span.end:after[0].span.start]
    return after[0] if len(words) <= 12 and CONTRIBUTION.search(words) else None


def _relation(page: Page, sentence_start: int, rates: list[Figure], pull: Figure, share: Figure) -> Relation | None:
    fits = [(how, rate) for rate in rates if (how := fit(RATIO, (pull, rate), share, rate=True, bound=True)) in ("exact", "slip")]
    exact = [rate for how, rate in fits if how == "exact"]
    # A rate printed more than once is one rate: take its latest printing. A slip is taken
    # only from the pull's own paragraph: across a page, coarse rates fit one slip away by chance.
    here = page.text.rfind("\n", 0, pull.span.start)
    chosen = exact or [rate for _, rate in fits if rate.span.start > here]
    if not chosen or len({(r.number, r.unit) for r in chosen}) != 1:
        return None
    whole = chosen[-1]
    confidence = "high" if whole.span.start >= sentence_start else "medium"
    return Relation("proportion", (pull, whole, share), ("x0 / x1 == x2",), confidence,
                    page.sentence(share).evidence(), f"{printed(pull)} ÷ {printed(whole)} ≈ {printed(share)}",
                    "a contribution rate: the points pulled over the whole's growth")
