"""Fuzzing run: each target of tests/fuzz_targets.py with many generated inputs.

Prints, per target, how many inputs it tried, how long it took, and whether it found a
failure (with the falsifying input). Exit 1 if any target failed. CI runs a smaller profile
through `tests/test_fuzz.py`; this is the long run quoted in notes.

    python benchmarks/fuzz.py [--examples 100000] [--targets extractor,compiler]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.fuzz_targets

from tests.fuzz_targets import TARGETS, TRIED  # noqa: E402 - after the path is set


def run(name: str, examples: int) -> tuple[int, float, str]:
    """Inputs tried, seconds, and the failure (empty when none)."""
    target = settings(max_examples=examples, deadline=None, database=None, derandomize=False,
                      suppress_health_check=list(HealthCheck))(TARGETS[name])
    started = time.perf_counter()
    try:
        target()
        failure = ""
    except Exception as exc:  # any exception is a finding; report it and go on
        failure = f"{type(exc).__name__}: {exc}"[:500]
    return TRIED[name], time.perf_counter() - started, failure


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=100_000)
    parser.add_argument("--targets", default=",".join(TARGETS))
    args = parser.parse_args()
    print(f"{'target':<10} {'inputs':>9} {'seconds':>8} {'per input':>10}  result")
    failed = False
    for name in args.targets.split(","):
        tried, seconds, failure = run(name, args.examples)
        failed |= bool(failure)
        print(f"{name:<10} {tried:>9,} {seconds:>8.1f} {seconds / max(tried, 1) * 1e3:>8.2f}ms  "
              f"{failure or 'no failure'}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
