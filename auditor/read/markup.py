"""Markdown and HTML to plain text, keeping for every plain character its place in the source.

Markup is removed (or, for block boundaries, turned into a line break) without rewriting the
characters that remain, so each figure found in the plain text can be reported at its exact
place in the file the editor wrote.
"""
from __future__ import annotations

import re
from html import unescape
from typing import Any


Mapped = tuple[str, tuple[int, ...], dict[str, Any]]  # plain text, plain index -> source index, metadata

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*\n", re.S)
# Markdown syntax that carries no words: removed, the text it wraps kept. Every variable run
# stops at the character that would open another match (`[^<>\n]`, not `[^>\n]`), so no start
# rescans what an earlier one scanned and stripping stays linear: `'<' * 80000` took 8 s.
_MARKDOWN = re.compile(
    r"!\[[^\[\]\n]*\]\([^()\n]*\)"   # images, whole
    r"|\]\([^()\n]*\)"                 # the (url) part of a link
    r"|(?<!\\)\["                     # a link's opening bracket
    r"|^[ \t]{0,3}#{1,6}[ \t]+"       # heading markers
    r"|^[ \t]{0,3}>[ \t]?"            # quote markers
    r"|^[ \t]*(?:[-*+]|\d{1,3}\.)[ \t]+"  # list markers (their numbers are not figures)
    r"|\*\*|__|(?<![\w*])\*(?!\s)|(?<=\S)\*(?![\w*])|`+"  # emphasis and code ticks
    r"|<[^<>\n]+>",                    # inline HTML tags
    re.M,
)


def markdown(source: str) -> Mapped:
    """Plain text of a Markdown article; front matter is returned as metadata."""
    metadata: dict[str, Any] = {}
    removed: list[tuple[int, int]] = []
    front = _FRONT_MATTER.match(source)
    if front:
        loaded = _front_matter(front.group(1))
        metadata = loaded if isinstance(loaded, dict) else {}
        removed.append(front.span())
    start = front.end() if front else 0
    removed += [m.span() for m in _MARKDOWN.finditer(source, start)]  # table pipes stay: they part cells
    return (*_keep(source, removed), metadata)


class FrontMatterError(ValueError):
    """Front matter that is not safe, valid YAML: where, and why."""

    def __init__(self, line: int, col: int, reason: str) -> None:
        super().__init__(f"{line}:{col}: front matter: {reason}")
        self.line, self.col, self.reason = line, col, reason


def _front_matter(text: str) -> Any:
    """The front matter, read like a rule file (it arrives in the same pull request): no
    aliases, no deep nesting, no Python tags; its lines count from the file's second line."""
    from auditor.errors import RuleFileError
    from auditor.rules.load import safe_data

    try:
        return safe_data("front matter", text)
    except RuleFileError as exc:
        raise FrontMatterError(exc.line + 1, exc.col, exc.reason) from None


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


# Ruby glosses some mirror sites print after characters (業(yè), 點(diǎn)): pinyin with a tone
# mark, in brackets, right after a Chinese character. They part a numeral (四十九點(diǎn)九 is
# 49.9) and words the reader sees whole, so they are removed like markup.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
_GLOSS = re.compile(rf"(?<=[\u4e00-\u9fff])[(（][a-zü]{{0,6}}[{_TONED}][a-zü{_TONED}]{{0,6}}[)）]")


def unglossed(mapped: Mapped) -> Mapped:
    """The plain text without pinyin glosses, its offsets still pointing into the source."""
    plain, offsets, metadata = mapped
    removed = [m.span() for m in _GLOSS.finditer(plain)]
    if not removed:
        return mapped
    kept, index = _keep(plain, removed)
    return kept, tuple(offsets[i] for i in index) if offsets else index, metadata


_BLOCKS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section",
                     "article", "header", "footer", "blockquote", "table", "ul", "ol", "title", "pre"})
_SKIPPED = frozenset({"script", "style", "template", "noscript", "head"})
_RAW = frozenset({"script", "style"})  # their content is not markup: it runs to the closing tag
_TEXT_STOP = re.compile(r"<(?=[A-Za-z/!?])|&(?=[#A-Za-z])")  # a bare `<` or `&` is text
_TAG_STOP = re.compile(r"[>\"']")
_TAG_NAME = re.compile(r"[A-Za-z][^\s/>]*")
_ENTITY = re.compile(r"&(?:#[0-9]{1,8};?|#[xX][0-9a-fA-F]{1,8};?|[A-Za-z][A-Za-z0-9]{0,31};?)")
_RAW_END = {name: re.compile(rf"</{name}[\s/>]", re.I) for name in _RAW}


class _Text:
    """A single left-to-right pass over HTML, like a browser's tokenizer: every scan starts
    where the previous one stopped, so no input can make it quadratic (the standard
    library's html.parser rescans an unclosed `<a b="` for each one: 31 s on 120 KB).
    Markup that is still open at the end of the file hides the rest, as in a browser."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.plain: list[str] = []
        self.offsets: list[int] = []
        self.skipping = 0

    def run(self) -> None:
        source, pos = self.source, 0
        while pos < len(source):
            stop = _TEXT_STOP.search(source, pos)
            end = stop.start() if stop else len(source)
            self._text(pos, end)
            if stop is None:
                return
            pos = self._entity(end) if stop.group() == "&" else self._markup(end)

    def _text(self, start: int, end: int) -> None:
        if end > start and not self.skipping:
            self.plain.append(self.source[start:end])
            self.offsets.extend(range(start, end))

    def _entity(self, at: int) -> int:
        match = _ENTITY.match(self.source, at)
        if match is None:
            self._text(at, at + 1)
            return at + 1
        decoded = unescape(match.group())
        if decoded == match.group():  # not an entity after all: plain text
            self._text(at, match.end())
        elif not self.skipping:
            self.plain.append(decoded[:1])
            self.offsets.append(at)
        return match.end()

    def _markup(self, at: int) -> int:
        """Consume the markup starting with `<` at `at`; the position after it."""
        source = self.source
        follower = source[at + 1:at + 2]
        if source.startswith("<!--", at):
            return self._until("-->", at + 4)
        if source.startswith("<![CDATA[", at):
            return self._until("]]>", at + 9)
        if follower in ("!", "?"):
            return self._until(">", at + 2)
        closing = follower == "/"
        name = _TAG_NAME.match(source, at + (2 if closing else 1))
        if name is None:
            if closing:
                return self._until(">", at + 2)
            self._text(at, at + 1)  # `a < b`, `<5%`: a less-than sign, not a tag
            return at + 1
        end = _tag_end(source, name.end())
        tag = name.group().lower()
        self._tag(tag, at, closing, self_closing=source[end - 2:end] == "/>")
        if tag in _RAW and not closing and end < len(source):
            found = _RAW_END[tag].search(source, end)
            return found.start() if found else len(source)
        return end

    def _until(self, marker: str, start: int) -> int:
        found = self.source.find(marker, start)
        return len(self.source) if found == -1 else found + len(marker)

    def _tag(self, tag: str, at: int, closing: bool, self_closing: bool) -> None:
        if tag in _SKIPPED:
            if not closing:
                self.skipping += 1
            if closing or self_closing:
                self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self._break(at)

    def _break(self, at: int) -> None:
        if self.plain and self.plain[-1][-1:] != "\n" and not self.skipping:
            self.plain.append("\n")
            self.offsets.append(at)


def _tag_end(source: str, pos: int) -> int:
    """The position after a tag's `>`, skipping quoted attribute values; the end of the
    file when the tag never closes (a browser drops such a tag and what follows)."""
    while True:
        stop = _TAG_STOP.search(source, pos)
        if stop is None:
            return len(source)
        if stop.group() == ">":
            return stop.end()
        close = source.find(stop.group(), stop.end())
        if close == -1:
            return len(source)
        pos = close + 1


def html(source: str) -> Mapped:
    """Plain text of an HTML article: tags, scripts and styles dropped, blocks on their own lines."""
    parser = _Text(source)
    parser.run()
    return "".join(parser.plain), tuple(parser.offsets), {}
