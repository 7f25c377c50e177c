"""sympy where it is good: the exact value a culprit figure would need.

sympy objects are built from our own validated tree (names are generated positions
`_0`, `_1`, ...); no rule string ever reaches sympify or parse_expr. Solutions are cached
per expression shape, so sympy runs once per shape and only for failing checks.
"""
from __future__ import annotations

import ast
from typing import Sequence

import sympy

from auditor.evaluate.rational import Q, q

_SOLUTIONS: dict[tuple[str, int], list[sympy.Expr]] = {}
NEEDED_DIGITS = 30


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


def solutions(shape: str, tree: ast.Expression, index: int) -> list[sympy.Expr]:
    """Every x_index that makes lhs − rhs vanish, as expressions of the other figures."""
    key = (shape, index)
    if key not in _SOLUTIONS:
        compare = tree.body
        difference = to_sympy(compare.left) - to_sympy(compare.comparators[0])  # type: ignore[attr-defined]
        try:
            _SOLUTIONS[key] = list(sympy.solve(difference, sympy.Symbol(f"_{index}")))
        except (NotImplementedError, ValueError, TypeError):
            _SOLUTIONS[key] = []
    return _SOLUTIONS[key]


def needed_values(shape: str, tree: ast.Expression, index: int,
                  nominal: Sequence[Q]) -> list[Q]:
    """The values figure `index` would need, the others kept as printed."""
    subs = {sympy.Symbol(f"_{i}"): sympy.Rational(int(v.numerator), int(v.denominator))
            for i, v in enumerate(nominal) if i != index}
    found: list[Q] = []
    for solution in solutions(shape, tree, index):
        value = solution.xreplace(subs)
        if not value.is_Rational and value.is_number and value.is_real:
            # a root (a compound growth rate): close enough, since the caller rounds it to
            # the figure's printed precision and checks the rounded value again
            value = sympy.Rational(value.evalf(NEEDED_DIGITS))
        if value.is_Rational:
            found.append(Q(int(value.p), int(value.q)))
    return found
