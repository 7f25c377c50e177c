"""Start-up: the wall time of `auditor check` on the seed against `python -c "import sympy"`.

Issue #12's target: a check of the seed (every check holds) within the wall time of importing
sympy alone, and `auditor --version` within 0.3 s. Both are measured here as fresh processes,
alternating with the baseline so that a busy machine slows both alike; the median of --runs
of each is reported, with their ratio, and the check again with the template cache off.

The package is byte-compiled first, as `pip install` does for a regular install and as
Python does on a first run; sympy is measured with its bytecode too. An editable install on
a machine that sets PYTHONDONTWRITEBYTECODE=1 (this one does) never caches bytecode, so
every run compiles ~70 modules from source (+0.1 s); `--no-compile` removes the package's
bytecode and measures that case instead:

    python benchmarks/startup.py [--runs 5] [--no-compile]
"""
from __future__ import annotations

import argparse
import compileall
import os
import shutil
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


def _bytecode(package: Path, compiled: bool) -> str:
    if compiled:
        compileall.compile_dir(package, quiet=1)
        return "package byte-compiled (as an installed package is)"
    for cache in package.rglob("__pycache__"):
        shutil.rmtree(cache)
    writes = "no bytecode is written" if sys.flags.dont_write_bytecode else "the first run writes it"
    return f"package bytecode removed ({writes})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-compile", action="store_true",
                        help="remove the package's bytecode instead of compiling it")
    args = parser.parse_args()
    print(_bytecode(ROOT / "auditor", compiled=not args.no_compile))
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
