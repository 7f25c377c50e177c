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

from auditor.discover.fit import RATIO, SUM, fit, fit_whole
from auditor.discover.relation import Relation
from auditor.discover.text import Page, Sentence, printed
from auditor.model import Figure

PULL = re.compile(r"(?:拉动|带动)[^，,。；;]{0,16}$")
CONTRIBUTION = re.compile(r"贡献率[^，,。；;\d]{0,4}$")
GROWTH = re.compile(r"(?:增长|增速|增幅|上升|提高)[^，,。；;\d]{0,4}$")
POINTS = ("个百分点", "个(gè)百分点", "百分点")
INDUSTRIES = re.compile(r"三次产业|三大产业|第一、二、三产业|一、二、三产业?|一二三产业|第一产业、第二产业(?:和|、)第三产业")
GDP = re.compile(r"生产总值|生產總值|GDP")
LIST_JOIN = re.compile(r"(?:个|個)?[ \u3000]*(?:、|和|及|与|與)[ \u3000]*")


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


def together(page: Page) -> list[tuple[list[Figure], Figure, str]]:
    """第一、二、三产业分别拉动GDP增长0.63、2.34、3.73个百分点: the pulls of all three industries
    add up to the whole's growth rate (6.7%), found by the arithmetic as for a contribution
    (exact anywhere before on the page, a slip only in the pulls' paragraph). Returns
    (pulls, rate, how) for the sum kind."""
    found = []
    for run in _listed(page) + _parallel(page):
        sentence = page.sentence(run[0])
        rates = [f for f in page.quantities() if f.unit == "%" and f.span.end <= sentence.start
                 and GROWTH.search(f.context) and f.value > 0]
        # A slip is taken in the pulls' paragraph, or from the sentence that states GDP's growth.
        here = page.text.rfind("\n", 0, run[0].span.start)
        fits = [(how, r) for r in rates if (how := fit(SUM, run, r, bound=True)) in ("exact", "slip")
                and (how == "exact" or r.span.start > here or GDP.search(page.sentence(r).text))]
        exact = [r for how, r in fits if how == "exact"]
        chosen = exact or [r for _, r in fits]
        if chosen and len({(r.number, r.unit) for r in chosen}) == 1:
            found.append((run, chosen[-1], "exact" if exact else "slip"))
    return found


def _listed(page: Page) -> list[list[Figure]]:
    """The three industries' pulls listed in one sentence (分别拉动…0.63、2.34、3.73个百分点)."""
    found = []
    for sentence in page.sentences:
        if not INDUSTRIES.search(sentence.text) or "拉动" not in sentence.text:
            continue
        run = _run(page, [f for f in sentence.figures if f.unit in POINTS and f.value > 0])
        if len(run) == 3 and PULL.search(page.text[max(sentence.start, run[0].span.start - 30):run[0].span.start]):
            found.append(run)
    return found


def _parallel(page: Page) -> list[list[Figure]]:
    """Pulls in consecutive sentences of a paragraph, each with its contribution rate (投资对经济增长的
    贡献率为57%，拉动GDP增长1.1个百分点。消费…35%…0.7个百分点。净出口…8%…0.2个百分点): when the
    contributions make up 100% exactly, the parts are a partition of the growth, and their
    pulls add up to its rate. Pulls of overlapping parts (非油经济…地方经济…) print no such shares."""
    found: list[list[Figure]] = []
    run: list[tuple[Figure, Figure]] = []
    for sentence in list(page.sentences) + [None]:  # type: ignore[list-item]
        pair = _pull_and_share(page, sentence) if sentence is not None else None
        if pair is not None and run and "\n" not in page.text[run[-1][0].span.end:pair[0].span.start]:
            run.append(pair)
            continue
        if len(run) >= 2 and fit_whole([share for _, share in run]) == "exact":
            found.append([pull for pull, _ in run])
        run = [pair] if pair is not None else []
    return found


def _pull_and_share(page: Page, sentence: Sentence) -> tuple[Figure, Figure] | None:
    """A sentence's one pull and the one contribution rate it states, if it states just those."""
    pulls = [f for f in sentence.figures if f.unit in POINTS and f.value > 0
             and PULL.search(page.text[max(sentence.start, f.span.start - 30):f.span.start])]
    shares = [f for f in sentence.figures if f.unit == "%" and CONTRIBUTION.search(f.context[-10:])]
    return (pulls[0], shares[0]) if len(pulls) == 1 and len(shares) == 1 else None


def _run(page: Page, points: list[Figure]) -> list[Figure]:
    """The points listed together (a、b和c), the first list of the sentence."""
    run = points[:1]
    for f in points[1:]:
        if not LIST_JOIN.fullmatch(page.text, run[-1].span.end, f.span.start):
            break
        run.append(f)
    return run


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
