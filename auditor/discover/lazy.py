"""Regular expressions compiled on first use.

A kind whose cue never appears in an article (倍, 年均, a：b：c) should not pay for compiling
its patterns: compiling discovery's ~140 patterns is a fifth of a CLI run's start-up, and the
seed page alone never touches the patterns of three kinds (~11 ms). `lazy` returns a stand-in
whose first method call compiles the pattern and binds the compiled methods onto the stand-in,
so every later call is a plain attribute lookup, as fast as on a compiled pattern.
"""
from __future__ import annotations

import re
from typing import Any

METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    """Quacks like `re.Pattern` for the methods above; `.pattern` never compiles."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags

    def __getattr__(self, name: str) -> Any:
        # Only reached for a name not yet on the instance: compile once, then bind.
        if name not in METHODS:
            raise AttributeError(name)
        compiled = re.compile(self.pattern, self.flags)
        for method in METHODS:
            setattr(self, method, getattr(compiled, method))
        return getattr(compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r})"


def lazy(pattern: str, flags: int = 0) -> Any:
    """A pattern compiled on first use (typed `Any` so callers keep `re.Pattern` hints)."""
    return LazyPattern(pattern, flags)
