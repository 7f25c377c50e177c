"""No code path hands a rule or article string to eval, exec, sympify, parse_expr or lambdify."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from auditor.errors import ExprError
from auditor.evaluate.compile import compile_check
from tests.conftest import ROOT

BUILTINS = {"eval", "exec", "compile", "__import__"}
SYMPY = {"sympify", "parse_expr", "lambdify"}
FORBIDDEN_YAML = {"load", "full_load", "unsafe_load", "load_all"}


def _calls(tree: ast.AST) -> list[tuple[str, int]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            owner = func.value.id if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) else ""
            found.append((f"{owner}.{name}" if owner else name, node.lineno))
    return found


@pytest.mark.parametrize("path", sorted((ROOT / "auditor").rglob("*.py")), ids=lambda p: p.name)
def test_package_never_calls_eval_like_functions(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bad = [(n, line) for n, line in _calls(tree)
           if n.removeprefix("builtins.") in BUILTINS or n.split(".")[-1] in SYMPY or n == "sympy.S"]
    bad += [(n, line) for n, line in _calls(tree) if n.startswith("yaml.") and n.split(".")[-1] in FORBIDDEN_YAML]
    assert not bad, f"{path}: {bad}"


def test_hostile_expression_runs_nothing(tmp_path):
    marker = tmp_path / "pwned"
    for expr in [f"__import__('os').system('touch {marker}') == a",
                 "().__class__.__bases__[0].__subclasses__() == a",
                 f"[__import__('pathlib').Path('{marker}').touch()] == a"]:
        with pytest.raises(ExprError):
            compile_check(expr, frozenset({"a"}))
    assert not marker.exists()
