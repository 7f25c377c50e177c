"""Project configuration: auditor.yaml, or [tool.auditor] in pyproject.toml.

Found by searching upward from the working directory; `--config FILE` wins over both, then
the AUDITOR_CONFIG environment variable. Unknown keys are errors, located like rule-file
errors. Command-line flags win over the config. Relative paths are read from the config
file's directory.
"""
from __future__ import annotations

import os
from fnmatch import fnmatch
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from auditor.errors import RuleFileError
from auditor.kinds import KIND_NAMES
from auditor.rules.load import load_yaml_model

FailOn = Literal["error", "warning", "note", "never"]
Format = Literal["text", "json", "html", "sarif", "junit", "github"]
Kind = Literal[KIND_NAMES]  # every discovery kind
NAMES = ("auditor.yaml", "auditor.yml", ".auditor.yaml")


class PathSettings(BaseModel):
    """Settings for the articles a glob matches (the first matching glob wins)."""

    model_config = ConfigDict(extra="forbid")

    rules: list[str] | None = Field(None, description="rule files or directories for these articles")
    discover: bool | list[Kind] | None = Field(None, description="discovery on/off, or the kinds to run")
    fail_on: FailOn | None = None


class Config(BaseModel):
    """The settings a project can keep beside its articles."""

    model_config = ConfigDict(extra="forbid")

    rules: list[str] = Field(default_factory=lambda: ["rules"], description="rule files or directories")
    discover: bool | list[Kind] = Field(True, description="discovery on/off, or the kinds to run")
    fail_on: FailOn = "error"
    formats: list[Format] | None = Field(None, description="output formats (default: text and html)")
    out: str | None = Field(None, description="output directory")
    baseline: str | None = Field(None, description="a baseline file of accepted findings")
    jobs: int | None = Field(None, ge=1, description="processes (default: the CPU count)")
    max_bytes: int | None = Field(None, ge=1, description="larger articles are refused (default 2,000,000)")
    paths: dict[str, PathSettings] = Field(default_factory=dict, description="glob -> settings")
    include: list[str] = Field(default_factory=list, description="when scanning a folder, audit only paths "
                               "(relative to it) matching one of these globs")
    exclude: list[str] = Field(default_factory=list, description="when scanning a folder, skip paths "
                               "(relative to it) matching one of these globs")

    def for_article(self, path: str) -> PathSettings:
        posix = Path(path).as_posix()
        return next((s for glob, s in self.paths.items() if fnmatch(posix, glob)), PathSettings())


def find_config(explicit: Path | None, start: Path) -> Path | None:
    if explicit is not None:
        return explicit
    if os.environ.get("AUDITOR_CONFIG"):
        return Path(os.environ["AUDITOR_CONFIG"])
    for folder in [start, *start.parents]:
        for name in NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "auditor" in _toml(pyproject).get("tool", {}):
            return pyproject
    return None


def load_config(path: Path | None) -> tuple[Config, Path]:
    """The config and the directory its relative paths are read from."""
    if path is None:
        return Config(), Path(".")
    if not path.is_file():
        raise RuleFileError(str(path), 1, 1, "config file not found")
    base = Path(os.path.relpath(path.parent))  # relative, so reports name files as the user does
    if path.name == "pyproject.toml":
        return _from_pyproject(path), base
    return load_yaml_model(path, Config), base


def _from_pyproject(path: Path) -> Config:
    table = _toml(path).get("tool", {}).get("auditor", {})
    try:
        return Config.model_validate(table)
    except ValidationError as exc:
        err = exc.errors()[0]
        key = str(err["loc"][0]) if err["loc"] else "auditor"
        line = _line_of(path, key)
        reason = "unknown key" if err["type"] == "extra_forbidden" else err["msg"]
        raise RuleFileError(str(path), line, 1, f"[tool.auditor] {'.'.join(map(str, err['loc']))}: {reason}") from None


def _toml(path: Path) -> dict:
    import tomllib  # only when a pyproject.toml is read: start-up counts

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RuleFileError(str(path), 1, 1, f"invalid TOML: {exc}") from None


def _line_of(path: Path, key: str) -> int:
    """The line of `key` inside [tool.auditor] (tomllib keeps no positions)."""
    inside = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("["):
            inside = stripped.startswith("[tool.auditor")
        elif inside and stripped.split("=")[0].strip() == key:
            return number
    return 1
