"""Discovery kinds: every case in tests/cases/<kind>.yaml, run by one runner, plus meta-tests."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from auditor.discover import KINDS, judge, relations
from auditor.extract import extract_article, extract_figures
from auditor.model import Article

CASES = Path(__file__).parent / "cases"
SECTIONS = ("## What it finds", "## Why", "## Passing example", "## Failing example")


def _load(kind: str) -> dict:
    return yaml.safe_load((CASES / f"{kind}.yaml").read_text(encoding="utf-8"))


def _all_cases() -> list[tuple[str, str, dict]]:
    return [(kind, name, case) for kind in KINDS if (CASES / f"{kind}.yaml").exists()
            for name, case in _load(kind)["cases"].items()]


@pytest.mark.parametrize(("kind", "name", "case"), _all_cases(), ids=lambda v: v if isinstance(v, str) else "")
def test_case(kind: str, name: str, case: dict) -> None:
    article = Article.from_text(case["text"])
    # `kinds`: the modules to run, when another kind's module builds this one (share.py
    # builds sums from shares that make 100%); only relations of this kind are judged.
    found = [r for r in relations(article, extract_article(article), case.get("kinds", [kind])) if r.kind == kind]
    if case["expect"] == "unread":  # this relation is not read, whatever else is
        assert not [r for r in found if ["".join(f.text.split()) for f in r.figures] == case["figures"]]
        return
    if case["expect"] == "none":
        assert not found, [r.title for r in found]
        return
    if "figures" in case:  # the relation the case is about, among any others found
        found = [r for r in found if ["".join(f.text.split()) for f in r.figures] == case["figures"]]
    assert len(found) == 1, [r.title for r in found]
    finding = judge(found[0])
    assert finding.status == case["expect"], finding.message
    if "severity" in case:  # only strong evidence may fail the gate
        assert finding.severity == case["severity"], finding.message


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_has_passing_and_failing_cases(kind: str) -> None:
    assert (CASES / f"{kind}.yaml").exists(), f"tests/cases/{kind}.yaml is missing"
    data = _load(kind)
    assert data["kind"] == kind
    expects = {c["expect"] for c in data["cases"].values()}
    assert "holds" in expects and "fails" in expects, f"{kind} needs a passing and a failing case"


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_documents_itself(kind: str) -> None:
    doc = KINDS[kind].__doc__ or ""
    missing = [s for s in SECTIONS if s not in doc]
    assert not missing, f"{kind} docstring lacks {missing}"


def test_discovered_findings_name_their_kind_and_confidence() -> None:
    text = "全县设立县级河长12人、乡级河长148人、村级河长1035人，河长总人数达1159人。"
    [relation] = relations(Article.from_text(text), extract_figures(text), ["sum"])
    finding = judge(relation)
    assert finding.origin == "discover:sum" and finding.confidence == "high"
    assert finding.status == "fails" and finding.severity == "error"
    assert "河长总人数达1159人" in finding.evidence


def test_accuracy_benchmark_skips_without_the_corpus(tmp_path):
    import subprocess
    import sys

    from tests.conftest import ROOT

    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "accuracy.py"), "--corpus", str(tmp_path / "none")],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "skipped" in done.stdout


def test_transpositions_swap_each_adjacent_pair_across_the_point() -> None:
    from auditor.discover.typos import transposed

    [figure] = extract_figures("占比79.2%")
    assert [f.number for f in transposed(figure)] == ["97.2", "72.9"]
    [figure] = extract_figures("共有1055家")  # not 0155 (a leading zero), not 1055 again (5, 5)
    assert [f.number for f in transposed(figure)] == ["1505"]


def test_strikes_take_out_one_digit_of_a_long_figure_but_never_lead_with_zero() -> None:
    from auditor.discover.typos import struck

    [figure] = extract_figures("完成12939.90万TEU")
    numbers = [f.number for f in struck(figure)]
    assert "1293.90" in numbers and "2939.90" in numbers and "12939.9" in numbers
    assert all(not n.startswith(".") for n in numbers)
    [figure] = extract_figures("共有1055家")  # 055 would lead with a zero
    assert sorted(f.number for f in struck(figure)) == ["105", "155"]
    [figure] = extract_figures("共有155家")  # three digits: too short for a strike to be evidence
    assert struck(figure) == []


def test_a_member_named_twice_makes_no_list_of_members_before_a_total() -> None:
    """小学专任教师 twice (two years) is no list of the kinds of teacher the total adds up."""
    from auditor.discover import echoed
    from auditor.discover.text import pages

    text = "2022年小学专任教师6408人，2023年小学专任教师6420人，初中专任教师3377人，高中专任教师1650人。全县其中专任教师17855人。"
    [page] = pages(text, tuple(extract_figures(text)))
    assert echoed._named_before(page) == []
    text = text.replace("2023年小学", "特殊教育学校")
    [page] = pages(text, tuple(extract_figures(text)))
    assert [r.figures[-1].text for r in echoed._named_before(page)] == ["17855人"]


def test_no_digits_are_swapped_across_the_order_of_a_compound_amount() -> None:
    """1亿2345万元 is 1.2345亿: its 1 and 2 are not typed side by side, and a hint of
    "1.2345 read 2.1345" could not be found in the text."""
    from auditor.discover.typos import transposed

    [figure] = extract_figures("投资1亿2345万元")
    assert transposed(figure) == []
    [figure] = extract_figures("投资12345万元")
    assert "13245" in [f.number for f in transposed(figure)]


def test_a_relation_bound_through_a_swap_says_which_reading_holds() -> None:
    text = "全区共有医疗机构418家。其中，医院36家、卫生院52家、诊所303家。"
    [relation] = relations(Article.from_text(text), extract_figures(text), ["sum"])
    finding = judge(relation)
    assert finding.status == "fails" and finding.severity == "error"
    assert "holds if 303 read 330" in finding.title


def test_a_failing_relation_that_a_swap_mends_names_the_swap() -> None:
    text = "累计放款规模达2400亿元，其中信用贷款规模1710亿元，占比达73.1%。"
    [relation] = relations(Article.from_text(text), extract_figures(text), ["share"])
    finding = judge(relation)
    assert finding.status == "fails"
    assert "holds if 73.1% read 71.3%" in finding.title


def test_no_swap_is_named_when_a_last_digit_one_off_explains_the_failure() -> None:
    """33% for 5亿4406万 → 7亿1791万 (32.0%) is one unit off; that 54406 read 54046 would also
    fit is a coincidence, not the likelier misprint."""
    text = "该公司半年净利大涨33%至7亿1791万令吉，去年同期为5亿4406万令吉。"
    [relation] = relations(Article.from_text(text), extract_figures(text), ["change"])
    finding = judge(relation)
    assert finding.status == "fails" and "swapped" not in finding.title


def test_only_a_restatement_paired_by_its_nearness_is_a_warning() -> None:
    """A headline and its story differ in one digit: the words pair them, so a gate error; two
    figures one unit apart whose words barely agree are a warning."""
    def confidence(text: str) -> str:
        article = Article.from_text(text)
        [relation] = [r for r in relations(article, extract_article(article), ["repeated"])]
        return relation.confidence

    assert confidence("全市林长总数达6675人\n\n全市已有市级林长32人、县级林长382人，林长总人数达6674人。") == "high"
    assert confidence("今年全区共接待游客12,346人次。\n\n另据统计，景区全年累计接待各地游客12,347人次，比去年增加。") == "medium"


def test_no_relation_reads_one_end_of_a_range():
    article = Article.from_text("公司二季度营收318.46亿元，上年同期316.02亿元，预计全年营收增长0.5%至1.5%。")
    assert not [r for r in relations(article, extract_article(article)) if r.kind == "growth"]


def test_a_from_to_is_no_range():
    article = Article.from_text("城镇化率从38.30%至41.06%，提高2.76个百分点。")
    assert [r for r in relations(article, extract_article(article)) if r.kind == "points"]


def test_a_headline_rate_the_story_restates_is_no_slip_of_another_rate():
    article = Article.from_text("进口面料占本地总产量46%\n\n本报讯 进口面料占本地面料总产量的46%。"
                                "受需求影响，本地面料产能也减少40%或50%。")
    pairs = [[f.text for f in r.figures] for r in relations(article, extract_article(article)) if r.kind == "repeated"]
    assert pairs == [["46%", "46%"]]


def test_an_average_of_another_period_is_not_checked_on_the_agreed_one() -> None:
    # three pairs agree on 8 days; the port's 9月份 pair lands on 30, far from 8: its own month
    # (30 days) is its period
    text = ("假期8天，铁路发送旅客1.37亿人次，日均1712.5万人次；公路发送旅客2.4亿人次，"
            "日均3000万人次；民航运送旅客1680万人次，日均210万人次。9月份，全国港口完成货物吞吐量15亿吨，日均5000万吨。")
    found = relations(Article.from_text(text), extract_figures(text), ["average"])
    assert sorted(r.title for r in found) == ["1.37亿人次 ÷ 8 ≈ 1712.5万人次", "15亿吨 ÷ 30 ≈ 5000万吨",
                                              "1680万人次 ÷ 8 ≈ 210万人次", "2.4亿人次 ÷ 8 ≈ 3000万人次"]


def test_a_list_of_a_hundred_lines_is_no_list_of_pairs() -> None:
    # 99 members, one a line, shares making 100%: a table, not one relation per member naming all 99
    counts = [3000 + 10 * (i % 2) for i in range(99)]  # shares 1.01% and 1.00% (to 0.01), making 100%
    lines = [f"门店{i}销售{c}台，（份额{Decimal(100 * c) / sum(counts):.2f}%）。" for i, c in enumerate(counts)]
    text = "\n".join(lines)
    found = relations(Article.from_text(text), extract_figures(text), ["proportion"])
    assert all(len(r.figures) <= 13 for r in found)


def test_a_table_row_of_rates_is_no_row_of_levels() -> None:
    # 客房出租率 | % | 48.64 | 49.00 | 0.4: its change column is in points, not a rate of change
    table = _load("table")["cases"]["cells_one_per_line_with_a_unit_column"]["text"]
    article = Article.from_text(table)
    found = relations(article, extract_article(article), ["table"])
    assert found and not any("48.64" in [f.text for f in r.figures] for r in found)


def test_a_box_score_has_no_columns_of_differences() -> None:
    """Counts of a box score (innings, at-bats, hits) are small: one column less another fits
    many rows by chance (0 − 0 = 0, 3 − 1 = 2), and says nothing."""
    text = ("總冠軍賽第一戰 賽後戰報\n"
            "1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | R | H | E | |\n"
            "甲隊 | 0 | 2 | 0 | 1 | 0 | 0 | 1 | 0 | 1 | 5 | 10 | 1 |\n"
            "乙隊 | 1 | 0 | 0 | 4 | 0 | 0 | 0 | 2 | 0 | 7 | 13 | 0 |\n"
            "投手 | 用球數(好球) | 局數 | 被安打(HR) | 三振 | 保送 | 暴投 | 失分(責失) |\n"
            "甲投手(L,0-1) | 90(58) | 4.0 | 8(1) | 4 | 2 | 0 | 5(5) |\n"
            "乙投手 | 30(19) | 2.0 | 2 | 1 | 0 | 0 | 0 |\n"
            "丙投手 | 20(15) | 1.0 | 1 | 2 | 0 | 0 | 0 |\n"
            "丁投手 | 17(11) | 1.0 | 2 | 0 | 1 | 0 | 2(2) |\n"
            "先發打者 | 先發守位 | 打數 | 安打 | 全壘打 | 三振 | 保送 | 打點 | 盜壘 | 雙殺打 | 失誤 |\n"
            "子 | RF | 4 | 1 | 0 | 1 | 0 | 0 | 0 | 1 | 0 |\n"
            "丑 | CF | 5 | 2 | 0 | 0 | 0 | 1 | 0 | 0 | 0 |\n"
            "寅 | LF | 4 | 3 | 1 | 0 | 1 | 3 | 0 | 0 | 0 |\n"
            "卯 | 1B | 5 | 0 | 0 | 2 | 0 | 0 | 0 | 0 | 1 |\n"
            "辰 | 3B | 4 | 1 | 0 | 1 | 0 | 0 | 1 | 0 | 0 |\n"
            "巳 | DH | 3 | 2 | 1 | 0 | 1 | 1 | 0 | 0 | 0 |\n"
            "午 | SS | 3 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |")
    found = relations(Article.from_text(text), extract_figures(text), ["table"])
    assert [r.title for r in found if " - " in r.exprs[0]] == []


def test_changes_of_the_counts_are_no_counts_of_an_unemployment_rate() -> None:
    """1千 ÷ (1千 + 3万) is near 3.26%, but both are changes from a year before, not levels."""
    text = "常住人口失業率為3.26%。與去年同月相比，就業人數年增3萬人，失業人數年增1千人。"
    found = relations(Article.from_text(text), extract_figures(text), ["proportion"])
    assert [r.title for r in found if "unemployment" in r.note] == []


def test_the_whole_named_with_zai_zhong_is_no_part_of_another_share() -> None:
    """其中安卓手机在智能手机中占比92.4% names 智能手机 as its whole: the 7307.2 of 智能手机 is
    no part of it (its own 95.0% of 7693.1 is)."""
    article = Article.from_text("1-3月，国内手机出货量7693.1万部。智能手机出货量7307.2万部，同比下降10.7%，"
                                "占同期手机出货量的95.0%，其中安卓手机在智能手机中占比92.4%。")
    found = [r.title for r in relations(article, extract_article(article), ["share"])]
    assert found == ["7307.2万部 ÷ 7693.1万部 ≈ 95.0%"]
