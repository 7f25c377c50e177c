"""The safe expression compiler: a whitelisted `ast` tree -> closures and sympy objects.

Rule expressions are untrusted. They are parsed with `ast.parse` and never handed to
`eval`, `sympify`, `parse_expr` or `lambdify` (sympy#10805: those end in Python's eval).
Only these nodes are accepted: one comparison (== <= >= < >), + − × ÷, unary minus,
powers with a small integer exponent or a root (`x ** (1 / n)`, for compound annual
growth), number literals, declared figure names, and calls of sum/min/max/abs. Number
literals are read exactly from their source text.

Closures are built once per expression *shape* (names replaced by positions), so 200
rules written from eight templates compile eight times.
"""
from __future__ import annotations

import ast
import math
import operator
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from auditor.errors import ExprError
from auditor.evaluate.interval import Interval, imax, imin, root
from auditor.evaluate.rational import Q, q

MAX_SOURCE = 2000
MAX_NODES = 400
MAX_EXPONENT = 4
MAX_ROOT = 100  # x ** (p / n) for n up to this: growth averaged over up to a century
MAX_LITERAL_DIGITS = 40
MAX_LITERAL_EXPONENT = 30
# Exact arithmetic has no overflow, so size is bounded before anything is computed: an upper
# estimate of the digits of any value the expression can produce (figures counted as
# FIGURE_DIGITS each), and its degree in the figures. `(1e30**4)**4` nested ten deep has
# 31 * 4**10 digits; `(((a**4)**4)**4)**4` has degree 256. Both are refused when compiled.
MAX_DIGITS = 10_000
MAX_DEGREE = 32
FIGURE_DIGITS = 24
ROOT_DIGITS = 40  # a root is enclosed by rationals over 2**128
FUNCTIONS = ("sum", "min", "max", "abs")
COMPARISONS = {ast.Eq: "==", ast.LtE: "<=", ast.GtE: ">=", ast.Lt: "<", ast.Gt: ">"}
BINOPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
          ast.Div: operator.truediv}

Value = Any  # a rational or an Interval: the closures are duck-typed over both
Closure = Callable[[Sequence[Value]], Value]


@dataclass(frozen=True)
class Compiled:
    """A checked comparison, ready to evaluate over points or intervals."""

    source: str
    op: str
    names: tuple[str, ...]  # in order of first occurrence; env positions
    counts: tuple[int, ...]  # occurrences of each name
    lhs: Closure
    rhs: Closure
    shape: str  # the expression with names as positions: the cache key
    claim: str | None  # the right side when it is one figure: the stated value
    subject: str | None  # the left side when it is one figure (a restatement check)
    tree: ast.Expression = field(compare=False, repr=False)  # the shape, for sympy
    template: str = ""  # the expression as written, names as positions: `_0 + _1 == _2`

    @property
    def single_use(self) -> bool:
        """Each figure occurs once, so interval arithmetic gives the exact range (Moore)."""
        return all(c == 1 for c in self.counts)


def compile_check(source: str, declared: frozenset[str] | set[str]) -> Compiled:
    """Compile `source` or raise ExprError with the offending offset."""
    tree = _parse(source)
    body = tree.body
    claim = subject = None
    if isinstance(body, ast.Compare):
        claim = getattr(body.comparators[0], "id", None)
        subject = getattr(body.left, "id", None)
    names: list[str] = []
    counts: dict[str, int] = {}
    shape_tree = _Canon(declared, names, counts, source).visit(tree)
    compare = shape_tree.body
    if not isinstance(compare, ast.Compare):
        raise ExprError("a check must compare two sides, e.g. `a + b == total`", _offset(compare))
    if len(compare.ops) != 1 or type(compare.ops[0]) not in COMPARISONS:
        raise ExprError("use exactly one of == <= >= < > (no chains, no `is`/`in`/`!=`)",
                        _offset(compare))
    if not names:
        raise ExprError("a check must use at least one figure; this one compares constants only")
    bound_size(shape_tree.body)
    shape = ast.dump(shape_tree)
    lhs, rhs = _closures(shape, shape_tree)
    op = COMPARISONS[type(compare.ops[0])]
    return Compiled(source, op, tuple(names), tuple(counts[n] for n in names), lhs, rhs,
                    shape, claim, subject, shape_tree, _template(source, names))


def _template(source: str, names: list[str]) -> str:
    tree = ast.parse(source.strip(), mode="eval")  # validated above; parsed again, never run
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in names:
            node.id = f"_{names.index(node.id)}"
    return ast.unparse(tree)


def _parse(source: str) -> ast.Expression:
    if len(source) > MAX_SOURCE:
        raise ExprError(f"expression is {len(source)} characters; the limit is {MAX_SOURCE}")
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except SyntaxError as exc:
        raise ExprError(f"not a valid expression: {exc.msg}", max(0, (exc.offset or 1) - 1)) from None
    except (RecursionError, MemoryError, ValueError) as exc:
        raise ExprError(f"expression too deeply nested or malformed ({type(exc).__name__})") from None
    if sum(1 for _ in ast.walk(tree)) > MAX_NODES:
        raise ExprError(f"expression has more than {MAX_NODES} parts")
    return tree


def _offset(node: ast.AST) -> int:
    return getattr(node, "col_offset", 0)


class _Canon(ast.NodeTransformer):
    """Validates every node and renames figures to positions (`_0`, `_1`, ...)."""

    def __init__(self, declared: frozenset[str] | set[str], names: list[str],
                 counts: dict[str, int], source: str) -> None:
        self.declared, self.names, self.counts, self.source = declared, names, counts, source.strip()

    def generic_visit(self, node: ast.AST) -> ast.AST:
        raise ExprError(f"`{type(node).__name__}` is not allowed in a check", _offset(node))

    def visit_Expression(self, node: ast.Expression) -> ast.AST:
        node.body = self.visit(node.body)
        return node

    def visit_Compare(self, node: ast.Compare) -> ast.AST:
        if node is not getattr(self, "_top", node):
            raise ExprError("only one comparison per check", _offset(node))
        self._top = node
        node.left = self.visit(node.left)
        node.comparators = [self.visit(c) for c in node.comparators]
        return node

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        if isinstance(node.op, ast.Pow):
            node.left = self.visit(node.left)
            _exponent(node.right)
            return node
        if type(node.op) not in BINOPS:
            raise ExprError(f"operator `{type(node.op).__name__}` is not allowed", _offset(node))
        node.left, node.right = self.visit(node.left), self.visit(node.right)
        return node

    def visit_UnaryOp(self, node: ast.UnaryOp) -> ast.AST:
        if not isinstance(node.op, (ast.USub, ast.UAdd)):
            raise ExprError("only unary minus and plus are allowed", _offset(node))
        node.operand = self.visit(node.operand)
        return node

    def visit_Name(self, node: ast.Name) -> ast.AST:
        if node.id not in self.declared:
            raise ExprError(f"`{node.id}` is not a declared figure", _offset(node))
        if node.id not in self.counts:
            self.names.append(node.id)
            self.counts[node.id] = 0
        self.counts[node.id] += 1
        return ast.Name(id=f"_{self.names.index(node.id)}", ctx=ast.Load())

    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        segment = ast.get_source_segment(self.source, node) or ""
        return ast.Constant(value=str(exact_literal(node.value, segment, _offset(node))))

    def visit_Call(self, node: ast.Call) -> ast.AST:
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            raise ExprError(f"only {', '.join(FUNCTIONS)} may be called", _offset(node))
        if node.keywords or not node.args or any(isinstance(a, ast.Starred) for a in node.args):
            raise ExprError(f"`{node.func.id}` takes plain arguments", _offset(node))
        if node.func.id == "abs" and len(node.args) != 1:
            raise ExprError("`abs` takes one argument", _offset(node))
        node.args = [self.visit(a) for a in node.args]
        return node


_DECIMAL = re.compile(r"(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?")


def exact_literal(value: object, segment: str, offset: int = 0) -> Q:
    """A number literal as the exact rational its source text denotes; never via a float."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ExprError(f"only numbers are allowed as literals, not {type(value).__name__}", offset)
    text = segment.replace("_", "").lower()
    if not _DECIMAL.fullmatch(text):  # 0xee, 0o15016, 0b11: a figure is never written so
        raise ExprError(f"number literal `{segment[:20]}` must be written in decimal", offset)
    mantissa, _, exponent = text.partition("e")
    if len(mantissa) > MAX_LITERAL_DIGITS or len(exponent) > 4 or (
            exponent and abs(int(exponent)) > MAX_LITERAL_EXPONENT):
        raise ExprError(f"number literal `{segment[:20]}` is too large: at most {MAX_LITERAL_DIGITS} "
                        f"digits and an exponent of ±{MAX_LITERAL_EXPONENT}", offset)
    return q(text)


def bound_size(node: ast.AST) -> tuple[int, int]:
    """(digits, degree): upper estimates for the exact values `node` can take, raising
    ExprError at the part of the expression that makes them too large."""
    digits, degree = _size(node)
    if digits > MAX_DIGITS or degree > MAX_DEGREE:
        raise ExprError(f"this part could produce numbers of about {digits:,} digits (degree {degree} in "
                        f"the figures); the limits are {MAX_DIGITS:,} digits and degree {MAX_DEGREE}",
                        _offset(node))
    return digits, degree


def _size(node: ast.AST) -> tuple[int, int]:
    if isinstance(node, ast.Name):
        return FIGURE_DIGITS, 1
    if isinstance(node, ast.Constant):
        value = q(node.value)
        return len(str(value.numerator)) + len(str(value.denominator)), 0
    if isinstance(node, ast.UnaryOp):
        return bound_size(node.operand)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
        (digits, degree), (p, n) = bound_size(node.left), _exponent(node.right)
        if n > 1:
            digits, degree = max(ROOT_DIGITS, digits // n), -(-degree // n)
        return digits * abs(p), degree * abs(p)
    if isinstance(node, ast.BinOp):  # p/q + r/s = (ps + rq) / qs: sizes add for every operator
        (a, da), (b, db) = bound_size(node.left), bound_size(node.right)
        return a + b, (max(da, db) if isinstance(node.op, (ast.Add, ast.Sub)) else da + db)
    if isinstance(node, ast.Call):
        sizes = [bound_size(a) for a in node.args]
        digits = sum(d for d, _ in sizes) if node.func.id == "sum" else max(d for d, _ in sizes)  # type: ignore[attr-defined]
        return digits, max(g for _, g in sizes)
    return bound_size(node.left)[0] + bound_size(node.comparators[0])[0], 0  # type: ignore[attr-defined]


def _exponent(node: ast.AST) -> tuple[int, int]:
    """The exponent as (p, n), read from the tree: an integer p (n = 1), or a root `p / n`."""
    sign = 1
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        sign, node = -1, node.operand
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
        p, n = _small_int(node.left), _small_int(node.right)
        if p is not None and n is not None and 1 <= p <= MAX_EXPONENT and 1 <= n <= MAX_ROOT:
            common = math.gcd(p, n)
            return sign * p // common, n // common
    elif (p := _small_int(node)) is not None and p <= MAX_EXPONENT:
        return sign * p, 1
    raise ExprError(f"powers need an integer exponent between -{MAX_EXPONENT} and {MAX_EXPONENT}, "
                    f"or a root p / n with n up to {MAX_ROOT}", _offset(node))


def _small_int(node: ast.AST) -> int | None:
    if isinstance(node, ast.Constant) and type(node.value) is int and 0 <= node.value <= MAX_ROOT:
        return node.value
    return None


_CLOSURES: dict[str, tuple[Closure, Closure]] = {}


def _closures(shape: str, tree: ast.Expression) -> tuple[Closure, Closure]:
    """Closures for a shape, built on first sight and shared by every rule of that shape."""
    if shape not in _CLOSURES:
        compare = tree.body
        _CLOSURES[shape] = (_closure(compare.left), _closure(compare.comparators[0]))  # type: ignore[attr-defined]
    return _CLOSURES[shape]


def _closure(node: ast.AST) -> Closure:
    if isinstance(node, ast.Name):
        i = int(node.id[1:])
        return lambda env: env[i]
    if isinstance(node, ast.Constant):
        c = q(node.value)
        return lambda env: c
    if isinstance(node, ast.UnaryOp):
        inner = _closure(node.operand)
        return (lambda env: -inner(env)) if isinstance(node.op, ast.USub) else inner
    if isinstance(node, ast.BinOp):
        return _binop(node)
    return _call(node)  # type: ignore[arg-type]


def _binop(node: ast.BinOp) -> Closure:
    left = _closure(node.left)
    if isinstance(node.op, ast.Pow):
        p, n = _exponent(node.right)
        if n == 1:
            return lambda env: left(env) ** p
        return lambda env: root(left(env), n) ** p  # x ** (p / n) == (x ** (1 / n)) ** p
    right, fn = _closure(node.right), BINOPS[type(node.op)]
    return lambda env: fn(left(env), right(env))


def _call(node: ast.Call) -> Closure:
    args = [_closure(a) for a in node.args]
    name = node.func.id  # type: ignore[attr-defined]
    if name == "sum":
        return lambda env: _total([a(env) for a in args])
    if name == "abs":
        return lambda env: abs(args[0](env))
    pick = {"min": (min, imin), "max": (max, imax)}[name]
    return lambda env: _extreme(pick, [a(env) for a in args])


def _total(values: list[Value]) -> Value:
    result = values[0]
    for v in values[1:]:
        result = result + v
    return result


def _extreme(pick: tuple[Callable[..., Any], Callable[..., Interval]], values: list[Value]) -> Value:
    if any(isinstance(v, Interval) for v in values):
        return pick[1](*(Interval.lift(v) for v in values))
    return pick[0](values)
