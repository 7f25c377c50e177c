"""The CI gate on articles nobody annotated: how many would fail it, and on what.

Discovery's false errors hurt most where nobody wrote a rule file: a correct article that
fails the gate blocks a pull request. Folders of real articles from outlets outside
../shared/corpus (benchmarks/gate-probes/ lists where each came from; the text is not in the
repository) are audited with no rule file, and for each folder this prints how many articles
fail the gate (a failing `error`), and the failing findings by kind and severity, so that
every one can be read by hand:

    python benchmarks/gate.py DIR [DIR...] [--list]

--list prints each failing finding as `path:line:col: severity [check] message`. Folders that
are absent are skipped (exit 0), as on a machine without the probe sets.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def audit(folder: Path) -> dict:
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([sys.executable, "-m", "auditor", "check", str(folder), "--no-rules", "--format", "json",
                        "--out", out], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        return json.loads((Path(out) / "audit.json").read_text(encoding="utf-8"))


def failing(article: dict) -> list[dict]:
    return [f for f in article["findings"] if f["status"] == "fails" and not f["id"].startswith("misprint")]


def report(folder: Path, listed: bool) -> None:
    articles = audit(folder)["articles"]
    gated = [a for a in articles if any(f["severity"] == "error" for f in failing(a))]
    kinds = Counter((f["id"].split("-")[0], f["severity"]) for a in articles for f in failing(a))
    print(f"{folder}: {len(articles)} articles, {len(gated)} fail the gate; failing findings: "
          + (", ".join(f"{kind} {severity} {n}" for (kind, severity), n in sorted(kinds.items())) or "none"))
    if listed:
        for article in articles:
            for f in failing(article):
                print(f"  {Path(article['source']).name}: {f['severity']} [{f['id']}] {f.get('message', '')}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--list", action="store_true", help="print every failing finding")
    args = parser.parse_args()
    for folder in args.folders:
        if not folder.is_dir():
            print(f"{folder}: absent, skipped")
            continue
        report(folder, args.list)
    return 0


if __name__ == "__main__":
    sys.exit(main())
