"""Peak memory and time of one `auditor check` on the worst article the size limit lets in.

    python benchmarks/memory.py [--bytes 2000000]   (a larger size lifts --max-bytes to it)

Writes an article of nothing but figures (`{n}人，` over and over) of the given size, and a
.docx of 60,000 short paragraphs, runs `auditor check` on each in a child process, and prints
each child's peak resident memory (getrusage) and wall time. SECURITY.md quotes these.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def dense(path: Path, size: int) -> None:
    text = "".join(f"{i % 997}人，" for i in range(size // 4))
    path.write_text(text.encode("utf-8")[:size].decode("utf-8", "ignore"), encoding="utf-8")


def docx(path: Path) -> None:
    import docx as python_docx

    document = python_docx.Document()
    for i in range(60_000):
        document.add_paragraph(f"第{i}段，甲组{i % 97}人，乙组{i % 89}人，合计{i % 97 + i % 89}人。")
    document.save(str(path))


# The check runs in a child of its own, which reports its own peak: getrusage(RUSAGE_CHILDREN)
# would give the largest of all children so far.
CHILD = ("import resource, sys\n"
         "from auditor.cli import main\n"
         "code = main(sys.argv[1:])\n"
         "print('peak', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
         "sys.exit(code)\n")


def measure(article: Path, out: Path, limit: list[str]) -> tuple[float, float, int]:
    """(peak MB, seconds, exit code) of one check in a fresh process."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CHILD, "check", str(article), "--no-rules", "--out", str(out), *limit],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak = next(int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("peak "))
    return peak / 1024, seconds, done.returncode  # ru_maxrss is in KB on Linux


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bytes", type=int, default=2_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        dense(folder / "dense.txt", args.bytes)
        docx(folder / "big.docx")
        for article in (folder / "dense.txt", folder / "big.docx"):
            # A size above the default limit is let in, so that larger runners can be sized.
            limit = ["--max-bytes", str(args.bytes)] if article.suffix == ".txt" and args.bytes > 2_000_000 else []
            peak, seconds, code = measure(article, folder / "out", limit)
            print(f"{article.name:10} {article.stat().st_size:>10,} bytes  peak {peak:7.0f} MB  {seconds:6.1f} s  exit {code}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
