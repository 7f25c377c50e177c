"""Verdicts and margins: the worked examples of research/numeric-semantics.md §2.5, and properties."""
from __future__ import annotations

import itertools
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.evaluate.compile import compile_check
from auditor.evaluate.decide import decide
from auditor.evaluate.display import decimal_text
from auditor.evaluate.interval import Interval
from tests.helpers import check


@pytest.mark.parametrize(
    ("text", "expr", "status", "dev", "gap"),
    [
        ("6834.7亿元 8630.4亿元 79.2%", "a / b == c", "holds", "-0.07", "0.00"),
        ("6834.7亿元 8630.4亿元 79.3%", "a / b == c", "fails", "-1.07", "0.56"),
        ("32人 382人 1990人 4270人 6674人", "a + b + c + d == e", "holds", "0.00", "0.00"),
        ("32人 382人 1990人 4270人 6764人", "a + b + c + d == e", "fails", "-90.00", "90.00"),
        ("1140亿元 1600亿元 71.3%", "a / b == c", "holds", "-0.50", "0.00"),
        ("1140亿元 1600亿元 71.2%", "a / b == c", "holds", "0.50", "0.00"),
        ("3489家 约10家", "a / 365 == b", "holds", "-0.44", "0.00"),
        ("3489家 约9家", "a / 365 == b", "holds-loose", "0.56", "0.06"),
        ("3489家 约8家", "a / 365 == b", "fails", "1.56", "1.06"),
        ("12项 7项 近20项", "a + b == c", "holds", "-1.00", "0.00"),
        ("12项 9项 近20项", "a + b == c", "fails", "1.00", "1.00"),
        ("8项 5项 近20项", "a + b == c", "holds-loose", "-7.00", "2.00"),
        ("41.2万家 20.1万家 超60万家", "a + b == c", "holds", "1.30", "0.00"),
        ("41.2万家 18.6万家 超60万家", "a + b == c", "fails", "-0.20", "0.10"),
        ("51.2万家 23.8万家 超60万家", "a + b == c", "holds-loose", "15.00", "4.90"),
        ("62.3亿元 42.6亿元 约105亿元", "a + b == c", "holds", "-0.10", "0.00"),
        ("62.3亿元 41.6亿元 约105亿元", "a + b == c", "holds-loose", "-1.10", "0.50"),
        ("62.3亿元 41.3亿元 约105亿元", "a + b == c", "fails", "-1.40", "0.80"),
        ("20000家 17412家 3.7万余家", "a + b == c", "holds", "0.41", "0.00"),
        ("20000家 16900家 3.7万余家", "a + b == c", "fails", "-0.10", "0.10"),
    ],
)
def test_worked_examples(text, expr, status, dev, gap):
    finding = check(text, expr)
    assert (finding.status, finding.dev, finding.gap) == (status, dev, gap)


def test_repeated_figure_does_not_widen_into_a_false_pass():
    # a/(a+b) by naive interval arithmetic "may hold"; the exact range misses 79.1945%.
    naive = check("6834.7亿元 1795.7亿元 79.1945%", "a / (a + b) == c")
    rewritten = check("6834.7亿元 1795.7亿元 79.1945%", "1 / (1 + b / a) == c")
    assert naive.status == rewritten.status == "fails"
    assert naive.gap == rewritten.gap == "5.54"


def test_restated_figure_at_same_precision_must_print_the_same():
    assert check("6834.7亿元 6834.8亿元", "a == b").status == "fails"
    assert check("6834.7亿元 6835亿元", "a == b").status == "holds"  # coarser restatement rounds


def test_suggestion_names_the_value_that_would_fix_the_check():
    finding = check("32人 382人 1990人 4270人 6647人", "a + b + c + d == e")
    assert finding.suggestion.startswith("if e were 6674人 (printed 6647人), the check would hold")
    assert "\nor, if b were 355人 (printed 382人), it would hold" in finding.suggestion


def test_division_by_an_interval_around_zero_is_an_error_finding():
    finding = check("5家 0.0亿元 3%", "a / b == c")
    assert finding.status == "error" and "zero" in finding.message


def test_inequalities():
    assert check("614.7万户 864万户", "a <= b").status == "holds"
    assert check("914.7万户 864万户", "a <= b").status == "fails"


counts = st.integers(min_value=0, max_value=10**7)


@settings(max_examples=200, deadline=None)
@given(st.lists(counts, min_size=2, max_size=6))
def test_parts_and_their_exact_total_hold(parts):
    text = " ".join(f"{p}人" for p in parts) + f" {sum(parts)}人"
    names = "+".join(chr(97 + i) for i in range(len(parts)))
    assert check(text, f"{names} == {chr(97 + len(parts))}").status == "holds"


@settings(max_examples=200, deadline=None)
@given(st.lists(counts, min_size=2, max_size=6), st.data())
def test_one_unit_off_in_any_count_fails_the_sum(parts, data):
    figures = parts + [sum(parts)]
    i = data.draw(st.integers(0, len(figures) - 1))
    delta = data.draw(st.sampled_from([-1, 1]) if figures[i] > 0 else st.just(1))
    figures[i] += delta
    text = " ".join(f"{p}人" for p in figures)
    names = "+".join(chr(97 + k) for k in range(len(parts)))
    assert check(text, f"{names} == {chr(97 + len(parts))}").status == "fails"


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 10**6), st.integers(1, 10**6), st.integers(0, 3))
def test_true_ratio_rounded_to_n_decimals_holds(part, whole, n):
    ratio = F(part, whole) * 100
    printed = decimal_text(ratio, n)
    assert check(f"{part}家 {whole}家 {printed}%", "a / b == c").status == "holds"


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 10**6), st.integers(1, 10**6), st.integers(1, 3))
def test_ratio_off_by_more_than_rounding_fails(part, whole, n):
    ratio = F(part, whole) * 100
    wrong = round(ratio, n) + F(2, 10**n)  # two units off: no rounding of the truth prints this
    assert check(f"{part}家 {whole}家 {decimal_text(wrong, n)}%", "a / b == c").status == "fails"


TEMPLATES = ["a + b == c", "a / b == c", "a / b - 1 == c", "a / (a + b) == c", "a / b - c / d == e"]
positive = st.fractions(min_value=F(1, 10), max_value=F(1000), max_denominator=100)
widths = st.fractions(min_value=F(0), max_value=F(1, 2), max_denominator=100)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(TEMPLATES), st.lists(st.tuples(positive, widths), min_size=5, max_size=5))
def test_verdict_agrees_with_brute_force_sampling(template, raw):
    compiled = compile_check(template, frozenset("abcde"))
    box = [Interval(x, x + w) for x, w in raw[:len(compiled.names)]]
    grid = [[b.lo + (b.hi - b.lo) * k / 4 for k in range(5)] for b in box]
    values = [compiled.lhs(p) - compiled.rhs(p) for p in itertools.product(*grid)]
    # Every template is monotone in each figure on a positive box, so the grid, which holds
    # every vertex, spans the exact range.
    assert decide(compiled, box).holds == (min(values) <= 0 <= max(values))
