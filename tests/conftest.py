"""Shared fixtures, and `pytest --update-goldens` to rewrite tests/goldens/."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "chengdu-daily-2023-12-14.txt"
SEED_RULES = ROOT / "rules" / "chengdu-daily-2023-12-14.yaml"
SHARED = ROOT.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", help="rewrite tests/goldens/ from the current output")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from the repository root, where ./rules and ./seeds are found by default."""
    monkeypatch.chdir(ROOT)
    return ROOT


@pytest.fixture(autouse=True)
def _no_ci_env(monkeypatch: pytest.MonkeyPatch) -> None:
    # Output must not depend on the CI environment the tests happen to run in.
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    os.environ.setdefault("HYPOTHESIS_PROFILE", "ci")
