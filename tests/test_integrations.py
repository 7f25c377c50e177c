"""The pre-commit hook definition and the GitHub Action's script steps, run locally."""
from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import ROOT, SEED

SLIPPED = SEED.read_text(encoding="utf-8").replace("总人数达6674人", "总人数达6647人")


def _bin() -> str:
    return str(Path(sys.executable).parent)


def test_pre_commit_hook_runs_its_entry_on_matching_files(tmp_path):
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    good, bad = tmp_path / "good.txt", tmp_path / "bad.md"
    good.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    bad.write_text(SLIPPED, encoding="utf-8")
    import re
    files = [str(p) for p in (good, bad, tmp_path / "notes.py") if re.search(hook["files"], p.name)]
    assert files == [str(good), str(bad)]
    env = {**os.environ, "PATH": _bin() + os.pathsep + os.environ["PATH"]}
    done = subprocess.run([*shlex.split(hook["entry"]), *files], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert done.returncode == 1 and "bad.md" in done.stdout and "good.txt" in done.stdout


def test_action_script_steps(tmp_path):
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    steps = {s.get("name"): s for s in action["runs"]["steps"]}
    (tmp_path / "story.txt").write_text(SLIPPED, encoding="utf-8")
    output = tmp_path / "github_output"
    env = {**os.environ, "PATH": _bin() + os.pathsep + os.environ["PATH"], "GITHUB_OUTPUT": str(output),
           "PATHS": "story.txt", "FAIL_ON": "error", "BASELINE": "", "CHANGED_SINCE": ""}
    check = subprocess.run(["bash", "-c", steps["Check articles"]["run"]], cwd=tmp_path, env=env,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr  # the step records the exit code; a later step fails
    assert "::error file=story.txt,line=201" in check.stdout
    assert (tmp_path / "auditor-report" / "audit.sarif").is_file()
    assert output.read_text().strip() == "exit=1"
    fail = subprocess.run(["bash", "-c", steps["Fail on discrepancies"]["run"]], cwd=tmp_path,
                          env={**env, "EXIT": "1"}, capture_output=True, text=True)
    assert fail.returncode == 1
    passing = subprocess.run(["bash", "-c", steps["Fail on discrepancies"]["run"]], cwd=tmp_path,
                             env={**env, "EXIT": "0"}, capture_output=True, text=True)
    assert passing.returncode == 0
    assert shutil.which("bash")
