"""Extraction: every figure as printed, with its span; non-figures left alone."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.extract import extract_figures


def only(text: str):
    figures = extract_figures(text)
    assert len(figures) == 1, [f.text for f in figures]
    return figures[0]


@pytest.mark.parametrize(
    ("text", "number", "scale", "value", "unit", "decimals", "qualifier", "kind"),
    [
        ("外贸进出口6834.7亿元", "6834.7", 10**8, "683470000000", "元", 1, "", "amount"),
        ("林长6674人", "6674", 1, "6674", "人", 0, "", "count"),
        ("占比79.2%", "79.2", 1, "79.2", "%", 1, "", "percent"),
        ("提升8.2个百分点", "8.2", 1, "8.2", "个百分点", 1, "", "percentage_point"),
        ("参赛企业3.7万余家", "3.7", 10**4, "37000", "家", 1, "余", "count"),
        ("完成转化近20项", "20", 1, "20", "项", 0, "近", "count"),
        ("撬动资本超过1000亿元", "1000", 10**8, "100000000000", "元", 0, "超过", "amount"),
        ("投资约105亿元", "105", 10**8, "10500000000", "元", 0, "约", "amount"),
        ("收录380余⏎万户".replace("⏎", "\n"), "380", 10**4, "3800000", "户", 0, "余", "count"),
        ("共享7.1\n\n亿余条", "7.1", 10**8, "710000000", "条", 1, "余", "count"),
        ("增长１５％", "15", 1, "15", "%", 0, "", "percent"),
        ("总数1,234,567人", "1234567", 1, "1234567", "人", 0, "", "count"),
        ("十万亿级 3.5万亿元", "3.5", 10**12, "3500000000000", "元", 1, "", "amount"),
        ("增长1.5倍", "1.5", 1, "1.5", "倍", 1, "", "multiple"),
        ("光伏25GW电池", "25", 1, "25", "GW", 0, "", "amount"),
    ],
)
def test_arabic_figures(text, number, scale, value, unit, decimals, qualifier, kind):
    f = [g for g in extract_figures(text) if g.kind == kind][-1]
    assert (f.number, f.scale, f.value, f.unit, f.decimals, f.qualifier) == (
        number, scale, Decimal(value), unit, decimals, qualifier)


@pytest.mark.parametrize(
    ("text", "printed", "value", "unit"),
    [("强化四个抓手", "四个", 4, "个"), ("最美十佳护林先锋", "十佳", 10, "佳"),
     ("保持两位数增长", "两位", 2, "位"), ("近百家企业", "近百家", 100, "家"),
     ("六大优势产业", "六大", 6, "大"), ("两千三百万元资金", "两千三百万元", 23000000, "元")],
)
def test_chinese_numerals_before_measure_words(text, printed, value, unit):
    f = only(text)
    assert (f.text, f.value, f.unit, f.chinese) == (printed, value, unit, True)


@pytest.mark.parametrize("text", ["四川省", "共建一带一路", "一号工程", "一系列政策", "一台台机器", "数十台设备",
                                  "这一年来", "再添百亿级项目"])
def test_chinese_words_are_not_figures(text):
    assert extract_figures(text) == ()


@pytest.mark.parametrize(
    ("text", "kind"),
    [("第24位", "rank"), ("12月13日", "date"), ("12月13\n\n日", "date"), ("前11月", "period"),
     ("1-8 月", "period"), ("1-9月", "period"), ("第十二届", "ordinal"), ("028-86611442", "code"),
     ("2023年", "date"), ("5天前", "date"), ("前三季度", "period")],
)
def test_non_quantity_kinds(text, kind):
    f = only(text)
    assert f.kind == kind and f.text == text and not f.is_quantity


def test_spans_point_into_the_original_text(seed_text):
    figures = extract_figures(seed_text)
    assert len(figures) > 150
    for f in figures:
        assert seed_text[f.span.start:f.span.end] == f.text
        assert f.span.start <= f.number_span.start < f.number_span.end <= f.span.end


def test_seed_figures_named_in_the_brief(seed_text):
    printed = {"".join(f.text.split()) for f in extract_figures(seed_text)}
    for wanted in ["6834.7亿元", "8630.4亿元", "79.2%", "8.2个百分点", "3.7万余家", "近20项", "四个", "6674人",
                   "32人", "4270人", "7.1亿余条", "380余万户", "1085.95亿元", "5万余笔", "超60万家", "第24位",
                   "12月13日", "1-8月", "前11月", "第十二届", "028-86611442", "十佳", "约10家", "两位", "九大"]:
        assert wanted in printed, wanted


def test_ids_follow_text_order(seed_text):
    figures = extract_figures(seed_text)
    assert [f.id for f in figures] == [f"f{i}" for i in range(1, len(figures) + 1)]
    assert [f.span.start for f in figures] == sorted(f.span.start for f in figures)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789.,%％万亿余多近约超第年月日人元个四两十 \n-—前")), max_size=60))
def test_extraction_never_raises_and_spans_match(text):
    for f in extract_figures(text):
        assert text[f.span.start:f.span.end] == f.text
