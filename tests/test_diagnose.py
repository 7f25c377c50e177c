"""Diagnosis across checks (issue #13): one misprint is one finding, named at its figure."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor import batch
from auditor.diagnose import _neighbours, diagnose
from auditor.audit import audit_article
from auditor.model import Article
from tests.conftest import SEED, SEED_RULES


def _diagnoses(text: str, rules: tuple[str, ...] = ()) -> tuple:
    result = audit_article(Article.from_text(text), [batch.rules_at(r) for r in rules], None)
    return diagnose(result.findings)


def test_the_slipped_seed_total_is_one_misprint_that_every_check_agrees_on():
    text = SEED.read_text(encoding="utf-8").replace("总人数达6674人", "总人数达6647人")
    [found] = _diagnoses(text, (str(SEED_RULES),))
    assert (found.figure.number, found.reads) == ("6647", "6674人")
    assert set(found.checks) == {"forest-chief-tiers-sum", "forest-chief-total-restated"}


def test_a_lone_sum_that_several_figures_could_mend_is_not_diagnosed():
    # 4270 printed 4370: 4370 -> 4270, 1990 -> 1890 and 382 -> 282 each mend the sum.
    text = SEED.read_text(encoding="utf-8").replace("级林长4270 人", "级林长4370 人")
    assert _diagnoses(text, (str(SEED_RULES),)) == ()


def test_an_article_whose_checks_hold_has_no_diagnosis():
    assert _diagnoses(SEED.read_text(encoding="utf-8"), (str(SEED_RULES),)) == ()


def test_misprint_neighbours_cover_a_changed_digit_a_swap_a_dropped_and_a_doubled_digit():
    near = set(_neighbours("6647"))
    assert {"6674", "6648", "647", "66647", "5647"} <= near
    assert "6647" not in near and all(not n.startswith("0") for n in near)
    assert {"79.2", "7.92"} & set(_neighbours("72.9")) == {"79.2"}


RULES = """figures:
  lead: "全区共有志愿者{}人"
  a: "甲组{}人"
  b: "乙组{}人"
  c: "丙组{}人"
  total: "合计{}人"
checks:
  - {id: parts-sum, expr: a + b + c == total}
  - {id: total-restated, expr: lead == total}
"""


@settings(max_examples=40, deadline=None)
@given(parts=st.lists(st.integers(100, 9_999), min_size=3, max_size=3), step=st.sampled_from([1, -1]))
def test_a_slipped_total_that_two_checks_share_is_diagnosed_back(tmp_path_factory, parts: list[int],
                                                                  step: int) -> None:
    """The total is restated in the lead and one off in the list: both checks fail, and only
    the slipped figure mends both (a part mends the sum but not the restatement)."""
    rules = tmp_path_factory.mktemp("rules") / "volunteers.yaml"
    rules.write_text(RULES, encoding="utf-8")
    total = sum(parts)
    listed = "，".join(f"{n}组{p}人" for n, p in zip("甲乙丙", parts))
    text = f"全区共有志愿者{total}人。\n\n其中{listed}，合计{total + step}人。\n"
    found = _diagnoses(text, (str(rules),))
    assert [(d.figure.value, d.reads, set(d.checks)) for d in found] == [
        (total + step, f"{total}人", {"parts-sum", "total-restated"})]


def test_a_discovered_failure_no_single_misprint_explains_is_a_warning_not_an_error():
    far = audit_article(Article.from_text("甲组120人，乙组75人，合计257人。"), [], None).findings
    near = audit_article(Article.from_text("甲组120人，乙组75人，合计196人。"), [], None).findings
    [far_sum] = [f for f in far if f.status == "fails"]
    [near_sum] = [f for f in near if f.status == "fails"]
    assert far_sum.severity == "warning" and "no single misprint explains it" in far_sum.title
    assert near_sum.severity == "error"


def test_a_rule_file_check_is_never_tempered(tmp_path):
    rules = tmp_path / "r.yaml"
    rules.write_text('figures: {a: "甲组{}人", b: "乙组{}人", t: "合计{}人"}\nchecks:\n  - {id: s, expr: a + b == t}\n',
                     encoding="utf-8")
    result = audit_article(Article.from_text("甲组120人，乙组75人，合计257人。"), [batch.rules_at(str(rules))], ())
    [check] = result.findings
    assert check.status == "fails" and check.severity == "error"


def test_a_miscounted_list_is_no_misprint():
    """五市 over four names: the count and the list disagree, but no digit was mistyped."""
    result = audit_article(Article.from_text("绵阳、广元、巴中、达州五市联合签署协议。"), [], None)
    assert any(f.status == "fails" for f in result.findings)
    assert diagnose(result.findings) == ()


def test_a_figure_with_another_number_is_what_dataclasses_replace_makes():
    # Figure.with_number lists the fields by hand for speed: a field added to Figure and not
    # passed on would silently take its default in every misprint tried.
    from dataclasses import fields, replace
    from decimal import Decimal

    from auditor.extract import extract_figures

    for figure in extract_figures("约3.7万余家，同比增长12.5%，共6674人"):
        changed = {"number": "42.75", "value": Decimal("42.75"), "decimals": 2}
        assert figure.with_number(**changed) == replace(figure, **changed)
        assert {f.name for f in fields(figure)} == {"id", "span", "text", "number", "scale", "value", "unit",
                                                    "decimals", "qualifier", "kind", "context", "number_span",
                                                    "chinese"}


def test_figures_compare_as_the_generated_eq_would():
    # Figure.__eq__ decides on the id first, for speed; otherwise it compares every field.
    from dataclasses import replace
    from decimal import Decimal

    from auditor.extract import extract_figures
    from auditor.model import Span

    figure = extract_figures("同比增长12.5%")[0]
    assert figure == replace(figure) and hash(figure) == hash(replace(figure))
    assert figure != replace(figure, id="f9")
    assert figure != replace(figure, span=Span(0, 99)) and figure != replace(figure, chinese=True)
    assert figure == replace(figure, value=Decimal("12.50"))  # equal Decimals, as in a tuple of fields
    assert figure != (figure.id,) and figure in [replace(figure, id="f9"), replace(figure)]
