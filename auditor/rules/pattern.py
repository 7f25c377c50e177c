"""`pattern` selectors: user regular expressions, compiled with limits and run with a timeout.

A rule file is untrusted, and a regex such as `(a|aa)+$` backtracks for longer than the
universe on a long line. Python's `re` cannot be interrupted, so patterns are run by the
`regex` module, whose matching functions take a timeout; a pattern that exceeds it is
reported against the rule file, never left to hang the CI runner.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:
    import regex

MAX_PATTERN = 300
SECONDS = 0.25  # per selector and article: real patterns take microseconds
# per rule file and article, for all its selectors together: 300 patterns each just under
# SECONDS took 55 s; a real rule file binds in milliseconds
FILE_SECONDS = 2.0


class PatternTimeout(Exception):
    """A pattern ran past its time budget on some article (or a rule file's selectors
    together ran past FILE_SECONDS)."""


@lru_cache(maxsize=256)
def compile_pattern(source: str) -> regex.Pattern:
    """The compiled pattern, or ValueError saying why it is refused."""
    import regex  # only rule files with `pattern` selectors need it: imported on first use

    try:
        pattern = regex.compile(source, regex.VERSION1)
    except (regex.error, OverflowError, RecursionError) as exc:
        raise ValueError(f"not a valid regular expression: {exc}") from None
    return pattern


def spans(source: str, text: str, seconds: float = SECONDS) -> Iterator[tuple[int, int]]:
    """Where the figure may lie for each match: group 1 if the pattern has groups, else the
    match. `seconds` (at most SECONDS) is what is left of the rule file's budget."""
    pattern = compile_pattern(source)
    group = 1 if pattern.groups else 0
    limit = min(SECONDS, seconds)
    try:
        for match in pattern.finditer(text, timeout=max(limit, 0.001)):
            if match.start(group) >= 0:
                yield match.span(group)
    except TimeoutError:
        if limit < SECONDS:
            raise PatternTimeout(f"pattern ran past what was left of the {FILE_SECONDS} s the rule "
                                 "file's selectors may take together") from None
        raise PatternTimeout(f"pattern ran longer than {SECONDS} s; it backtracks too much") from None

