"""Turning pattern matches into `Figure` values: number as printed, scale, unit, kind."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal
from itertools import pairwise
from typing import Any

from auditor.extract import patterns as P
from auditor.extract.numerals import chinese_value, is_statistic, share_fraction
from auditor.model import Kind, Span

SCALES = {"万亿": 10**12, "兆": 10**12, "亿": 10**8, "千万": 10**7, "百万": 10**6, "万": 10**4, "千": 10**3}
_KIND_OF_UNIT: dict[str, Kind] = {
    **{u: "amount" for u in P.CURRENCY + P.PHYSICAL},
    **{u: "count" for u in P.DURATION + P.COUNTERS},
    "%": "percent", "‰": "percent", "成": "percent",
    "个百分点": "percentage_point", "倍": "multiple", "番": "multiple",
}
_UNIT_ALIASES = {"％": "%", "百分点": "个百分点", "个(gè)百分点": "个百分点", "个    百分点": "个百分点"}
_WS = re.compile(r"\s+")
_INVISIBLE = re.compile(f"[{P.INVISIBLE}]")


def normalise_number(printed: str) -> str:
    """ASCII digits, no thousands separators: the numeral as a Decimal can read it."""
    if printed.isascii() and printed.replace(".", "", 1).isdigit():
        return printed  # most numerals: nothing to translate, strip or join
    return _WS.sub("", _INVISIBLE.sub("", printed.translate(P.FULLWIDTH))).replace(",", "")


# Decimal's default context keeps 28 digits: a 30-digit figure times 亿 would be rounded.
# Products of a numeral and a power of ten are exact in this context (never used to divide).
_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)


def exact(value: Decimal) -> Decimal:
    """The value without exponent or trailing zeros: 1.3 × 10⁴ is 13000, not 1.3E+4 or 13000.0."""
    return Decimal(format(value.normalize(_EXACT), "f"))


def scaled(number: str, scale: int) -> Decimal:
    """The numeral times its 万/亿 scale, exactly, however many digits it has."""
    if number.isascii() and number.isdigit():
        return Decimal(int(number) * scale)  # a whole number's product is exact as it is
    return exact(_EXACT.multiply(Decimal(number), scale))


def decimals_of(number: str) -> int:
    return len(number.split(".", 1)[1]) if "." in number else 0


# …and an editor's aside (占全市进出口总值(下同)的84.6%, 外商投资企业(以下简称外企)), or a note of
# what a name covers (业务收入(不包括邮政储蓄银行直接营业收入)完成13509.6亿元): no clause either.
_GLOSS = re.compile(r"[（(][A-Za-z][A-Za-z0-9.&/+\- ]{0,9}[)）]"
                    r"|[（(](?:[^（）()]{0,8}[，,、])?(?:下同|以下同|同下)[)）]|[（(](?:以下)?简称[^（）()]{1,12}[)）]"
                    r"|[（(](?:不包括|不包含|不含|包括|包含|含)[^（）()0-9０-９]{1,24}[)）]")


class Clauses:
    """Where each clause of a text starts, found once, so a figure's context is one bisect."""

    def __init__(self, text: str) -> None:
        self.text = text
        # An abbreviation in brackets (地区生产总值(GDP)实现…, 居民消费价格指数（CPI）) glosses the
        # name before it: it neither ends the clause nor belongs in what the figure is about.
        glosses = [m.span() for m in _GLOSS.finditer(text)]
        self.gloss_starts = [lo for lo, _ in glosses]  # in order: one bisect per figure
        inside = {at for lo, hi in glosses for at in range(lo, hi)}
        self.starts = [0] + [m.end() for m in P.CLAUSE_BREAK.finditer(text) if m.start() not in inside]

    def before(self, offset: int, limit: int = 40) -> str:
        """The clause a figure ends, whitespace removed: what the figure is about."""
        start = max(self.starts[bisect_right(self.starts, offset) - 1], offset - 4 * limit)
        words = self.text[start:offset]
        at = bisect_left(self.gloss_starts, start)
        if at < len(self.gloss_starts) and self.gloss_starts[at] < offset:
            words = _GLOSS.sub("", words)
        return _WS.sub("", words)[-limit:]


Draft = dict[str, Any]  # a figure's fields before it gets its id and context


def build(match: re.Match[str], text: str) -> Draft | None:
    """The fields of the figure a master-pattern match stands for, or None when it is not one."""
    kind = match.lastgroup
    if kind == "quantity":
        return _quantity(match, text)
    if kind == "cnquantity":
        return _cn_quantity(match, text)
    if kind == "cnpercent":
        return _cn_percent(match, text)
    if kind == "share":
        return _share(match, text)
    if kind == "top":
        number = normalise_number(match.group("t_num"))
        return _figure(match.span(), match.span("t_num"), text, number, 1, Decimal(number), "", 0, "", "count")
    return _fixed_kind(match, text, kind or "code")


def _fixed_kind(match: re.Match[str], text: str, name: str) -> Draft:
    kinds: dict[str, Kind] = {"reldate": "date", "year": "date", "month": "date", "clock": "date"}
    kind: Kind = kinds.get(name, name)  # type: ignore[assignment]
    printed = match.group()
    digits = re.findall(r"[0-9０-９]+(?:[.．﹒][0-9０-９]+)?", printed)
    number = normalise_number(digits[0]) if kind == "rank" and digits else _WS.sub("", printed)
    value = Decimal(number) if kind == "rank" and digits else Decimal(0)
    if kind == "ordinal":
        value = chinese_value(re.sub(f"[^{P.CN_DIGITS}]", "", printed[1:])) or Decimal(0)
    return _figure(match.span(), match.span(), text, number, 1, value, "", 0, "", kind)


def _quantity(m: re.Match[str], text: str) -> Draft | None:
    number = normalise_number(m.group("q_num"))
    mult = m.group("q_mult") or ""
    unit = _UNIT_ALIASES.get(m.group("q_unit") or "", m.group("q_unit") or "")
    scale = SCALES.get(mult, 1)
    # Tenths count to ten: 3成 is 30%, but the 成 after 100万 starts a word, not a unit.
    parts = ("q_num", "q_yu1", "q_mult", "q_yu2", "q_unit", "q_post")
    if unit == "成" and (mult or Decimal(number) > 10):
        unit, parts = "", parts[:4]
    if unit and _cell_end(m, text):
        unit, parts = "", parts[:4]
    value = scaled(number, scale)
    if m.group("q_sign"):
        number, value = "-" + number, -value
    qualifier = m.group("q_pre") or m.group("q_yu1") or m.group("q_yu2") or ""
    if "q_post" in parts:
        qualifier = qualifier or (m.group("q_post") or "").removeprefix("及")  # 10家及以上 is 以上
    start = m.start("q_pre") if m.group("q_pre") else m.start("q_sign") if m.group("q_sign") else m.start("q_num")
    after = text[m.end("q_num"):m.end("q_num") + 1]
    prefix = None if unit or m.group("q_pre") or (after.isascii() and after.isalpha()) \
        else _PREFIX.search(text, max(0, start - 5), start)
    if prefix is not None:  # RM300, HK$1.2亿, NT$ 500: the currency printed before the number
        unit, start = _PREFIXED[prefix.group("cur")], prefix.start()
    kind: Kind = _KIND_OF_UNIT.get(unit, "count")
    if not unit and not mult and not qualifier:
        kind = _bare_kind(m, text, number)
    elif kind == "count" and not mult and prefix is None and _after_latin(m, text):
        kind = "code"  # G79列车, K8次: a train's or a flight's number, whatever word follows it
    end = _last_end(m, parts)
    draft = _figure((start, end), m.span("q_num"), text, number, scale, value, unit,
                    decimals_of(number), qualifier, kind)
    draft["_match"] = m  # for join_groups and join_ranges; dropped before the Figure is made
    if prefix is not None:
        draft["_prefixed"] = True  # the unit printed before: 新台币6,255亿3千万元 is still one figure
    return draft


# Currencies printed before the number (Malaysian, Hong Kong, Taiwanese and Singaporean copy).
_PREFIXED = {"RM": "令吉", "HK$": "港元", "HKD": "港元", "NT$": "新台币", "S$": "新元", "SGD": "新元",
             "US$": "美元", "USD": "美元", "RMB": "人民币", "MOP": "澳门元", "MOP$": "澳门元", "￥": "元", "¥": "元",
             # 税后纯益约新台币4,523亿: the yuan named before the number, as 4,523亿元 names it after
             "新台币": "元", "台币": "元", "人民币": "元", "港币": "港元", "澳门币": "澳门元"}
_PREFIX = re.compile(r"(?<![A-Za-z])(?P<cur>" + "|".join(re.escape(k) for k in sorted(_PREFIXED, key=len, reverse=True))
                     + r")[ \u3000]?$")


def _cell_end(m: re.Match[str], text: str) -> bool:
    """A unit across a line break that belongs to the next line: after a number that stands
    apart on its line, a table cell (建筑业 54099 23.4⏎批发和零售业 …). A PDF line break inside
    a figure (成都供需信息240⏎⏎条, 380余⏎万户) follows a number joined to its words."""
    if m.group("q_mult") or m.group("q_yu1"):
        return False  # 7.1⏎⏎亿余条: the multiplier carries the figure over the break
    start = m.start("q_num")
    return "\n" in text[m.end("q_num"):m.start("q_unit")] and start > 0 and text[start - 1] in " \t\u3000|"


def _last_end(m: re.Match[str], parts: tuple[str, ...]) -> int:
    """Where the last non-empty group of `parts` ends: the pattern prints them in this order,
    one after another, so that is the furthest end of any (the numeral's at least)."""
    for group in reversed(parts):
        if m.group(group):
            return m.end(group)
    return max(m.end(g) for g in parts if m.group(g))  # none: fails as it always did


def _latin_neighbour(m: re.Match[str], text: str) -> bool:
    """Whether the numeral (its sign included) touches an ASCII letter: G6113, A1, 5G."""
    after = text[m.end("q_num")] if m.end("q_num") < len(text) else ""
    return _after_latin(m, text) or after.isascii() and after.isalpha()


def _after_latin(m: re.Match[str], text: str) -> bool:
    """Whether an ASCII letter is glued right before the numeral (its sign included): G79."""
    first = m.start("q_sign") if m.group("q_sign") else m.start("q_num")
    return first > 0 and text[first - 1].isascii() and text[first - 1].isalpha()


def _bare_kind(m: re.Match[str], text: str, number: str) -> Kind:
    """A number with no unit: a year, a code glued to Latin letters, or a plain count.

    The char before a signed number is the one before its sign: -990,003,784.54 is a count."""
    first = m.start("q_sign") if m.group("q_sign") else m.start("q_num")
    before = text[first - 1] if first else ""
    after = text[m.end("q_num")] if m.end("q_num") < len(text) else ""
    if _latin_neighbour(m, text) or before in ("[", "［") and after in ("]", "］"):
        return "code"  # G6113, 5G; and a footnote's mark, 學校[7]20.72萬所
    grouped = any(c in m.group("q_num") for c in ",，")  # 1,903 in a table is a count, never a year
    if (after == "-" and not _cell_amount(m.group("q_num"))) or before == "-":
        return "code"  # 0898-6123: a code; 164,473,351.60-30.38%: cells run together (see signed_cells)
    if len(number) == 4 and number.isdigit() and 1900 <= int(number) <= 2100 and not grouped:
        return "date"
    return "count"


# ---------------------------------------------------------------------------------------------
# Joining neighbouring matches. Both passes read the drafts of one text in order.

_QUANTITY_KINDS = ("amount", "count", "percent", "percentage_point", "multiple")
_HEAD = re.compile(r"[0-9]{1,3}")
_GROUP = re.compile(r"[0-9]{3}(?:[.．﹒][0-9]+)?")
_LIST_WORD = re.compile(r"分别|依次|分列|各为|各是")


def join_groups(drafts: list[Draft], clauses: Clauses) -> list[Draft]:
    """A full-width comma between ASCII digit groups used as a thousands separator: 52，016辆.

    Chinese text writes the clause-breaking comma ， between numbers too (分别为12，15和18), so
    a run `1-3 digits，3 digits(，3 digits)…` is one number only when nothing says it is a list:
    no digit right after the last group, no list word (分别, 依次 …) in the clause and no
    list around it (`15、12，150`, `12，150，18`, `12，150和18`, a score `3：1，200`). A group that starts with 0
    (52，016, 4，050) cannot be a figure of its own, and joins even in a list.
    The risk left is a clause that ends in a bare number before a three-digit figure, as in
    增长12，150家企业受益: read as 12150家. A clause that ends in a bare number is rare in
    news text, and a bare number there usually lacks the unit it shares with what follows.
    """
    out: list[Draft] = []
    i = 0
    while i < len(drafts):
        last = _group_run(drafts, i, clauses)
        if last > i:
            out.append(_joined_groups(drafts[i:last + 1], clauses.text))
        else:
            out.append(drafts[i])
        i = last + 1
    return out


def _plain(d: Draft, text: str) -> bool:
    """A quantity match that is a numeral alone (a sign or qualifier before it allowed): no unit,
    no multiplier, no tail (余, 多, 左右 ...) and no Latin letter touching it (G6113, 5G)."""
    m = d.get("_match")
    return (m is not None and not d["unit"] and not m.group("q_mult") and not m.group("q_yu1")
            and not m.group("q_yu2") and not m.group("q_post") and not _latin_neighbour(m, text))


def _group_run(drafts: list[Draft], i: int, clauses: Clauses) -> int:
    """The index of the last group of a thousands-separated run starting at drafts[i], or i."""
    text, head = clauses.text, drafts[i]
    end = head["span"].end
    if (text[end:end + 1] != "，" or not _HEAD.fullmatch(text, head["number_span"].start, head["number_span"].end)
            or not _plain(head, text)):
        return i
    j = i
    while j + 1 < len(drafts):
        prev, cur = drafts[j], drafts[j + 1]
        if ("_match" not in cur or cur["span"].start != cur["number_span"].start
                or text[prev["span"].end:cur["span"].start] != "，"
                or not _GROUP.fullmatch(text, cur["number_span"].start, cur["number_span"].end)
                or _latin_neighbour(cur["_match"], text)):
            break
        j += 1
        if not _plain(cur, text) or "." in cur["number"]:
            break  # a unit, a multiplier, a tail or a fraction ends the number
    if j == i or any(d["number"].startswith("0") for d in drafts[i + 1:j + 1]):
        return j
    start, end = head["span"].start, drafts[j]["span"].end
    if (_LIST_WORD.search(clauses.before(start))
            or re.match(r"[，、,和及与或][ \t]*[0-9０-９]", text[end:end + 3])
            or re.search(r"[0-9０-９][，、,：:]$", text[max(0, start - 2):start])):
        return i
    return j


def _joined_groups(group: list[Draft], text: str) -> Draft:
    head, last = group[0], group[-1]
    digits = "".join(d["number"].lstrip("-") for d in group)
    negative = head["number"].startswith("-")
    value = scaled(digits, last["scale"])
    number = ("-" if negative else "") + digits
    qualifier = head["qualifier"] or last["qualifier"]
    draft = _figure((head["span"].start, last["span"].end), (head["number_span"].start, last["number_span"].end),
                    text, number, last["scale"], -value if negative else value, last["unit"],
                    decimals_of(digits), qualifier, last["kind"] if not _plain(last, text) else "count")
    draft["_match"] = last["_match"]
    return draft


# The next order down: three or four digits (369萬466票 is 3,690,466, as Taiwanese copy drops the
# zero), grouped or not (1,931萬1,105人). Two or fewer (5万12人) stay a figure of their own.
_LOWER = re.compile(r"[0-9０-９]{3,4}|[0-9０-９],[0-9０-９]{3}")
_ONE_DIGIT = re.compile(r"[0-9０-９]")


def join_wan(drafts: list[Draft], text: str) -> list[Draft]:
    """3萬7797人 and 1亿2345万元 are one figure each: a whole number of 万 (亿) followed,
    with nothing between, by three or four digits of the next order down (369萬466票 is
    3,690,466; 1,931萬1,105人 is 19,311,105), or by one digit of 千 (1164萬9千人 is 11,649,000),
    itself followed by three digits (2万5千434元 is 25,434); after 零, by anything below the
    order (1万零869新元 is 10,869); across one space after a qualifier (約18萬 5100美元). Taiwanese,
    Japanese-translated and some mainland copy write counts this way; read apart they are
    two figures that add up to nothing. So is one digit of 千万 after 亿 (6,255億3千萬元 is
    6,255.3亿元). A count is exact to its last digit; an amount is
    the head's order with decimals (5855亿6000万元 is 5855.6亿元, to 0.1亿: the zeros are
    rounding, as in any amount)."""
    out: list[Draft] = []
    for draft in drafts:
        head = out[-1] if out else None
        if head is not None and _wan_pair(head, draft, text):
            out[-1] = _wan_joined(head, draft, text)
        else:
            out.append(draft)
    return out


def _wan_pair(head: Draft, tail: Draft, text: str) -> bool:
    if "_match" not in head or "_match" not in tail:
        return False
    gap = text[head["span"].end:tail["span"].start]
    if gap not in ("", " ", "\u3000", "零"):
        return False
    m = head["_match"]
    if head["unit"] and not head.get("_prefixed") or head["scale"] not in (10**3, 10**4, 10**8, 10**12) or "." in head["number"] or head["chinese"] \
            or m.group("q_yu1") or m.group("q_yu2") or m.group("q_post") or tail["chinese"]:
        return False
    if tail["kind"] not in _QUANTITY_KINDS or tail["unit"] == "%":
        return False
    if "." in tail["number"]:  # 4兆3,125.97億元: 亿 to two decimals under a whole number of 兆
        return not gap and head["scale"] == 10**12 and tail["scale"] == 10**8 and tail["value"] < 10**12
    digits = (tail["number_span"].start, tail["number_span"].end)
    if gap == "零":  # 1万零869新元 is 10,869: 零 says an order is skipped, so the tail is below the head's
        return tail["scale"] < head["scale"] and tail["value"] * 10 < head["scale"]
    if head["scale"] == 10**3:  # 2万5千434元 (2万5千 joined first) and 3千200人: three digits after 千
        return not gap and tail["scale"] == 1 and len(text[digits[0]:digits[1]]) == 3 and text[digits[0]:digits[1]].isdigit()
    if tail["scale"] * 10**4 == head["scale"]:
        # 約18萬 5100美元 and 5 億 5,000萬份: a space parts the orders of one figure only after
        # a qualifier (約) or in a figure printed with spaces throughout; 3万 2500人 and
        # 3万 5000元 stay two (a table's cells).
        spaced = bool(head["qualifier"]) or " " in head["text"]
        return bool(_LOWER.fullmatch(text, *digits)) and (not gap or spaced)
    # 1164萬9千人 is 11,649,000: one digit of 千 after a whole number of 万; 6,255億3千萬元 is
    # 6,255.3亿元: one digit of 千万 after a whole number of 亿.
    one_below = (head["scale"], tail["scale"]) in ((10**4, 10**3), (10**8, 10**7))
    return not gap and one_below and bool(_ONE_DIGIT.fullmatch(text, *digits))


def _wan_joined(head: Draft, tail: Draft, text: str) -> Draft:
    number = _decimal(Decimal(head["number"]) * (head["scale"] // tail["scale"]) + Decimal(tail["number"]))
    scale = tail["scale"]
    # An amount is read at the head's order, but for a tail with decimals (4兆3,125.97億元 is
    # 43,125.97亿元, printed to the 亿's decimals).
    if tail["kind"] == "amount" and head["scale"] > 10**3 and "." not in tail["number"]:
        number = _decimal(Decimal(number) * tail["scale"] / head["scale"])
        scale = head["scale"]
    draft = _figure((head["span"].start, tail["span"].end), (head["number_span"].start, tail["number_span"].end),
                    text, number, scale, Decimal(number) * scale, tail["unit"], decimals_of(number),
                    head["qualifier"] or tail["qualifier"], tail["kind"])
    draft["_match"] = tail["_match"]
    return draft


def _decimal(value: Decimal) -> str:
    """A value as plain digits, with no trailing zeros after the point."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def join_ranges(drafts: list[Draft], text: str) -> list[Draft]:
    """The lower bound of a range takes the upper bound's unit.

    每股60-72港元 is 60港元 to 72港元, and 1.2万~1.5万人 is 1.2万人 to 1.5万人 (the bounds joined
    by -, ～, ~, —, 至 or 到). Each bound keeps its own span and value as printed: the lower
    bound's text is often just its digits (`60`), with the range's unit and kind. A lower bound
    with no multiplier of its own before an upper bound with one (460-550亿美元, 12~12.5亿元)
    is left as printed, a bare 460: taking 亿 from its neighbour would be a reading of the
    figure, not the figure. The upper bound must be a quantity with a unit or a multiplier, so
    year spans (2015-2020年, 1949~1978年) and months (1-8月) stay dates and periods.
    """
    for a, b in pairwise(drafts):
        if a["unit"] or "_match" not in a or "_match" not in b or b["kind"] not in _QUANTITY_KINDS:
            continue
        if not P.RANGE_SEP.fullmatch(text, a["span"].end, b["span"].start):
            continue
        ma, mb = a["_match"], b["_match"]
        if not (b["unit"] or mb.group("q_mult")) or _latin_neighbour(ma, text) or _latin_neighbour(mb, text):
            continue
        if ma.group("q_mult"):
            if a["value"] > b["value"]:
                continue
        elif b["scale"] != 1:
            # 460-550亿美元: the figure printed is 460. Giving it the range's scale would be a
            # reading, not what is printed, and a bare 460 stays exactly as written.
            continue
        elif Decimal(a["number"]) > Decimal(b["number"]):
            continue
        a.update(unit=b["unit"], kind=b["kind"])
    return drafts


def _cell_amount(printed: str) -> bool:
    """Grouped digits with decimals (164,473,351.60): an amount, never a code or a year."""
    return any(c in printed for c in ",，") and any(c in printed for c in ".．")


def signed_cells(drafts: list[Draft], text: str) -> list[Draft]:
    """净利润(元)164,473,351.60-30.38%431,986,349.72: a report's cells copied with nothing between
    them. A hyphen right after an amount in grouped digits with decimals is the sign of the
    next cell (-30.38%), not a range (its bounds would fall) nor a code."""
    for a, b in pairwise(drafts):
        start = b["span"].start
        if b["number"].startswith("-") or a["span"].end + 1 != start or text[start - 1] not in "-−－":
            continue
        if not _cell_amount(text[a["number_span"].start:a["number_span"].end]) or a.get("unit") == b.get("unit"):
            continue
        b.update(span=Span(start - 1, b["span"].end), text=text[start - 1:b["span"].end],
                 number="-" + b["number"], value=-b["value"],
                 number_span=Span(b["number_span"].start - 1, b["number_span"].end))
    return drafts


_LISTED_UNITS = ("个百分点", "%", "‰")
_LIST_JOIN = re.compile(r"[ \u3000]*(?:、|和|及|与|與)[ \u3000]*")


def share_list_unit(drafts: list[Draft], text: str) -> list[Draft]:
    """分别拉动增长0.63个、2.34个、3.73个百分点 and 分别增长7.4、9.6和5.2%: the members of a
    list printed bare (or with 个, a counter no decimal count takes) before a last member in
    points or percent are in its unit, when the list has three members or follows 分别."""
    i = len(drafts) - 1
    while i > 0:
        run = [i]  # the list ending at drafts[i]: its members joined one by one
        while run[0] > 0 and _member(drafts[run[0] - 1], drafts[run[0]], drafts[i], text):
            run.insert(0, run[0] - 1)
        # Three members or more, or two after 分别 (以1比2和3% and a score of 85和95% are no list).
        if len(run) >= 3 or (len(run) == 2 and "分别" in text[max(0, drafts[run[0]]["span"].start - 8):drafts[run[0]]["span"].start]):
            for k in run[:-1]:
                drafts[k].update(unit=drafts[i]["unit"], kind=drafts[i]["kind"])
        i = run[0] - 1 if len(run) > 1 else i - 1
    return drafts


def fill_list_gaps(drafts: list[Draft], text: str) -> list[Draft]:
    """4588.6亿元、1320.5亿元、1286和1187.9亿元: a bare whole number listed between two members
    of one unit and multiplier (joined by 、 or 和 either side) is a member in that unit too;
    the writer dropped it once. Not across 至 or 比 (ranges and ratios have their own readings)."""
    for prev, here, nxt in zip(drafts, drafts[1:], drafts[2:]):
        if here["unit"] or here["scale"] != 1 or here["kind"] != "count" or "." in here["number"] or "_match" not in here:
            continue
        if not prev["unit"] or (prev["unit"], prev["scale"], prev["kind"]) != (nxt["unit"], nxt["scale"], nxt["kind"]) \
                or prev["kind"] not in _QUANTITY_KINDS or prev["unit"] in _LISTED_UNITS:
            continue
        if _LIST_JOIN.fullmatch(text, prev["span"].end, here["span"].start) and \
                _LIST_JOIN.fullmatch(text, here["span"].end, nxt["span"].start):
            here.update(unit=prev["unit"], kind=prev["kind"], scale=prev["scale"],
                        value=scaled(here["number"], prev["scale"]))
    return drafts


def _member(prev: Draft, nxt: Draft, last: Draft, text: str) -> bool:
    """Whether `prev` is printed bare (or with 个 and a decimal) right before the next member of
    a list whose last member is in points or percent, and not after 比 (以1比2)."""
    if last["unit"] not in _LISTED_UNITS or "_match" not in prev or prev["scale"] != 1 or prev["kind"] != "count":
        return False
    bare = not prev["unit"] or (prev["unit"] == "个" and "." in prev["number"])
    return bare and text[prev["span"].start - 1:prev["span"].start] != "比" \
        and _LIST_JOIN.fullmatch(text, prev["span"].end, nxt["span"].start) is not None


def _cn_quantity(m: re.Match[str], text: str) -> Draft | None:
    numeral, measure = m.group("c_num"), m.group("c_unit")
    tail, post = (m.group("c_tail") or "", m.group("c_post") or "") if measure == "成" else ("", "")
    end = max(m.end("c_unit"), m.end("c_tail") if tail else 0, m.end("c_post") if post else 0)
    if not is_statistic(numeral, measure, text[m.end("c_unit"):m.end("c_unit") + 1] if not tail else ""):
        return None
    value = chinese_value(numeral)
    if value is None:
        return None
    unit, scale, decimals = measure, 1, 0
    if measure in ("亿元", "万元"):
        unit, value = "元", exact(value * SCALES[measure[0]])
    if tail == "半":  # 九成半: 9.5 tenths, to the half tenth
        value, numeral = value + Decimal("0.5"), numeral + "成半"
    elif tail:  # 一成七: 1.7 tenths
        value, numeral, decimals = value + (chinese_value(tail) or 0) / 10, f"{numeral}点{tail}", 1
    kind: Kind = _KIND_OF_UNIT.get(unit, "count")
    qualifier = m.group("c_pre") or m.group("c_yu") or post
    return _figure((m.start(), end), m.span("c_num"), text, numeral, scale, value, unit, decimals,
                   qualifier, kind, chinese=True)


def _cn_percent(m: re.Match[str], text: str) -> Draft | None:
    unit = "%" if m.group("p_per") == "百" else "‰"
    if m.group("p_digits"):  # 千分之12.13: the words of a share, the number in digits
        number = normalise_number(m.group("p_digits"))
        return _figure(m.span(), m.span("p_digits"), text, number, 1, Decimal(number), unit,
                       decimals_of(number), m.group("p_pre") or "", "percent")
    numeral = m.group("p_num")
    whole, _, frac = numeral.partition("点")
    value = chinese_value(whole)
    if value is None:
        return None
    digits = "".join(str(chinese_value(c) or 0) for c in frac)
    number = f"{value}.{digits}" if digits else str(value)
    return _figure(m.span(), m.span("p_num"), text, number, 1, Decimal(number), unit,
                   len(digits), m.group("p_pre") or "", "percent", chinese=True)


def _share(m: re.Match[str], text: str) -> Draft | None:
    """三分之一, 一半, 过半: a share in words, as a percent whose exact value semantics reads
    from the words (share_fraction); `value` is only its rounded image."""
    group = "s" if m.group("s_num") else "h"
    numeral = m.group(f"{group}_num")
    fraction = share_fraction(numeral)
    if fraction is None:
        return None
    num, den = fraction
    value = (Decimal(100 * num) / Decimal(den)).quantize(Decimal("0.000001")).normalize()
    qualifier = m.group(f"{group}_pre") or m.group(f"{group}_post") or ""
    return _figure(m.span(), m.span(f"{group}_num"), text, numeral, 1, exact(value), "%", 0,
                   qualifier, "percent", chinese=True)


def _figure(span: tuple[int, int], num_span: tuple[int, int], text: str, number: str,
            scale: int, value: Decimal, unit: str, decimals: int, qualifier: str,
            kind: Kind, chinese: bool = False) -> Draft:
    start, end = span
    return {"span": Span(start, end), "text": text[start:end], "number": number, "scale": scale,
            "value": value, "unit": unit, "decimals": decimals, "qualifier": qualifier, "kind": kind,
            "number_span": Span(*num_span), "chinese": chinese}
