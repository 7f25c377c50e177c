"""What a figure is about: its place, its measure and its period, normalised into a key.

同期,成都实现外贸进出口6834.7亿元 in an article dated 2023-12-14, after a sentence saying
今年前11月, is 成都 · 外贸进出口 · 2023年1-11月. Two articles that print a figure under the
same key are talking about the same thing, so their values must agree within rounding.

* **Period**: 2023年1-11月, 今年前11月, 1至11月, 上半年, 前三季度, 一季度, 11月份, 2023年, 全年,
  normalised to `YYYY年M-N月`, `YYYY年N月` or `YYYY年`. Looked for in the figure's clause,
  then the rest of its sentence before it, then the sentences before it in its paragraph;
  a period without a year takes the article's year (今年, or none: the date's year; with no
  date, the year the page names most often).
* **Place**: the last place name before the figure in its sentence (a province, a city, a
  district: a name ending in 省/市/区/县/州 or one of the provincial-level and large-city
  names), else the one of the sentences before it, else none.
* **Measure**: the words right before the figure, less the place, the period and the words
  that say how it was measured (实现, 达到, 同比 …).

The key's confidence is `high` when the period and the place are both in the figure's own
sentence, `medium` when one is inherited, `low` when the period or the measure is missing;
only a high-confidence key can make a contradiction an error.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from auditor.discover.text import Page
from auditor.model import Figure

CN_MONTH = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
            "十一": 11, "十二": 12}
QUARTERS = {"一": 3, "二": 6, "三": 9, "四": 12, "1": 3, "2": 6, "3": 9, "4": 12}
MONTH = r"(\d{1,2}|十[一二]?|[一二三四五六七八九])"
PERIODS = [
    ("range", re.compile(rf"(?:(?P<year>(?:19|20)\d\d)年)?(?P<a>{MONTH})[-—–~～至到](?P<b>{MONTH})月")),
    ("first", re.compile(rf"(?:(?P<year>(?:19|20)\d\d)年)?(?:今年)?前(?P<b>{MONTH})个?月")),
    ("quarters", re.compile(r"(?:(?P<year>(?:19|20)\d\d)年)?(?:今年)?前(?P<q>[一二三四1-4])(?:个)?季度")),
    ("quarter", re.compile(r"(?:(?P<year>(?:19|20)\d\d)年)?(?:今年)?第?(?P<q>[一二三四1-4])季度")),
    ("half", re.compile(r"(?:(?P<year>(?:19|20)\d\d)年)?(?:今年)?(?P<h>上|下)半年")),
    ("month", re.compile(rf"(?:(?P<year>(?:19|20)\d\d)年)?(?<![-—–~～至到前\d])(?P<b>{MONTH})月份?(?![\d日])")),
    ("year", re.compile(r"(?P<year>(?:19|20)\d\d)年(?:全年|度)?(?![\d一二三四五六七八九十]+月|[上下]半年|前|第)")),
    ("whole", re.compile(r"今年|全年")),
]
PROVINCES = ("北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽",
             "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西",
             "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门")
CITIES = ("成都", "广州", "深圳", "杭州", "南京", "武汉", "西安", "苏州", "郑州", "长沙", "青岛", "宁波", "厦门",
          "大连", "沈阳", "济南", "合肥", "福州", "昆明", "南昌", "长春", "哈尔滨", "石家庄", "太原", "无锡",
          "佛山", "东莞", "大庆", "温州", "绵阳", "德阳", "眉山", "资阳", "乐山", "宜宾", "泸州")
NATIONAL = ("全国", "我国", "中国", "全省", "全市", "全区", "全县")
PLACE = re.compile("(?:" + "|".join(sorted(PROVINCES + CITIES + NATIONAL, key=len, reverse=True)) + ")(?:省|市)?"
                   + r"|(?![月年日])[\u4e00-\u9fff]{2,4}?(?:省|市|自治区|区|县|州)(?![长委政府场])")
# Words that end like a place and are none: 上市 is a listing, 都市圈 a region of many places.
NOT_PLACE = re.compile(r"(上|超|股|城|都|楼|开|夜|集|闭|新上|退)市$|(社|园|景|小|辖|地|城|片|街|专|分|校)区$|^(各|全)?[省市区县]$")
NOT_MEASURE = re.compile(r"今年|去年|上年|同期|前\d+个?月|\d+月|[一二三四]季度|上半年|下半年|全年|年度|"
                         r"实现|完成|达到|达|为|是|共|有|约|近|超过|其中|累计|分别|比|较|同比|环比|的|了|"
                         r"(?<!增)增长|下降|据统计|统计|显示")
MEASURE_CHARS = 10
YEAR = re.compile(r"((?:19|20)\d\d)年")


@dataclass(frozen=True)
class Key:
    """What a figure is about, normalised; empty fields are unknown."""

    place: str
    measure: str
    period: str
    confidence: str  # high, medium or low

    @property
    def usable(self) -> bool:
        return bool(self.measure and self.period)

    def __str__(self) -> str:
        return " · ".join(part or "?" for part in (self.place, self.measure, self.period))


def key_of(page: Page, figure: Figure, published: date | None) -> Key:
    """The key of one figure on its page (see the module's docstring)."""
    if published is None:  # no date: the year the page itself names most often stands in
        published = page.kept("year", lambda: _likeliest_year(page))
    sentence = page.sentence(figure)
    own = page.text[sentence.start:figure.span.start]
    before = _sentences_before(page, figure)
    period, period_here = _period(own, published), True
    if not period:
        period, period_here = _first(lambda text: _period(text, published), before), False
    place, place_here = _place(own), True
    if not place:
        place, place_here = _first(_place, before), False
    measure = _measure(figure.context, place, own)
    if not period or not measure:
        confidence = "low"
    elif period_here and (place_here or not place):
        confidence = "high"
    else:
        confidence = "medium"
    return Key(place, measure, period, confidence)


def _likeliest_year(page: Page) -> date | None:
    years = Counter(int(y) for y in YEAR.findall(page.text, page.lo, page.end))
    return date(years.most_common(1)[0][0], 12, 31) if years else None


def _sentences_before(page: Page, figure: Figure, limit: int = 3) -> list[str]:
    """The texts of up to `limit` sentences before the figure's, nearest first, in its paragraph."""
    found = []
    index = page.sentences.index(page.sentence(figure))
    for sentence in reversed(page.sentences[max(0, index - limit):index]):
        if "\n\n" in page.text[sentence.end:figure.span.start]:
            break  # a blank line: another paragraph says nothing about this figure's period
        found.append(sentence.text)
    return found


def _first(read, texts: list[str]) -> str:  # noqa: ANN001 - a key reader
    for text in texts:
        value = read(text)
        if value:
            return value
    return ""


def _period(text: str, published: date | None) -> str:
    """The last period named in `text`, normalised; "" when it names none."""
    best: tuple[int, str] | None = None
    for kind, pattern in PERIODS:
        for match in pattern.finditer(text):
            value = _normalised(kind, match, published)
            if value and (best is None or match.end() > best[0]):
                best = (match.end(), value)
    return best[1] if best else ""


def _normalised(kind: str, match: re.Match[str], published: date | None) -> str:
    groups = match.groupdict()
    year = groups.get("year") or (str(published.year) if published else "")
    if kind == "whole":
        return f"{year}年" if year else ""
    if not year:
        return ""
    if kind == "year":
        return f"{year}年"
    if kind == "half":
        return f"{year}年1-6月" if groups["h"] == "上" else f"{year}年7-12月"
    if kind in ("quarters", "quarter"):
        end = QUARTERS[groups["q"]]
        return f"{year}年1-{end}月" if kind == "quarters" else f"{year}年{end - 2}-{end}月"
    b = _month(groups["b"])
    if kind == "month":
        return f"{year}年{b}月" if b else ""
    a = 1 if kind == "first" else _month(groups["a"])
    return f"{year}年{a}-{b}月" if a and b and a < b else ""


def _month(text: str) -> int:
    value = int(text) if text.isdigit() else CN_MONTH.get(text, 0)
    return value if 1 <= value <= 12 else 0


def _place(text: str) -> str:
    names = [m.group() for m in PLACE.finditer(text) if m.group() in NATIONAL or not NOT_PLACE.search(m.group())]
    return _canonical(names[-1]) if names else ""


def _canonical(name: str) -> str:
    """成都市 and 成都 are one place; 全国 and 我国 one country."""
    if name in ("我国", "中国"):
        return "全国"
    stem = re.sub(r"(省|市)$", "", name)
    return stem if stem in PROVINCES + CITIES else name


def _measure(context: str, place: str, own: str) -> str:
    """The words right before the figure that say what it counts."""
    words = NOT_MEASURE.sub(" ", context)  # not GENERIC: 增加值 is a measure, not a change
    words = PLACE.sub(" ", words)  # 德阳市 whole, before the bare name 德阳
    if place:
        words = words.replace(place, " ")
    parts = [w for w in re.split(r"[\s，,。；;：:、（）()]+", words) if re.search(r"[\u4e00-\u9fff]", w)]
    return parts[-1][-MEASURE_CHARS:] if parts else ""
