"""`auditor suggest`: a rule file built from an article's confident discovered relations.

Each figure gets an explicit template selector (the shortest run of text before its numeral
that finds it alone, `nth` as a last resort), each relation a check with the reading that
the evaluator chose, so the file, checked with `--no-discover`, gives the same verdicts.
"""
from __future__ import annotations

import re
from typing import Any

import yaml

from auditor.discover import judge, relations
from auditor.discover.relation import Relation
from auditor.discover.text import label
from auditor.model import Article, Figure
from auditor.rules.model import Selector
from auditor.rules.select import Matcher, compact

SHORTEST, LONGEST = 4, 24
_NAME_CHARS = re.compile(r"[^\w]")
_POSITION = re.compile(r"\bx(\d+)\b")


def suggest_rules(article: Article, figures: tuple[Figure, ...]) -> str:
    """The YAML text of a rule file for this article."""
    matcher = Matcher(article, figures)
    names: dict[str, str] = {}  # figure id -> name
    selectors: dict[str, dict[str, Any]] = {}
    checks = []
    for relation in (r for r in relations(article, figures) if r.confidence == "high"):
        for figure in relation.figures:
            if figure.id not in names:
                names[figure.id] = _unique_name(figure, set(names.values()))
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


def _unique_name(figure: Figure, taken: set[str]) -> str:
    base = _NAME_CHARS.sub("", label(figure))[-8:].lstrip("0123456789_") or f"f{figure.id[1:]}"
    name, n = base, 2
    while name in taken or not name.isidentifier():
        name, n = f"{base}_{n}" if base.isidentifier() else f"f{figure.id[1:]}_{n}", n + 1
    return name


def _selector(matcher: Matcher, figure: Figure) -> dict[str, Any]:
    """The shortest template that binds this figure alone, else the longest with nth."""
    start = matcher.at(figure.number_span.start)
    after = compact(matcher.article.normalized[figure.number_span.end:figure.span.end])
    for width in range(SHORTEST, LONGEST + 1, 2):
        before = matcher.text[max(0, start - width):start]
        if "{" in before or "}" in before:
            break
        selector = Selector(template=before + "{}" + after)
        if matcher.bind("x", selector) is figure:
            return {"template": selector.template}
        matches = matcher.matches(selector)
        if width + 2 > LONGEST and figure in matches:
            return {"template": selector.template, "nth": matches.index(figure) + 1}
    return {"text": compact(figure.text), "nth": matcher.matches(Selector(text=figure.text)).index(figure) + 1}
