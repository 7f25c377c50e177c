"""Score discovery on the independent annotations (../shared/truth) by the split in split.py.

Runs ../shared/tools/truth/score.py, the scorer used from outside the team, on each truth file
restricted to one side of the split, so the dev figures and the held-out figures come from
the same harness:

    python benchmarks/truth.py [--part dev|held-out|all] [--detail] [--extra DIR]...

--detail (which lists missed relations) is refused for the held-out part: nobody tunes on it.
--extra DIR scores another annotated set in the same format (DIR/truth.yaml beside DIR's
passages): the extra passages annotated for this project from other outlets
(benchmarks/extra-sources.md and benchmarks/fresh-sources.md say where each came from, and
which sets were never tuned on; their text is not in the repository).
Skips cleanly (exit 0) when ../shared is absent.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from split import part_of  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
TRUTHS = ("corpus-01-35.yaml", "corpus-36-65.yaml")


def subset(truth: Path, part: str, out: Path) -> int:
    """Write truth restricted to one part into out; returns how many passages it keeps."""
    data = yaml.safe_load(truth.read_text(encoding="utf-8"))
    data["files"] = [e for e in data["files"] if part == "all" or part_of(e["file"]) == part]
    out.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return len(data["files"])


def score(shared: Path, parts: list[str], detail: bool = False) -> list[str]:
    """One line per part and truth file: the outside scorer's summary line."""
    script = shared / "tools" / "truth" / "score.py"
    env = dict(os.environ, AUD=os.environ.get("AUD", str(Path(sys.executable).with_name("auditor"))),
               TRUTH_CORPUS=str(shared / "corpus"), WANT_CAUGHT="0", WANT_FALSE="1", WANT_EXTRACT="0")
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        for part in parts:
            for name in TRUTHS:
                out = Path(tmp) / f"{part}-{name}"
                if not subset(shared / "truth" / name, part, out):
                    continue
                done = subprocess.run([sys.executable, str(script), str(out)] + (["--detail"] if detail else []),
                                      env=env, capture_output=True, text=True, timeout=3600)
                if detail:
                    sys.stderr.write(done.stderr)
                last = (done.stdout.strip().splitlines() or [done.stderr.strip()[-300:]])[-1]
                lines.append(f"{part:8} {name}: {last}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--part", choices=("dev", "held-out", "all"), default=None)
    parser.add_argument("--detail", action="store_true")
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--extra", type=Path, action="append", default=[], metavar="DIR")
    args = parser.parse_args()
    if not (args.shared / "tools" / "truth" / "score.py").exists():
        print(f"truth: skipped ({args.shared} has no tools/truth/score.py)")
        return 0
    if args.detail and args.part != "dev":
        parser.error("--detail is for --part dev only: the held-out part is never tuned on")
    for line in score(args.shared, [args.part] if args.part else ["dev", "held-out", "all"], args.detail):
        print(line)
    for extra in args.extra:
        print(f"extra    {extra.name}: {score_extra(args.shared, extra, args.detail)}")
    return 0


def score_extra(shared: Path, folder: Path, detail: bool = False) -> str:
    """The outside scorer's summary line on an annotated folder of development passages."""
    script = shared / "tools" / "truth" / "score.py"
    env = dict(os.environ, AUD=os.environ.get("AUD", str(Path(sys.executable).with_name("auditor"))),
               TRUTH_CORPUS=str(folder), WANT_CAUGHT="0", WANT_FALSE="1", WANT_EXTRACT="0")
    done = subprocess.run([sys.executable, str(script), str(folder / "truth.yaml")] + (["--detail"] if detail else []),
                          env=env, capture_output=True, text=True, timeout=3600)
    if detail:
        sys.stderr.write(done.stderr)
    return (done.stdout.strip().splitlines() or [done.stderr.strip()[-300:]])[-1]


if __name__ == "__main__":
    sys.exit(main())
