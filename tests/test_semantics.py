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


def share(text: str):
    from auditor.extract import extract_article
    from auditor.model import Article

    found = [f for f in extract_article(Article.from_text(text)) if f.is_quantity]
    assert len(found) == 1, [f.text for f in found]
    return read(found[0])


@pytest.mark.parametrize(
    ("text", "hard", "soft"),
    [("占超过三成", (F(3, 10), F(4, 10)), (F(3, 10), math.inf)),
     ("占近六成", (F(55, 100), F(6, 10)), (F(5, 10), F(6, 10))),
     ("占约四成", (F(35, 100), F(45, 100)), (F(3, 10), F(5, 10))),
     ("占七成多", (F(7, 10), F(8, 10)), (F(7, 10), F(8, 10))),
     ("占五成以上", (F(5, 10), F(6, 10)), (F(5, 10), math.inf)),
     ("占三成", (F(25, 100), F(35, 100)), (F(25, 100), F(35, 100))),
     ("占一成七", (F(165, 1000), F(175, 1000)), (F(165, 1000), F(175, 1000))),
     ("占九成半", (F(925, 1000), F(975, 1000)), (F(925, 1000), F(975, 1000))),
     ("占逾九成半", (F(95, 100), F(1)), (F(95, 100), math.inf)),
     ("占百分之三点五", (F(345, 10000), F(355, 10000)), (F(345, 10000), F(355, 10000)))],
)
def test_tenths_intervals(text, hard, soft):
    r = share(text)
    assert ((r.hard.lo, r.hard.hi), (r.soft.lo, r.soft.hi)) == (hard, soft)


@pytest.mark.parametrize(
    ("text", "nominal", "hard", "soft"),
    [("其中三分之一", F(1, 3), (F(1, 3), F(1, 3)), (F(1, 3) - F(1, 20), F(1, 3) + F(1, 20))),
     ("其中一半", F(1, 2), (F(1, 2), F(1, 2)), (F(45, 100), F(55, 100))),
     ("其中半数", F(1, 2), (F(1, 2), F(1, 2)), (F(45, 100), F(55, 100))),
     ("其中过半", F(1, 2), (F(1, 2), F(1)), (F(1, 2), math.inf)),
     ("其中超过半数", F(1, 2), (F(1, 2), F(1)), (F(1, 2), math.inf)),
     ("其中逾半", F(1, 2), (F(1, 2), F(1)), (F(1, 2), math.inf)),
     ("其中大半", F(1, 2), (F(1, 2), F(1)), (F(1, 2), math.inf)),
     ("其中一半以上", F(1, 2), (F(1, 2), F(1)), (F(1, 2), math.inf)),
     ("其中近半", F(1, 2), (F(45, 100), F(1, 2)), (F(4, 10), F(1, 2))),
     ("其中将近一半", F(1, 2), (F(45, 100), F(1, 2)), (F(4, 10), F(1, 2))),
     ("其中不到一半", F(1, 2), (F(0), F(1, 2)), (-math.inf, F(1, 2))),
     ("其中近三分之二", F(2, 3), (F(2, 3) - F(1, 20), F(2, 3)), (F(2, 3) - F(1, 10), F(2, 3))),
     ("其中超过三分之一", F(1, 3), (F(1, 3), F(1)), (F(1, 3), math.inf)),
     ("其中约四分之三", F(3, 4), (F(7, 10), F(8, 10)), (F(65, 100), F(85, 100))),
     ("其中五分之一", F(1, 5), (F(1, 5), F(1, 5)), (F(15, 100), F(25, 100)))],
)
def test_share_words_are_exact_fractions(text, nominal, hard, soft):
    r = share(text)
    assert r.nominal == nominal
    assert ((r.hard.lo, r.hard.hi), (r.soft.lo, r.soft.hi)) == (hard, soft)


def test_one_third_is_not_thirty_three_point_three_percent():
    r = share("其中约三分之一")
    assert r.hard.lo < F(1, 3) < r.hard.hi
    exact = share("恰好三分之一")
    assert exact.hard.lo == exact.hard.hi == F(1, 3) != F(333, 1000)


def test_about_a_rate_printed_to_a_decimal_is_its_rounding():
    # 约27.1%: the decimal says how it was rounded; 约 adds no slack to a rate so printed
    rate = reading("约27.1%")
    assert (rate.soft.lo, rate.soft.hi) == (F("0.2705"), F("0.2715"))
    # ...but a whole rate and a count in 万 keep their slack
    assert reading("约27%").soft.lo < F("0.265")
    assert reading("约1.5万人").soft.lo < F(14500)


def test_about_before_the_share_verb_reads_like_about_before_the_rate():
    # 约 before the share verb (约占总体73.3%) is looser than 约73.3%: rounded as printed, or,
    # loosely, cut off
    rate = reading("约占总体73.3%")
    assert (rate.hard.lo, rate.hard.hi) == (F("0.7325"), F("0.7335"))
    assert rate.soft.hi == F("0.734")
    assert reading("占总体73.3%").soft.hi == F("0.7335")


def test_index_points_are_a_rounded_measure_not_a_count():
    # 收报5,558点: an index rounded to the point; 147件 stays an exact count
    points, cases = reading("收报5,558点"), reading("受理147件")
    assert (points.hard.lo, points.hard.hi) == (F("5557.5"), F("5558.5"))
    assert cases.hard.lo == cases.hard.hi == 147
