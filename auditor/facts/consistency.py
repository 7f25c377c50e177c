"""Cross-article checks: a figure against what the paper (or an official source) already printed.

For each figure of the article with a usable key, the store's facts of the same key and
unit from other articles are the figure's history. A reference fact (loaded from an official
table) outranks every article; a fact marked as a revision supersedes the ones before it.
The figure must agree with each within both roundings (6834.7亿元 and 6835亿元 agree;
6834.7亿元 and 6843.7亿元 do not), judged by the evaluator like any other check:

* a contradiction is a failing finding of kind `consistency`, naming the earlier article,
  its date and its sentence; it is an `error` only when both keys are confident;
* agreement is one holding finding: 与3篇已发表文章一致.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine

from auditor.discover.relation import compiled
from auditor.evaluate import evaluate_check
from auditor.facts.store import Fact, earlier, facts_of
from auditor.model import Article, Figure, FigureRef, Finding, Span

ORIGIN = "facts:consistency"
YEAR_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
DATE_IN_NAME = re.compile(r"((?:19|20)\d\d)[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])")


def published_on(article: Article, given: date | None = None) -> date | None:
    """The article's date: --date, else `date:` in its front matter, else one in its file name."""
    if given:
        return given
    meta = article.metadata if isinstance(article.metadata, dict) else {}
    stated = meta.get("date")
    if isinstance(stated, date):
        return stated
    for text in (str(stated or ""), article.path):
        match = DATE_IN_NAME.search(text)
        if match:
            try:
                return date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                continue
    # A year alone in the file name (trade-jan-aug-2023.txt): the article's year, its day unknown.
    year = YEAR_IN_NAME.search(Path(article.path).stem)
    return date(int(year[1]), 12, 31) if year else None


def check(engine: Engine, article: Article, figures: tuple[Figure, ...], published: date | None,
          facts: list[Fact] | None = None) -> list[Finding]:
    """The consistency findings of one article against the store (`facts`: its facts, when
    the caller has keyed them already)."""
    found = []
    for fact in facts if facts is not None else facts_of(article, figures, published):
        if not fact.key.usable:
            continue
        history = _history(earlier(engine, fact.key, fact.figure.unit, article.path), published)
        if history:
            found.append(_judged(fact, history))
    return found


def _history(rows: list[dict[str, Any]], published: date | None) -> list[dict[str, Any]]:
    """The facts this one must agree with: references if any, else articles printed before it;
    a revision replaces what came before it."""
    if published is not None:
        rows = [r for r in rows if r["origin"] == "reference" or not r["published"] or r["published"] <= published.isoformat()]
    references = [r for r in rows if r["origin"] == "reference"]
    rows = references or rows
    revisions = [r for r in rows if r["revises"]]
    return revisions[-1:] if revisions else rows


def _judged(fact: Fact, history: list[dict[str, Any]]) -> Finding:
    verdicts = [(row, _against(fact, row)) for row in history]
    failing = [(row, f) for row, f in verdicts if f.status == "fails"]
    if failing:
        row, finding = failing[0]
        when = f"，{row['published']}" if row["published"] else ""
        title = (f"{_flat(fact.figure.text)} 与已发表的 {row['text']} 不一致（{fact.key}；{row['path']}{when}）")
        confident = fact.key.confidence == "high" and row["confidence"] == "high"
        return replace(finding, title=title, severity="error" if confident else "warning",
                       evidence=f"{row['path']}{when}: {row['sentence']}", elsewhere=row["path"])
    _, finding = verdicts[0]
    if all(row["origin"] == "reference" for row in history):  # an official figure: say whose
        named = "、".join(sorted({row["source"] for row in history if row["source"]})) or "参考数据"
        return replace(finding, title=f"{_flat(fact.figure.text)} 与{named}发布的数字一致（{fact.key}）",
                       evidence="; ".join(sorted({row["sentence"] for row in history})))
    sources = len({row["path"] for row in history})
    return replace(finding, title=f"{_flat(fact.figure.text)} 与{sources}篇已发表文章一致（{fact.key}）",
                   evidence="; ".join(sorted({row["path"] for row in history})))


def _against(fact: Fact, row: dict[str, Any]) -> Finding:
    """This figure (x0) against a stored one (x1): equal within both roundings."""
    stored = _figure(row)
    finding = evaluate_check(f"consistency-{fact.figure.id}-{row['id']}", ORIGIN, compiled("x1 == x0", frozenset({"x0", "x1"})),
                             {"x0": fact.figure, "x1": stored}, severity="error",
                             shown_as={"x0": "本文的数字", "x1": "已发表的数字"})
    # Only this article's figure has a place in this article; the earlier one is named in words.
    return replace(finding, figures=(FigureRef("x0", fact.figure),), template="", anchor=fact.figure.id)


def _figure(row: dict[str, Any]) -> Figure:
    return Figure(id=f"stored-{row['id']}", span=Span(0, 0), text=row["text"], number=row["number"],
                  scale=int(row["scale"]), value=Decimal(row["value"]), unit=row["unit"], decimals=int(row["decimals"]),
                  qualifier=row["qualifier"], kind=row["kind"])


def _flat(text: str) -> str:
    return "".join(text.split())
