"""Writing exact values back in a figure's own terms: 79.19%, 6834.70亿元, 6674人."""
from __future__ import annotations

import math

from auditor.evaluate.interval import Bound, Interval
from auditor.evaluate.rational import Q
from auditor.evaluate.semantics import factor
from auditor.model import Figure

SCALE_WORDS = {10**12: "万亿", 10**8: "亿", 10**7: "千万", 10**6: "百万", 10**4: "万", 10**3: "千"}


def label(figure: Figure) -> str:
    """The multiplier and unit as printed after the number: 亿元, %, 人."""
    return SCALE_WORDS.get(figure.scale, "") + figure.unit


def decimal_text(value: Bound, places: int) -> str:
    """An exact rational rounded to `places` decimals, half up (四舍五入), as plain text."""
    if isinstance(value, float) and math.isinf(value):
        return "∞" if value > 0 else "-∞"
    num, den = abs(value.numerator) * 10**places, value.denominator
    units = (2 * num + den) // (2 * den)  # integer arithmetic only: this runs for every finding
    digits = str(units).rjust(places + 1, "0")
    sign = "-" if value < 0 and units else ""
    return sign + (f"{digits[:-places]}.{digits[-places:]}" if places > 0 else digits)


def in_terms_of(value: Bound, figure: Figure | None, extra: int = 2) -> str:
    """`value` (in base units) written in `figure`'s scale and unit, with `extra` more decimals."""
    if figure is None:
        return _trim(decimal_text(value, 4), 0)
    scaled = value if isinstance(value, float) else value / factor(figure)
    return _trim(decimal_text(scaled, figure.decimals + extra), figure.decimals) + label(figure)


def _trim(text: str, keep: int) -> str:
    """Drop trailing zeros past the figure's own decimals: 6674.00 -> 6674, 79.200 -> 79.2."""
    if "." not in text:
        return text
    whole, frac = text.split(".")
    frac = frac[:keep] + frac[keep:].rstrip("0")
    return f"{whole}.{frac}" if frac else whole


def interval_in_terms_of(interval: Interval, figure: Figure | None) -> tuple[str, str]:
    return in_terms_of(interval.lo, figure, 3), in_terms_of(interval.hi, figure, 3)


def units(value: Q | None) -> str:
    """A margin in last-digit units, two decimals."""
    return "" if value is None else decimal_text(value, 2)
