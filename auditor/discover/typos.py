"""The typing slips a misprinted figure most often carries: two adjacent digits swapped, or
one digit typed twice or struck in by mistake (1293.90 printed as 12939.90).

Discovery binds figures by how nearly they fit: a share within 5% of part ÷ whole, parts
within a few percent of their total. A transposition throws a figure far outside any such
window (79.2% printed as 72.9%, 295所 as 259所), so the very slip the auditor exists to
catch would unbind its own relation and go unseen.

A candidate that misses the window is therefore still taken when undoing one transposition
in one of its figures makes the relation hold exactly (hard intervals, not the loose
reading), or, for a part larger than its whole, when striking out one extra digit does.
That is strong evidence twice over: the figures belong together, and one of them
is misprinted. The finding then fails on the figures as printed and says which reading
would hold. A near miss (a last digit off by one) needs no such help: it stays inside the
windows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from auditor.diagnose import one_unit, renumbered
from auditor.discover.relation import compiled
from auditor.evaluate.compile import Compiled
from auditor.evaluate.semantics import read
from auditor.evaluate.verdict import judge
from auditor.extract.figures import decimals_of
from auditor.model import Figure
from auditor.read.normalize import simplified


@dataclass(frozen=True)
class Slip:
    """A figure as printed and the reading with two of its digits swapped back."""

    printed: Figure
    meant: Figure

    @property
    def note(self) -> str:
        return f"holds if {_numeral(self.printed)} read {_numeral(self.meant)}: {self.kind}?"

    @property
    def kind(self) -> str:
        digits = sum(ch.isdigit() for ch in self.printed.number)
        return "two digits swapped" if digits == sum(ch.isdigit() for ch in self.meant.number) else "one digit too many"


def transposed(figure: Figure) -> list[Figure]:
    """The figure with each pair of adjacent, different digits swapped (79.2 → 97.2, 72.9).

    The decimal point does not separate digits a typist swaps. A swap that would lead with
    a zero is not a reading anyone printed."""
    if figure.number.startswith("-") or not _printed_whole(figure):
        return []
    number = figure.number
    digits = [i for i, ch in enumerate(number) if ch.isdigit()]
    found = []
    for i, j in zip(digits, digits[1:]):
        if number[i] == number[j] or (i == 0 and number[j] == "0"):
            continue
        chars = list(number)
        chars[i], chars[j] = chars[j], chars[i]
        swapped = "".join(chars)
        found.append(figure.with_number(swapped, Decimal(swapped) * figure.scale, figure.decimals))
    return found


EXTRA_DIGITS = 4  # a figure this long may carry a digit too many; shorter ones fit too much by chance


def struck(figure: Figure) -> list[Figure]:
    """The figure with one digit struck out (12939.90 → 1293.90), for figures of EXTRA_DIGITS
    digits or more: a digit typed twice or by mistake. A strike that leaves a leading zero, or
    no digit before the point, is not a reading anyone printed."""
    number = figure.number
    if number.startswith("-") or not _printed_whole(figure) or sum(ch.isdigit() for ch in number) < EXTRA_DIGITS:
        return []
    found: dict[str, Figure] = {}
    for i, ch in enumerate(number):
        meant = number[:i] + number[i + 1:]
        if not ch.isdigit() or meant in found or meant.startswith(".") or re.match(r"0\d", meant):
            continue
        found[meant] = figure.with_number(meant, Decimal(meant) * figure.scale, decimals_of(meant))
    return list(found.values())


def _printed_whole(figure: Figure) -> bool:
    """Whether the figure's digits are printed together (6,834.7亿元), not parted by an order
    (1亿2345万元 is 1.2345亿: a swap across 亿 is no slip of a typist, and no hint can name it)."""
    return figure.number in "".join(simplified(figure.text).split()).replace(",", "").replace("，", "")


def slips(figures: tuple[Figure, ...], expr: str, as_printed: bool = False,
          oversized: tuple[Figure, ...] = ()) -> list[Slip]:
    """Every single transposition, in any one figure, that makes `expr` hold, and for the
    figures in `oversized` (a part past its whole, wrong as printed whatever else is) every
    digit struck out. Struck digits are tried nowhere else: four readings a figure fit a
    two-part sum by chance too often (139.7 + 487.3 under 527 fits 387.3).

    Empty when the figures hold as printed (nothing to repair), when no swap helps, and when
    any figure is approximate (约四成, 3.7万余家) or in Chinese numerals: a loose figure fits
    too many readings for a fit to be evidence."""
    if any(f.qualifier or f.chinese for f in figures):
        return []
    check = compiled(expr, frozenset(f"x{i}" for i in range(len(figures))))
    if _holds(check, figures, as_printed) or _one_unit_off(check, figures, as_printed):
        return []  # a last digit one off is the likelier misprint, and the suggestion names it
    found = []
    for i, figure in enumerate(figures):
        for meant in (*transposed(figure), *(struck(figure) if figure in oversized else ())):
            trial = figures[:i] + (meant,) + figures[i + 1:]
            if _holds(check, trial, as_printed):
                found.append(Slip(figure, meant))
    return found


def _one_unit_off(check: Compiled, figures: tuple[Figure, ...], as_printed: bool) -> bool:
    """Whether moving one figure by one unit of its last digit makes the check hold."""
    return any(_holds(check, figures[:i] + (moved,) + figures[i + 1:], as_printed)
               for i, figure in enumerate(figures) for number in one_unit(figure.number)
               if (moved := renumbered(figure, number)) is not None)


def _holds(check: Compiled, figures: tuple[Figure, ...], as_printed: bool) -> bool:
    readings = [read(figures[int(name[1:])]) for name in check.names]
    return judge(check, readings, as_printed).status == "holds"


def _numeral(figure: Figure) -> str:
    return figure.number + ("%" if figure.unit == "%" else "")


def holds(expr: str, figures: tuple[Figure, ...]) -> bool:
    """Whether `expr` holds on the figures within their printed precision."""
    return _holds(compiled(expr, frozenset(f"x{i}" for i in range(len(figures)))), figures, False)


def one_unit_off(expr: str, figures: tuple[Figure, ...]) -> bool:
    """Whether moving one figure by one unit of its last digit makes `expr` hold."""
    return _one_unit_off(compiled(expr, frozenset(f"x{i}" for i in range(len(figures)))), figures, False)
