"""Properties of the arithmetic-first kinds (total, proportion, change) and of fit.py.

Each property writes a sentence of its own from generated figures: the relation stated
correctly (rounded half away from zero to the printed digits) must be found and hold; the
same sentence with one figure moved by one in its last digit must be found and fail.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from auditor.discover import judge, relations
from auditor.discover.fit import RATIO, SUM, fit
from auditor.extract import extract_article, extract_figures
from auditor.model import Article

FAST = settings(max_examples=60, deadline=None)


def _found(text: str, kind: str) -> list:
    article = Article.from_text(text)
    return [r for r in relations(article, extract_article(article), [kind]) if r.kind == kind]


def _rate(part: int, whole: int, places: int = 2) -> Decimal:
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def _tie(part: int, whole: int) -> bool:
    """part / whole × 100 ends in exactly 5 at the third decimal: both neighbours hold."""
    return (part * 20_000) % (2 * whole) == whole


def _turnout(whole: int, part: int, rate: Decimal) -> str:
    return f"全区登记选民{whole:,}人，投票人数{part:,}人，投票率为{rate}%。"


@FAST
@given(whole=st.integers(1_000, 99_999), share=st.floats(0.05, 0.95))
def test_a_rate_rounded_from_its_counts_holds(whole: int, share: float) -> None:
    part = int(whole * share)
    [relation] = _found(_turnout(whole, part, _rate(part, whole)), "proportion")
    assert judge(relation).status == "holds"


@FAST
@given(whole=st.integers(1_000, 99_999), share=st.floats(0.05, 0.95), step=st.sampled_from([1, -1]))
def test_a_rate_one_off_in_its_last_digit_fails(whole: int, share: float, step: int) -> None:
    part = int(whole * share)
    exact = Decimal(part) * 100 / Decimal(whole)
    rate = _rate(part, whole) + Decimal(step) / 100
    # A cut rate (32.36 for 32.365) is its own finding; here the slip must not also be a cut.
    assume(rate.quantize(Decimal("0.01"), rounding="ROUND_DOWN") != exact.quantize(Decimal("0.01"), rounding="ROUND_DOWN"))
    [relation] = _found(_turnout(whole, part, rate), "proportion")
    assert judge(relation).status == "fails"


def _votes(parts: list[int], total: int) -> str:
    names = "甲乙丙丁戊"
    listed = "，".join(f"{names[i]}得{p:,}票" for i, p in enumerate(parts))
    return f"{listed}，合共{total:,}票。"


@FAST
@given(parts=st.lists(st.integers(10, 9_999), min_size=2, max_size=5))
def test_parts_that_make_their_total_hold(parts: list[int]) -> None:
    found = _found(_votes(parts, sum(parts)), "total")
    assert found and all(judge(r).status == "holds" for r in found)


@FAST
@given(parts=st.lists(st.integers(10, 9_999), min_size=2, max_size=5), step=st.sampled_from([1, -1]))
def test_a_total_one_off_in_its_last_digit_fails(parts: list[int], step: int) -> None:
    total = sum(parts) + step
    assume(total >= 100)  # a slip is read only in totals of three or more digits
    found = _found(_votes(parts, total), "total")
    assert any(judge(r).status == "fails" and r.figures[-1].value == total for r in found)


@FAST
@given(before=st.integers(100, 99_999), after=st.integers(100, 99_999))
def test_a_growth_rate_from_two_stated_levels_holds_and_its_slip_fails(before: int, after: int) -> None:
    assume(before != after and not _tie(abs(after - before), before))
    # A rate under 0.1% (6,667 to 6,666: 0.01%) has one significant digit, and a slip of it is
    # a change of its only digit: the README lists such rates among what is still missed.
    assume(abs(after - before) * 1000 >= before)
    rate = _rate(abs(after - before), before)
    verb = "增长" if after > before else "下降"
    text = f"今年共有{after:,}家，去年同期为{before:,}家，{verb}{{}}%。"
    [good] = _found(text.format(rate), "change")
    assert judge(good).status == "holds"
    [slipped] = _found(text.format(rate + Decimal("0.01")), "change")
    assert judge(slipped).status == "fails"


def test_fit_tells_exact_slip_and_cut_apart() -> None:
    part, whole, exact, slip, cut = extract_figures("1,560人 4,820人 32.37% 32.38% 32.36%")
    assert fit(RATIO, (part, whole), exact, rate=True) == "exact"  # 32.365… rounds to 32.37
    assert fit(RATIO, (part, whole), slip, rate=True) == "slip"
    assert fit(RATIO, (part, whole), cut, rate=True) == "truncated"
    # Coarse inputs: 25.96万 ÷ 63.68万 lies in 40.755%–40.777%, so 40.7% is a cut whatever they are.
    part, whole, cut = extract_figures("25.96万起 63.68万起 40.7%")
    assert fit(RATIO, (part, whole), cut, rate=True) == "truncated"
    part, whole, straddled = extract_figures("25.9万起 63.6万起 40.7%")  # 40.66%–40.79%: rounding fits
    assert fit(RATIO, (part, whole), straddled, rate=True) == "exact"
    a, b, total, far = extract_figures("826票 295票 1,121票 1,131票")
    assert fit(SUM, (a, b), total) == "exact"
    assert fit(SUM, (a, b), far) is None


def _table(rows: list[tuple[int, int, int]]) -> str:
    lines = ["| 项目 | 甲类 | 乙类 | 总计 |", "| --- | --- | --- | --- |"]
    lines += [f"| 第{i + 1}项 | {a} | {b} | {t} |" for i, (a, b, t) in enumerate(rows)]
    return "\n".join(lines) + "\n"


@FAST
@given(cells=st.lists(st.tuples(st.integers(1, 9_999), st.integers(1, 9_999)), min_size=3, max_size=8),
       at=st.integers(0, 7), step=st.sampled_from([1, -1]))
def test_a_table_cell_one_off_in_its_last_digit_fails_its_row(cells: list[tuple[int, int]], at: int,
                                                              step: int) -> None:
    """Every other row adds up, so the table says its last column is a total: the row whose
    total was mistyped fails, and every other row holds."""
    at %= len(cells)
    rows = [(a, b, a + b + (step if i == at else 0)) for i, (a, b) in enumerate(cells)]
    assume(all(t > 0 for _, _, t in rows))
    text = _table(rows)
    found = _found(text, "table")
    across = [r for r in found if "\n" not in text[r.figures[0].span.start:r.figures[-1].span.end]]
    by_total = {r.figures[-1].span.start: judge(r).status for r in across}
    assert len(by_total) == len(rows)
    assert sorted(by_total.values()) == sorted(["fails"] + ["holds"] * (len(rows) - 1))
