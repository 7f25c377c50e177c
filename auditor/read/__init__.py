"""Reading articles: bytes -> decoded text, never modifying the file.

Encodings are tried in order of how unambiguous they are: a BOM (UTF-8, UTF-16), then
strict UTF-8, then GB18030 (a superset of GBK and GB2312, which Chinese newsrooms still
use). A file that is none of these, or looks binary, is refused with its name.
"""
from __future__ import annotations

import codecs
from pathlib import Path

from auditor.errors import InputError
from auditor.model import Article

MAX_ARTICLE_BYTES = 20_000_000
ARTICLE_SUFFIXES = (".txt", ".md", ".text")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def read_article(path: str | Path, max_bytes: int = MAX_ARTICLE_BYTES) -> Article:
    """The article at `path`, decoded; InputError names the file when it cannot be read."""
    name = str(path)
    try:
        size = Path(path).stat().st_size
        if size > max_bytes:
            raise InputError(name, f"file is {size:,} bytes; the limit is {max_bytes:,} (--max-bytes)")
        with open(path, "rb") as handle:  # read-only: an article is never opened for writing
            raw = handle.read()
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    return Article.from_text(decode(raw, name), path=name)


def decode(raw: bytes, name: str = "<bytes>") -> str:
    """Decoded text, or InputError saying why it is not text."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _strict(raw, encoding, name)
    if b"\x00" in raw:
        raise InputError(name, "looks binary (contains NUL bytes); articles are text")
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(name, "cannot decode as UTF-8, UTF-16 or GB18030")


def _strict(raw: bytes, encoding: str, name: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(name, f"invalid {encoding} at byte {exc.start}") from None


def article_paths(paths: list[str]) -> list[Path]:
    """Files as given, and directories searched recursively for known article suffixes."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(sorted(f for f in p.rglob("*") if f.suffix in ARTICLE_SUFFIXES and f.is_file()))
        else:
            found.append(p)
    return found
