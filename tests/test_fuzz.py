"""The fuzz targets in a small profile; `python benchmarks/fuzz.py` runs 100,000 inputs each."""
from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from tests.fuzz_targets import TARGETS, TRIED

EXAMPLES = int(os.environ.get("AUDITOR_FUZZ_EXAMPLES", "300"))


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_fuzz_target(name):
    before = TRIED[name]
    settings(max_examples=EXAMPLES, deadline=None, database=None,
             suppress_health_check=list(HealthCheck))(TARGETS[name])()
    assert TRIED[name] - before >= min(EXAMPLES, 50)  # the target really ran
