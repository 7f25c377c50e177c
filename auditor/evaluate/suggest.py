"""For a failing check: which single figure, changed how little, would make it hold.

sympy solves lhs − rhs = 0 for each figure in turn (the others kept as printed), within a
deadline and only for shapes it solves quickly; exact bisection takes over otherwise
(symbolic.py). The needed value is rounded to the figure's printed precision and re-checked, and the
candidates are ranked by how many last-digit units they move the figure.

The re-check is the verdict itself (`judge`, with the check's own way of comparing): a value
is offered as a fix only when the figure, printed with it, makes the check hold. The value is
written as the figure would then read (its qualifier, scale word and unit characters kept:
约4300万千瓦, 835個), so an editor who puts it in place of the printed figure gets exactly
what was re-checked.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from auditor.evaluate.compile import Compiled
from auditor.evaluate.display import decimal_text, label
from auditor.evaluate.rational import Q
from auditor.evaluate.semantics import Reading, factor, read
from auditor.evaluate.verdict import judge
from auditor.extract.figures import scaled
from auditor.model import Figure

MAX_SHOWN = 3
SUGGEST_SECONDS = 2.0  # per failing check: figures not reached by then get no suggestion


@dataclass(frozen=True, slots=True)
class Candidate:
    name: str
    figure: Figure
    printed: str  # the figure as it would read with the needed value (no spaces)
    units_moved: Q
    exact_fix: bool  # the figure so printed makes the check hold, re-judged


ASSUMED_DIGITS = 8  # digits an assumed rate is extended to; no printed figure has so many


def suggest(check: Compiled, figures: Sequence[Figure], readings: Sequence[Reading],
            shown_as: Mapping[str, str] | None = None, as_printed: bool | None = None) -> str:
    """A suggestion, or "" when no single figure can fix the check: the best change first,
    then each alternative that also makes the check hold on a line of its own.

    `shown_as` gives readers' names for the expression's names (discovery's x0, x1 ...).
    `as_printed`: how the verdict compared the figures (see verdict.judge); None: inferred.
    """
    exactly = _compared_as_printed(check, readings, as_printed)
    found = [replace(c, name=(shown_as or {}).get(c.name, c.name))
             for c in candidates(check, figures, readings, exactly)]
    if not found:
        return ""
    # Beside the best one, only alternatives that were re-checked and make the check hold:
    # an editor must be able to take any of them. The best one says when it only comes closest.
    best, *others = found
    verb = "would hold" if best.exact_fix else "would come closest to holding"
    text = f"if {best.name} were {best.printed} (printed {_flat(best.figure.text)}), the check {verb}"
    for other in [c for c in others if c.exact_fix][:MAX_SHOWN - 1]:
        text += f"\nor, if {other.name} were {other.printed} (printed {_flat(other.figure.text)}), it would hold"
    return text


def _compared_as_printed(check: Compiled, readings: Sequence[Reading], given: bool | None) -> bool:
    """Whether the verdict compared the printed values exactly (discovery does so for figures
    of one precision): a candidate must be re-judged the same way, or a value that holds only
    within the rounding intervals would be offered as a fix. A caller that does not say is
    read from the verdict: this check failed, so if it does not fail when compared within the
    rounding intervals, it was compared as printed."""
    if given is not None:
        return given
    return judge(check, readings, False).status != "fails"


def _flat(text: str) -> str:
    return "".join(text.split())


def candidates(check: Compiled, figures: Sequence[Figure],
               readings: Sequence[Reading], as_printed: bool = False) -> list[Candidate]:
    # sympy takes half a second to import: a run where every check holds never pays for it.
    from auditor.evaluate.symbolic import needed_values

    nominal = [r.nominal for r in readings]
    found = []
    until = time.monotonic() + SUGGEST_SECONDS
    for i, (name, figure) in enumerate(zip(check.names, figures)):
        if time.monotonic() > until:
            break  # a suggestion is a courtesy; the verdict is already decided
        for needed in needed_values(check.shape, check.tree, i, nominal, _difference(check), until):
            candidate = _candidate(check, i, name, figure, needed, readings, as_printed)
            if candidate is not None:
                found.append(candidate)
    # Ties go to the stated claim: when parts and total disagree, the total is the usual suspect.
    found.sort(key=lambda c: (not c.exact_fix, c.units_moved, c.name != check.claim))
    return found


def _difference(check: Compiled) -> Callable[[Sequence[Q]], Q]:
    return lambda point: check.lhs(point) - check.rhs(point)


def _candidate(check: Compiled, i: int, name: str, figure: Figure, needed: Q,
               readings: Sequence[Reading], as_printed: bool) -> Candidate | None:
    if needed < 0 <= readings[i].nominal:
        return None  # a negative count or amount is no fix for a positive one
    if figure.decimals >= ASSUMED_DIGITS:
        return None  # an assumption read as exact (按20%计算, discover/annual.py) is not a misprint
    nominal, unit = readings[i].nominal, readings[i].unit or 1
    number = decimal_text(needed / factor(figure), figure.decimals)
    if scaled(number, figure.scale) == figure.value:
        # Rounded, the needed value prints as the figure already does (8个 for 8个, 7天 for ７天),
        # which changes nothing: the nearest value that can differ is one last digit over.
        if needed == nominal:
            return None
        needed = nominal + unit if needed > nominal else nominal - unit
        if needed < 0 <= nominal:
            return None
        number = decimal_text(needed / factor(figure), figure.decimals)
    if number.lstrip("-").strip("0.") == "":
        return None
    changed = replace(figure, number=number, value=scaled(number, figure.scale), chinese=False)
    moved = abs(needed - nominal) / unit
    trial = list(readings)
    trial[i] = read(changed)
    # The verdict's own judgement, not a looser test: what is offered as holding must hold.
    fixed = judge(check, trial, as_printed).status == "holds"
    return Candidate(name, figure, _written(figure, number), moved, fixed)


def _written(figure: Figure, number: str) -> str:
    """The figure as printed with `number` in place of its numeral: 约4300万千瓦 stays 约…万千瓦,
    17.29億元 stays …億元. Without a usable numeral span, the number and the figure's label."""
    start, end = figure.number_span.start - figure.span.start, figure.number_span.end - figure.span.start
    if 0 <= start < end <= len(figure.text):
        return _flat(figure.text[:start] + number + figure.text[end:])
    return number + label(figure)
