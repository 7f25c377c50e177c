"""Accuracy of discovery on real passages, with no rule files (`auditor check --no-rules`).

For every relation annotated as holding in benchmarks/annotations.yaml:
* false alarms: the unchanged passage raises a failing, gate-level (error) finding on it;
* planted errors: each of its figures, separately, gets its last digit moved by +1 and by
  −1, and its last two digits swapped; an error is caught when a failing error finding
  names the changed figure.
A planted error is *detectable* when some annotated relation through the changed figure,
written as a rule and judged by the same rounding-aware evaluator (sums printed as finely
as their parts compared as printed, as discovery compares them), no longer holds: a
one-digit slip that every relation still allows (8630.4 → 8630.5 under 79.2%) cannot be
caught by any sound check, so the rate among detectable errors is reported beside the rate
among all. An item count changed by one always breaks its list, so items count as detectable.
Also listed: failing findings on unchanged passages outside any annotation (candidates for
real published errors, to be read by a person), and the share of quantity figures that
discovered checks cover per passage.

    python benchmarks/accuracy.py [--corpus ../shared/corpus] [--annotations FILE] [--show-missed]

Each figure is reported for both sides of the split in benchmarks/split.py: the passages
discovery is developed on, and the held-out passages it is only scored on (the figures a
user can expect). Last, the independent annotations in ../shared/truth are scored by the
outside scorer on both sides (benchmarks/truth.py).

Skips cleanly (exit 0) when the corpus is not there.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import cn2an
import yaml

from auditor.audit import audit_article
from auditor.discover.breakdown import printed_precisely
from auditor.discover.text import Page
from auditor.evaluate import evaluate_check
from auditor.evaluate.compile import compile_check
from auditor.model import Article, ArticleResult, Figure
from auditor.report.records import coverage

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import truth  # noqa: E402
from split import part_of  # noqa: E402
ANNOTATIONS = ROOT / "benchmarks" / "annotations.yaml"


@dataclass
class Tally:
    relations: int = 0
    false_alarms: list[str] = field(default_factory=list)
    planted: int = 0
    caught: int = 0
    caught_any: int = 0
    detectable: int = 0
    caught_detectable: int = 0
    missed: list[str] = field(default_factory=list)
    by_kind: dict[str, list[int]] = field(default_factory=dict)  # kind -> [planted, caught]


def audit(text: str, path: str) -> ArticleResult:
    return audit_article(Article.from_text(text, path), [], None)


def failing(result: ArticleResult, gate_only: bool = True) -> list:
    return [f for f in result.findings if f.status == "fails" and (f.severity == "error" or not gate_only)]


def resolve(figures: tuple[Figure, ...], literal: str) -> Figure:
    text, _, nth = literal.partition("#")
    matches = [f for f in figures if "".join(f.text.split()) == text]
    if not matches:
        raise SystemExit(f"annotation {literal!r} matches no figure")
    return matches[int(nth) - 1 if nth else 0]


def mutations(figure: Figure) -> list[tuple[str, str]]:
    """(label, new numeral) for ±1 in the last digit and a swap of the last two digits."""
    if figure.chinese:
        value = int(figure.value)
        return [(f"{d:+d}", cn2an.an2cn(value + d)) for d in (1, -1) if value + d > 0]
    number = figure.number
    step = Decimal(1).scaleb(-figure.decimals)
    out = []
    for delta in (1, -1):
        moved = Decimal(number) + delta * step
        if moved > 0:
            out.append((f"{delta:+d}", format(moved, "f")))
    digits = [i for i, ch in enumerate(number) if ch.isdigit()]
    if len(digits) >= 2:
        i, j = digits[-2], digits[-1]
        if number[i] != number[j] and not (i == 0 and number[j] == "0"):
            swapped = list(number)
            swapped[i], swapped[j] = swapped[j], swapped[i]
            out.append(("swap", "".join(swapped)))
    return out


def names_figure(result: ArticleResult, start: int, gate_only: bool = True) -> bool:
    return any(ref.figure.span.start == start for f in failing(result, gate_only) for ref in f.figures)


def score_passage(path: str, text: str, relations: list[dict], tally: Tally) -> list[str]:
    base = audit(text, path)
    annotated = []
    for relation in relations:
        figures = [resolve(base.figures, lit) for lit in relation["figures"]]
        annotated.append((relation["kind"], figures))
        tally.relations += 1
        starts = {f.span.start for f in figures}
        for finding in failing(base):
            if len(starts & {r.figure.span.start for r in finding.figures}) >= 2:
                tally.false_alarms.append(f"{path}: {finding.check_id}: {finding.message}")
    done: set[int] = set()
    for kind, figures in annotated:
        for figure in figures:
            if figure.span.start in done:
                continue
            done.add(figure.span.start)
            through = [(k, figs) for k, figs in annotated if figure in figs]
            for label, numeral in mutations(figure):
                _plant(path, text, figure, kind, label, numeral, tally, through)
    return _unannotated(path, base, annotated)


def _plant(path: str, text: str, figure: Figure, kind: str, label: str, numeral: str, tally: Tally,
           through: list[tuple[str, list[Figure]]]) -> None:
    span = figure.number_span
    result = audit(text[:span.start] + numeral + text[span.end:], path)
    tally.planted += 1
    counts = tally.by_kind.setdefault(kind, [0, 0])
    counts[0] += 1
    detectable = any(_breaks(k, figs, figure, result) for k, figs in through)
    tally.detectable += detectable
    if names_figure(result, figure.span.start):
        tally.caught += 1
        tally.caught_detectable += detectable
        counts[1] += 1
    else:
        tally.missed.append(f"{path}: {figure.text.strip()} {label} -> {numeral} ({kind})"
                            + (" [detectable]" if detectable else ""))
    if names_figure(result, figure.span.start, gate_only=False):
        tally.caught_any += 1


# Each annotated kind as a rule over its figures in annotation order; the relation holds if
# any reading does (an average's period is not annotated: a day of a year of either length,
# or a month).
FORMULAS = {
    "sum": lambda n: (" + ".join(f"x{i}" for i in range(n - 1)) + f" == x{n - 1}",),
    "share": lambda n: ("x0 / x1 == x2",),
    "points": lambda n: ("abs(x0 - x1) == x2",),
    "difference": lambda n: ("abs(x0 - x1) == x2",),
    "growth": lambda n: ("x1 / x0 - 1 == x2",),
    "repeated": lambda n: ("x0 == x1",),
    "average": lambda n: ("x0 / 365 == x1", "x0 / 366 == x1", "x0 / 12 == x1"),
}


def _numeral_of(mutated: ArticleResult, changed: Figure) -> str:
    """The numeral the mutation printed where `changed` was."""
    figure = next(f for f in mutated.figures if f.span.start == changed.span.start)
    return mutated.article.text[figure.number_span.start:figure.number_span.end]


def _breaks(kind: str, figures: list[Figure], changed: Figure, mutated: ArticleResult) -> bool:
    """Whether the annotated relation, judged on the mutated text's figures, fails."""
    if kind not in FORMULAS:
        return True
    by_start = {f.span.start: f for f in mutated.figures}
    # The new numeral may be shorter (1,897 -> 1898): figures after it moved by the difference.
    shift = len(_numeral_of(mutated, changed)) - (changed.number_span.end - changed.number_span.start)
    names = {f"x{i}": by_start.get(f.span.start + (shift if f.span.start > changed.span.start else 0))
             for i, f in enumerate(figures)}
    if any(f is None for f in names.values()):
        return True
    *parts, total = names.values()
    # Sums printed as finely as their parts are compared as printed, as discovery does.
    as_printed = kind == "sum" and printed_precisely(Page(mutated.article.normalized, mutated.figures), parts, total)
    return all(evaluate_check("planted", "benchmark", compile_check(expr, frozenset(names)), names,
                              as_printed=as_printed).status in ("fails", "error")
               for expr in FORMULAS[kind](len(figures)))


def _unannotated(path: str, base: ArticleResult, annotated: list) -> list[str]:
    known = [{f.span.start for f in figs} for _, figs in annotated]
    out = []
    for finding in failing(base, gate_only=False):
        starts = {r.figure.span.start for r in finding.figures}
        if not any(len(starts & k) >= 2 for k in known):
            out.append(f"{path}: [{finding.severity}] {finding.check_id}: {finding.message}")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description="Accuracy of discovery on real passages.")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--annotations", type=Path, default=ANNOTATIONS)
    parser.add_argument("--show-missed", action="store_true")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"accuracy benchmark skipped: {args.corpus} not found")
        return 0
    notes = yaml.safe_load(args.annotations.read_text(encoding="utf-8"))["passages"]
    passages = {p.name: p for p in sorted(args.corpus.glob("*.txt"))}
    for part in ("dev", "held-out"):
        tally, suspects, covered = Tally(), [], []
        mine = {n: p for n, p in passages.items() if part_of(n) == part}
        for name, relations in notes.items():
            path = ROOT / name if name.startswith("seeds/") else mine.get(name)
            if path is None or (name.startswith("seeds/") and part != "dev"):
                continue
            suspects += score_passage(name, path.read_text(encoding="utf-8"), relations, tally)
        for name, path in mine.items():
            result = audit(path.read_text(encoding="utf-8"), name)
            covered.append(coverage(result)["ratio"])
            if name not in notes:
                suspects += _unannotated(name, result, [])
        print(f"\n## {part} passages ({len(mine)}), the project's own annotations ({args.annotations.name})")
        # Never read while tuning: failing findings on the held-out part are counted, not listed.
        _report(tally, suspects, covered, len(mine), args.show_missed and part == "dev", listed=part == "dev")
    print("\n## independent annotations (../shared/truth), scored by ../shared/tools/truth/score.py")
    shared = args.corpus.parent
    if (shared / "tools" / "truth" / "score.py").exists():
        for line in truth.score(shared, ["dev", "held-out"]):
            print(line)
    return 0


def _report(tally: Tally, suspects: list[str], covered: list[float], passages: int, show_missed: bool,
            listed: bool = True) -> None:
    rate = tally.caught / tally.planted if tally.planted else 0.0
    alarms = len(tally.false_alarms) / tally.relations if tally.relations else 0.0
    print(f"{'measure':52} {'value':>12}")
    rows = [
        ("annotated relations that hold", f"{tally.relations}"),
        ("false alarms on them (error findings)", f"{len(tally.false_alarms)} ({alarms:.1%})"),
        ("planted errors (last digit ±1, last two digits swapped)", f"{tally.planted}"),
        ("caught by a failing error finding naming the figure", f"{tally.caught} ({rate:.1%})"),
        ("caught at any severity (warnings too)", f"{tally.caught_any} ({tally.caught_any / max(tally.planted, 1):.1%})"),
        ("detectable: an annotated relation through it fails", f"{tally.detectable}"),
        ("caught among the detectable",
         f"{tally.caught_detectable} ({tally.caught_detectable / max(tally.detectable, 1):.1%})"),
        (f"coverage: mean share of quantity figures checked ({passages} passages)",
         f"{sum(covered) / max(len(covered), 1):.1%}"),
    ]
    for name, value in rows:
        print(f"{name:52} {value:>12}")
    print("\nby kind (planted / caught):", ", ".join(
        f"{k} {p}/{c} ({c / p:.0%})" for k, (p, c) in sorted(tally.by_kind.items())))
    for line in tally.false_alarms:
        print("FALSE ALARM", line)
    if not listed:
        print(f"\nfailing findings outside the annotations: {len(suspects)} (not listed: this part is not read)")
        return
    print(f"\nfailing findings outside the annotations ({len(suspects)}), to be read as possible real errors:")
    for line in suspects:
        print("  ", line)
    if show_missed:
        print("\nmissed:")
        for line in tally.missed:
            print("  ", line)


if __name__ == "__main__":
    sys.exit(main())
