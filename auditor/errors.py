"""The project's own error types. Each one carries enough to print a located, one-line reason."""
from __future__ import annotations


class AuditorError(Exception):
    """Base class: anything the CLI turns into exit code 2."""


class InputError(AuditorError):
    """An article that cannot be read or decoded."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self) -> tuple:  # errors cross process boundaries under --jobs
        return (type(self), (self.path, self.reason))


class RuleFileError(AuditorError, ValueError):
    """A rule file that is not valid: always located as file:line:col."""

    def __init__(self, path: str, line: int, col: int, reason: str) -> None:
        super().__init__(f"{path}:{line}:{col}: {reason}")
        self.path = path
        self.line = line
        self.col = col
        self.reason = reason
        self.more: list[str] = []  # further located problems in the same file

    def __reduce__(self) -> tuple:
        return (type(self), (self.path, self.line, self.col, self.reason))


class ExprError(AuditorError, ValueError):
    """An expression outside the whitelist. `offset` is 0-based within the expression."""

    def __init__(self, reason: str, offset: int = 0) -> None:
        super().__init__(reason)
        self.reason = reason
        self.offset = offset
