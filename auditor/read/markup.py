"""Markdown and HTML to plain text, keeping for every plain character its place in the source.

Markup is removed (or, for block boundaries, turned into a line break) without rewriting the
characters that remain, so each figure found in the plain text can be reported at its exact
place in the file the editor wrote.
"""
from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from typing import Any

import yaml

Mapped = tuple[str, tuple[int, ...], dict[str, Any]]  # plain text, plain index -> source index, metadata

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)
# Markdown syntax that carries no words: removed, the text it wraps kept.
_MARKDOWN = re.compile(
    r"!\[[^\]]*\]\([^)]*\)"          # images, whole
    r"|\]\([^)]*\)"                   # the (url) part of a link
    r"|(?<!\\)\["                     # a link's opening bracket
    r"|^[ \t]{0,3}#{1,6}[ \t]+"       # heading markers
    r"|^[ \t]{0,3}>[ \t]?"            # quote markers
    r"|^[ \t]*(?:[-*+]|\d{1,3}\.)[ \t]+"  # list markers (their numbers are not figures)
    r"|\*\*|__|(?<![\w*])\*(?!\s)|(?<=\S)\*(?![\w*])|`+"  # emphasis and code ticks
    r"|<[^>\n]+>",                    # inline HTML tags
    re.M,
)


def markdown(source: str) -> Mapped:
    """Plain text of a Markdown article; front matter is returned as metadata."""
    metadata: dict[str, Any] = {}
    removed: list[tuple[int, int]] = []
    front = _FRONT_MATTER.match(source)
    if front:
        loaded = yaml.safe_load(front.group(1))
        metadata = loaded if isinstance(loaded, dict) else {}
        removed.append(front.span())
    start = front.end() if front else 0
    removed += [m.span() for m in _MARKDOWN.finditer(source, start)]  # table pipes stay: they part cells
    return (*_keep(source, removed), metadata)


def _keep(source: str, removed: list[tuple[int, int]]) -> tuple[str, tuple[int, ...]]:
    plain: list[str] = []
    offsets: list[int] = []
    cursor = 0
    for start, end in sorted(removed):
        if start < cursor:
            start = cursor
        plain.append(source[cursor:start])
        offsets.extend(range(cursor, start))
        cursor = max(cursor, end)
    plain.append(source[cursor:])
    offsets.extend(range(cursor, len(source)))
    return "".join(plain), tuple(offsets)


_BLOCKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section",
                     "article", "header", "footer", "blockquote", "table", "ul", "ol", "title", "pre"})
_SKIPPED = frozenset({"script", "style", "template", "noscript", "head"})


class _Text(HTMLParser):
    """Collects text with source offsets, dropping scripts and styles."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
        self.plain: list[str] = []
        self.offsets: list[int] = []
        self.skipping = 0

    def _here(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _BLOCKS:
            self._break()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self._break()

    def _break(self) -> None:
        if self.plain and self.plain[-1] != "\n":
            self.plain.append("\n")
            self.offsets.append(self._here())

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            start = self._here()
            self.plain.extend(data)
            self.offsets.extend(range(start, start + len(data)))

    def _entity(self, raw: str) -> None:
        if not self.skipping:
            self.plain.append(unescape(raw)[:1])
            self.offsets.append(self._here())

    def handle_entityref(self, name: str) -> None:
        self._entity(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._entity(f"&#{name};")


def html(source: str) -> Mapped:
    """Plain text of an HTML article: tags, scripts and styles dropped, blocks on their own lines."""
    parser = _Text(source)
    parser.feed(source)
    parser.close()
    return "".join(parser.plain), tuple(parser.offsets), {}
