"""Relations that must not be read, which the per-kind cases cannot state: frames of one that
holds (siblings.py), figures carried by the members of a sum (companions.py), a table's
column of changes."""
from __future__ import annotations

from auditor.discover import relations
from auditor.extract import extract_article
from auditor.model import Article


def _read(text: str, note: str = "") -> list[list[str]]:
    """The figures of every relation found (whose note says `note`)."""
    article = Article.from_text(text)
    return [["".join(f.text.split()) for f in r.figures] for r in relations(article, extract_article(article))
            if note in r.note]


def test_a_rate_to_other_decimals_is_no_sibling():
    # the city's 侦破率 (two decimals) frames nothing for the counties that each reached 100%
    found = _read("全市共发生命案73起，破获66起，侦破率达到90.41%，12个县区中有10个侦破率达到100%。")
    assert ["66起", "73起", "90.41%"] in found
    assert not any("100%" in figures for figures in found)


def test_a_rate_after_other_words_is_no_sibling():
    # 占旅客总数 and 分别占 share no words next to the rate: different frames
    found = _read("不过夜旅客为11902440人次，占旅客总数52.9%，入境旅客总数22485493人次。"
                  "经码头入境旅客为5999197人次，内地旅客13115883人次，香港旅客分别占58.0%。")
    assert not any("58.0%" in figures for figures in found)


def test_rates_carried_by_the_members_of_a_sum_do_not_add():
    text = "东区录得412宗，占25.7%；西区录得287宗，占17.9%；北区录得905宗，占56.4%。三区合共1604宗，占100%。"
    assert ["412宗", "287宗", "905宗", "1604宗"] in _read(text)
    assert not _read(text, note="each carry one")


def test_a_column_of_changes_is_no_column_of_shares():
    # ∆%: a newcomer's change equals its share (24.35 and 24.35), the others' do not
    text = ("政党 候选人 票数 % ∆%\n甲盟 Ahmad Rosli 25,075 37.62 9.05\n乙阵 Tan Wei Ming 24,383 36.58 6.40\n"
            "丙盟 Roslan Hassan 16,233 24.35 24.35\n独立人士 Lim Ah Kow 966 1.45 1.45\n合格选票 66,657 100.00\n")
    found = _read(text)
    assert ["25,075", "66,657", "37.62"] in found
    assert not any(figures[-1] in ("9.05", "6.40") for figures in found)


def test_rows_after_a_total_below_its_parts_are_no_shares_of_it():
    # 投票率 28,668 72.07: turnout over the registered voters, not a share of the valid votes
    text = ("政党 | 候选人 | 票数 | % | ||\n甲党 | 陈大文 | 19,094 | 67.97 | ||\n乙党 | 林小明 | 8,996 | 32.03 | ||\n"
            "合格选票 | 28,090 | 100.00 | ||\n无效选票 | 502 | ||\n投票率 | 28,668 | 72.07 | ||\n登记选民 | 39,777 | ||\n")
    found = _read(text)
    assert ["19,094", "28,090", "67.97"] in found
    assert not any(figures[-1] == "72.07" and "28,090" in figures for figures in found)


def test_an_approximate_small_rate_is_no_share_far_from_it():
    # 日平均週轉率约0.91% is 19.19% over 21 days, not 7,918.17 ÷ 166,281.67 (4.76%)
    text = "累计共21个交易日，总成交金额达166,281.67亿元，日均成交金额约7,918.17亿元，周转率为19.19%，日平均周转率约0.91%。"
    assert not any(figures[-1] == "约0.91%" and "7,918.17亿元" in figures[0] for figures in _read(text))
