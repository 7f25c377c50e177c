"""Fuzz targets over the four stages that read untrusted input, shared by `tests/test_fuzz.py`
(a small profile in CI) and `benchmarks/fuzz.py` (100,000 inputs each).

Each target is a hypothesis test without settings; the caller chooses how many examples.
`TRIED` counts the inputs each target actually ran, so a run can report what it did.
"""
from __future__ import annotations

import itertools
from collections import Counter
from fractions import Fraction as F

from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from auditor.errors import ExprError
from auditor.evaluate.compile import compile_check
from auditor.evaluate.decide import decide
from auditor.evaluate.interval import Interval
from auditor.evaluate.semantics import read
from auditor.evaluate.verdict import judge
from auditor.extract import extract_article, extract_figures
from auditor.model import Article, Figure
from auditor.rules.model import Selector
from auditor.rules.pattern import PatternTimeout
from auditor.rules.select import Matcher, Unbound

TRIED: Counter[str] = Counter()

# Pieces real articles are made of, and pieces that break naive parsers.
PIECES = ["6674", "79.2", "0.5", "3.7", "1,234", "６８", "万", "亿", "余", "多", "近", "约", "超过",
          "人", "亿元", "%", "％", "个百分点", "倍", "项", "家", "四个", "十二", "两千", "第", "年", "月",
          "同比增长", "占", "的", "合计", "其中", "，", "。", "、", "；", "\n", "\n\n", " ", "\u3000",
          "\u200b", "\u202e", "\ufeff", "-", ".", ",", "..", "1e5", "9" * 60, "0." + "0" * 40 + "1",
          "成都", "林长", "<b>", "&amp;", "\x0b", "\u2028", "🙂", "\ud7ff"]
articles = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=40).map("".join)


@given(articles)
def extractor(text: str) -> None:
    """Extraction never raises; spans lie inside the text and match the printed figure."""
    TRIED["extractor"] += 1
    figures = extract_figures(text)
    previous_end = 0
    for figure in figures:
        assert 0 <= figure.span.start < figure.span.end <= len(text)
        assert text[figure.span.start:figure.span.end] == figure.text
        assert figure.span.start <= figure.number_span.start <= figure.number_span.end <= figure.span.end
        assert figure.span.start >= previous_end  # in order, never overlapping
        previous_end = figure.span.end


def _selector(data: st.DataObject, text: str) -> dict:
    def piece() -> str:
        if text and data.draw(st.booleans()):
            i = data.draw(st.integers(0, len(text) - 1))
            return text[i:i + data.draw(st.integers(0, 6))]
        return data.draw(st.sampled_from(PIECES))

    anchor = data.draw(st.sampled_from(["template", "near", "text", "pattern"]))
    raw: dict = {}
    if anchor == "template":
        raw["template"] = piece() + "{}" + piece()
    elif anchor == "pattern":
        raw["pattern"] = data.draw(st.lists(st.sampled_from(
            ["(", ")", r"\d", "+", "*", "?", "|", ".", "[", "]", "{2}", "人", "万", "^", "$", "(?:", piece()]),
            max_size=8).map("".join))
    else:
        raw[anchor] = piece()
    for key, values in (("unit", ["人", "亿元", "%", None]), ("nth", [1, 2, -1, None])):
        value = data.draw(st.sampled_from(values))
        if value is not None:
            raw[key] = value
    return raw


@given(articles, st.data())
def matcher(text: str, data: st.DataObject) -> None:
    """A selector binds one of the article's figures or says why not; it never raises."""
    TRIED["matcher"] += 1
    article = Article.from_text(text)
    figures = extract_article(article)
    try:
        selector = Selector.model_validate(_selector(data, text))
    except ValidationError:
        return  # refused when the rule file is loaded, with its location
    try:
        bound = Matcher(article, figures).bind("x", selector)
    except PatternTimeout:
        return  # reported against the rule file
    assert isinstance(bound, Unbound) or (isinstance(bound, Figure) and bound in figures)


READINGS = [read(f) for f in extract_figures("收入12.5亿元，职工30人，占比0.0%")]
TOKENS = ["a", "b", "c", "x", "+", "-", "*", "/", "**", "2", "0.5", "1e3", "(", ")", "==", "<=", "<",
          "!=", "is", "sum", "min", "abs", ",", ".", "[", "]", ":", "lambda", "__import__", "'s'",
          "f'{a}'", "not", "and", "if", "else", "for", "in", "@", "%", "~", "=", ";", "\n", "9**9**9",
          "1" * 50, "1e999999", "__class__", "()", "{}", "*a", "b=1", "True", "None", "…"]


@given(st.lists(st.sampled_from(TOKENS), max_size=14).map(" ".join))
def compiler(source: str) -> None:
    """The compiler returns a checkable comparison or raises the project's own ExprError."""
    TRIED["compiler"] += 1
    try:
        compiled = compile_check(source, frozenset("abc"))
    except ExprError:
        return
    assert compiled.op in ("==", "<=", ">=", "<", ">")
    # Judging a compiled check never raises either: arithmetic trouble is an `error` verdict.
    verdict = judge(compiled, READINGS[:len(compiled.names)])
    assert verdict.status in ("holds", "holds-loose", "fails", "error")


def _tree(draw: st.DrawFn, names: list[str]) -> str:
    """A random expression over + × ÷ using each name once: monotone in each on a positive box."""
    if len(names) == 1:
        return names[0]
    cut = draw(st.integers(1, len(names) - 1))
    op = draw(st.sampled_from(["+", "*", "/"]))
    return f"({_tree(draw, names[:cut])} {op} {_tree(draw, names[cut:])})"


@st.composite
def comparisons(draw: st.DrawFn) -> str:
    names = draw(st.permutations(list("abcde")))[:draw(st.integers(2, 5))]
    cut = draw(st.integers(1, len(names) - 1))
    op = draw(st.sampled_from(["==", "<=", ">="]))
    return f"{_tree(draw, names[:cut])} {op} {_tree(draw, names[cut:])}"


positive = st.fractions(min_value=F(1, 100), max_value=F(10**6), max_denominator=1000)
widths = st.fractions(min_value=F(0), max_value=F(1, 2), max_denominator=100)


@given(comparisons(), st.lists(st.tuples(positive, widths), min_size=5, max_size=5))
def evaluator(source: str, raw: list[tuple[F, F]]) -> None:
    """The verdict over intervals matches brute force over their vertices, which span the exact
    range because every name occurs once in an expression monotone in each."""
    TRIED["evaluator"] += 1
    compiled = compile_check(source, frozenset("abcde"))
    box = [Interval(x, x + w) for x, w in raw[:len(compiled.names)]]
    values = [compiled.lhs(p) - compiled.rhs(p) for p in itertools.product(*[(b.lo, b.hi) for b in box])]
    low, high = min(values), max(values)
    expected = {"==": low <= 0 <= high, "<=": low <= 0, ">=": high >= 0}[compiled.op]
    assert decide(compiled, box).holds == expected, (source, box)


TARGETS = {"extractor": extractor, "matcher": matcher, "compiler": compiler, "evaluator": evaluator}
