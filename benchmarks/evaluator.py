"""Evaluator benchmark: a synthetic ~20,000-character article with ~200 rules.

Times, in the same run, (1) our pipeline: rules compiled once, then per article extraction,
binding and rounding-aware evaluation over exact rational intervals; and (2) a naive
design that sympifies each rule string and substitutes AccumBounds for the figures.
The machine is shared and noisy, so the ratio is the figure to quote, not the absolutes.

    python benchmarks/evaluator.py [--runs 21] [--naive-runs 3] [--seed 7]
"""
from __future__ import annotations

import argparse
import random
import statistics
import time
from fractions import Fraction

import sympy
from sympy.core.cache import clear_cache

from auditor.audit import _apply
from auditor.evaluate.compile import compile_check
from auditor.evaluate.semantics import read
from auditor.extract import extract_figures
from auditor.model import Article
from auditor.rules.load import LoadedRules
from auditor.rules.model import RuleFile
from auditor.rules.select import Matcher

SYLLABLES = "东南西北中上下前后左右金木水火土山河湖海江云星月花"
FILLER = "据统计，{y}年{m}月{d}日共有{x}人参加活动，现场签约项目{k}个，涉及资金{z}亿元。"


def _names(count: int, rng: random.Random) -> list[str]:
    pairs = [a + b + c for a in SYLLABLES for b in SYLLABLES for c in "城县镇"]
    rng.shuffle(pairs)
    return pairs[:count]


def _group(i: int, name: str, rng: random.Random, slip: bool) -> tuple[str, dict, list[dict]]:
    """One paragraph about a place, the selectors for its figures, and four checks."""
    parts = [Fraction(rng.randint(100, 99999), 10) for _ in range(3)]
    total = sum(parts)
    prior = total / (1 + Fraction(rng.randint(10, 400), 1000))
    firms, new = rng.randint(200, 9000), rng.randint(10, 199)
    values = {"t": (total + (Fraction(5, 10) if slip else 0), 1), "a": (parts[0], 1), "b": (parts[1], 1),
              "c": (parts[2], 1), "s": (parts[0] / total * 100, 1), "g": ((total / prior - 1) * 100, 1),
              "p": (prior, 1), "f": (firms, 0), "n": (new, 0), "q": (Fraction(new, firms) * 100, 2)}
    labels = {"t": "营收{}亿元", "a": "工业{}亿元", "b": "服务业{}亿元", "c": "农业{}亿元", "s": "工业占比{}%",
              "g": "营收同比增长{}%", "p": "上年营收{}亿元", "f": "企业{}家", "n": "新增{}家", "q": "新增占比{}%"}
    text = "，".join(name + labels[k].format(_d(*values[k])) for k in labels) + "。\n"
    p = f"g{i}_"
    selectors = {p + k: name + label for k, label in labels.items()}
    checks = [{"id": f"g{i}-sum", "expr": f"{p}a + {p}b + {p}c == {p}t"},
              {"id": f"g{i}-share", "expr": f"{p}a / {p}t == {p}s"},
              {"id": f"g{i}-growth", "expr": f"{p}t / {p}p - 1 == {p}g"},
              {"id": f"g{i}-firms", "expr": f"{p}n / ({p}n + ({p}f - {p}n)) == {p}q"}]
    return text, selectors, checks


def _d(value: Fraction, places: int) -> str:
    return f"{float(round(value, places)):.{places}f}"  # display only: article text, not a figure read


def build(seed: int, groups: int = 50, target_chars: int = 20000) -> tuple[str, LoadedRules]:
    rng = random.Random(seed)
    text, figures, checks = "", {}, []
    for i, name in enumerate(_names(groups, rng)):
        paragraph, sel, cks = _group(i, name, rng, slip=i % 20 == 7)
        text += paragraph
        figures.update(sel)
        checks.extend(cks)
    while len(text) < target_chars:
        text += FILLER.format(y=rng.randint(2000, 2023), m=rng.randint(1, 12), d=rng.randint(1, 28),
                              x=rng.randint(10, 9999), k=rng.randint(2, 99), z=rng.randint(1, 999))
    model = RuleFile.model_validate({"figures": figures, "checks": checks})
    compiled = {c.id: compile_check(c.expr, frozenset(model.figures)) for c in model.checks}
    return text, LoadedRules("<bench>", model, compiled)


def ours(text: str, rules: LoadedRules) -> tuple[float, float, list]:
    read.cache_clear()  # no help from an earlier run's readings
    t0 = time.perf_counter()
    figures = extract_figures(text)
    t1 = time.perf_counter()
    findings = _apply(rules, Matcher(Article.from_text(text), figures))
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, findings


def naive(rules: LoadedRules, values: list[dict[str, tuple[Fraction, Fraction]]]) -> float:
    """sympify each rule string, substitute AccumBounds, compare the bounds."""
    clear_cache()  # sympy's cache would otherwise answer repeated runs from memory
    t0 = time.perf_counter()
    for check, box in zip(rules.model.checks, values):
        left, right = check.expr.split("==")
        expr = sympy.sympify(f"({left}) - ({right})")  # the design we refuse in the package
        spread = expr.subs({sympy.Symbol(n): sympy.AccumBounds(sympy.Rational(lo), sympy.Rational(hi))
                            for n, (lo, hi) in box.items()})
        bool(getattr(spread, "min", spread) <= 0 <= getattr(spread, "max", spread))
    return time.perf_counter() - t0


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--naive-runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    text, rules = build(args.seed)
    cold = ours(text, rules)
    runs = [ours(text, rules) for _ in range(args.runs)]
    findings = runs[-1][2]
    boxes = [{r.name: (read(r.figure).hard.lo, read(r.figure).hard.hi) for r in f.figures} for f in findings]
    naive_runs = [naive(rules, boxes) for _ in range(args.naive_runs)]
    evaluate_ms = _median_ms([r[1] for r in runs])
    extract_ms = _median_ms([r[0] for r in runs])
    naive_ms = _median_ms(naive_runs)
    statuses = {s: sum(1 for f in findings if f.status == s) for s in ("holds", "holds-loose", "fails", "unbound")}
    print(f"article: {len(text)} characters, {len(extract_figures(text))} figures, {len(rules.model.checks)} rules")
    print(f"verdicts: {statuses}")
    _table([("ours: extract", extract_ms), ("ours: bind + evaluate", evaluate_ms),
            ("ours: whole article", extract_ms + evaluate_ms),
            ("ours: first run (sympy solves cold)", (cold[0] + cold[1]) * 1000),
            ("naive: sympify + AccumBounds subs", naive_ms)])
    print(f"ratio naive / ours (bind + evaluate): {naive_ms / evaluate_ms:.1f}x")
    print(f"ratio naive / ours (whole article):   {naive_ms / (extract_ms + evaluate_ms):.1f}x")


def _table(rows: list[tuple[str, float]]) -> None:
    print(f"{'design':40} {'median ms per article':>22}")
    for name, ms in rows:
        print(f"{name:40} {ms:22.2f}")


if __name__ == "__main__":
    main()
