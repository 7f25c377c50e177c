"""Auditing many articles: one picklable plan per article, run in worker processes.

Rule files are loaded (and so validated) once in the main process, to report a bad file
before any work starts, and again in each worker, since compiled checks hold closures that
cannot be sent between processes. Results come back in input order whatever `--jobs` is,
so output is byte-identical across job counts.
"""
from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from auditor import baseline
from auditor.audit import audit_article
from auditor.model import ArticleResult
from auditor.read import MAX_ARTICLE_BYTES, read_article
from auditor.rules import LoadedRules, applies, load_rules

SERIAL_BELOW = 4  # a pool costs more than it saves for a few articles
PROGRESS_ABOVE = 5


@dataclass(frozen=True)
class Plan:
    """How to audit one article, in plain data."""

    path: str
    rule_files: tuple[str, ...] = ()  # apply to this article
    candidates: tuple[str, ...] = ()  # apply when their article:/applies_to: names it
    kinds: tuple[str, ...] | None = ()  # discovery kinds; None runs them all
    accepted: frozenset[str] = frozenset()  # baseline fingerprints
    own_rules: bool = True  # honour rule files an article names in its front matter
    max_bytes: int = MAX_ARTICLE_BYTES  # larger files are refused, by name


def rules_at(path: str) -> LoadedRules:
    """A rule file, loaded once per content: many articles share one, and a long-lived
    process (tests, `auditor serve`) must see a file that changed since."""
    try:
        stat = os.stat(path)
    except OSError:
        return load_rules(path)  # which says, located, why it cannot be read
    return _rules_at(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=256)
def _rules_at(path: str, mtime_ns: int, size: int) -> LoadedRules:
    return load_rules(path)


def audit_plan(plan: Plan) -> ArticleResult:
    article = read_article(plan.path, plan.max_bytes)
    front = article.metadata.get("auditor", {}) if isinstance(article.metadata, dict) else {}
    own = [str(Path(plan.path).parent / r) for r in _list(front.get("rules"))] if plan.own_rules else []
    rule_sets = [rules_at(p) for p in (*plan.rule_files, *own)]
    rule_sets += [r for r in map(rules_at, plan.candidates) if applies(r, plan.path)]
    reasons = {(r.path, a.id): a.reason for r in rule_sets for a in r.model.accept}
    skipped = {item["id"]: item.get("reason", "turned off in the article's front matter")
               for item in _list(front.get("skip")) if isinstance(item, dict) and "id" in item}
    result = audit_article(article, rule_sets, plan.kinds)
    return baseline.apply(result, plan.accepted, reasons, skipped)


def _list(value: object) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def run(plans: list[Plan], jobs: int) -> list[ArticleResult]:
    """Every plan's result, in the order of `plans`."""
    for plan in plans:  # fail fast, in this process, on a bad rule file
        for path in (*plan.rule_files, *plan.candidates):
            rules_at(path)
    show = sys.stderr.isatty() and len(plans) > PROGRESS_ABOVE
    if jobs <= 1 or len(plans) < SERIAL_BELOW:
        results = []
        for done, plan in enumerate(plans, start=1):
            results.append(audit_plan(plan))
            _progress(show, done, len(plans))
        return results
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(audit_plan, plan): i for i, plan in enumerate(plans)}
        ordered: list[ArticleResult | None] = [None] * len(plans)
        for done, future in enumerate(as_completed(futures), start=1):
            ordered[futures[future]] = future.result()
            _progress(show, done, len(plans))
    return [r for r in ordered if r is not None]


def _progress(show: bool, done: int, total: int) -> None:
    if show:
        width = 30
        filled = width * done // total
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done == total:
            sys.stderr.write("\n")
