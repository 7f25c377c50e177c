"""Bidirectional control characters: text that displays otherwise than it is read.

A right-to-left override (U+202E) shows "\u202e4766\u202c" to the reader as 6674, while
every program reading the characters sees 4766 (the "Trojan Source" attack, CVE-2021-42574).
An audit that checked 4766 and said it holds would vouch for a figure nobody sees. Such
characters never join a numeral (see extract/patterns.py), and each one is reported, located,
with the figures whose display it may change, in the article's notes (shown by every report).
"""
from __future__ import annotations

import re
import unicodedata

from auditor.model import Article, Figure

OPENERS = "\u202a\u202b\u202d\u202e\u2066\u2067\u2068"
CLOSERS = {"\u202c": "\u202a\u202b\u202d\u202e", "\u2069": "\u2066\u2067\u2068"}
CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
MAX_NOTES = 5


def warnings(article: Article, figures: tuple[Figure, ...]) -> list[str]:
    """One located note per control character (at most MAX_NOTES), naming the figures inside
    the text it reorders (up to its closing character or the end of the line)."""
    notes = []
    for match in CONTROLS.finditer(article.text):
        if len(notes) == MAX_NOTES:
            notes.append("more bidirectional control characters follow; only the first are listed")
            break
        char = match.group()
        line, col = article.line_col(match.start())
        name = unicodedata.name(char, "BIDI CONTROL")
        note = (f"{line}:{col}: bidirectional control character U+{ord(char):04X} ({name}): the text may "
                "display otherwise than it is checked")
        inside = _reordered(article.text, match.start(), figures) if char in OPENERS else []
        if inside:
            note += "; figures it reorders: " + ", ".join("".join(f.text.split()) for f in inside)
        notes.append(note)
    return notes


def _reordered(text: str, start: int, figures: tuple[Figure, ...]) -> list[Figure]:
    """The figures between an opening control and its closer, or the end of its line."""
    end = len(text)
    for i in range(start + 1, len(text)):
        if text[i] == "\n" or (text[i] in CLOSERS and text[start] in CLOSERS[text[i]]):
            end = i
            break
    return [f for f in figures if start < f.span.start and f.span.end <= end]
