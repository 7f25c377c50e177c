"""Speed of discovery, as a ratio against extraction alone in the same run.

    python benchmarks/discovery.py [--runs 21] [--against REF]

Times, in process, on the seed page and on a dense run-on text (the seed's figures with every
line break removed, repeated to about 870 KB):
* extraction alone (read the article, extract its figures);
* extraction and discovery (every kind, judged), as `auditor check --no-rules` does.
The machine is shared and noisy, so the figure to quote is the ratio of the two medians.
--against REF runs the same measurement on a git worktree of REF (say the commit before a
change to discovery) in the same run, so two versions are compared on one machine state.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "chengdu-daily-2023-12-14.txt"
DENSE_BYTES = 870_000


def _texts() -> dict[str, str]:
    seed = SEED.read_text(encoding="utf-8")
    flat = "".join(seed.split())
    dense = flat * (DENSE_BYTES // len(flat.encode()) + 1)
    return {"seed": seed, "dense run-on line": dense}


def _median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure(runs: int) -> dict[str, dict[str, float]]:
    """{text: {extract: ms, discover: ms}} for the auditor importable from sys.path."""
    from auditor.discover import discover
    from auditor.extract import extract_article
    from auditor.model import Article

    found = {}
    for name, text in _texts().items():
        n = runs if name == "seed" else max(1, runs // 7)

        def extract(text: str = text) -> None:
            extract_article(Article.from_text(text, "bench.txt"))

        def both(text: str = text) -> None:
            article = Article.from_text(text, "bench.txt")
            discover(article, extract_article(article))

        both()  # warm caches (compiled expressions, regexes) as a long-running CLI would be
        found[name] = {"extract": _median_ms(extract, n), "discover": _median_ms(both, n)}
    return found


def _against(ref: str, runs: int) -> dict[str, dict[str, float]]:
    """The same measurement on a worktree of REF, in a child process."""
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), ref],
                       check=True, capture_output=True)
        try:
            code = (f"import sys, json; sys.path.insert(0, {str(tree)!r}); sys.path.insert(1, {str(ROOT / 'benchmarks')!r});"
                    f"import discovery; print(json.dumps(discovery.measure({runs})))")
            done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp)
            return json.loads(done.stdout.strip().splitlines()[-1])
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], capture_output=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--against", metavar="REF", help="also measure a worktree of this git revision")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    rows = {"this tree": measure(args.runs)}
    if args.against:
        rows[args.against] = _against(args.against, args.runs)
    print(f"{'version':12} {'text':18} {'extract ms':>11} {'+discover ms':>13} {'ratio':>6}")
    for version, found in rows.items():
        for text, t in found.items():
            print(f"{version[:12]:12} {text:18} {t['extract']:11.1f} {t['discover']:13.1f} "
                  f"{t['discover'] / t['extract']:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
