"""Rates of one whole: several parts, each printed with its rate in its own sentence, and one
figure printed earlier that every rate is the share of (used by the proportion kind).

A report states a total, then goes through its parts one paragraph each, each part with its
share of the total, in whatever words the outlet uses for share:

    整体税前盈余达1265.9亿元 … 甲分行税前盈余达166.8亿元，获利贡献比达13.2% … 乙分行…153.4亿元，
    年增61.5%，贡献比为12.1% … 丙分行…17.5亿元，贡献比1.4%

No word need say what the rates are of: when two or more rates, each over the level printed
just before it in its sentence, fit one earlier figure exactly, that figure is their whole
(two one-decimal fits to the same figure among a page's wholes is no coincidence). Every
other rate that one slip away fits it is then a misprint. Reported with medium confidence:
a discrepancy is a warning, never a gate failure, since no word names the whole.
"""
from __future__ import annotations

import re
from decimal import Decimal

from auditor.discover.fit import RATIO, Fit, fit
from auditor.discover.relation import Relation
from auditor.discover.scope import NOT_LEVELS, Paragraph, alike, digits
from auditor.discover.text import GENERIC, Page, covered, label, printed
from auditor.model import Figure

MIN_FITS = 2  # exact fits to one whole that make it the rates' whole
BEFORE = 4  # levels before a list of shares that may be their whole, nearest first
AFTER = 30  # levels after it that may be their parts
OWN_RATE = re.compile(r"率|ROE|ROA")
AFTER_RATE = ("（", "(", "或", "即", "，即", ",即", "，或", ",或", "就是", "即是", "就即是", "相当于", "相當於", "等于", "等於",
              "，相当于", "，相當於")  # 占16.4%或249亿令吉, 8.14%就是33930元: the part after its rate
SHARE = re.compile(r"占|佔|比重|份额|份額|贡献|貢獻")
NAMED_WHOLE = re.compile(r"(?:占|佔)(?P<name>[^，,；;。\d]{2,16}?)的?(?:比重|比例|份额|份額)?(?:为|是|达|约)?$")
NEAR_LISTED = Decimal("0.1")  # how far from its quotient a listed share may be read as misprinted
FAR_DIGITS = 4  # significant digits of a rate whose whole may be found anywhere before it
NAMED_SHARE = 0.5  # of the bigrams of the name a share gives its whole, the whole's label holds


def find(page: Page, scopes: list[Paragraph], rates: list[tuple[Paragraph, Figure]],
         bound: list[Relation]) -> list[Relation]:
    """Relations for the rates (shares no other reading took, each with its paragraph) that
    share one whole, their parts printed before them or after them, or the whole of the rates
    listed beside them (`bound`, the shares already read)."""
    siblings = _siblings(page, rates, bound)
    taken = {r.figures[2].id for r in siblings}
    rates = [(p, rate) for p, rate in rates if rate.id not in taken]
    found = siblings + _parts_before(page, scopes, rates, bound) + _parts_after(page, scopes, rates)
    taken = {r.figures[-1].id for r in found}
    return found + _far_whole(page, scopes, [(p, rate) for p, rate in rates if rate.id not in taken])


def _far_whole(page: Page, scopes: list[Paragraph], rates: list[tuple[Paragraph, Figure]]) -> list[Relation]:
    """乘用车产销量分别达668.38万辆和672.08万辆 … (paragraphs on) … 自主品牌共销售318.23万辆，占乘用车
    销售总量的47.35%: a share word, its part before it, and its whole printed anywhere before,
    further back than the paragraphs the proportion kind searches.

    Only the arithmetic can find such a whole, so it must be unlikely by chance: a rate of
    four significant digits or more (a pair of a page's figures lands within a slip of it
    about once in two hundred), or of three when the whole's words are the ones the rate
    names (占乘用车销售总量的 … 乘用车). The one whole that fits exactly is taken, else the one
    a slip away. A warning: the words that tie them are paragraphs apart."""
    levels = _wholes([f for p in scopes for f in p.levels()])
    found: list[Relation] = []
    for paragraph, rate in rates:
        if digits(rate) < FAR_DIGITS - 1 or not rate.value < 100 or not SHARE.search(rate.context):
            continue
        part = _part_either_side(page.text, paragraph, rate)
        if part is None:
            continue
        named = _named_whole(rate)
        fits = [(how, whole) for whole in levels if (how := _fit(part, whole, rate)) is not None
                and (digits(rate) >= FAR_DIGITS or named and covered(label(whole), named) >= NAMED_SHARE)]
        best = [(how, w) for how, w in fits if how == "exact"] or fits
        if len({w.value for _, w in best}) != 1:
            continue
        how, whole = best[-1]
        found.append(_share(page, part, whole, rate, "medium", how))
    return found


def _share(page: Page, part: Figure, whole: Figure, rate: Figure, confidence: str, how: Fit | None) -> Relation:
    """The rate as the part's share of the whole; a rate that only a cut explains says so."""
    cut = how == "truncated"
    return Relation("proportion", (part, whole, rate), ("x0 / x1 == x2",), "medium" if cut else confidence,  # type: ignore[arg-type]
                    page.sentence(rate).evidence(), f"{printed(part)} ÷ {printed(whole)} ≈ {printed(rate)}",
                    "matches only if the rate was cut, not rounded" if cut else "")


def _named_whole(rate: Figure) -> str:
    """What a share says it is of: 占乘用车销售总量的47.35% → 乘用车销售总量."""
    match = NAMED_WHOLE.search(rate.context)
    return GENERIC.sub("", match.group("name")) if match else ""


def _siblings(page: Page, rates: list[tuple[Paragraph, Figure]], bound: list[Relation]) -> list[Relation]:
    """基层法院收案271 997件，占84.7%；中级法院收案43 891件，占13.7%；高级法院收案5 258件，占1.7%:
    a rate listed in one sentence with rates already read as shares of one whole is a share of
    that whole too. Its own pair is ambiguous only because a slip fits other wholes as well;
    the list says which. Confidence is the list's: high when a sibling's is."""
    wholes: dict[int, dict[str, tuple[Figure, str]]] = {}
    counts: dict[tuple[int, str], int] = {}  # (sentence, whole): how many listed rates it holds
    for relation in bound:
        if relation.exprs != ("x0 / x1 == x2",):
            continue  # counts each with a rate making 100% (pairs.py): no part, whole and rate
        whole, rate = relation.figures[1], relation.figures[2]
        seen = wholes.setdefault(page.sentence(rate).start, {})
        high = relation.confidence == "high" or seen.get(whole.id, (whole, ""))[1] == "high"
        seen[whole.id] = (whole, "high" if high else "medium")
        key = (page.sentence(rate).start, whole.id)
        counts[key] = counts.get(key, 0) + 1
    found: list[Relation] = []
    for paragraph, rate in rates:
        start = paragraph.sentence(rate).start
        listed = wholes.get(start, {})
        part = _part(page.text, paragraph, rate, coarse=True)
        if len(listed) != 1 or part is None:
            continue
        (whole, confidence), = listed.values()
        if whole.span.start > rate.span.start:
            continue
        how = _fit(part, whole, rate, bound=True)
        if how is None:
            # 62名(占5.7%)；164名(占15%)；362名(35%)；375名(占34.6%) of 1081: two or more of the
            # list fit the whole, so a member that fits it loosely is its share too, misprinted
            # by more than a slip (362 ÷ 1081 is 33.5%). A warning: no single misprint explains it.
            if counts.get((start, whole.id), 0) < MIN_FITS or not _near(part, whole, rate):
                continue
            confidence = "medium"
        found.append(_share(page, part, whole, rate, confidence, how))
    return found


def _near(part: Figure, whole: Figure, rate: Figure) -> bool:
    """The quotient within a tenth of the rate: near enough to be its misprint."""
    if whole.value <= 0 or not alike(part, whole) or part.value >= whole.value:
        return False
    computed = part.value / whole.value * 100
    return abs(computed - rate.value) <= NEAR_LISTED * rate.value


def _parts_after(page: Page, scopes: list[Paragraph], rates: list[tuple[Paragraph, Figure]]) -> list[Relation]:
    """其中，甲约占销售总额71.63%，乙约占14.88%，丙约占13.49% after 销售约136.4亿元, and the parts
    a section each further on (甲销售约为97.7亿元 …): shares listed before their parts. A whole
    printed before the list and a part after it for each share, every share but one fitting
    exactly and two at least, are no coincidence; the one left over is taken one slip away."""
    found: list[Relation] = []
    by_sentence: dict[int, list[Figure]] = {}
    for paragraph, rate in rates:
        if rate.decimals >= 1 and _part(page.text, paragraph, rate) is None:
            by_sentence.setdefault(paragraph.sentence(rate).start, []).append(rate)
    levels = [f for p in scopes for f in p.levels() if not f.qualifier and f.value > 0]
    for listed in by_sentence.values():
        if len(listed) < MIN_FITS:
            continue
        first, last = listed[0], listed[-1]
        wholes = [f for f in levels if f.span.end <= first.span.start][-BEFORE:]
        after = [f for f in levels if f.span.start >= last.span.end][:AFTER]
        for whole in reversed(wholes):
            chosen = _listed_parts(listed, whole, after)
            if chosen:
                found += [Relation("proportion", (part, whole, rate), ("x0 / x1 == x2",), "medium",
                                   page.sentence(rate).evidence(), f"{printed(part)} ÷ {printed(whole)} ≈ {printed(rate)}")
                          for part, rate in chosen]
                break
    return found


def _listed_parts(listed: list[Figure], whole: Figure, after: list[Figure]) -> list[tuple[Figure, Figure]]:
    """One part after the list for each share of the whole: the only exact fit, else the only
    slip; none unless every share but one fits exactly, two at least."""
    chosen: list[tuple[Figure, Figure]] = []
    exact = 0
    for rate in listed:
        fits = [(how, part) for part in after if alike(part, whole) and part.value < whole.value
                and (how := fit(RATIO, (part, whole), rate, rate=True, bound=True)) in ("exact", "slip")]
        best = [part for how, part in fits if how == "exact"] or [part for _, part in fits]
        if len(best) == 1:
            exact += any(how == "exact" for how, _ in fits)
            chosen.append((best[0], rate))
    if exact < MIN_FITS or exact < len(listed) - 1 or len({p.id for p, _ in chosen}) < len(chosen):
        return []
    return chosen


def _parts_before(page: Page, scopes: list[Paragraph], rates: list[tuple[Paragraph, Figure]],
                  bound: list[Relation]) -> list[Relation]:
    """Each rate over its part (see _part) against a whole that MIN_FITS rates fit exactly,
    counting the shares already read against that whole (`bound`): 在37万3525名新考生中，有
    1万1713人或3.1% … 8万3112名考生或22.3% … then 共有93.5%或34万9297名考生, three paragraphs on."""
    pairs = [(part, rate) for paragraph, rate in rates if (part := _part_either_side(page.text, paragraph, rate)) is not None]
    levels = [f for p in scopes for f in p.levels()]
    found: list[Relation] = []
    done: set[str] = set()
    for whole in _wholes(levels):
        fits = [(how, part, rate) for part, rate in pairs if rate.id not in done
                and (how := _fit(part, whole, rate)) is not None]
        exact = {part.id for how, part, _ in fits if how == "exact"}
        if not fits or len(exact) + _read_against(whole, bound) < MIN_FITS:
            continue
        for how, part, rate in fits:
            done.add(rate.id)
            found.append(_share(page, part, whole, rate, "medium", how))
    return found


def _read_against(whole: Figure, bound: list[Relation]) -> int:
    """How many shares other readings already read as parts of this whole (or of the same
    figure printed again)."""
    return sum(1 for r in bound if r.kind == "proportion" and len(r.figures) == 3 and r.exprs == ("x0 / x1 == x2",)
               and r.figures[1].value == whole.value and r.figures[1].unit == whole.unit)


def _part_either_side(page_text: str, paragraph: Paragraph, rate: Figure) -> Figure | None:
    """The part printed right after the rate (93.5%或34万9297名, 66%（1,655宗）), else _part's."""
    sentence = paragraph.sentence(rate)
    after = [f for f in paragraph.levels() if sentence.start <= f.span.start < sentence.end and f.span.start >= rate.span.end]
    if rate.decimals >= 1 and after and page_text[rate.span.end:after[0].span.start] in AFTER_RATE \
            and not after[0].qualifier:
        return after[0]
    return _part(page_text, paragraph, rate)


def _part(page_text: str, paragraph: Paragraph, rate: Figure, coarse: bool = False) -> Figure | None:
    """The level printed last before the rate in its sentence: the part the rate is of.
    `coarse`: whole-percent rates too, where a list already says what they are of."""
    if rate.decimals < 1 and not coarse:
        return None  # a whole-percent rate fits a pair of a page's figures too easily
    sentence = paragraph.sentence(rate)
    words = page_text[max(sentence.start, rate.span.start - 12):rate.span.start]
    if OWN_RATE.search(words) and not SHARE.search(words):
        return None  # 股东权益报酬率（ROE）为12.2%, 毛利率: a rate of its own, no share of anything printed
    before = [f for f in sentence.figures if f.span.end <= rate.span.start and f.unit not in NOT_LEVELS]
    part = before[-1] if before else None
    return part if part is not None and any(f is part for f in paragraph.levels()) and not part.qualifier else None


def _wholes(levels: list[Figure]) -> list[Figure]:
    """Each printed level once: a total restated (1265.9亿元 in the lead and again) is one whole."""
    seen: dict[tuple[object, str], Figure] = {}
    for figure in levels:
        if not figure.qualifier and figure.value > 0:
            seen.setdefault((figure.value, figure.unit), figure)
    return list(seen.values())


def _fit(part: Figure, whole: Figure, rate: Figure, bound: bool = False) -> Fit | None:
    """`bound`: the list ties the rate to its whole, so a slip in a coarse part counts too."""
    if whole is part or whole.span.start > rate.span.start or whole.value <= part.value or not alike(part, whole):
        return None
    return fit(RATIO, (part, whole), rate, rate=True, bound=bound)

