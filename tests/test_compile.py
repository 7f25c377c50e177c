"""The whitelisted compiler: what it accepts, what it refuses, and that it never runs code."""
from __future__ import annotations

from fractions import Fraction as F

import pytest

from auditor.errors import ExprError
from auditor.evaluate.compile import compile_check

NAMES = frozenset({"a", "b", "c", "d"})


def test_compiles_to_closures_over_points_and_positions():
    c = compile_check("a / b == c", NAMES)
    assert c.op == "==" and c.names == ("a", "b", "c") and c.claim == "c" and c.single_use
    assert c.lhs([F(1), F(4), None]) == F(1, 4)


def test_literals_are_read_exactly_from_source():
    c = compile_check("a * 0.1 == b", NAMES)
    assert c.lhs([F(3), None]) == F(3, 10)  # a binary float would give 0.30000000000000004


def test_repeated_names_are_counted():
    c = compile_check("a / (a + b) == c", NAMES)
    assert c.counts == (2, 1, 1) and not c.single_use


def test_same_shape_shares_closures():
    one, two = compile_check("a + b == c", NAMES), compile_check("c + d == a", NAMES)
    assert one.shape == two.shape and one.lhs is two.lhs


@pytest.mark.parametrize("expr", ["a + b == c", "sum(a, b, c) == d", "a**2 <= b", "-a + b > c", "abs(a - b) < c",
                                  "min(a, b) >= c", "max(a, b, 3) == c", "(a + b) / 2 == c", "a == 1e3"])
def test_accepts(expr):
    compile_check(expr, NAMES)


@pytest.mark.parametrize(
    ("expr", "reason"),
    [("__import__('os').system('touch x') == a", "may be called"),
     ("a.__class__ == b", "Attribute"),
     ("foo(a) == b", "may be called"),
     ("(lambda: a)() == b", "may be called"),
     ("[x for x in a] == b", "ListComp"),
     ("f'{a}' == b", "JoinedStr"),
     ("9**9**9 == a", "integer exponent"),
     ("a**b == c", "integer exponent"),
     ("1e999999 == a", "too large"),
     ("zz + a == b", "not a declared figure"),
     ("a + b", "compare two sides"),
     ("a == b == c", "exactly one"),
     ("a != b", "exactly one"),
     ("'x' == a", "only numbers"),
     ("True == a", "only numbers"),
     ("1j == a", "only numbers"),
     ("a if b else c == d", "IfExp"),
     ("a[0] == b", "Subscript"),
     ("(" * 10000 + "a" + ")" * 10000 + " == b", "limit is"),
     ("sum(*a) == b", "plain arguments"),
     ("max(a, key=b) == c", "plain arguments"),
     ("a == b; import os", "not a valid expression")],
)
def test_refuses(expr, reason):
    with pytest.raises(ExprError, match=reason):
        compile_check(expr, NAMES)


def test_error_offset_points_at_the_node():
    with pytest.raises(ExprError) as info:
        compile_check("a + b.c == d", NAMES)
    assert info.value.offset == 4
