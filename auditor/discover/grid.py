"""A table's columns computed from two others, row by row: a sum, or a rate of one in the other.

table.py reads a total column (the sum of every column on one side of it), a column of
differences and a column of changes between two levels. A statistics table often derives a
column from two that are not side by side and not all the columns on one side:

    年份 | 民间人口 | 劳动力 | 就业者 | 失业者 | 非劳动力 | 参与率 | 失业率
    107 | 20,129 | 11,874 | 11,434 | 440 | 8,254 | 58.99 | 3.71

劳动力 = 就业者 + 失业者 (11,874 = 11,434 + 440), 民间人口 = 劳动力 + 非劳动力, 参与率 = 劳动力
÷ 民间人口 (58.99%), 失业率 = 失业者 ÷ 劳动力 (3.71%). No header needs to say so: the rows say
it. A pair of columns that fits a third exactly in MIN_AGREE rows or more, and in AGREE of
the rows with all three printed, is no chance among levels of two digits or more; then every
row is a check, and a row that misses is a misprint.

## Precision
Only levels (counts and amounts) are added; a rate column is matched as a quotient of two
level columns. Each column is derived
once, from the first pair (nearest columns first) that fits. Each relation is a warning: no
word says the table means it.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import combinations

from auditor.discover.fit import RATIO, SUM, fit
from auditor.discover.relation import Relation
from auditor.discover.text import printed
from auditor.evaluate.semantics import read
from auditor.model import Figure

MIN_AGREE = 2
AGREE = 0.6
MIN_LEVEL = 10  # a level this large or more in a row that fits: 0 + 1 = 1 fits by chance
NEAR = 0.1  # how far from its quotient a row's share may be read as misprinted
MAX_COLUMNS = 12  # a wider table's columns are tried with their nearer neighbours only

Cells = Sequence[Sequence[Figure | None]]  # rows × columns


def sums(levels: Cells, slips_agree: bool = False) -> list[Relation]:
    """Columns each the sum of two other level columns, row by row; a column once derived is
    not derived again, but may be a part of another. `slips_agree`: a row one slip off counts
    towards the agreement, beside MIN_AGREE exact ones (a few columns of a turned table)."""
    found: list[Relation] = []
    taken: set[int] = set()
    width = max((len(row) for row in levels), default=0)
    columns = [j for j in range(width) if _filled(levels, j)]
    for j in columns:
        if j in taken:
            continue
        for a, b in _pairs([k for k in columns if k != j]):
            rows = _rows(levels, levels, (a, b, j))
            fits = [fit(SUM, (x, y), z) for x, y, z in rows]
            if _agreed(fits, slips_agree) and _telling(rows, fits, lambda x, y, z: min(x.value, y.value) >= MIN_LEVEL):
                found += [_sum(x, y, z) for x, y, z in rows]
                taken.add(j)
                break
    return found


def quotients(levels: Cells, rates: Cells, rate_columns: Sequence[int]) -> list[Relation]:
    """Rate columns each one level column over another, row by row (a rate in % or ‰ reads
    its own unit)."""
    found: list[Relation] = []
    width = max((len(row) for row in levels), default=0)
    columns = [j for j in range(width) if _filled(levels, j)]
    for j in rate_columns:
        for a, b in _pairs(columns, ordered=True):
            rows = _rows(levels, rates, (a, b, j))
            fits = [fit(RATIO, (x, y), r, rate=True) for x, y, r in rows]
            if _agreed(fits) and _telling(rows, fits, lambda x, y, r: x.value >= MIN_LEVEL):
                # A row far from its quotient is a row of other columns (a yearbook row short
                # of a cell shifts the rest left); a misprinted rate lies near its quotient.
                found += [_quotient(x, y, r) for (x, y, r), how in zip(rows, fits) if how or _near_quotient(x, y, r)]
                break
    return found


def shares_of_a_row(levels: Cells, rates: Cells, rate_columns: Sequence[int]) -> list[Relation]:
    """Rate columns each one level column over the cell of one row, the row whose rate is 100:
    a statement in common size (营业收入合计 | 42,165,465 | 100.00, then 营业成本合计 |
    34,505,351 | 81.83 …: every line as a percent of revenue). The row printing 100 is the base;
    a level column is the rate column's when MIN_AGREE rows and AGREE of them fit exactly."""
    found: list[Relation] = []
    width = max((len(row) for row in levels), default=0)
    columns = [j for j in range(width) if _filled(levels, j) and j not in rate_columns]
    for j in rate_columns:
        bases = [i for i, row in enumerate(rates) if j < len(row) and row[j] is not None and row[j].value == 100]
        for a in sorted(columns, key=lambda k: (k > j, abs(j - k))):  # the nearest level column before it first
            based = [(i, levels[i][a]) for i in bases if a < len(levels[i]) and levels[i][a] is not None]
            if len(based) != 1:
                continue
            at, base = based[0]
            rows = [(row[a], base, out[j]) for i, (row, out) in enumerate(zip(levels, rates))
                    if i != at and a < len(row) and j < len(out) and row[a] is not None and out[j] is not None]
            fits = [fit(RATIO, (x, y), r, rate=True) for x, y, r in rows]
            if _agreed(fits) and _telling(rows, fits, lambda x, y, r: x.value >= MIN_LEVEL):
                # A row far from any share of the base means something else (投票率 28,668 | 72.07
                # under 合格选票 28,090 | 100.00); a misprinted share lies near its quotient.
                found += [_quotient(x, y, r) for (x, y, r), how in zip(rows, fits) if how or _near(x, y, r)]
                break
    return found


def _near(x: Figure, y: Figure, r: Figure) -> bool:
    if not y.value:
        return False
    quotient = float(x.value) / float(y.value) * 100
    return abs(quotient - float(r.value)) <= NEAR * abs(float(r.value))


def _near_quotient(x: Figure, y: Figure, r: Figure) -> bool:
    """Whether x ÷ y lies within NEAR of the rate, read in its unit or, bare, as a percent."""
    below = float(read(y).nominal)
    if not below:
        return False
    quotient, rate = float(read(x).nominal) / below, float(read(r).nominal)
    return any(abs(quotient * k - rate) <= NEAR * abs(rate) for k in (1, 100))


def _filled(levels: Cells, j: int) -> bool:
    return sum(1 for row in levels if j < len(row) and row[j] is not None) >= MIN_AGREE + 1


def _pairs(columns: list[int], ordered: bool = False) -> list[tuple[int, int]]:
    """Pairs of columns, nearest first; (a, b) and (b, a) both when `ordered`."""
    near = sorted(combinations(columns[:MAX_COLUMNS], 2), key=lambda p: p[1] - p[0])
    return [q for p in near for q in ((p, p[::-1]) if ordered else (p,))]


def _rows(levels: Cells, results: Cells, at: tuple[int, int, int]) -> list[tuple[Figure, Figure, Figure]]:
    a, b, j = at
    found = []
    for row, out in zip(levels, results):
        x = row[a] if a < len(row) else None
        y = row[b] if b < len(row) else None
        z = out[j] if j < len(out) else None
        if x is not None and y is not None and z is not None and z.value:
            found.append((x, y, z))
    return found


def _agreed(fits: list[str | None], slips_agree: bool = False) -> bool:
    exact = fits.count("exact")
    return exact >= MIN_AGREE and exact + slips_agree * fits.count("slip") >= AGREE * len(fits)


def _telling(rows: list[tuple[Figure, Figure, Figure]], fits: list[str | None],
             sized: Callable[[Figure, Figure, Figure], bool]) -> bool:
    return sum(1 for row, how in zip(rows, fits) if how == "exact" and sized(*row)) >= MIN_AGREE


def _sum(x: Figure, y: Figure, z: Figure) -> Relation:
    title = f"{printed(x)} + {printed(y)} = {printed(z)}"
    return Relation("table", (x, y, z), ("x0 + x1 == x2",), "medium", title, title)


def _quotient(x: Figure, y: Figure, r: Figure) -> Relation:
    title = f"{printed(x)} ÷ {printed(y)} ≈ {printed(r)}"
    return Relation("table", (x, y, r), ("x0 / x1 == x2",), "medium", title, title)
