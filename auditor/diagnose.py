"""One misprint, one diagnosis: the figure whose correction makes the failing checks hold.

A mistyped total fails every check it is in (the sum of its parts, the headline that
restates it, the share computed from it), and each failure names all of its figures. The
editor needs the one figure to fix. After evaluation, this step tries, for every figure of
a failing check, the values a misprint would have turned into the printed one: each digit
changed, two adjacent digits swapped, a digit dropped or doubled, one unit of the last
digit up or down. A value that makes every failing check the figure is in hold, and breaks
no check that held, is a diagnosis: "probable misprint: 6647人 should read 6674人; 2 checks
agree". The other figures of those checks are only involved, not wrong.

When the failing checks of a group are explained by more than one figure (any part of a
lone sum can be the wrong one), nothing is diagnosed; the checks keep their own findings
and suggestions. Every candidate is re-judged by the evaluator, never guessed.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from auditor.errors import ExprError
from auditor.evaluate.compile import Compiled, compile_check
from auditor.evaluate.semantics import read
from auditor.evaluate.verdict import judge
from auditor.extract.patterns import FULLWIDTH
from auditor.model import Figure, Finding

MAX_DIGITS = 9  # longer numbers are not retyped digit by digit
MAX_FIGURES = 40  # figures of failing checks tried, so that a page of failures stays fast


@dataclass(frozen=True)
class Diagnosis:
    """A probable misprint: the figure, what it should read, and the checks that agree."""

    figure: Figure
    reads: str  # the corrected figure, written as printed (6674人)
    checks: tuple[str, ...]  # ids of the failing checks it explains

    @property
    def message(self) -> str:
        agree = "the check agrees" if len(self.checks) == 1 else f"{len(self.checks)} checks agree"
        return f"probable misprint: {_flat(self.figure.text)} should read {self.reads}; {agree}"


def diagnose(findings: tuple[Finding, ...]) -> tuple[Diagnosis, ...]:
    """The misprints that explain the failing findings, most explained first."""
    # A counted list that misses its count (五市 over four names) is no misprinted digit.
    failing = [f for f in findings if f.status == "fails" and f.counts and f.origin != "discover:items"]
    if not failing:
        return ()
    holding = [f for f in findings if f.status in ("holds", "holds-loose")]
    suspects = _suspects(failing)
    found: list[Diagnosis] = []
    explained: set[str] = set()
    for figure in suspects:
        mine = [f for f in failing if _has(f, figure) and f.check_id not in explained]
        if not mine:
            continue
        fix = _fix(figure, mine, [f for f in holding if _has(f, figure)])
        if fix is None:
            continue
        found.append(Diagnosis(figure, fix, tuple(f.check_id for f in mine)))
        explained.update(f.check_id for f in mine)
    return tuple(d for d in found if _alone(d, found, failing))


def _suspects(failing: list[Finding]) -> list[Figure]:
    """Figures of failing checks, those in the most failing checks first."""
    counts: dict[str, tuple[int, Figure]] = {}
    for finding in failing:
        for ref in finding.figures:
            n, _ = counts.get(ref.figure.id, (0, ref.figure))
            counts[ref.figure.id] = (n + 1, ref.figure)
    ranked = sorted(counts.values(), key=lambda item: (-item[0], item[1].span.start))
    return [figure for _, figure in ranked[:MAX_FIGURES]]


def _has(finding: Finding, figure: Figure) -> bool:
    return any(ref.figure.id == figure.id for ref in finding.figures)


def _fix(figure: Figure, failing: list[Finding], holding: list[Finding]) -> str | None:
    """The printed form of the one misprint-neighbour value that makes every failing check
    hold and keeps every holding one; None if there is none, or more than one. A lone check
    is evidence enough only for the commonest misprints (a swap, one unit of the last digit)."""
    fixes = []
    near = _neighbours(figure.number) if len(failing) > 1 else _commonest(figure.number)
    checks = [_trial(f, figure) for f in (*failing, *holding)]  # every failing one, then every holding one
    for number in near:
        fixed = renumbered(figure, number)
        if fixed is None:
            continue
        if all(holds(fixed) for holds in checks):
            fixes.append(number)
            if len(fixes) > 1:
                return None  # two readings fit: the arithmetic cannot tell which was meant
    if not fixes:
        return None
    return _printed(figure, fixes[0])


def _alone(diagnosis: Diagnosis, found: list[Diagnosis], failing: list[Finding]) -> bool:
    """A lone failing check that another figure's misprint would mend as well is no diagnosis:
    either figure could be the wrong one."""
    if len(diagnosis.checks) > 1:
        return True
    check = diagnosis.checks[0]
    finding = next(f for f in failing if f.check_id == check)
    others = [ref.figure for ref in finding.figures if ref.figure.id != diagnosis.figure.id]
    return not any(_fix(other, [finding], []) is not None for other in others)


def _trial(finding: Finding, figure: Figure) -> Callable[[Figure], bool]:
    """Whether the finding holds with `figure` printed as another (a fixed Figure of the same
    id). The check is compiled and the other figures read once, not once for each of the
    hundred misprints tried."""
    compiled = _compiled(finding.expr, frozenset(ref.name for ref in finding.figures))
    if compiled is None:
        return _never
    bound = {ref.name: ref.figure for ref in finding.figures}
    at = [i for i, name in enumerate(compiled.names) if bound[name].id == figure.id]
    readings = [read(bound[name]) if i not in at else None for i, name in enumerate(compiled.names)]

    def holds(fixed: Figure) -> bool:
        reading = read(fixed)
        for i in at:
            readings[i] = reading
        return judge(compiled, readings).status in ("holds", "holds-loose")  # type: ignore[arg-type]
    return holds


def _never(fixed: Figure) -> bool:
    return False


@lru_cache(maxsize=1024)
def _compiled(expr: str, names: frozenset[str]) -> Compiled | None:
    try:
        return compile_check(expr, names)
    except ExprError:
        return None


def _neighbours(number: str) -> list[str]:
    """What a misprint could have turned the intended number into, the other way round: each
    digit changed, adjacent digits swapped, a digit dropped or doubled, the point moved."""
    sign, body = ("-", number[1:]) if number.startswith("-") else ("", number)
    digits = body.replace(".", "")
    if not digits.isdigit() or len(digits) > MAX_DIGITS:
        return []
    point = body.find(".")
    found: list[str] = []
    for i, old in enumerate(digits):
        found += [digits[:i] + d + digits[i + 1:] for d in "0123456789" if d != old]
    found += [digits[:i] + digits[i + 1] + digits[i] + digits[i + 2:] for i in range(len(digits) - 1)
              if digits[i] != digits[i + 1]]
    shaped = [_place(d, point, len(digits)) for d in found]
    # A dropped or doubled digit changes the length: the decimals stay as printed.
    shaped += [_place(digits[:i] + digits[i] + digits[i:], point + 1 if 0 <= point > i else point, len(digits) + 1)
               for i in range(len(digits))]
    shaped += [_place(digits[:i] + digits[i + 1:], point - 1 if 0 <= point > i else point, len(digits) - 1)
               for i in range(len(digits)) if len(digits) > 1]
    shaped += one_unit(body)  # 299 for 300: one unit of the last digit, carried
    return list(dict.fromkeys(sign + s for s in shaped if s and s != body and not _leading_zero(s)))


def one_unit(body: str) -> list[str]:
    """The number one unit of its last digit up and down, written to the same decimals."""
    decimals = len(body.partition(".")[2])
    unit = Decimal(1).scaleb(-decimals)
    value = Decimal(body)
    return [f"{v:.{decimals}f}" for v in (value + unit, value - unit) if v >= 0]


def _commonest(number: str) -> list[str]:
    """Two adjacent digits swapped, or one unit of the last digit up or down."""
    sign, body = ("-", number[1:]) if number.startswith("-") else ("", number)
    if not body.replace(".", "").isdigit():
        return []
    chars = list(body)
    at = [i for i, c in enumerate(chars) if c != "."]
    swaps = []
    for a, b in zip(at, at[1:]):
        if chars[a] != chars[b]:
            swapped = chars[:]
            swapped[a], swapped[b] = swapped[b], swapped[a]
            swaps.append("".join(swapped))
    return [sign + s for s in swaps + one_unit(body) if not _leading_zero(s)]


def _place(digits: str, point: int, length: int) -> str:
    if point < 0 or point >= length:
        return digits
    return digits[:point] + "." + digits[point:]


def _leading_zero(number: str) -> bool:
    return len(number) > 1 and number[0] == "0" and number[1] != "."


def renumbered(figure: Figure, number: str) -> Figure | None:
    """The figure printed with another number (a misprint undone), or None if it is none."""
    try:
        value = Decimal(number) * figure.scale if figure.kind != "percent" else Decimal(number)
    except InvalidOperation:
        return None
    decimals = len(number.partition(".")[2])
    return figure.with_number(number, value, decimals)


def _printed(figure: Figure, number: str) -> str:
    """The corrected figure written as the original was: its text with the number replaced."""
    text = _flat(figure.text).translate(FULLWIDTH).replace(",", "")
    old = figure.number
    if old in text:
        return text.replace(old, number, 1)
    return f"{number}{figure.unit}"


def _flat(text: str) -> str:
    return "".join(text.split())


def tempered(findings: list[Finding]) -> list[Finding]:
    """A discovered relation that fails, but that no single misprint of one of its figures
    would mend, is more likely a relation the words did not mean than a figure printed
    wrong: it stays a warning, not an error that fails the gate. Rule-file checks, which
    someone wrote on purpose, are never tempered."""
    out = []
    for finding in findings:
        if finding.status == "fails" and finding.severity == "error" and finding.origin.startswith("discover:") \
                and not mendable(finding):
            finding = replace(finding, severity="warning",
                              title=f"{finding.title} (no single misprint explains it: a warning)")
        out.append(finding)
    return out


def mendable(finding: Finding) -> bool:
    """Whether some misprint of one of the finding's figures would explain its failure."""
    return any(_mendable(ref.figure, finding) for ref in finding.figures)


def _mendable(figure: Figure, finding: Finding) -> bool:
    """Whether some misprint of this one figure would explain the failure."""
    holds = _trial(finding, figure)
    return any(fixed is not None and holds(fixed)
               for fixed in (renumbered(figure, number) for number in _neighbours(figure.number)))
