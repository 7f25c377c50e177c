"""Discovery on sentences written for this project: planted last-digit errors, and false failures.

benchmarks/probes/a.txt and b.txt hold short passages two helpers wrote for this project in
many wordings and outlet styles (Hong Kong, Taiwan, mainland bulletins, financial news), one
per line as `passage || relation`, the relation plain arithmetic over the printed numbers.
Set A was used while changing discovery; set B is held out: only scored, never read.

For each passage: a failing finding on it as written is a false failure; then each number the
relation uses is changed by one in its last digit, the way ../shared/tools/truth/score.py
plants errors, wherever that breaks the relation, and the plant is caught when a failing
finding covers the changed number. The relation test and the change are the outside scorer's
own (../shared/tools/truth/barlib.py), so the two measure alike; skips cleanly without it.

    python benchmarks/probe.py [--set a|b|all] [--show-missed]

--show-missed is refused for set B.
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARLIB = ROOT.parent / "shared" / "tools" / "truth"
NUMBER = re.compile(r"[0-9０-９][0-9０-９,，.．]*[0-9０-９]|[0-9０-９]")


def items(path: Path) -> list[tuple[str, str]]:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return [tuple(part.strip() for part in line.split("||", 1)) for line in lines  # type: ignore[misc]
            if line and not line.startswith("#") and "||" in line]


def failing(text: str) -> list:
    from auditor.audit import audit_article
    from auditor.read import article_from_bytes

    result = audit_article(article_from_bytes(text.encode("utf-8"), "probe.txt"), [], None)
    return [f for f in result.findings if f.status == "fails"]


def score(path: Path, show_missed: bool) -> tuple[int, int, int, int]:
    """(caught, planted, passages with a false failure, passages) for one probe file."""
    import barlib

    caught = planted = false = 0
    passages = items(path)
    for text, relation in passages:
        false += bool(failing(text))
        for match in NUMBER.finditer(text):
            old = match.group()
            new = barlib.bump_last_digit(old)
            if barlib.relation_holds2(relation, text, [text], {barlib.norm_num(old): barlib.norm_num(new)}) is not False:
                continue  # this number is not in the relation, or the change still fits its rounding
            planted += 1
            mutated = text[:match.start()] + new + text[match.end():]
            hit = any(ref.figure.span.start < match.end() and match.start() < ref.figure.span.end
                      for finding in failing(mutated) for ref in finding.figures)
            caught += hit
            if show_missed and not hit:
                print(f"  missed {old}->{new}: {text[:80]}")
    return caught, planted, false, len(passages)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("a", "b", "all"), default="all")
    parser.add_argument("--show-missed", action="store_true")
    args = parser.parse_args()
    if args.show_missed and args.set != "a":
        parser.error("--show-missed is for set a only: set b is held out")
    if not (BARLIB / "barlib.py").exists():
        print(f"skipped: {BARLIB / 'barlib.py'} (the outside scorer's helpers) is not there")
        return 0
    sys.path.insert(0, str(BARLIB))
    print(f"{'set':4} {'planted errors caught':>24} {'passages with a false failure':>32}")
    for name in ("a", "b") if args.set == "all" else (args.set,):
        caught, planted, false, passages = score(ROOT / "benchmarks" / "probes" / f"{name}.txt", args.show_missed)
        print(f"{name:4} {caught:>7} of {planted:<4} ({caught / planted:6.1%}) {false:>18} of {passages}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
