"""Extraction: every figure as printed, with its span; non-figures left alone."""
from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.extract import extract_article, extract_figures
from auditor.extract.numerals import chinese_value
from auditor.model import Article


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
        ("最高气温31℃", "31", 1, "31", "℃", 0, "", "amount"),
        ("最低18度", "18", 1, "18", "度", 0, "", "amount"),
        ("用电量58.3亿度", "58.3", 10**8, "5830000000", "度", 1, "", "amount"),
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
     ("六大优势产业", "六大", 6, "大"), ("两千三百万元资金", "两千三百万元", 23000000, "元"),
     ("复阳个案为四宗", "四宗", 4, "宗"), ("新增三例确诊", "三例", 3, "例")],
)
def test_chinese_numerals_before_measure_words(text, printed, value, unit):
    f = only(text)
    assert (f.text, f.value, f.unit, f.chinese) == (printed, value, unit, True)


@pytest.mark.parametrize("text", ["四川省", "共建一带一路", "一号工程", "一系列政策", "一台台机器", "数十台设备",
                                  "这一年来", "再添百亿级项目", "一宗教案", "一例外"])
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


def figures_of(text: str):
    """Figures as the pipeline finds them: in the normalized text, kept as printed."""
    from auditor.extract import extract_article
    from auditor.model import Article

    return extract_article(Article.from_text(text))


@pytest.mark.parametrize(
    ("text", "printed", "value", "qualifier"),
    [("受访居民中超过三成支持", "超过三成", "3", "超过"), ("参保人数近六成来自农村", "近六成", "6", "近"),
     ("商户逾三成已复业", "逾三成", "3", "逾"), ("网点约四成在城区", "约四成", "4", "约"),
     ("客源七成多来自省外", "七成多", "7", "多"), ("订单五成以上来自海外", "五成以上", "5", "以上"),
     ("不到三成的门店", "不到三成", "3", "不到"), ("占到一成七", "一成七", "1.7", ""),
     ("满意度達逾九成半", "逾九成半", "9.5", "逾"), ("占比超3成", "超3成", "3", "超"),
     ("其中兩成為新客户", "兩成", "2", ""), ("有效率只得6成多", "6成多", "6", "多"),
     ("6成多数来自本地", "6成", "6", "")],
)
def test_tenths(text, printed, value, qualifier):
    f = [g for g in figures_of(text) if g.unit == "成"][0]
    assert (f.text, f.value, f.qualifier, f.kind) == (printed, Decimal(value), qualifier, "percent")
    assert text[f.span.start:f.span.end] == printed


@pytest.mark.parametrize(
    ("text", "printed", "number", "qualifier"),
    [("新增会员过半来自线上", "过半", "半", "过"), ("超过半数企业已完成改造", "超过半数", "半数", "超过"),
     ("受訪者逾半表示满意", "逾半", "半", "逾"), ("农户近半已参保", "近半", "半", "近"),
     ("将近一半的学生住校", "将近一半", "一半", "将近"), ("客流大半集中在周末", "大半", "半", "大"),
     ("半数以上的网点", "半数以上", "半数", "以上"), ("运力的一半以上的时间闲置", "一半以上", "一半", "以上"),
     ("销量减少一半", "一半", "一半", ""), ("三分之一的摊位空置", "三分之一", "三分之一", ""),
     ("近三分之二的乘客", "近三分之二", "三分之二", "近"), ("约四分之三的耕地", "约四分之三", "四分之三", "约"),
     ("超过五分之一的家庭", "超过五分之一", "五分之一", "超过"), ("不到一半的车位", "不到一半", "一半", "不到"),
     ("過半數議員贊成", "過半數", "半数", "过")],
)
def test_share_words_are_percent_figures(text, printed, number, qualifier):
    f = only_quantity(text)
    assert (f.text, f.number, f.qualifier, f.unit, f.kind, f.chinese) == (
        printed, number, qualifier, "%", "percent", True)
    assert text[f.span.start:f.span.end] == printed


def only_quantity(text: str):
    found = [f for f in figures_of(text) if f.is_quantity]
    assert len(found) == 1, [f.text for f in found]
    return found[0]


def test_share_word_values():
    assert only_quantity("一半的人").value == 50
    assert only_quantity("四分之三的人").value == 75
    assert only_quantity("三分之一的人").value == Decimal("33.333333")  # an image; semantics reads 1/3


@pytest.mark.parametrize("text", ["上半年营收", "下半年计划", "半导体材料", "朝鲜半岛", "工期一年半", "近半年来",
                                  "过半个月再看", "忙了大半天", "他的另一半", "保持一成不变", "十分重要",
                                  "半个月前", "半小时内", "凌晨时半夜", "半信半疑", "几分之一", "大半年过去"])
def test_half_words_that_are_not_shares(text):
    assert [f.text for f in figures_of(text) if f.is_quantity] == []


@pytest.mark.parametrize(
    ("text", "printed", "value", "unit", "kind"),
    [("登记人数30,600人", "30,600人", "30600", "人", "count"),
     ("得到105,556票当选", "105,556票", "105556", "票", "count"),
     ("善款７３５，０１４．５元", "７３５，０１４．５元", "735014.5", "元", "amount"),
     ("升幅１２．５％", "１２．５％", "12.5", "%", "percent"),
     ("年内 1804 家企业", "1804 家", "1804", "家", "count"),
     ("同比增长 157.71%，", "157.71%", "157.71", "%", "percent"),
     ("比例下跌2.5個百分點", "2.5個百分點", "2.5", "个百分点", "percentage_point"),
     ("乘客達3.2萬人次", "3.2萬人次", "32000", "人次", "count"),
     ("恒指收報 17,651 點", "17,651 點", "17651", "点", "amount"),
     ("外資持有 3,000 萬股", "3,000 萬股", "30000000", "股", "count"),
     ("投资12億元", "12億元", "1200000000", "元", "amount"),
     ("补贴1.5萬億元", "1.5萬億元", "1500000000000", "元", "amount"),
     ("月薪减3萬蚊", "3萬蚊", "30000", "蚊", "amount"),
     ("拨款5億澳門元", "5億澳門元", "500000000", "澳门元", "amount"),
     ("千分之三的误差", "千分之三", "3", "‰", "percent"),
     ("特首评分为35.2分，", "35.2分", "35.2", "分", "count"),
     ("全年收案271 997件，", "271 997件", "271997", "件", "count"),
     ("權益總額為２９１２８﹒０２億元", "２９１２８﹒０２億元", "2912802000000", "元", "amount"),
     ("較上年提高0.3個(gè)百分點(diǎn)", "0.3個(gè)百分點", "0.3", "个百分点", "percentage_point"),
     ("罪案总数是59\u202f225宗", "59\u202f225宗", "59225", "宗", "count"),
     ("贸易额为1.056兆令吉", "1.056兆令吉", "1056000000000", "令吉", "amount"),
     ("出口5兆人民币", "5兆人民币", "5000000000000", "人民币", "amount"),
     ("罪案數字是90 276宗", "90 276宗", "90276", "宗", "count"),
     ("民進黨得票44萬8,577票", "44萬8,577票", "448577", "票", "count"),
     ("稅後純益達1.21兆元", "1.21兆元", "1210000000000", "元", "amount")],
)
def test_hong_kong_taiwan_macao_and_pdf_number_formats(text, printed, value, unit, kind):
    f = only_quantity(text)
    assert (f.text, f.value, f.unit, f.kind) == (printed, Decimal(value), unit, kind)


def test_spaces_group_thousands_only_before_a_word():
    # a row of table cells, or figures on two lines, stay apart
    assert [f.value for f in extract_figures("| 12 345 678 |")] == [12, 345, 678]
    assert [f.value for f in extract_figures("合计 12 345\n678件")] == [12, 345, 678]
    assert [f.value for f in extract_figures("分别为3.5 120件")] == [Decimal("3.5"), 120]


def test_a_table_cell_takes_no_unit_from_the_next_line():
    cells = [(f.text, f.unit) for f in extract_figures("建筑业 54099 23.4\n批发和零售业 5232 4.1\n人口 27309")]
    assert cells == [("54099", ""), ("23.4", ""), ("5232", ""), ("4.1", ""), ("27309", "")]
    # a PDF line break inside a figure joined to its words still is one
    assert [(f.value, f.unit) for f in extract_figures("全市共有380余\n万户家庭")] == [(3800000, "户")]
    assert [(f.value, f.unit) for f in extract_figures("成都供需信息240\n\n条")] == [(240, "条")]


def test_mian_counts_medals_but_starts_words():
    assert [(f.value, f.unit) for f in extract_figures("奖牌总数为67面")] == [(67, "面")]
    assert [f.unit for f in extract_figures("共有3面临街的商铺，5面积较大")] == ["", ""]


def test_zhao_is_mega_before_a_unit_and_trillion_before_money():
    [f] = extract_figures("新增装机3兆瓦")
    assert (f.value, f.unit) == (3, "兆瓦")


def test_a_comma_between_figures_is_not_a_thousands_separator():
    assert [f.value for f in extract_figures("指标分别为12,15和18")] == [12, 15, 18]
    assert [f.value for f in extract_figures("指标分别为1,2345")] == [1, 2345]
    # ASCII digits around a full-width comma: the comma ends a clause unless exactly three
    # digits follow it and nothing marks a list
    assert [f.value for f in extract_figures("指标分别为12，15和18")] == [12, 15, 18]
    assert [f.value for f in extract_figures("分别为12，150，180家")] == [12, 150, 180]
    assert [f.value for f in extract_figures("名单为12，150和18家")] == [12, 150, 18]
    assert [f.value for f in extract_figures("依次为15、12，150家")] == [15, 12, 150]
    assert [f.value for f in extract_figures("比分3：1，200名观众到场")] == [3, 1, 200]
    assert [f.value for f in extract_figures("編號12，3456人")] == [12, 3456]


@pytest.mark.parametrize(
    ("text", "printed", "value", "unit"),
    [("当月交付达41，027辆；", "41，027辆", "41027", "辆"),
     ("全年客流3，100，250人次", "3，100，250人次", "3100250", "人次"),
     ("募资超过7，350万元", "超过7，350万元", "73500000", "元"),
     ("车型销量分别为7，035辆和6，004辆", "7，035辆", "7035", "辆"),  # 035 stands alone nowhere
     ("期末余额为-2，460.5元", "-2，460.5元", "-2460.5", "元"),
     # the risk taken: a clause ending in a bare number before a three-digit figure is read as one
     ("新增12，345家企业受益", "12，345家", "12345", "家")],
)
def test_a_full_width_comma_between_ascii_digit_groups_can_separate_thousands(text, printed, value, unit):
    f = next(g for g in extract_figures(text) if g.unit)
    assert (f.text, f.value, f.unit) == (printed, Decimal(value), unit)
    assert text[f.span.start:f.span.end] == printed


@pytest.mark.parametrize(
    ("text", "printed", "value", "unit", "decimals"),
    [("报考人数2万4518人，", "2万4518人", "24518", "人", 0),
     ("累计确诊１２万０３０６人", "１２万０３０６人", "120306", "人", 0),
     # An amount is read at the head's order: 3.45亿元, to 0.01亿 (its zeros are rounding).
     ("总投资3亿4500万元", "3亿4500万元", "345000000", "元", 2),
     ("出口5855亿6000万令吉", "5855亿6000万令吉", "585560000000", "令吉", 1),
     ("总投资1亿2345万元", "1亿2345万元", "123450000", "元", 4),
     ("全年客流6万8012人次", "6万8012人次", "68012", "人次", 0),
     ("拿下369万466票", "369万466票", "3690466", "票", 0),  # Taiwanese copy drops the zero
     ("选举人数1,931万1,105人；", "1,931万1,105人", "19311105", "人", 0),
     ("捐款846，213．4元", "846，213．4元", "846213.4", "元", 1),
     ("进出口总值8兆8800亿人民币", "8兆8800亿人民币", "8880000000000", "人民币", 2),
     ("月入2万5千434元", "2万5千434元", "25434", "元", 0),  # 万, one digit of 千, three digits
     ("共3千200人", "3千200人", "3200", "人", 0),
     ("奖金1万零869新元", "1万零869新元", "10869", "新元", 4),  # 零 skips an order
     ("年薪约18万 5100美元", "约18万 5100美元", "185100", "美元", 2),  # an amount across a space
     ("发行5 亿 5,000万份", "5 亿 5,000万份", "550000000", "份", 0)],
)
def test_a_number_of_wan_and_the_four_digits_after_it_are_one_figure(text, printed, value, unit, decimals):
    [f] = [g for g in extract_figures(text) if g.unit]
    assert (f.text, f.value, f.unit, f.decimals) == (printed, Decimal(value), unit, decimals)
    assert text[f.span.start:f.span.end] == printed


@pytest.mark.parametrize("text", ["约3万人，2500人到场", "3.5万7000人", "3万 2500人", "3万余2500人", "5万12人", "3万 5000元"])
def test_wan_followed_by_other_digits_stays_two_figures(text):
    assert len([f for f in extract_figures(text) if f.kind in ("count", "amount")]) == 2


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [("发行价每股18-25港元", ("18", "18", 1, "18", "港元", "amount"), ("25港元", "25", 1, "25", "港元", "amount")),
     ("票价45至60元", ("45", "45", 1, "45", "元", "amount"), ("60元", "60", 1, "60", "元", "amount")),
     ("观众2.5万~3万人", ("2.5万", "2.5", 10**4, "25000", "人", "count"), ("3万人", "3", 10**4, "30000", "人", "count")),
     ("涨幅3～5%", ("3", "3", 1, "3", "%", "percent"), ("5%", "5", 1, "5", "%", "percent")),
     ("工期2—3年", ("2", "2", 1, "2", "年", "count"), ("3年", "3", 1, "3", "年", "count")),
     ("门店5到8家", ("5", "5", 1, "5", "家", "count"), ("8家", "8", 1, "8", "家", "count")),
     ("补贴3万-5万元", ("3万", "3", 10**4, "30000", "元", "amount"), ("5万元", "5", 10**4, "50000", "元", "amount")),
     ("利率－2至－1%", ("－2", "-2", 1, "-2", "%", "percent"), ("－1%", "-1", 1, "-1", "%", "percent")),
     ("价格60 -72港元", ("60", "60", 1, "60", "港元", "amount"), ("72港元", "72", 1, "72", "港元", "amount"))],
)
def test_the_lower_bound_of_a_range_takes_the_upper_bounds_unit(text, low, high):
    found = figures_of(text)
    assert len(found) == 2, [f.text for f in found]
    for f, (printed, number, scale, value, unit, kind) in zip(found, (low, high)):
        assert (f.text, f.number, f.scale, f.value, f.unit, f.kind) == (
            printed, number, scale, Decimal(value), unit, kind)
        assert text[f.span.start:f.span.end] == printed and f.is_quantity


@pytest.mark.parametrize(("text", "low", "high"), [
    ("市值介于320-410亿美元之间", "320", "410亿美元"), ("预算5000-1万元", "5000", "1万元"),
    ("营收約12~12.5億元", "約12", "12.5億元")])
def test_a_bare_lower_bound_before_a_scaled_upper_bound_stays_as_printed(text, low, high):
    """460-550亿美元: the figure printed is 460; reading it as 460亿 is an inference."""
    first, second = figures_of(text)
    assert (first.text, first.scale, first.value, first.unit) == (low, 1, Decimal(first.number), "")
    assert second.text == high and second.scale > 1


@pytest.mark.parametrize(
    ("text", "kinds"),
    [("2016-2019年", [("2016", "code"), ("2019年", "date")]), ("1958~1965年", [("1958", "date"), ("1965年", "date")]),
     ("3-6月", [("3-6月", "period")]), ("（４月３０日－５月６日）", [("４月３０日", "date"), ("５月６日", "date")]),
     ("2019年-2020年", [("2019年", "date"), ("2020年", "date")]), ("2019-20年度", [("2019", "code"), ("20年", "count")]),
     ("G6-8次列车", [("6", "code"), ("8次", "count")]), ("比分2-1", [("2", "code"), ("1", "code")])],
)
def test_spans_of_years_months_and_codes_are_no_ranges(text, kinds):
    assert [(f.text, f.kind) for f in extract_figures(text)] == kinds


@pytest.mark.parametrize(
    ("text", "printed", "value", "unit", "kind"),
    [("归母净利润 -1,234,567.89 元", "-1,234,567.89 元", "-1234567.89", "元", "amount"),
     ("营收增长-4.5%", "-4.5%", "-4.5", "%", "percent"), ("同比下降−7%", "−7%", "-7", "%", "percent"),
     ("利润 －2.3亿元", "－2.3亿元", "-230000000", "元", "amount"),
     ("经营现金流 -3,456,789.01", "-3,456,789.01", "-3456789.01", "", "count")],
)
def test_a_minus_sign_makes_a_figure_negative(text, printed, value, unit, kind):
    f = only(text)
    assert (f.text, f.value, f.unit, f.kind) == (printed, Decimal(value), unit, kind)
    assert f.number.startswith("-") and text[f.span.start:f.span.end] == printed


@pytest.mark.parametrize("text", ["增长3%-5%", "3万-5万元", "60-72港元", "2.5-3倍"])
def test_a_hyphen_between_two_figures_is_no_minus_sign(text):
    assert all(f.value > 0 for f in extract_figures(text))


@pytest.mark.parametrize(
    ("text", "cells"),
    [  # a report's cells copied with nothing between them: amounts, then signed rates
        ("净利润(元)2,345,678.90-12.34%9,876,543.21-5.06%",
         [("2,345,678.90", "2345678.90"), ("-12.34%", "-12.34"), ("9,876,543.21", "9876543.21"), ("-5.06%", "-5.06")]),
        ("总资产(元)12,345,678,901.2313,579,246,801.35-9.09%",
         [("12,345,678,901.23", "12345678901.23"), ("13,579,246,801.35", "13579246801.35"), ("-9.09%", "-9.09")]),
    ],
)
def test_cells_run_together_part_at_their_cents_and_signs(text, cells):
    assert [(f.text, f.value) for f in extract_figures(text)] == [(t, Decimal(v)) for t, v in cells]


@pytest.mark.parametrize(("text", "unit"), [("生豬出欄6.5萬頭", "头"), ("播種面積20.71萬(wàn)畝", "亩"),
                                           ("新建住宅5棟", "栋"), ("藏書3.2萬冊", "册")])
def test_measure_words_in_traditional_characters(text, unit):
    # An article is read in its normalized form (normalize.simplified), its figures kept as printed.
    (figure,) = extract_article(Article.from_text(text))
    assert (figure.unit, figure.text) == (unit, text[figure.span.start:figure.span.end])


@pytest.mark.parametrize("text", ["价格区间12,345.60-13,000.50元", "电话0898-6123456"])
def test_a_grouped_amount_before_a_hyphen_in_a_range_or_a_code_keeps_its_reading(text):
    assert all(f.value is None or f.value >= 0 for f in extract_figures(text))


@pytest.mark.parametrize(
    ("text", "printed", "value", "unit"),
    [("3.2万台", "3.2万台", "32000", "台"), ("1.8万套", "1.8万套", "18000", "套"), ("4万份", "4万份", "40000", "份"),
     ("2.6万户", "2.6万户", "26000", "户"), ("5.5万辆", "5.5万辆", "55000", "辆")],
)
def test_ten_thousands_of_counted_things(text, printed, value, unit):
    f = only(f"销量{text}，")
    assert (f.text, f.value, f.unit, f.kind) == (printed, Decimal(value), unit, "count")


@pytest.mark.parametrize(
    ("text", "printed", "value", "unit"),
    [("榜单TOP10中有4家", "TOP10", 10, ""), ("入选Top 5的品牌", "Top 5", 5, ""), ("位列top20", "top20", 20, ""),
     ("进入前10强", "10强", 10, "强")],
)
def test_the_size_of_a_ranking_is_a_count(text, printed, value, unit):
    f = extract_figures(text)[0]
    assert (f.text, f.value, f.unit, f.kind) == (printed, value, unit, "count")


@pytest.mark.parametrize("text", ["收入top10%的人群", "型号LAPTOP15", "STOP3"])
def test_top_is_no_ranking_before_a_percent_or_inside_a_word(text):
    assert [f.text for f in extract_figures(text) if f.text.lower().startswith("top")] == []


@pytest.mark.parametrize("text", ["凌晨約1時半完成点票", "上午10時30分开始", "下午3点半集合"])
def test_times_of_day_are_not_quantities(text):
    assert [f.text for f in figures_of(text) if f.is_quantity] == []


def test_a_digit_after_cheng_is_part_of_it_only_at_a_clause_end():
    assert [f.text for f in figures_of("近三成一线城市房价下跌")] == ["近三成"]
    assert [(f.text, f.value) for f in figures_of("占比一成七。")] == [("一成七", Decimal("1.7"))]


def test_a_word_starting_with_cheng_is_no_unit():
    assert [(f.text, f.unit) for f in extract_figures("交易额100万成交")] == [("100万", "")]
    assert [(f.text, f.unit) for f in extract_figures("交易额100万成为新高")] == [("100万", "")]
    assert [(f.text, f.unit) for f in extract_figures("有3成员")] == [("3", "")]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0１2,，．.成半分之一二三十过近超逾约大以上多年个时点数另票 \n")), max_size=40))
def test_share_and_format_shapes_never_raise_and_spans_match(text):
    for f in extract_figures(text):
        assert text[f.span.start:f.span.end] == f.text


@pytest.mark.parametrize("text", ["三次产业结构为3.9：59.5：36.6", "三次产业比为3.9:59.5:36.6", "结构比例为3.9∶59.5∶36.6",
                                  "三次产业比为3.9比59.5比36.6"])
def test_structure_ratio_terms_are_bare_figures(text):
    """discover/structure.py reads each term of a：b：c as a figure at its printed value."""
    terms = [f for f in extract_figures(text) if not f.chinese]
    assert [(f.number, f.unit, f.decimals, f.kind) for f in terms] == [
        ("3.9", "", 1, "count"), ("59.5", "", 1, "count"), ("36.6", "", 1, "count")]


def test_percent_in_words_takes_every_qualifier():
    f = only_quantity("坏账率不到百分之五")
    assert (f.text, f.value, f.unit, f.qualifier) == ("不到百分之五", 5, "%", "不到")
    g = only_quantity("误差大约千分之三")
    assert (g.text, g.value, g.unit, g.qualifier) == ("大约千分之三", 3, "‰", "大约")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0125，,-−－~～至到—万亿元%家年月日TOPtop分别 、和")), max_size=50))
def test_range_group_and_sign_shapes_never_raise_and_spans_match(text):
    figures = extract_figures(text)
    for f in figures:
        assert text[f.span.start:f.span.end] == f.text
        assert f.span.start <= f.number_span.start < f.number_span.end <= f.span.end
    assert [f.span.start for f in figures] == sorted(f.span.start for f in figures)


@settings(max_examples=300, deadline=None)
@given(value=st.integers(0, 10**12), two=st.booleans())
def test_chinese_numerals_are_valued_as_cn2an_values_them(value, two):
    """auditor reads Chinese numerals itself (cn2an's import costs every run 0.14 s); on
    every numeral cn2an writes and reads back, the two agree."""
    import cn2an

    text = cn2an.an2cn(value, "low")
    if two:
        text = text.replace("二", "两", 1)
    try:
        expected = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError):  # cn2an cannot read back some of its own numerals (五十九亿零一千零一十一: KeyError 1)
        return
    assert chinese_value(text) == Decimal(int(expected))


def test_a_clock_time_is_no_index_points_and_a_shareholder_no_shares():
    figures = extract_figures("会议于8点钟开始，10点半结束，5股东到场。")
    assert all(f.unit not in ("点", "股") for f in figures), [(f.text, f.unit) for f in figures]


def test_more_than_a_multiple_is_a_lower_bound():
    more, plain = figures_of("营收增长3倍多，利润增长2倍")
    assert (more.text, more.qualifier) == ("3倍多", "多") and (plain.text, plain.qualifier) == ("2倍", "")


def test_full_width_figures_read_like_ascii_ones():
    wide, narrow = figures_of("占比１２．５％，"), figures_of("占比12.5%，")
    assert [(f.value, f.unit, f.decimals) for f in wide] == [(f.value, f.unit, f.decimals) for f in narrow]
    assert wide[0].text == "１２．５％"  # kept as printed


@pytest.mark.parametrize("text", ["下午3时20分开会", "会议开了20分钟", "共12分析师参与", "派息5分红"])
def test_fen_is_a_score_only_where_no_word_or_time_claims_it(text):
    assert all(f.unit != "分" for f in figures_of(text))


def test_seats_are_counted_in_xi() -> None:
    """希盟获32席及国阵2席，以34席: seats are a count like any other (not 主席, 席卷)."""
    seats = [(f.value, f.unit) for f in extract_figures("希盟获32席及国阵2席，以34席的优势执政")]
    assert seats == [(Decimal(32), "席"), (Decimal(2), "席"), (Decimal(34), "席")]


@pytest.mark.parametrize(("text", "about"), [
    ("全市地区生产总值(GDP)实现9278亿元", "全市地区生产总值实现"),
    ("居民消费价格指数（CPI）同比上涨2.1%", "居民消费价格指数同比上涨"),
    ("民营企业占全县进出口总值(下同)的71.2%", "民营企业占全县进出口总值的"),
    ("全年外贸进出口（人民币，下同）1020.4亿元", "全年外贸进出口"),
    ("外商投资企业（以下简称外企）进出口86.5亿元", "外商投资企业进出口"),
])
def test_an_abbreviation_in_brackets_glosses_the_name_before_it(text, about):
    """(GDP), (下同), (以下简称…) neither end the clause nor are part of what the figure is about."""
    assert extract_figures(text)[-1].context == about


def test_other_brackets_still_end_a_clause():
    assert extract_figures("(以下简称公报)显示用户18.6亿户")[-1].context == "显示用户"


def test_screens_buildings_and_lamps_are_counted() -> None:
    text = "中國巨幕294塊，建成3幢樓、36盞燈，只花了5块钱。"
    units = {f.text: f.unit for f in figures_of(text)}
    assert units == {"294塊": "块", "3幢": "幢", "36盞": "盏", "5": ""}


def test_thousands_after_ten_thousands_are_one_figure() -> None:
    text = "就業人數為1164萬9千人，失業人數為39萬6千人，共1万5千人；增加1萬、減少5千人。"
    values = {f.text: f.value for f in figures_of(text)}
    assert values["1164萬9千人"] == 11649000 and values["39萬6千人"] == 396000 and values["1万5千人"] == 15000
    assert "1萬" in values and "5千人" in values  # apart, two figures


def test_ten_millions_after_hundred_millions_are_one_figure() -> None:
    text = "合併營收約新台幣6,255億3千萬元，合併營收新台幣1兆460億9千萬元；增加3億、減少2千萬元。"
    found = {f.text: (f.value, f.number, f.scale) for f in figures_of(text)}
    assert found["新台幣6,255億3千萬元"] == (625530000000, "6255.3", 10**8)  # the currency before it is its unit
    assert found["新台幣1兆460億9千萬元"] == (1046090000000, "10460.9", 10**8)
    assert "3億" in found and "2千萬元" in found  # apart, two figures


def test_a_yuan_named_before_the_number() -> None:
    units = {f.text: (f.unit, f.kind) for f in figures_of("稅後純益約新台幣4,523億，人民币1亿，港幣3億，人民币汇率6.9。")}
    assert units["新台幣4,523億"] == ("元", "amount") and units["人民币1亿"] == ("元", "amount")
    assert units["港幣3億"] == ("港元", "amount") and units["6.9"][0] == ""


@pytest.mark.parametrize(
    ("text", "printed", "value", "unit"),
    [("自然增长率为千分之12.13", "千分之12.13", "12.13", "‰"), ("约占百分之 3", "百分之 3", "3", "%")],
)
def test_share_words_before_digits_are_a_percent(text, printed, value, unit):
    [f] = extract_figures(text)
    assert (f.text, f.value, f.unit, f.kind) == (printed, Decimal(value), unit, "percent")


@pytest.mark.parametrize(
    ("text", "printed", "value", "unit"),
    [("获发RM300援助金", "RM300", "300", "令吉"), ("净赚HK$ 1.2亿", "HK$ 1.2亿", "120000000", "港元"),
     ("售价NT$500", "NT$500", "500", "新台币")],
)
def test_a_currency_printed_before_the_number_is_its_unit(text, printed, value, unit):
    [f] = extract_figures(text)
    assert (f.text, f.value, f.unit, f.kind) == (printed, Decimal(value), unit, "amount")


def test_a_bare_number_listed_between_members_of_one_unit_takes_it():
    figures = extract_figures("分别进出口4588.6亿元、1320.5亿元、1286和1187.9亿元")
    assert [(f.text, f.value, f.unit) for f in figures][2] == ("1286", Decimal("128600000000"), "元")
    # not across 至 (a range) nor when only one side has the unit
    assert [f.unit for f in extract_figures("从1200至1500亿元")][0] == ""
    assert [f.unit for f in extract_figures("共12个项目、1286和1187.9亿元")][1] == ""


@pytest.mark.parametrize(("text", "unit"), [("甲乙2校长期合作", ""), ("发现2新元素", ""), ("共3校参加", "校"),
                                           ("售价300新元", "新元"), ("三次产业", None)])
def test_a_unit_is_not_the_start_of_a_longer_word(text, unit):
    figures = extract_figures(text)
    assert (figures[0].unit if figures else None) == unit


def test_the_three_sectors_are_no_count_of_times():
    # 三次产业 names the three sectors; 三次 alone (演出三次) still counts times
    assert [f.text for f in extract_figures("三次产业构成中，第一产业占4.3%。全年演出三次。")] == ["第一", "4.3%", "三次"]


def test_a_footnote_mark_is_no_figure():
    mark, schools = extract_figures("全国共有普通高中[3]1.46万所。")
    assert (mark.kind, schools.text, schools.kind) == ("code", "1.46万所", "count")


@pytest.mark.parametrize(("text", "kind"), [("G79列车", "code"), ("K8次", "code"), ("RM300令吉", "amount"),
                                           ("79列车", "count")])
def test_a_number_glued_after_a_latin_letter_is_a_code_whatever_follows(text, kind):
    [f] = extract_figures(text)
    assert f.kind == kind


def test_a_currency_prefix_glued_to_a_model_code_stays_a_code():
    [f] = extract_figures("型号RM300X")
    assert f.kind == "code"


@pytest.mark.parametrize(
    ("text", "unit"),
    [("分别拉动经济增长0.52个、2.61个和3.57个百分点", "个百分点"), ("分别增长7.4、9.6和5.2%", "%")],
)
def test_members_of_a_list_take_the_unit_of_its_last(text, unit):
    figures = extract_figures(text)
    assert len(figures) == 3 and all(f.unit == unit for f in figures)


def test_counts_listed_before_a_percent_keep_their_counter():
    assert [f.unit for f in extract_figures("新增3个、5个和2.5%")] == ["个", "个", "%"]


def test_taiwans_units_are_units():
    """公頃 and 公噸 (traditional) and 公尺 read as units, not bare counts that add up with others."""
    from auditor.model import Article
    from auditor.extract import extract_article

    article = Article.from_text("收穫面積 269 公頃，總產量 4,274 公噸，長 12 公尺。")
    assert [f.unit for f in extract_article(article)] == ["公顷", "公吨", "公尺"]


def test_a_comma_grouped_number_is_never_a_year():
    # a table row of counts: 1,903 and 1,974 are counts like their neighbours; 2019年 stays a year
    found = {f.text: f.kind for f in extract_figures("110年1月 2,476 3,162 1,903 1,974。2019年销量2019辆")}
    assert found["1,903"] == found["1,974"] == "count"
    assert found["2019年"] == "date"


def test_a_line_of_one_spaced_number_is_one_figure():
    # a table printed one cell per line: 57 837 alone on its line is 57,837 (a row of two cells
    # after a label, 甲 12 345, stays two figures)
    assert [(f.text, f.value) for f in extract_figures("申索\n57 837\n202\n")] == [("57 837", 57837), ("202", 202)]
    assert [f.value for f in extract_figures("甲 12 345\n")] == [12, 345]


def test_a_yearbook_cell_alone_on_its_line_keeps_its_groups_decimals_and_sign():
    cells = "总计\n|\n10 536 205\n|\n2 448.3\n|\n-9 540\n|\n- 1.05\n|\n- 55\n|\n"
    assert [(f.text, f.value) for f in extract_figures(cells)] == [
        ("10 536 205", 10536205), ("2 448.3", Decimal("2448.3")), ("-9 540", -9540), ("- 1.05", Decimal("-1.05")),
        ("- 55", -55)]
    # a list's bullet before a number with words after it is no sign
    assert [(f.text, f.value) for f in extract_figures("要点：\n- 55人参加了活动\n")] == [("55人", 55)]


def test_trillions_and_hundred_millions_with_decimals_are_one_amount():
    # Taiwan's market copy: 4兆3,125.97億元 is 43,125.97亿元, to the 亿's two decimals
    (f,) = extract_figures("总成交金额为4兆3,125.97亿元")
    assert (f.text, f.value, f.scale, f.decimals) == ("4兆3,125.97亿元", 4312597000000, 10**8, 2)


def test_taiwan_years_before_a_month_are_dates() -> None:
    """115年1月30日 is a date (民國 years), not 115 years; 民國115年 alone stays as printed."""
    figures = extract_figures("115年1月30日收盤32,063.75點，較上週（115年1月23日）31,961.51點，108年12月為3.73%")
    assert [(f.text, f.kind) for f in figures if f.kind == "date"] == [
        ("115年1月30日", "date"), ("115年1月23日", "date"), ("108年12月", "date")]
