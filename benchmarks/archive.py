"""Archive throughput: N seed-sized articles on --engine local --jobs 2 and on --engine dask.

The articles are the seed with its figures varied (each number's last digit moved with some
probability, a different draw per article), so every one is audited for real and most have
a discrepancy or two. Both engines run over the same folder in one run, as fresh processes:

* local: `auditor check DIR --no-rules --format json --jobs 2 --out OUT`
* dask:  `auditor check DIR --no-rules --format json --engine dask --out OUT` (a LocalCluster of
  this machine's cores: two workers on the 2-core CI machine)

Reported: wall time, articles per second, the peak resident memory of the whole process
tree (the command, its workers, Dask's scheduler and nanny processes; sampled every 0.1 s by
psutil, which distributed brings), and the ratio of the two engines' times.

    python benchmarks/archive.py [--articles 10000] [--seed 1]

Issue #14's targets on this 2-core machine: 10,000 articles in at most 120 s with --jobs 2
and under 500 MB at peak; Dask within 1.3x of local. docs/archive-scale.md works out what
these figures mean for 10 million articles.
"""
from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "chengdu-daily-2023-12-14.txt"
NUMBER = re.compile(r"\d+(?:\.\d+)?")


def varied(text: str, rng: random.Random, rate: float = 0.05) -> str:
    """The seed with about `rate` of its numbers' last digits moved by one."""
    def move(match: re.Match[str]) -> str:
        number = match.group()
        if rng.random() >= rate:
            return number
        last = int(number[-1])
        return number[:-1] + str(last + 1 if last < 9 else last - 1)
    return NUMBER.sub(move, text)


def write_archive(folder: Path, count: int, seed: int) -> None:
    text, rng = SEED.read_text(encoding="utf-8"), random.Random(seed)
    for i in range(count):
        (folder / f"article-{i:05d}.txt").write_text(varied(text, rng), encoding="utf-8")


def measured(argv: list[str]) -> tuple[float, float, int]:
    """(seconds, peak MB of the process tree, exit code) of one command."""
    import psutil

    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        try:
            root = psutil.Process(process.pid)
        except psutil.NoSuchProcess:
            return
        while not done.is_set():
            total = 0
            try:
                for p in [root, *root.children(recursive=True)]:
                    try:
                        total += p.memory_info().rss
                    except psutil.Error:
                        continue
            except psutil.Error:
                break
            peak[0] = max(peak[0], total)
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = process.wait()
    done.set()
    sampler.join()
    return time.perf_counter() - start, peak[0] / 2**20, code


def scheduler_overhead(tasks: int = 2000) -> float:
    """Milliseconds of wall time per no-op task, submitted one out, one in, as archive.run does,
    on a two-worker LocalCluster: what the scheduler costs each task whatever it does."""
    from distributed import Client, LocalCluster, as_completed

    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None, silence_logs=40) as cluster, \
            Client(cluster) as client:
        start = time.perf_counter()
        pending = as_completed([client.submit(int, i, pure=False) for i in range(16)])
        submitted = 16
        for future in pending:
            future.release()
            if submitted < tasks:
                pending.add(client.submit(int, submitted, pure=False))
                submitted += 1
        return (time.perf_counter() - start) * 1000 / tasks


def store_rate(articles: int = 200) -> tuple[float, float]:
    """Seed articles a second into a fresh SQLite facts store: keyed and written one transaction
    each (check --facts), and, as an archive's parent writes them, keyed already (by the
    workers) and written a task's 8 articles a transaction."""
    from auditor.extract import extract_article
    from auditor.facts import store
    from auditor.read import read_article

    article = read_article(SEED)
    copies = [replace(article, path=f"a{i}.txt") for i in range(articles)]
    with tempfile.TemporaryDirectory() as tmp:
        engine = store.open_store(Path(tmp) / "one.sqlite")
        start = time.perf_counter()
        for copy in copies:
            store.add_article(engine, copy, None)
        one = articles / (time.perf_counter() - start)
        found = store.facts_of(article, extract_article(article), None)
        engine = store.open_store(Path(tmp) / "batched.sqlite")
        start = time.perf_counter()
        for at in range(0, articles, 8):
            store.add_articles(engine, [(copy, None, found) for copy in copies[at:at + 8]])
        return one, articles / (time.perf_counter() - start)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    auditor = str(Path(sys.executable).with_name("auditor"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "archive"
        folder.mkdir()
        write_archive(folder, args.articles, args.seed)
        runs = {
            "local --jobs 2": [auditor, "check", str(folder), "--no-rules", "--format", "json", "--jobs", "2",
                               "--out", str(Path(tmp) / "local")],
            "dask (LocalCluster)": [auditor, "check", str(folder), "--no-rules", "--format", "json",
                                    "--engine", "dask", "--out", str(Path(tmp) / "dask")],
        }
        results = {name: measured(argv) for name, argv in runs.items()}
        same = (Path(tmp) / "local" / "audit.json").read_bytes() == (Path(tmp) / "dask" / "audit.json").read_bytes()
    print(f"{args.articles:,} seed-sized articles")
    print(f"{'engine':22} {'seconds':>8} {'articles/s':>11} {'peak MB':>8} {'exit':>5}")
    for name, (seconds, peak, code) in results.items():
        print(f"{name:22} {seconds:8.1f} {args.articles / seconds:11.1f} {peak:8.0f} {code:5}")
    local, dask = results["local --jobs 2"][0], results["dask (LocalCluster)"][0]
    print(f"dask / local time: {dask / local:.2f}; audit.json identical: {same}")
    print(f"Dask scheduler, per no-op task (two-worker LocalCluster): {scheduler_overhead():.2f} ms")
    one, batched = store_rate()
    print(f"facts store (SQLite), seed articles a second: keyed and written one a transaction {one:.1f}; "
          f"keyed already, 8 a transaction {batched:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
