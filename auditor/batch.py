"""Auditing many articles: one picklable plan per article, run in worker processes.

Rule files are loaded (and so validated) once in the main process, to report a bad file
before any work starts, and again in each worker, since compiled checks hold closures that
cannot be sent between processes. Results come back in input order whatever `--jobs` is,
so output is byte-identical across job counts.
"""
from __future__ import annotations

import os
import sys
import traceback
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterator

from auditor import baseline
from auditor.audit import audit_article
from auditor.diagnose import diagnose
from auditor.errors import AuditorError
from auditor.model import ArticleResult
from auditor.read import MAX_ARTICLE_BYTES, read_article, shown
from auditor.rules import LoadedRules, applies, load_rules

if TYPE_CHECKING:
    from concurrent.futures import Future

IGNORED_RULES = ("the front matter names rule files (auditor: rules:); they are not read: rule files come "
                 "from the command line and the config, never from an article")
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
    if not isinstance(front, dict):
        front = {}
    rule_sets = [rules_at(p) for p in plan.rule_files]
    rule_sets += [r for r in map(rules_at, plan.candidates) if applies(r, plan.path)]
    reasons = {(r.path, a.id): a.reason for r in rule_sets for a in r.model.accept}
    skipped = {str(item["id"]): str(item.get("reason", "turned off in the article's front matter"))
               for item in _list(front.get("skip")) if isinstance(item, dict) and "id" in item}
    result = audit_article(article, rule_sets, plan.kinds)
    if "rules" in front:
        # An article arrives in a pull request: it may turn its own checks off, with a reason
        # shown in every report, but never choose which files the runner reads.
        result = replace(result, notes=result.notes + (IGNORED_RULES,))
    result = baseline.apply(result, plan.accepted, reasons, skipped)
    return replace(result, diagnoses=diagnose(result.findings))


@dataclass(frozen=True)
class Failure:
    """An article that could not be audited: its name and why, in one line."""

    path: str
    reason: str
    internal: bool = False  # a bug of ours rather than bad input: exit 3, not 2


def attempt(plan: Plan) -> ArticleResult | Failure:
    """One article's result, or its failure: one bad article never costs the others theirs."""
    try:
        return audit_plan(plan)
    except AuditorError as exc:
        return Failure(shown(plan.path), str(exc))
    except RecursionError:
        return Failure(shown(plan.path), f"{shown(plan.path)}: too deeply nested to audit")
    except MemoryError:
        return Failure(shown(plan.path), f"{shown(plan.path)}: out of memory while auditing")
    except Exception as exc:  # noqa: BLE001 - any other exception is ours, and reported as ours
        detail = "".join(traceback.format_exception(exc)) if os.environ.get("AUDITOR_TRACEBACK") else ""
        return Failure(shown(plan.path), f"{shown(plan.path)}: internal error: {type(exc).__name__}: {exc}"
                       + ("\n" + detail if detail else ""), internal=True)


def _list(value: object) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def run(plans: list[Plan], jobs: int) -> list[ArticleResult | Failure]:
    """Every plan's result or failure, in the order of `plans`."""
    for plan in plans:  # fail fast, in this process, on a bad rule file
        for path in (*plan.rule_files, *plan.candidates):
            rules_at(path)
    show = sys.stderr.isatty() and len(plans) > PROGRESS_ABOVE
    if jobs <= 1 or len(plans) < SERIAL_BELOW:
        results: list[ArticleResult | Failure] = []
        for done, plan in enumerate(plans, start=1):
            results.append(attempt(plan))
            _progress(show, done, len(plans))
        return results
    # Imported here: multiprocessing and its sockets cost a run of one article for nothing.
    from concurrent.futures import ProcessPoolExecutor, as_completed

    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_signals)
    try:
        futures = {pool.submit(attempt, plan): i for i, plan in enumerate(plans)}
        ordered: list[ArticleResult | Failure | None] = [None] * len(plans)
        for done, future in enumerate(as_completed(futures), start=1):
            ordered[futures[future]] = _outcome(future, plans[futures[future]])
            _progress(show, done, len(plans))
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown(wait=True)
    return [r for r in ordered if r is not None]


@dataclass(frozen=True)
class Digest:
    """What a streamed run keeps of an article: its JSON record (encoded, as audit.json holds
    it), its findings' statuses, and what the gate and the summary line need."""

    path: str
    record: str
    statuses: tuple[str, ...]
    gate: tuple[str, ...]  # the severities of its findings not accepted, which the gate weighs
    failing: bool  # some finding that fails is not accepted


def digested(plan: Plan) -> Digest | Failure:
    """A worker's task in a streamed run: the article audited and reduced to its Digest."""
    from auditor.report.json_stream import encoded
    from auditor.report.records import article_record

    outcome = attempt(plan)
    if isinstance(outcome, Failure):
        return outcome
    return Digest(plan.path, encoded(article_record(outcome)), tuple(f.status for f in outcome.findings),
                  tuple(f.severity for f in outcome.findings if f.counts),
                  any(f.status == "fails" and f.counts for f in outcome.findings))


def stream(plans: list[Plan], jobs: int) -> Iterator[Digest | Failure]:
    """Each plan's Digest or Failure, in the order of `plans`, as they are done: nothing of an
    article is kept once it is yielded, so memory stays flat however many there are."""
    for plan in plans:  # fail fast, in this process, on a bad rule file
        for path in (*plan.rule_files, *plan.candidates):
            rules_at(path)
    if jobs <= 1:
        yield from map(digested, plans)
        return
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_signals)
    try:
        # map keeps the order; results done ahead of an earlier one wait, a handful at a time.
        yield from pool.map(digested, plans, chunksize=4)
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown(wait=True)


def _worker_signals() -> None:
    """A worker ends quietly on SIGTERM: the CLI's handler (SIGTERM unwinds like Ctrl-C), which
    a forked worker inherits, would print a traceback from each worker the parent stops."""
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _stop(pool: Any) -> None:
    """On SIGTERM (made an exception by the CLI) or Ctrl-C the workers go with the parent
    instead of finishing the queue as orphans, and the parent does not wait at exit on the
    pool's queue feeder, which can block for good on the pipe of a worker it just ended."""
    processes = list(getattr(pool, "_processes", {}).values())
    for process in processes:
        process.terminate()
    queue = getattr(pool, "_call_queue", None)
    if queue is not None:
        queue.cancel_join_thread()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(timeout=2)
        if process.is_alive():
            process.kill()


def _outcome(future: Future, plan: Plan) -> ArticleResult | Failure:
    from concurrent.futures.process import BrokenProcessPool

    try:
        return future.result()
    except BrokenProcessPool:  # a worker killed (out of memory): that article, not the run
        return Failure(shown(plan.path), f"{shown(plan.path)}: the worker auditing it died", internal=True)


def _progress(show: bool, done: int, total: int) -> None:
    if show:
        width = 30
        filled = width * done // total
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done == total:
            sys.stderr.write("\n")
