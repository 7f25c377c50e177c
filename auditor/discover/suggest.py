"""`auditor suggest`: a rule file built from an article's confident discovered relations.

Each figure gets an explicit template selector (the shortest run of text before its numeral
that finds it alone, `nth` as a last resort), each relation a check with the reading that
the evaluator chose, so the file, checked with `--no-discover`, gives the same verdicts.

Chinese has no spaces, so a name or a template cut at a fixed number of characters starts
mid-word (会消费品零售总额, 资比重为{}%). Both start where a word may start instead: at the
clause's start, after punctuation, or after a lead-in word (其中, 全省, 达到, 的 …); a name is
the nearest such run before the figure that says more than how it was measured.
"""
from __future__ import annotations

import re
from typing import Any

import yaml

from auditor.discover import judge, relations
from auditor.discover.relation import Relation
from auditor.discover.text import GENERIC
from auditor.model import Article, Figure
from auditor.rules.model import Selector
from auditor.rules.select import Matcher, compact

LONGEST = 24  # characters of a template's text before the numeral
_NAME_CHARS = re.compile(r"[^\w]")
_POSITION = re.compile(r"\bx(\d+)\b")
# Punctuation ends a word; brackets do not: 村(社区)级林长 is one name, not 级林长.
_PUNCTUATION = re.compile(r"[^\w()（）]+")
CLAUSE = 40  # characters before a figure that its name is looked for in
# Words after which a new word starts. Longer words first, so that 占比 is taken whole and not
# as 占 then 比…; none is commonly the first character of another word (共 is left out: 公共).
_LEAD_INS = (r"其中|分别|以及|同比|比上年|较上年|比去年|较去年|上年同期|去年同期|达到|实现|完成|共计|合计|累计|"
             r"全市|全省|全区|全县|全国|全年|今年|去年|上半年|前\d+个?月|截至目前|目前|占比|比重|约为|共有|的|和|为|达|是")
_LEAD_IN = re.compile(_LEAD_INS)
# Another figure before this one (571条供需信息总投资): its numeral and common unit end a word.
_FIGURE = re.compile(r"\d+(?:\.\d+)?(?:亿美元|亿元|万元|万人|平方米|公里|[年月日号]|[亿万千百]?[个条家项人元件次所座户名位台辆吨套批倍%％])?")
_DATE = re.compile(r"^(?:\d+[年月日号]?)+")  # a name does not start with its clause's date
# How a figure moved or was stated, at the end of its clause: not part of its name (收入完成 → 收入).
# A measure (比重, 占比) stays: 外商投资比重 is another figure than 外商投资.
_TRAILING = re.compile(r"(?:同比|比上年|较上年|比去年|较去年|达到|实现|完成|共计|合计|累计|约为|共有|增长|下降|增加|减少|"
                       r"提高|提升|回落|增至|降至|突破|超过|预计|预估|为|达|是|约|超|近|逾|已|共|的|[\d.%％])+$")
MEANINGFUL = 2  # characters beyond generic words that a name or template must hold


def suggest_rules(article: Article, figures: tuple[Figure, ...]) -> str:
    """The YAML text of a rule file for this article."""
    matcher = Matcher(article, figures)
    names: dict[str, str] = {}  # figure id -> name
    selectors: dict[str, dict[str, Any]] = {}
    checks = []
    for relation in (r for r in relations(article, figures) if r.confidence == "high"):
        for figure in relation.figures:
            if figure.id not in names:
                names[figure.id] = _unique_name(figure, _name(matcher, figure), set(names.values()))
                selectors[names[figure.id]] = _selector(matcher, figure)
        checks.append(_check(relation, names))
    document = {"article": article.path, "figures": selectors, "checks": checks}
    header = (f"# Suggested by `auditor suggest` from {article.path}: review every check before keeping it.\n"
              "# Each check is a relation the article states about itself; `==` is rounding-aware.\n")
    return header + yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=120)


def _check(relation: Relation, names: dict[str, str]) -> dict[str, str]:
    finding = judge(relation)
    expr = finding.expr
    renamed = _POSITION.sub(lambda m: names[relation.figures[int(m.group(1))].id], expr)
    entry = {"id": relation.check_id, "title": f"[{relation.kind}] {relation.title}", "expr": renamed}
    if relation.note:
        entry["note"] = relation.note
    return entry


def word_starts(text: str, whole: bool = True) -> list[int]:
    """Offsets in `text` where a word may start, nearest its end first: after punctuation,
    after a lead-in word, and at 0 when `text` starts a clause (`whole`)."""
    starts = {m.end() for pattern in (_PUNCTUATION, _LEAD_IN, _FIGURE) for m in pattern.finditer(text)}
    if whole:
        starts.add(0)
    return sorted((s for s in starts if s < len(text)), reverse=True)


def _meaningful(words: str) -> bool:
    """Whether words say what a figure is about, not only how it was measured (比重为, 同比增长)."""
    return len(_NAME_CHARS.sub("", GENERIC.sub("", words))) >= MEANINGFUL


def name_words(clause: str, whole: bool = True) -> str:
    """A figure's name from the clause before it (`whole`: the clause starts a word): the
    nearest run of whole words that says what the figure is, the verb that leads into the
    figure taken off; else the clause's words as they are ("" when no word starts in it)."""
    clause = _TRAILING.sub("", clause)
    starts = word_starts(clause, whole)
    for start in starts:
        if _meaningful(clause[start:]):
            return _NAME_CHARS.sub("", clause[start:])
    return _NAME_CHARS.sub("", clause[starts[-1]:]) if starts else ""


def _name(matcher: Matcher, figure: Figure) -> str:
    """A figure's name from the words before it. A clause that only says how a figure moved
    (9473亿元，同比增长5.61%) borrows the previous clause's name: 营业收入同比增长."""
    clause, whole, previous = _clause_before(matcher, matcher.at(figure.number_span.start))
    name = name_words(clause, whole)
    if name or not whole or not _NAME_CHARS.sub("", clause):
        return name
    earlier = name_words(_FIGURE.sub("", previous[-CLAUSE:]) if previous else "", False)
    return earlier + _NAME_CHARS.sub("", _TRAILING.sub("", clause) or clause) if earlier else ""


def _clause_before(matcher: Matcher, start: int) -> tuple[str, bool, str]:
    """The compact text of the clause before `start`, whether it is whole, and the text before
    it. A clause longer than CLAUSE characters is cut, and then its first character may be
    mid-word (the extractor's `context` is cut the same way, so it is not used here)."""
    lo = max(0, start - CLAUSE)
    text = matcher.text[lo:start]
    breaks = list(_PUNCTUATION.finditer(text))
    if breaks:
        cut = breaks[-1]
        return text[cut.end():], True, matcher.text[max(0, lo + cut.start() - CLAUSE):lo + cut.start()]
    return text, lo == 0, ""


def _unique_name(figure: Figure, words: str, taken: set[str]) -> str:
    base = _DATE.sub("", words).lstrip("0123456789_") or f"f{figure.id[1:]}"
    name, n = base, 2
    while name in taken or not name.isidentifier():
        name, n = f"{base}_{n}" if base.isidentifier() else f"f{figure.id[1:]}_{n}", n + 1
    return name


def _selector(matcher: Matcher, figure: Figure) -> dict[str, Any]:
    """The shortest template, starting at a word, that binds this figure alone; else the
    longest with nth; else the figure's own text with nth."""
    start = matcher.at(figure.number_span.start)
    after = compact(matcher.article.normalized[figure.number_span.end:figure.span.end])
    lo = max(0, start - LONGEST)
    window = matcher.text[lo:start]
    widest: tuple[Selector, list[Figure]] | None = None
    # The window's first character starts a word only at the start of the text; elsewhere a
    # word start is known from what precedes it, so one more character is looked at.
    for offset in word_starts(matcher.text[max(0, lo - 1):start], whole=lo == 0):
        before = matcher.text[max(0, lo - 1) + offset:start]
        if "{" in before or "}" in before:
            break
        if len(before) > len(window) or not _meaningful(before):
            continue
        selector = Selector(template=before + "{}" + after)
        if matcher.bind("x", selector) is figure:
            return {"template": selector.template}
        matches = matcher.matches(selector)
        if figure in matches:
            widest = (selector, matches)
    if widest is not None:
        selector, matches = widest
        return {"template": selector.template, "nth": matches.index(figure) + 1}
    return {"text": compact(figure.text), "nth": matcher.matches(Selector(text=figure.text)).index(figure) + 1}
