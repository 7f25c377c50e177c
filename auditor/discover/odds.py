"""Parts printed anywhere in a paragraph that add up to a total, taken on the odds of chance.

The total kind reads a run of parts beside its total and asks the words to confirm it;
scattered.py reads a few more shapes (tallies, five-digit figures, parts a total names). A
paragraph can also state a total, then its parts in any order with other figures between
them, in words no list of phrasings foresees: 收到捐款846,213.4元 … 书包款31,652.8元 … 运费
302.6元 … 印刷费1,158元 … 结余813,100元. This reads such sums from the arithmetic alone, and decides
whether a fit means anything by measuring, in the same paragraph, how often sums of its
figures land that close to a total by chance:

* every sum of two to MAX_PARTS figures of one measure in the paragraph is computed once;
* for a total T, the sums within WINDOW of T (but not fitting it) give the local density of
  chance sums, ρ per unit of value;
* a fit within a tolerance t (the parts' and the total's rounding, at least one unit of the
  total's last digit; for a slip, one unit either side more) then happens by chance about
  λ = ρ · t times;
* parts of one total are printed together, so λ is multiplied by one plus the figures of
  the pool printed among the parts and left out of them;
* a fit is taken when that is at most EXACT_ODDS (SLIP_ODDS for a slip, whose report
  fails). Short figures among many others, whose sums fall everywhere, are never paired;
  long figures almost always are.

The fewest parts that fit win (a total and its sub-totals, not their own parts), and only
when one set of values fits. A would-be total introduced by the same word as two of its
parts (东区投票…，西区投票…，北区投票…) is their sibling, not their sum, and parts fitting two
totals of different values fit neither. A slip, which fails, takes each part of a sum already
read along with the rest of that sum: one member alone pairs one list with another. A slip
whose gap is a figure printed elsewhere under the total's own name (死亡1人 a paragraph up) is
that missing part, and the sum with it is exact; a would-be total printed as a member of a
、 list (…、218个四房式单位和…) is no total of a slip. Reported as the `total` kind with medium
confidence: a discrepancy is a warning, never an error, since no word ties the figures.

A total whose own words name its parts (亡1390人 in the lead; 亡1317人 and 亡73人 two paragraphs
down) is judged again among the figures those words name when the whole pool fits it by
chance too often: the shared name, not the search, picked the parts. Such a total may be two
paragraphs back, and a slip of it is taken as of any other.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import combinations

from auditor.discover.fit import SUM, Fit, fit
from auditor.discover.relation import Relation
from auditor.discover.scope import TIME, countable, digits
from auditor.discover.sum import TOTAL_WORD, addition
from auditor.discover.text import OF_WHICH, Page, label, measure
from auditor.evaluate.semantics import factor, read
from auditor.model import Figure

MAX_PARTS = 4
FOUR_PARTS = 12  # in larger pools, sums of at most three parts are tried
MAX_POOL = 16  # more figures of one measure than this is a table (column.py reads those)
NEAR = 0.02  # and how close, at least, the second look counts them
WINDOW = 0.25  # how far either side of a total its chance sums are counted
EXACT_ODDS = 0.2
SLIP_ODDS = 0.2
FAR_DIGITS = 5
FLOAT_DIGITS = 15  # the odds are measured in floats: longer figures (a 320-digit one) are left out
CJK = re.compile(r"[\u4e00-\u9fff]")
LIST_OPENER = re.compile(r"(?:分别|分別)(?:为|為|是|有|达|達)?[：:]?\s*$")
JOINER_WIDTH = 2
JOINER = re.compile(r"\s*(?:[、，,]|和|及|与|與)\s*")
STAND_IN = 0.1  # an interloper this fraction of the smallest part or more could have been a part
# 共报告法定传染病624102例: a total word may open a long name before its figure.
TOTAL_REACH = 10
MIN_DIGITS = 3  # a total of fewer significant digits is met by chance too often to measure


@dataclass(frozen=True)
class Sum:
    value: float
    slack: float  # half the width of the parts' rounding together
    unit: float  # the largest last-digit unit among the parts: what a slip in one moves
    parts: tuple[Figure, ...]


@dataclass(frozen=True)
class Sums:
    """Every sum of two to MAX_PARTS figures of a pool (three in a pool over FOUR_PARTS), as
    sorted values and the pool indices of each; a `Sum` is built only for the few near a total."""

    pool: list[Figure]
    readings: list[tuple[float, float, float]]
    values: list[float]
    chosen: list[tuple[int, ...]]

    @classmethod
    def of(cls, pool: list[Figure]) -> Sums:
        readings = [as_floats(f) for f in pool]
        single = [r[0] for r in readings]
        most = MAX_PARTS if len(pool) <= FOUR_PARTS else MAX_PARTS - 1
        # Combinations of the values and of their indices come out in step; summing a tuple
        # of values in C adds them in the same order as a generator over the indices would.
        found = sorted(pair for k in range(2, most + 1)
                       for pair in zip(map(sum, combinations(single, k)), combinations(range(len(pool)), k)))
        return cls(pool, readings, [v for v, _ in found], [c for _, c in found])

    @cached_property
    def widest(self) -> float:
        """The furthest a fitting sum can lie from its total: every part's rounding and a slip."""
        return MAX_PARTS * max(r[1] + r[2] for r in self.readings)

    def near(self, value: float, reach: float) -> list[Sum]:
        lo, hi = bisect_left(self.values, value - reach), bisect_right(self.values, value + reach)
        return [self._sum(self.values[i], self.chosen[i]) for i in range(lo, hi)]

    def _sum(self, value: float, chosen: tuple[int, ...]) -> Sum:
        return Sum(value, sum(self.readings[i][1] for i in chosen), max(self.readings[i][2] for i in chosen),
                    tuple(self.pool[i] for i in chosen))


def find(page: Page, levels: list[Figure], taken: dict[str, set[str]], far: list[Figure]) -> list[Relation]:
    """Sums of figures of one measure anywhere in a paragraph's levels, by the odds of chance;
    `far` are long figures printed further back (picked by far_totals), which may be the total
    of parts here (收到捐款846,213.4元 at the top, what it was spent on and the balance further down).
    Exact fits are taken first: parts that add up to one total exactly are no slip of another;
    parts that fit two totals of different values are taken for neither."""
    found = []
    known: dict[tuple[str, ...], Sums] = page.kept("odds.sums", dict)
    # A total paragraphs back shares no list with the parts here: 至 before both says nothing.
    back = {f.id for f in far}
    summed = [frozenset(parts) for parts in taken.values() if parts]
    for pool in _pools(levels, 2 if far else 3):  # two parts may add up to a total further back
        # A paragraph's pool is often its predecessor's again (the levels of both are asked):
        # its sums are computed once a page.
        ids = tuple(f.id for f in pool)
        sums = known.get(ids) or known.setdefault(ids, Sums.of(pool))
        key = _key(pool[0])
        # A total already broken down may be broken down again, into other parts only.
        totals = [t for t in pool + [f for f in far if _key(f) == key]
                  if (t.id not in taken or taken[t.id]) and digits(t) >= MIN_DIGITS and not t.qualifier]
        judged = [(total, best) for total in totals
                  if (best := _judge(sums, total, frozenset(taken.get(total.id, ())),
                                     total.id not in back and not _broken_down(page, total, pool))) is not None]
        # Parts that fit two totals of different values (甲站2,150人, 乙站2,151人) say neither.
        fitted: dict[frozenset[str], set[object]] = {}
        for total, (_, chosen) in judged:
            fitted.setdefault(frozenset(p.id for p in chosen.parts), set()).add(total.value)
        used = {ids for ids, values in fitted.items() if len(values) > 1}
        for exact in (True, False):
            for total, (how, chosen) in judged:
                ids = frozenset(p.id for p in chosen.parts)
                if (how == "exact") != exact or ids in used or (total.id in taken and ids & taken[total.id]):
                    continue
                if how != "exact" and not _named(chosen.parts, total) and (
                        total.id in taken and not listed(page, chosen.parts) or total.id in back and len(chosen.parts) < 3):
                    # A second breakdown, or two parts of a total paragraphs back, only when they
                    # fit exactly or make one whole 分别 list: among every figure above, two one
                    # unit off are met by chance, but a list the words close is chosen by them.
                    continue
                if how != "exact" and (_crosses(ids, summed) or _list_member(page, total)):
                    continue
                if how != "exact" and (whole := _missing_part(page, chosen, total)) is not None:
                    how, chosen, ids = "exact", whole, frozenset(p.id for p in whole.parts)
                found.append(_relation(page, chosen, total))
                if total.id not in taken and how == "exact":
                    found += _again(page, sums, total, chosen, used)
                taken[total.id] = set()  # broken down twice at most
                used.add(ids)
                if how == "exact":
                    summed.append(ids)
    return found


def _broken_down(page: Page, total: Figure, pool: list[Figure]) -> bool:
    """产量905吨，主要品种有梨子、柑桔，其中梨子，产量398吨: 其中 after the total, in its sentence and
    before the next figure of its measure, says the figures after it are its parts, though the
    same word (产量) introduces them all."""
    after = [f.span.start for f in pool if f.span.start > total.span.end]
    end = min(after + [page.sentence(total).end])
    return OF_WHICH.search(page.text, total.span.end, end) is not None


def _crosses(ids: frozenset[str], summed: list[frozenset[str]]) -> bool:
    """Whether a slip takes a part of a sum already read without taking all of that sum's parts:
    it pairs a member of one list with figures of another (1133 + 649 + 155 = 1937, then
    155 + 492 ≈ 649). A slip that takes them all reads that sum's total in them (14901 + 8895 =
    23796, and 14901 + 8895 + 6245 ≈ 30040 is 23796 + 6245)."""
    return any(any(p in parts for parts in summed) and not any(p in parts and parts <= ids for parts in summed)
               for p in ids)


def _list_member(page: Page, total: Figure) -> bool:
    """A would-be total printed as an item of a list (…、90个三房式单位、218个四房式单位和…):
    right after 、 and with no total word of its own, it is a member, one off a sum of
    another list's members by chance."""
    before = page.text[max(0, total.span.start - 2):total.span.start].rstrip()
    return before.endswith("、") and not TOTAL_WORD.search(total.context[-6:])


def _missing_part(page: Page, chosen: Sum, total: Figure) -> Sum | None:
    """The parts with one more printed elsewhere under the total's own name, when that makes
    them fit exactly: 死亡25285人 over 死亡24980人 and 死亡304人 is one off, and 死亡1人 a
    paragraph up is the part the pool left out, not a misprint."""
    name, key, ids = label(total), _key(total), {p.id for p in chosen.parts} | {total.id}
    if not name:
        return None
    for figure in page.figures:
        if figure.id in ids or label(figure) != name or figure.qualifier or _key(figure) != key \
                or not 0 < figure.value < total.value:
            continue
        parts = tuple(sorted(chosen.parts + (figure,), key=lambda f: f.span.start))
        if fit(SUM, parts, total) == "exact":
            return Sum(chosen.value + as_floats(figure)[0], chosen.slack + as_floats(figure)[1],
                       max(chosen.unit, as_floats(figure)[2]), parts)
    return None


def _again(page: Page, sums: Sums, total: Figure, first: Sum, used: set[frozenset[str]]) -> list[Relation]:
    """A second breakdown of a total just broken down exactly, into other parts (by type,
    then by applicant): exact, or one unit off when 分别 lists its parts whole."""
    again = _judge(sums, total, frozenset(p.id for p in first.parts))
    if again is None:
        return []
    how, chosen = again
    ids = frozenset(p.id for p in chosen.parts)
    if ids in used or how != "exact" and not listed(page, chosen.parts):
        return []
    used.add(ids)
    return [_relation(page, chosen, total)]


def _named(parts: tuple[Figure, ...], total: Figure) -> bool:
    """Parts each named by the total's own words (亡1317人, 亡73人 under 亡1390人)."""
    return bool(label(total)) and all(label(p) == label(total) for p in parts)


def listed(page: Page, parts: tuple[Figure, ...]) -> bool:
    """Parts that are one whole list: opened by 分别 (职务和非职务申请量分别为18740、6940件) and
    joined by 、/和/及 with nothing else between them, so that the words, not a search through
    the paragraph's sums, put them together."""
    ordered = sorted(parts, key=lambda f: f.span.start)
    opened = LIST_OPENER.search(page.text, max(0, ordered[0].span.start - 6), ordered[0].span.start)
    return opened is not None and all(
        JOINER.fullmatch(page.text, a.span.end, b.span.start) for a, b in zip(ordered, ordered[1:]))


def far_totals(figures: list[Figure]) -> list[Figure]:
    """The figures long enough to be a total printed further back (and short enough for a float)."""
    return [f for f in figures if FAR_DIGITS <= digits(f) <= FLOAT_DIGITS]


def _relation(page: Page, chosen: Sum, total: Figure) -> Relation:
    parts = sorted(chosen.parts, key=lambda f: f.span.start)
    relation = addition(page, parts, total, page.sentence(total).evidence())
    return Relation("total", relation.figures, relation.exprs, "medium", relation.evidence, relation.title,
                    relation.note)


def _pools(levels: list[Figure], least: int = 3) -> list[list[Figure]]:
    """Figures that may add up: one measure and kind, or counts of people and things under
    any classifier (票 and 张 and 人 in one tally). Approximate figures and zeros are no parts."""
    groups: dict[tuple[str, str], list[Figure]] = {}
    for figure in levels:
        if figure.value > 0 and not figure.qualifier and not figure.chinese and figure.unit not in TIME \
                and digits(figure) <= FLOAT_DIGITS:
            groups.setdefault(_key(figure), []).append(figure)
    return [g for g in groups.values() if least <= len(g) <= MAX_POOL]


def _key(figure: Figure) -> tuple[str, str]:
    if figure.kind == "count" and figure.scale == 1 and not figure.decimals and countable(figure):
        return ("count", "")
    return (measure(figure), figure.kind)


@lru_cache(maxsize=4096)  # asked of each figure again for every pool and total it is in
def as_floats(figure: Figure) -> tuple[float, float, float]:
    """(value, half width of its rounding, one unit of its last digit) in its unit's base."""
    reading = read(figure)
    scale = float(factor(figure)) / figure.scale
    lo, hi = float(reading.hard.lo), float(reading.hard.hi)
    return float(figure.value) * scale, (hi - lo) / 2, float(reading.unit)


def _judge(sums: Sums, total: Figure, besides: frozenset[str] = frozenset(),
           siblings: bool = True) -> tuple[Fit, Sum] | None:
    """The one set of parts that fits the total, if a chance fit is unlikely enough; else the
    one set among the figures the total's own words name (亡1317人, 亡73人 under 亡1390人),
    whose chance is measured among those figures alone."""
    found = _judged(sums, total, besides, siblings)
    if found is not None or not label(total):
        return found
    named = [f for f in sums.pool if label(f) == label(total)]
    return _judged(Sums.of(named), total, besides, siblings) if 2 <= len(named) < len(sums.pool) else None


def _judged(sums: Sums, total: Figure, besides: frozenset[str], siblings: bool) -> tuple[Fit, Sum] | None:
    best = best_fit(sums, total, siblings, besides)
    if best is None:
        return None
    how, chosen, width, fitting = best
    value = as_floats(total)[0]
    odds = _chance(sums.values, value, width, fitting, min(as_floats(p)[0] for p in chosen.parts))
    # Parts of one total are printed together; each figure of the pool printed among them and
    # left out is another way the same sum could have been picked by chance.
    odds *= 1 + _interlopers(sums.pool, chosen.parts, total)
    return (how, chosen) if odds <= (EXACT_ODDS if how == "exact" else SLIP_ODDS) else None


def best_fit(sums: Sums, total: Figure, siblings: bool = True,
             besides: frozenset[str] = frozenset()) -> tuple[Fit, Sum, float, int] | None:
    """The fewest parts of the pool that fit the total, exactly if any do, when one set of
    values is all that fits with that many: (how, parts, the width a chance sum must land in,
    how many sums fit). With `siblings` False a total introduced by the same word as its
    parts may still be their sum (see parallel). `besides`: the ids of parts the total was
    already broken into, none of which a second breakdown (by channel, then by length of
    stay) may share."""
    value, half, unit = as_floats(total)
    # No sum of parts further off than every part's rounding and one slip can fit.
    reach = 2 * max(half, unit) + sums.widest
    near = [s for s in sums.near(value, reach) if not besides & {p.id for p in s.parts}]
    fits = [(how, s) for s in near if total not in s.parts and (how := _fit(s, total, siblings)) is not None]
    if not fits:
        return None
    exact = [f for f in fits if f[0] == "exact"]
    how, chosen = _fewest(exact or fits)
    if chosen is None:
        return None
    # The width a chance sum must land in: the rounding of every figure, at least one unit of
    # the total's last digit (counts fit on a grid), and for a slip one unit either side more.
    width = 2 * (chosen.slack + half) + unit + (2 * max(unit, chosen.unit) if how == "slip" else 0)
    return how, chosen, width, len(fits)


def run_chance(parts: list[Figure], total: Figure, tried: int, how: Fit) -> float:
    """λ for a run of parts printed beside its total, with no word to tie them: `tried` runs
    were summed, each landing anywhere below the total about evenly (parts are each smaller
    than it), so each fits by chance about width ÷ total times."""
    if max(map(digits, parts + [total])) > FLOAT_DIGITS:
        return float("inf")  # no float holds a 320-digit figure; nobody prints one by chance
    value, half, unit = as_floats(total)
    readings = [as_floats(p) for p in parts]
    width = 2 * (sum(r[1] for r in readings) + half) + unit
    if how == "slip":
        width += 2 * max([unit] + [r[2] for r in readings])
    return tried * width / value if value > 0 else float("inf")


def _interlopers(pool: list[Figure], parts: tuple[Figure, ...], total: Figure) -> int:
    """Figures of the pool printed among the parts and left out of them, of a size that could
    have stood in for one: 1882宗, 其中15宗…, 1386宗 has no interloper, for 15 could replace
    neither part (the sums it joins are counted in the density already)."""
    first, last = min(p.span.start for p in parts), max(p.span.start for p in parts)
    chosen = {p.id for p in parts} | {total.id}
    least = min(as_floats(p)[0] for p in parts) * STAND_IN
    return sum(1 for f in pool if first < f.span.start < last and f.id not in chosen and as_floats(f)[0] >= least)


def _fit(candidate: Sum, total: Figure, siblings: bool = True) -> Fit | None:
    if any(p.value >= total.value for p in candidate.parts) or not _one_measure(candidate.parts) \
            or siblings and parallel(candidate.parts, total):
        return None
    how = fit(SUM, sorted(candidate.parts, key=lambda f: f.span.start), total)
    return how if how in ("exact", "slip") else None


def _one_measure(parts: tuple[Figure, ...]) -> bool:
    """Parts counted in one classifier, but for at most one (1,402票 … 190票 and 47张 of
    spoilt ballots make the 2,150 voters); two parts share theirs."""
    counted = Counter(measure(_listed_with(p, parts)) for p in parts)
    return counted.most_common(1)[0][1] >= max(len(parts) - 1, 2)


def _listed_with(part: Figure, parts: tuple[Figure, ...]) -> Figure:
    """The part whose unit a bare part takes: in 18740、6940件 the unit is printed once, after
    the list, and 18740 is 件 too. A bare part followed within a joiner's width (、, 和) by a
    part of its kind with a unit; else the part itself."""
    if part.unit:
        return part
    after = [p for p in parts if p.unit and p.kind == part.kind and 0 < p.span.start - part.span.end <= JOINER_WIDTH]
    return after[0] if after else part


def parallel(parts: tuple[Figure, ...], total: Figure) -> bool:
    """东区投票1,250人，西区投票2,130人，北区投票3,381人 (甲得548票，乙得454票，丁得1,001票):
    the would-be total is introduced by the same word as two of the parts, so it is their
    sibling in a list, not their sum, unless a total word says otherwise (合共, 总)."""
    word = _lead(total)
    return bool(word) and not TOTAL_WORD.search(total.context[-TOTAL_REACH:]) and \
        sum(1 for p in parts if _lead(p) == word) >= 2


def _lead(figure: Figure) -> str:
    """The last character of the words right before a figure."""
    return "".join(CJK.findall(figure.context[-4:]))[-1:]


def _fewest(fits: list[tuple[Fit, Sum]]) -> tuple[Fit, Sum | None]:
    """The fit with the fewest parts, when one set of values is all that fits with that many."""
    size = min(len(s.parts) for _, s in fits)
    smallest = [(how, s) for how, s in fits if len(s.parts) == size]
    if len({tuple(sorted(p.value for p in s.parts)) for _, s in smallest}) != 1:
        return smallest[0][0], None
    return smallest[0]


def _chance(values: list[float], value: float, width: float, fitting: int, smallest: float) -> float:
    """λ: how many sums would fit this total by chance, from the density of sums near it
    (those that fit it left out, plus one so that an empty neighbourhood is not certainty).
    Measured over WINDOW of the total and again close to it, where a large part plus any of
    the small ones cluster (31,507 + 362 + 75 + 41 against 31,984); the denser one counts."""
    return max(_density(values, value, WINDOW * value, fitting),
               _density(values, value, max(smallest, NEAR * value), fitting)) * width


def _density(values: list[float], value: float, window: float, fitting: int) -> float:
    around = bisect_right(values, value + window) - bisect_left(values, value - window) - fitting
    return (max(around, 0) + 1) / (2 * window)
