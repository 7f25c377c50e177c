"""The pipeline for one article: extract, bind each rule file, evaluate each check."""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Sequence

from auditor import bidi
from auditor.diagnose import tempered
from auditor.discover import discover
from auditor.evaluate import evaluate_check
from auditor.extract import extract_article
from auditor.model import Article, ArticleResult, Figure, FigureRef, Finding
from auditor.rules.load import LoadedRules
from auditor.rules.pattern import PatternTimeout
from auditor.rules.select import Matcher, Unbound


# Discovery relates figures to each other, so its cost grows faster than the article; this
# bounds the time an absurd file can take (the seed has 218 figures).
DISCOVERY_FIGURES = 10_000


def audit_article(article: Article, rule_sets: Sequence[LoadedRules],
                  kinds: Iterable[str] | None = ()) -> ArticleResult:
    """Every finding for one article: rule-file checks in file order, then discovered ones.

    `kinds` names the discovery kinds to run; None runs them all, and () none.
    """
    figures = extract_article(article)
    findings: list[Finding] = []
    if rule_sets:  # the matcher indexes the whole text: an archive run with --no-rules needs none
        matcher = Matcher(article, figures)
        for rules in rule_sets:
            findings.extend(_apply(rules, matcher))
    notes: list[str] = bidi.warnings(article, figures)
    if kinds is None or kinds:
        considered = figures[:DISCOVERY_FIGURES]
        if len(figures) > DISCOVERY_FIGURES:
            notes.append(f"{len(figures):,} figures: discovery looked at the first {DISCOVERY_FIGURES:,} "
                         "only (a news article has a few hundred); rule files were applied to all")
        findings = _merged(findings, tempered(discover(article, considered, kinds)))
    return ArticleResult(article=article, figures=figures, findings=tuple(findings), notes=tuple(notes))


def _merged(written: list[Finding], discovered: list[Finding]) -> list[Finding]:
    """A discovered relation over exactly the figures of a rule-file check is that check found
    again: one finding, under the rule file's id and title, with the discovery as supporting
    evidence. So a suggested rule file applied with discovery on gives no more findings."""
    by_figures = {frozenset(r.figure.id for r in f.figures): i for i, f in enumerate(written) if f.figures}
    merged = list(written)
    for finding in discovered:
        at = by_figures.get(frozenset(r.figure.id for r in finding.figures))
        if at is None:
            merged.append(finding)
            continue
        kind = finding.origin.split(":", 1)[-1]
        note = f"also found by discovery ({kind}, {finding.check_id})"
        own = merged[at]
        merged[at] = replace(own, evidence=f"{own.evidence}; {note}" if own.evidence else note)
    return merged


def _apply(rules: LoadedRules, matcher: Matcher) -> list[Finding]:
    bound: dict[str, Figure | Unbound] = {}
    for name, selector in rules.model.figures.items():
        try:
            bound[name] = matcher.bind(name, selector)
        except PatternTimeout as exc:
            raise rules.error_at(name, f"{exc} on {matcher.article.path}") from None
    findings = []
    for check in rules.model.checks:
        compiled = rules.compiled[check.id]
        mine = {n: bound[n] for n in compiled.names}
        figures = {n: b for n, b in mine.items() if isinstance(b, Figure)}
        missing = [b for b in mine.values() if isinstance(b, Unbound)]
        if missing:
            findings.append(_unbound(rules.path, check.id, check.title, compiled.source, missing, figures))
        else:
            findings.append(evaluate_check(check.id, rules.path, compiled, figures, title=check.title,
                                           severity=check.severity))
    return findings


def _unbound(origin: str, check_id: str, title: str, expr: str, missing: list[Unbound],
             found: dict[str, Figure]) -> Finding:
    return Finding(
        check_id=check_id, origin=origin, status="unbound", severity="warning", expr=expr,
        title=title, reason="; ".join(m.reason for m in missing),
        figures=tuple(FigureRef(n, f) for n, f in found.items()),
    )
