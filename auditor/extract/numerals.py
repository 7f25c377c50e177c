"""Valuing Chinese numerals that the patterns have already selected.

Only the span the patterns picked is valued, never running text (cn2an's `transform` turns
四川 into 4川 and loses every offset: research/extraction-libs.md). The valuing itself is
ours: it gives cn2an's values on every numeral tested against it (tests/test_extract.py),
without the 0.14 s its import costs every run.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

# A bare magnitude (百, 千) is a numeral too: Chinese writes 近百家 for "nearly a hundred".
_BARE_MAGNITUDE = {"十": "一十", "百": "一百", "千": "一千", "万": "一万"}


@lru_cache(maxsize=1024)
def chinese_value(numeral: str) -> Decimal | None:
    """The value of a Chinese numeral such as 十二, 两千三百万 or 三点五; None if it is not one."""
    text = numeral.replace("〇", "零")
    text = _BARE_MAGNITUDE.get(text, text)
    if text.startswith(("百", "千")):
        text = "一" + text
    whole, point, fraction = text.partition("点")
    value = _integer(whole)
    if value is None or (point and not fraction):
        return None
    if not fraction:
        return Decimal(value)
    digits = "".join(str(DIGITS[c]) for c in fraction if c in DIGITS)
    return Decimal(f"{value}.{digits}") if len(digits) == len(fraction) else None


# The numerals, read here rather than by cn2an: the run of an article pays 0.14 s to import
# cn2an, a quarter of a whole audit, for what these forty lines do. tests/test_extract.py
# checks them against cn2an on every numeral up to 10^12 it generates.
DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
SMALL = {"十": 10, "百": 100, "千": 1000}
LARGE = {"万": 10**4, "亿": 10**8}


def _integer(text: str) -> int | None:
    """A whole Chinese numeral: digits in a row (二〇二三), or digits with units (一万零五)."""
    if not text:
        return None
    if all(c in DIGITS for c in text):
        return int("".join(str(DIGITS[c]) for c in text)) if len(text) > 1 or text in DIGITS else None
    total, section, digit, last_large = 0, 0, None, None
    for char in text:
        if char in DIGITS:
            if digit is not None and DIGITS[char] != 0:
                return None  # 三四: two digits with no unit between them
            digit = DIGITS[char] or None
        elif char in SMALL:
            if section % (SMALL[char] * 10) >= SMALL[char]:
                return None  # 十十, 二百三百: a unit repeated, or out of order
            section += (digit if digit is not None else 1) * SMALL[char]
            digit = None
        elif char in LARGE:
            section += digit or 0
            if section == 0 and char == "万" and last_large != "亿":
                return None
            if last_large == "万" and char == "亿":
                total = (total + section) * LARGE[char]  # 一万亿: 万 of 亿
            else:
                total += section * LARGE[char]
            section, digit, last_large = 0, None, char
        else:
            return None
    return total + section + (digit or 0)


def is_statistic(numeral: str, measure: str, following: str) -> bool:
    """Whether a numeral before a measure word is a figure worth keeping.

    A lone 一 (一个, 一批, 一年) is an article, not a count, and a reduplicated measure
    (一台台, 一个个) means "one after another".
    """
    if numeral[0] in "万亿":
        return False
    if following.startswith(measure[-1]):
        return False
    if numeral == "一" and measure not in ("个百分点", "倍", "成", "番"):
        return False
    # 百亿级 is an order of magnitude, not a count of tiers.
    return not (measure == "级" and numeral[-1] in "万亿百千")


@lru_cache(maxsize=256)
def share_fraction(numeral: str) -> tuple[int, int] | None:
    """A share in words as numerator and denominator: 三分之一 (1, 3), 一半 / 半数 / 半 (1, 2).

    None for anything else, 九成半 included (that is tenths, not a share word).
    """
    if "分之" in numeral:
        den, _, num = numeral.partition("分之")
        d, n = chinese_value(den), chinese_value(num)
        if d is None or n is None or d <= 0 or d != int(d) or n != int(n):
            return None
        return int(n), int(d)
    if numeral in ("一半", "半数", "半"):
        return 1, 2
    return None
