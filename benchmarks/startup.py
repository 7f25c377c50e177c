"""Start-up: the wall time of `auditor check` on the seed against `python -c "import sympy"`.

Issue #12's target: a check of the seed (every check holds) within the wall time of importing
sympy alone, and `auditor --version` within 0.3 s. Both are measured here as fresh processes,
alternating with the baseline so that a busy machine slows both alike; the median of --runs
of each is reported, with their ratio, and the check again with the template cache off:

    python benchmarks/startup.py [--runs 5]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "chengdu-daily-2023-12-14.txt"


def wall(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    python = sys.executable
    auditor = str(Path(python).with_name("auditor"))
    timings: dict[str, list[float]] = {"import sympy": [], "auditor check (seed)": [],
                                       "check, AUDITOR_CACHE=off": [], "auditor --version": []}
    uncached = dict(os.environ, AUDITOR_CACHE="off")  # the report templates compiled every run
    with tempfile.TemporaryDirectory() as out:
        check = [auditor, "check", str(SEED), "--out", out]
        wall(check, ROOT)  # once, unmeasured: the first run writes the caches every later run reads
        for _ in range(args.runs):
            timings["import sympy"].append(wall([python, "-c", "import sympy"], ROOT))
            timings["auditor check (seed)"].append(wall(check, ROOT))
            timings["check, AUDITOR_CACHE=off"].append(wall(check, ROOT, uncached))
            timings["auditor --version"].append(wall([auditor, "--version"], ROOT))
    base = statistics.median(timings["import sympy"])
    print(f"{'command':24} {'median s':>9} {'× import sympy':>15}")
    for name, runs in timings.items():
        median = statistics.median(runs)
        print(f"{name:24} {median:9.3f} {median / base:15.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
