"""sympy where it is good: the exact value a culprit figure would need, within a deadline.

sympy objects are built from our own validated tree (names are generated positions
`_0`, `_1`, ...); no rule string ever reaches sympify or parse_expr.

`sympy.solve` has no time limit, and a 57-character check with four fractions ran past
600 s. So sympy only sees shapes it solves quickly, and under a deadline:

1. lhs − rhs, put over one denominator (`together`), is polynomial of degree ≤ 2 in the
   unknown: the solutions are formulas of the other figures, found once per shape (cached);
2. otherwise the other figures are substituted first and the univariate numerator, of
   degree ≤ MAX_DEGREE, is solved for its real roots;
3. otherwise (a root, abs, min or max around the unknown, a high degree, or the deadline
   reached) exact bisection on the compiled closures finds the nearest value on each side.

Only suggestions come from here: the verdict is decided before, and never waits on this.
"""
from __future__ import annotations

import ast
import sys
import time
from contextlib import contextmanager
from types import FrameType
from typing import Callable, Iterator, Sequence

import sympy

from auditor.evaluate.rational import Q, q

NEEDED_DIGITS = 30
SOLVE_SECONDS = 0.5  # per shape and figure; a suggestion that needs more is left to bisection
MAX_SYMPY_NODES = 120  # larger shapes go straight to bisection: sympy's cost grows steeply with size
MAX_SYMBOLIC_DEGREE = 2  # closed-form solutions, cached per shape
MAX_DEGREE = 8  # numeric real roots of the substituted numerator
SEARCH_STEPS = 48  # bracket search: steps of |x| * 2**(k - 24) on each side
BISECTIONS = 96  # halvings of a bracket: far below any printed precision

_SOLUTIONS: dict[tuple[str, int], list[sympy.Expr] | None] = {}  # None: not a closed-form shape
_DIFFERENCES: dict[str, sympy.Expr] = {}
_NUMERIC_TOO_SLOW: set[tuple[str, int]] = set()


INTERRUPTIBLE = ("sympy", "mpmath", "auditor")  # modules whose frames a deadline may interrupt


class _Deadline(BaseException):
    """The time for a symbolic step ran out. A BaseException, like KeyboardInterrupt: sympy
    catches Exception in places and carries on."""


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise _Deadline inside the block once `seconds` have passed.

    A trace function sees every Python call, in whatever thread runs this (a signal would
    only work in the main thread, and the desk audits in worker threads); sympy is pure
    Python, so it is interrupted at its next call. The previous trace function is restored.
    """
    until = time.monotonic() + seconds
    previous = sys.gettrace()

    def tracer(frame: FrameType, event: str, arg: object) -> None:
        # Only in sympy's own frames (and ours): raised in a garbage-collector callback that
        # happens to run then (hypothesis installs one), the exception is swallowed and Python
        # drops the trace function, and sympy ran on untraced for minutes on a loaded machine.
        if event == "call" and time.monotonic() > until \
                and frame.f_globals.get("__name__", "").startswith(INTERRUPTIBLE):
            raise _Deadline
        return None

    sys.settrace(tracer)
    try:
        yield
    finally:
        sys.settrace(previous)
    # Python unsets a trace function that raises; were the one _Deadline caught inside sympy
    # (a bare except), the step would run on untraced. A result that comes after the deadline
    # is refused all the same.
    if time.monotonic() > until:
        raise _Deadline


def to_sympy(node: ast.AST) -> sympy.Expr:
    """The sympy expression of a validated shape node."""
    if isinstance(node, ast.Name):
        return sympy.Symbol(node.id)
    if isinstance(node, ast.Constant):
        f = q(node.value)
        return sympy.Rational(int(f.numerator), int(f.denominator))
    if isinstance(node, ast.UnaryOp):
        inner = to_sympy(node.operand)
        return -inner if isinstance(node.op, ast.USub) else inner
    if isinstance(node, ast.BinOp):
        return _binop(node)
    if isinstance(node, ast.Call):
        return _call(node)
    raise TypeError(f"unexpected node {type(node).__name__}")  # the compiler rejects it first


def _binop(node: ast.BinOp) -> sympy.Expr:
    left, right = to_sympy(node.left), to_sympy(node.right)
    if isinstance(node.op, ast.Add):
        return left + right
    if isinstance(node.op, ast.Sub):
        return left - right
    if isinstance(node.op, ast.Mult):
        return left * right
    if isinstance(node.op, ast.Div):
        return left / right
    return left**right


def _call(node: ast.Call) -> sympy.Expr:
    args = [to_sympy(a) for a in node.args]
    name = node.func.id  # type: ignore[attr-defined]
    if name == "sum":
        return sympy.Add(*args)
    if name == "abs":
        return sympy.Abs(args[0])
    return (sympy.Min if name == "min" else sympy.Max)(*args)


def rational_in(node: ast.AST, unknown: str) -> bool:
    """Whether the unknown appears only under + − × ÷ and integer powers: then lhs − rhs is a
    rational function of it, which `together` turns into a polynomial over a polynomial."""
    if isinstance(node, ast.Call):
        return not any(isinstance(n, ast.Name) and n.id == unknown for n in ast.walk(node)) or (
            node.func.id == "sum" and all(rational_in(a, unknown) for a in node.args))  # type: ignore[attr-defined]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
        integer = isinstance(node.right, ast.Constant) or (
            isinstance(node.right, ast.UnaryOp) and isinstance(node.right.operand, ast.Constant))
        return rational_in(node.left, unknown) if integer else not any(
            isinstance(n, ast.Name) and n.id == unknown for n in ast.walk(node.left))
    return all(rational_in(child, unknown) for child in ast.iter_child_nodes(node))


def _difference(shape: str, tree: ast.Expression) -> sympy.Expr:
    if shape not in _DIFFERENCES:
        compare = tree.body
        _DIFFERENCES[shape] = to_sympy(compare.left) - to_sympy(compare.comparators[0])  # type: ignore[attr-defined]
    return _DIFFERENCES[shape]


def solutions(shape: str, tree: ast.Expression, index: int,
              seconds: float = SOLVE_SECONDS) -> list[sympy.Expr] | None:
    """Closed forms of x_index that make lhs − rhs vanish, in the other figures; None when
    the shape is not rational of low degree in x_index, or sympy is not quick about it."""
    key = (shape, index)
    if key not in _SOLUTIONS:
        if seconds <= 0:
            return None  # this check's time is spent; another may still try the shape
        _SOLUTIONS[key] = None
        if _small(tree) and rational_in(tree, f"_{index}"):
            try:
                with deadline(seconds):
                    _SOLUTIONS[key] = _closed_forms(_difference(shape, tree), sympy.Symbol(f"_{index}"))
            except (_Deadline, sympy.PolynomialError, NotImplementedError, ValueError, TypeError,
                    ArithmeticError, RecursionError):
                pass
    return _SOLUTIONS[key]


def _small(tree: ast.Expression) -> bool:
    return sum(1 for _ in ast.walk(tree)) <= MAX_SYMPY_NODES


def _closed_forms(difference: sympy.Expr, x: sympy.Symbol) -> list[sympy.Expr] | None:
    numerator, _ = sympy.fraction(sympy.together(difference))
    poly = sympy.Poly(numerator, x)
    if poly.degree() > MAX_SYMBOLIC_DEGREE:
        return None
    return list(sympy.solve(poly.as_expr(), x))


def needed_values(shape: str, tree: ast.Expression, index: int, nominal: Sequence[Q],
                  difference: Callable[[Sequence[Q]], Q] | None = None,
                  until: float | None = None) -> list[Q]:
    """The values figure `index` would need, the others kept as printed.

    `difference(point)` is lhs − rhs by the compiled closures, for bisection when sympy
    cannot help in time; without it such a figure gets no value. sympy stops at `until`
    (a time.monotonic() value) if that comes before its own deadline.
    """
    subs = {sympy.Symbol(f"_{i}"): sympy.Rational(int(v.numerator), int(v.denominator))
            for i, v in enumerate(nominal) if i != index}
    closed = solutions(shape, tree, index, _seconds(until))
    if closed is not None:
        found = _substituted(closed, subs, _seconds(until))
        if found is not None:
            return found
    numeric = _numeric_roots(shape, tree, index, subs, _seconds(until))
    if numeric is not None:
        return numeric
    return bisected(difference, nominal, index) if difference is not None else []


def _seconds(until: float | None) -> float:
    left = SOLVE_SECONDS if until is None else until - time.monotonic()
    return min(SOLVE_SECONDS, left)


def _substituted(closed: list[sympy.Expr], subs: dict[sympy.Symbol, sympy.Expr],
                 seconds: float) -> list[Q] | None:
    if seconds <= 0:
        return None
    try:
        with deadline(seconds):
            return [v for v in (_rational(s.xreplace(subs)) for s in closed) if v is not None]
    except (_Deadline, ArithmeticError, ValueError, TypeError, RecursionError):
        return None


def _rational(value: sympy.Expr) -> Q | None:
    if not value.is_Rational and value.is_number and value.is_real:
        # a root (a compound growth rate, a quadratic): close enough, since the caller rounds
        # it to the figure's printed precision and checks the rounded value again
        value = sympy.Rational(value.evalf(NEEDED_DIGITS))
    if value.is_Rational:
        return Q(int(value.p), int(value.q))
    return None


def _numeric_roots(shape: str, tree: ast.Expression, index: int,
                   subs: dict[sympy.Symbol, sympy.Expr], seconds: float) -> list[Q] | None:
    """Real roots of the numerator once the other figures are numbers; None when the shape
    is not rational in the unknown, the degree is high, or sympy ran out of time."""
    key = (shape, index)
    if key in _NUMERIC_TOO_SLOW or seconds <= 0 or not _small(tree) or not rational_in(tree, f"_{index}"):
        return None
    x = sympy.Symbol(f"_{index}")
    try:
        with deadline(seconds):
            numerator, denominator = sympy.fraction(sympy.together(_difference(shape, tree).xreplace(subs)))
            poly = sympy.Poly(numerator, x)
            if poly.degree() > MAX_DEGREE or poly.is_zero:
                _NUMERIC_TOO_SLOW.add(key)
                return None
            roots = [r for r in poly.real_roots() if denominator.xreplace({x: r}) != 0]
            return [v for v in (_rational(r) for r in roots) if v is not None]
    except (_Deadline, sympy.PolynomialError, NotImplementedError, ValueError, TypeError,
            ArithmeticError, RecursionError):
        _NUMERIC_TOO_SLOW.add(key)
        return None


def bisected(difference: Callable[[Sequence[Q]], Q], nominal: Sequence[Q], index: int) -> list[Q]:
    """The nearest value on each side of the printed one where lhs − rhs changes sign, found
    by exact bisection on the compiled closures (no sympy, no floats)."""
    at = _evaluator(difference, nominal, index)
    x0 = Q(nominal[index])
    f0 = at(x0)
    if f0 is None:
        return []
    if f0 == 0:
        return [x0]
    scale = abs(x0) if x0 != 0 else Q(1)
    found = []
    for side in (1, -1):
        bracket = _bracket(at, x0, f0, scale * side)
        if bracket is not None:
            root = _bisect(at, *bracket, abs(f0))
            if root is not None:
                found.append(root)
    return found


def _evaluator(difference: Callable[[Sequence[Q]], Q], nominal: Sequence[Q],
               index: int) -> Callable[[Q], Q | None]:
    def at(x: Q) -> Q | None:
        point = list(nominal)
        point[index] = x
        try:
            return Q(difference(point))
        except (ArithmeticError, ValueError, TypeError):
            return None  # a pole, or outside a root's domain
    return at


def _bracket(at: Callable[[Q], Q | None], x0: Q, f0: Q, step: Q) -> tuple[Q, Q, Q] | None:
    """(a, b, f(a)) with the sign of lhs − rhs changing between a and b, nearest x0 first."""
    previous = x0
    for k in range(SEARCH_STEPS):
        x = x0 + step * Q(2) ** (k - 24)
        fx = at(x)
        if fx is None:
            continue
        if (fx > 0) != (f0 > 0) or fx == 0:
            return previous, x, f0
        previous = x
    return None


def _bisect(at: Callable[[Q], Q | None], a: Q, b: Q, fa: Q, start: Q) -> Q | None:
    """Halve [a, b] keeping the sign change; None if it closes on a pole, not a zero."""
    fb = at(b)
    for _ in range(BISECTIONS):
        if fb == 0:
            return b
        mid = (a + b) / 2
        fm = at(mid)
        if fm is None:
            return None
        if (fm > 0) == (fa > 0):
            a, fa = mid, fm
        else:
            b, fb = mid, fm
    ends = [abs(v) for v in (fa, fb) if v is not None]
    return simplest_between(a, b) if ends and min(ends) <= start else None


def simplest_between(a: Q, b: Q) -> Q:
    """The rational with the smallest denominator in [a, b] (by continued fractions): the
    exact root when it is a plain number such as 6674, so ties between culprits stay ties."""
    if a > b:
        a, b = b, a
    if a <= 0 <= b:
        return Q(0)
    if b < 0:
        return -simplest_between(-b, -a)
    floor = a.numerator // a.denominator
    if floor == a or floor + 1 <= b:
        return Q(floor if floor == a else floor + 1)
    # a and b share the integer part: recurse on the reciprocals of the fractional parts
    return floor + 1 / simplest_between(1 / (b - floor), 1 / (a - floor))


def vacuous(shape: str, tree: ast.Expression, op: str, seconds: float = SOLVE_SECONDS) -> str:
    """Why a check can never tell anything, or "": lhs − rhs cancels to 0 (a/a == 1,
    a − a + b == b: it holds whatever the figures say), or to a constant that makes the
    comparison false (it fails whatever they say). Decided by sympy on the validated shape,
    under a deadline; a shape sympy is not quick about is given the benefit of the doubt."""
    try:
        with deadline(seconds):
            difference = sympy.cancel(sympy.together(_difference(shape, tree)))
    except (_Deadline, RecursionError, ZeroDivisionError, TypeError, ValueError):
        return ""
    if difference.free_symbols:
        return ""
    value = sympy.Rational(difference) if difference.is_Rational else None
    if value is None:
        return ""
    holds = {"==": value == 0, "!=": value != 0, "<": value < 0, "<=": value <= 0,
             ">": value > 0, ">=": value >= 0}.get(op)
    if holds is None:
        return ""
    if holds:
        return "cannot fail: its figures cancel out, so it holds whatever the article says"
    return "cannot hold: its figures cancel out, so it fails whatever the article says"
