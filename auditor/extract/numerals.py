"""Valuing Chinese numerals that the patterns have already selected.

cn2an does the valuing, but only on the span we picked: `cn2an.transform` on running text
turns 四川 into 4川 and loses every offset (research/extraction-libs.md).
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

# cn2an rejects a bare magnitude (百, 千); Chinese writes 近百家 for "nearly a hundred".
_BARE_MAGNITUDE = {"十": "一十", "百": "一百", "千": "一千", "万": "一万"}


@lru_cache(maxsize=1024)
def chinese_value(numeral: str) -> Decimal | None:
    """The value of a Chinese numeral such as 十二, 两千三百万 or 三点五; None if it is not one."""
    text = numeral.replace("〇", "零")
    text = _BARE_MAGNITUDE.get(text, text)
    if text.startswith(("百", "千")):
        text = "一" + text
    import cn2an  # a quarter of a second to import: only when a Chinese numeral is valued

    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return Decimal(str(value))


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
