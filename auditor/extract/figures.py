"""Turning pattern matches into `Figure` values: number as printed, scale, unit, kind."""
from __future__ import annotations

import re
from bisect import bisect_right
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal
from typing import Any

from auditor.extract import patterns as P
from auditor.extract.numerals import chinese_value, is_statistic, share_fraction
from auditor.model import Kind, Span

SCALES = {"万亿": 10**12, "亿": 10**8, "千万": 10**7, "百万": 10**6, "万": 10**4, "千": 10**3}
_KIND_OF_UNIT: dict[str, Kind] = {
    **{u: "amount" for u in P.CURRENCY + P.PHYSICAL},
    **{u: "count" for u in P.DURATION + P.COUNTERS},
    "%": "percent", "‰": "percent", "成": "percent",
    "个百分点": "percentage_point", "倍": "multiple", "番": "multiple",
}
_UNIT_ALIASES = {"％": "%", "百分点": "个百分点"}
_WS = re.compile(r"\s+")
_INVISIBLE = re.compile(f"[{P.INVISIBLE}]")


def normalise_number(printed: str) -> str:
    """ASCII digits, no thousands separators: the numeral as a Decimal can read it."""
    return _WS.sub("", _INVISIBLE.sub("", printed.translate(P.FULLWIDTH))).replace(",", "")


# Decimal's default context keeps 28 digits: a 30-digit figure times 亿 would be rounded.
# Products of a numeral and a power of ten are exact in this context (never used to divide).
_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)


def exact(value: Decimal) -> Decimal:
    """The value without exponent or trailing zeros: 1.3 × 10⁴ is 13000, not 1.3E+4 or 13000.0."""
    return Decimal(format(value.normalize(_EXACT), "f"))


def scaled(number: str, scale: int) -> Decimal:
    """The numeral times its 万/亿 scale, exactly, however many digits it has."""
    return exact(_EXACT.multiply(Decimal(number), scale))


def decimals_of(number: str) -> int:
    return len(number.split(".", 1)[1]) if "." in number else 0


class Clauses:
    """Where each clause of a text starts, found once, so a figure's context is one bisect."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in P.CLAUSE_BREAK.finditer(text)]

    def before(self, offset: int, limit: int = 40) -> str:
        """The clause a figure ends, whitespace removed: what the figure is about."""
        start = self.starts[bisect_right(self.starts, offset) - 1]
        return _WS.sub("", self.text[max(start, offset - 4 * limit):offset])[-limit:]


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
    return _fixed_kind(match, text, kind or "code")


def _fixed_kind(match: re.Match[str], text: str, name: str) -> Draft:
    kinds: dict[str, Kind] = {"reldate": "date", "year": "date", "month": "date", "clock": "date"}
    kind: Kind = kinds.get(name, name)  # type: ignore[assignment]
    printed = match.group()
    digits = re.findall(r"[0-9０-９]+(?:[.．][0-9０-９]+)?", printed)
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
    value = scaled(number, scale)
    if m.group("q_sign"):
        number, value = "-" + number, -value
    qualifier = m.group("q_pre") or m.group("q_yu1") or m.group("q_yu2") or ""
    if "q_post" in parts:
        qualifier = qualifier or m.group("q_post") or ""
    kind: Kind = _KIND_OF_UNIT.get(unit, "count")
    if not unit and not mult and not qualifier:
        kind = _bare_kind(m, text, number)
    start = m.start("q_pre") if m.group("q_pre") else m.start("q_sign") if m.group("q_sign") else m.start("q_num")
    end = max(m.end(g) for g in parts if m.group(g))
    return _figure((start, end), m.span("q_num"), text, number, scale, value, unit,
                   decimals_of(number), qualifier, kind)


def _bare_kind(m: re.Match[str], text: str, number: str) -> Kind:
    """A number with no unit: a year, a code glued to Latin letters, or a plain count."""
    before = text[m.start("q_num") - 1] if m.start("q_num") else ""
    after = text[m.end("q_num")] if m.end("q_num") < len(text) else ""
    if before.isascii() and before.isalpha() or after.isascii() and after.isalpha():
        return "code"
    if after == "-" or before == "-":
        return "code"
    if len(number) == 4 and number.isdigit() and 1900 <= int(number) <= 2100:
        return "date"
    return "count"


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
    numeral = m.group("p_num")
    whole, _, frac = numeral.partition("点")
    value = chinese_value(whole)
    if value is None:
        return None
    digits = "".join(str(chinese_value(c) or 0) for c in frac)
    number = f"{value}.{digits}" if digits else str(value)
    unit = "%" if m.group("p_per") == "百" else "‰"
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
