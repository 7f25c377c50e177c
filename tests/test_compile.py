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


# Roots: compound annual growth, (end / start) ** (1 / years) - 1 == rate.

@pytest.mark.parametrize("expr", ["(a / b) ** (1 / 5) - 1 == c", "a ** (2 / 3) == b", "a ** -(1 / 2) == b",
                                  "1 - (a / b) ** (1 / 100) == c", "a ** (4 / 2) == b"])
def test_accepts_roots(expr):
    compile_check(expr, NAMES)


@pytest.mark.parametrize("expr", ["a ** (1 / 101) == b", "a ** (1 / b) == c", "a ** (5 / 3) == b",
                                  "a ** 1.5 == b", "a ** (1 / 0) == b", "a ** (0 / 3) == b",
                                  "a ** (1.0 / 3) == b", "a ** ((1 / 3) / 2) == b"])
def test_refuses_other_fractional_powers(expr):
    with pytest.raises(ExprError, match="integer exponent"):
        compile_check(expr, NAMES)


def test_a_rational_root_is_exact_and_an_irrational_one_is_enclosed():
    from auditor.evaluate.interval import Interval
    from auditor.evaluate.rational import Q

    c = compile_check("a ** (1 / 3) == b", NAMES)
    assert c.lhs([Q(8, 27)]) == Q(2, 3)
    assert c.single_use and c.lhs([Interval(Q(8), Q(27))]) == Interval(Q(2), Q(3))
    two = c.lhs([Interval(Q(2), Q(2))])
    assert two.lo ** 3 < 2 < two.hi ** 3 and two.hi - two.lo < Q(1, 10**30)
    point = c.lhs([Q(2)])
    assert point ** 3 <= 2 and two.lo <= point <= two.hi
    assert compile_check("a ** (2 / 4) == b", NAMES).lhs([Q(9, 4)]) == Q(3, 2)


def test_a_compound_growth_rate_is_judged_with_rounding_and_a_suggestion():
    from auditor.evaluate import evaluate_check
    from auditor.extract import extract_figures

    start, end, rate = extract_figures("由3600万千瓦增长至7915万千瓦，年均增长17%")
    check = compile_check("(b / a) ** (1 / 5) - 1 == c", NAMES)
    assert evaluate_check("ok", "test", check, {"a": start, "b": end, "c": rate}).status == "holds"
    start, end, rate = extract_figures("由494,646辆增加至583,037辆，平均增长率为8.4%")
    finding = evaluate_check("bad", "test", compile_check("(b / a) ** (1 / 4) - 1 == c", NAMES),
                             {"a": start, "b": end, "c": rate})
    assert finding.status == "fails" and "c were 4.2%" in finding.suggestion


def test_a_root_of_a_negative_value_is_an_error_not_a_crash():
    from auditor.evaluate import evaluate_check
    from auditor.extract import extract_figures

    a, b, c = extract_figures("甲100元，乙300元，丙5%")
    finding = evaluate_check("neg", "test", compile_check("(a - b) ** (1 / 2) == c", NAMES), {"a": a, "b": b, "c": c})
    assert finding.status == "error" and "negative" in finding.reason
