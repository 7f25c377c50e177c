"""What a written figure allows (research/numeric-semantics.md §2.1)."""
from __future__ import annotations

import math
from fractions import Fraction as F

import pytest

from auditor.evaluate.semantics import read
from auditor.extract import extract_figures


def reading(text: str):
    return read([f for f in extract_figures(text) if f.is_quantity][0])


@pytest.mark.parametrize(
    ("text", "lo", "hi"),
    [("6834.7亿元", F("6834.65e8"), F("6834.75e8")), ("79.2%", F("0.7915"), F("0.7925")),
     ("9473亿元", F("9472.5e8"), F("9473.5e8")), ("6674人", F(6674), F(6674)),
     ("3.7万余家", F(37000), F(38000)), ("380余万户", F(3800000), F(3900000)), ("5万余笔", F(50000), F(60000)),
     ("超60万家", F(600000), F(700000)), ("近20项", F(15), F(20)), ("约10家", F("9.5"), F("10.5")),
     ("8.2个百分点", F("0.0815"), F("0.0825")), ("四个", F(4), F(4)), ("不足5%", F("0.04"), F("0.05"))],
)
def test_hard_interval(text, lo, hi):
    r = reading(text)
    assert (r.hard.lo, r.hard.hi) == (lo, hi)


def test_soft_readings():
    assert reading("超60万家").soft.hi == math.inf
    assert reading("不足5%").soft.lo == -math.inf
    about = reading("约10家").soft
    assert (about.lo, about.hi) == (5, 15)
    near = reading("近20项").soft
    assert (near.lo, near.hi) == (10, 20)


def test_plain_figures_have_no_looser_reading():
    for text in ("9.5家", "1600亿元", "71.3%"):
        r = reading(text)
        assert r.soft == r.hard
