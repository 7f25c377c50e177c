"""Archive audits on Dask: the same per-article audit as `--jobs`, as tasks on a cluster.

`auditor check ARCHIVE --engine dask [--scheduler ADDRESS]` runs `batch.attempt` for every
article on a Dask cluster (a LocalCluster when no scheduler is given) and streams what comes
back into partitioned Parquet under `--out` (`archive/articles/part-*.parquet`, one row per
article; `archive/findings/part-*.parquet`, one row per finding that does not hold), and into
the facts store with `--facts`. Memory stays flat whatever the archive's size: at most
IN_FLIGHT tasks of BATCH articles are out at once, each article comes back as a few rows, and rows are written every
PART_ROWS articles. A rerun skips every article whose content hash and auditor version are
those of the manifest the last run left (`archive/manifest.json`).
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from auditor import __version__, batch
from auditor.model import ArticleResult
from auditor.output import write_atomic
from auditor.report.json_stream import JsonStream
from auditor.report.records import coverage

IN_FLIGHT = 16  # tasks out at once, each of BATCH articles
BATCH = 8
PART_ROWS = 500


@dataclass
class Tally:
    """What an archive run did: audited, skipped, failing articles, and articles not audited."""

    audited: int = 0
    skipped: int = 0
    failing: int = 0
    broken: list[str] = field(default_factory=list)


def audit_batch(plans: list[batch.Plan], record: bool = False, keyed: bool = False) -> list[dict[str, Any]]:
    """A task: the rows of a few articles, audited one after the other on one worker."""
    return [audit_rows(plan, record, keyed) for plan in plans]


def _batches(plans: list[batch.Plan], size: int) -> Iterator[list[batch.Plan]]:
    for start in range(0, len(plans), size):
        yield plans[start:start + size]


def audit_rows(plan: batch.Plan, record: bool = False, keyed: bool = False) -> dict[str, Any]:
    """One article's outcome as plain rows (what travels back from a worker); with `record`,
    also its JSON record and its findings' statuses, for audit.json; with `keyed`, the article
    and its facts, keyed here on the worker, for the store."""
    outcome = batch.attempt(plan)
    if isinstance(outcome, batch.Failure):
        return {"article": _article_row(plan.path, None), "findings": [], "error": outcome.reason}
    rows = {"article": _article_row(plan.path, outcome), "findings": _finding_rows(plan.path, outcome), "error": ""}
    if record:
        from auditor.report.json_stream import encoded
        from auditor.report.records import article_record

        rows["record"] = encoded(article_record(outcome))
        rows["statuses"] = [f.status for f in outcome.findings]
    if keyed:
        from auditor.facts import consistency, store

        published = consistency.published_on(outcome.article)
        rows["keyed"] = (outcome.article, published, store.facts_of(outcome.article, outcome.figures, published))
    return rows


def _article_row(path: str, result: ArticleResult | None) -> dict[str, Any]:
    if result is None:
        return {"path": path, "checks": 0, "fails": 0, "holds": 0, "covered": 0, "quantities": 0, "audited": False}
    cov = coverage(result)
    return {"path": path, "checks": len(result.findings), "fails": sum(f.status == "fails" and f.counts for f in result.findings),
            "holds": sum(f.status == "holds" for f in result.findings), "covered": cov["covered"],
            "quantities": cov["quantity_figures"], "audited": True}


def _finding_rows(path: str, result: ArticleResult) -> list[dict[str, Any]]:
    rows = []
    for f in result.findings:
        if f.status == "holds":
            continue
        anchor = next((r.figure for r in f.figures if r.figure.id == f.anchor), f.figures[0].figure if f.figures else None)
        line, column = result.article.line_col(anchor.span.start) if anchor else (1, 1)
        rows.append({"path": path, "id": f.check_id, "origin": f.origin, "status": f.status, "severity": f.severity,
                     "title": f.title, "message": f.message, "line": line, "column": column, "accepted": f.accepted})
    return rows


def run(plans: list[batch.Plan], out: Path, scheduler: str | None, facts: str | None, as_json: bool = False) -> Tally:
    """Audit every plan on Dask, writing Parquet under out/archive (and, with `as_json`, out/audit.json
    as the local engine writes it, for the articles audited); see the module's docstring."""
    from distributed import Client, LocalCluster, as_completed

    folder = out / "archive"
    manifest = _manifest(folder)
    todo, tally = [], Tally()
    for plan in plans:
        digest = _digest(plan.path)
        if manifest.get(plan.path) == [digest, __version__]:
            tally.skipped += 1
        else:
            todo.append((plan, digest))
    cluster = None if scheduler else LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1,
                                                  dashboard_address=None, silence_logs=40)
    report = JsonStream(out / "audit.json", [plan.path for plan, _ in todo]) if as_json else None
    with Client(scheduler or cluster) as client:
        writer = _Parts(folder)
        started = time.monotonic()
        # Tasks of BATCH articles: one task per article would make the scheduler's overhead per
        # task (about a millisecond) a cost of every article; see docs/archive-scale.md.
        queue = iter(_batches([plan for plan, _ in todo], BATCH))
        keyed = facts is not None
        pending = as_completed([client.submit(audit_batch, chunk, as_json, keyed, pure=False)
                                for chunk in _take(queue, IN_FLIGHT)])
        digests = {plan.path: digest for plan, digest in todo}
        for future in pending:
            done = future.result()
            for rows in done:
                _record(rows, writer, tally, manifest, digests)
                if report is not None:
                    report.add(rows["article"]["path"], rows.get("record"), rows.get("statuses", []))
            if facts:  # a task's articles, keyed by the worker, in one transaction
                _index(facts, [rows["keyed"] for rows in done if "keyed" in rows])
            future.release()
            for chunk in _take(queue, 1):  # one out, one in: never more than IN_FLIGHT tasks at once
                pending.add(client.submit(audit_batch, chunk, as_json, keyed, pure=False))
            _progress(tally.audited, len(todo), started)
        writer.close()
    if report is not None:
        report.close()
    if cluster is not None:
        cluster.close()
    write_atomic(folder / "manifest.json", json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=0) + "\n")
    return tally


def _record(rows: dict[str, Any], writer: "_Parts", tally: Tally, manifest: dict[str, list[str]],
            digests: dict[str, str]) -> None:
    article = rows["article"]
    tally.audited += 1
    if rows["error"]:
        tally.broken.append(rows["error"])
        return
    tally.failing += article["fails"] > 0
    writer.add(article, rows["findings"])
    manifest[article["path"]] = [digests[article["path"]], __version__]


def _index(facts: str, keyed: list[Any]) -> None:
    from auditor.facts import store

    if keyed:
        store.add_articles(_engine(facts), keyed)


_ENGINES: dict[str, Any] = {}


def _engine(facts: str) -> Any:
    from auditor.facts import store

    if facts not in _ENGINES:
        _ENGINES[facts] = store.open_store(facts)
    return _ENGINES[facts]


class _Parts:
    """Rows gathered and written as numbered Parquet files, PART_ROWS articles at a time."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.articles, self.findings = folder, [], []
        self.number = len(list((folder / "articles").glob("part-*.parquet"))) if (folder / "articles").exists() else 0

    def add(self, article: dict[str, Any], findings: list[dict[str, Any]]) -> None:
        self.articles.append(article)
        self.findings.extend(findings)
        if len(self.articles) >= PART_ROWS:
            self.flush()

    def flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not self.articles:
            return
        self.number += 1
        for name, rows in (("articles", self.articles), ("findings", self.findings)):
            target = self.folder / name / f"part-{self.number:05d}.parquet"
            target.parent.mkdir(parents=True, exist_ok=True)
            temp = target.with_suffix(".tmp")
            pq.write_table(pa.Table.from_pylist(rows) if rows else pa.table({"path": pa.array([], pa.string())}), temp)
            os.replace(temp, target)  # a part is there whole or not at all
        self.articles, self.findings = [], []

    def close(self) -> None:
        self.flush()


def _take(queue: Iterator[Any], n: int) -> list[Any]:
    taken = []
    for item in queue:
        taken.append(item)
        if len(taken) == n:
            break
    return taken


def _digest(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _manifest(folder: Path) -> dict[str, list[str]]:
    try:
        data = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _progress(done: int, total: int, started: float) -> None:
    if sys.stderr.isatty() and total:
        rate = done / max(time.monotonic() - started, 1e-9)
        sys.stderr.write(f"\r{done}/{total} articles, {rate:.1f} articles/s")
        if done == total:
            sys.stderr.write("\n")
