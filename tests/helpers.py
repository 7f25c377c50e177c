"""Small builders shared by the tests: judge an expression over figures written as text."""
from __future__ import annotations

from auditor.evaluate import evaluate_check
from auditor.evaluate.compile import compile_check
from auditor.extract import extract_figures
from auditor.model import Finding


def check(text: str, expr: str) -> Finding:
    """Bind the quantity figures of `text` to a, b, c ... in order and evaluate `expr`."""
    figures = [f for f in extract_figures(text) if f.is_quantity]
    names = [chr(ord("a") + i) for i in range(len(figures))]
    compiled = compile_check(expr, frozenset(names))
    bound = {n: f for n, f in zip(names, figures) if n in compiled.names}
    return evaluate_check("t", "test", compiled, bound)
