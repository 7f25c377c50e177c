"""Reading articles: a file -> plain text with a map back to the file, never modifying it.

.txt is read as it is; .md and .html lose their markup (spans still point into the file);
.docx is read paragraph by paragraph with python-docx. Encodings: a BOM (UTF-8, UTF-16),
else strict UTF-8, else what charset-normalizer finds among the encodings Chinese
newsrooms use (GB18030/GBK, Big5, UTF-16). Big5 bytes often decode "cleanly" as GB18030
into nonsense, so guessing by trying codecs in turn is not enough. A file that is none of
these, or looks binary, is refused with its name.
"""
from __future__ import annotations

import codecs
from pathlib import Path

import charset_normalizer

from auditor.errors import InputError
from auditor.model import Article
from auditor.read import markup

# A news article is tens of kilobytes. Extraction keeps every figure of the article in memory
# (a dense 10 MB line holds 450,000 figures and peaks near 1.7 GB), so larger files are refused
# unless asked for with --max-bytes or `max_bytes:` in the config.
MAX_ARTICLE_BYTES = 5_000_000
ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".docx")
CANDIDATES = ["gb18030", "big5", "utf_16_le", "utf_16_be", "utf_8"]
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
    return article_from_bytes(raw, name, max_bytes)


def article_from_bytes(raw: bytes, name: str, max_bytes: int = MAX_ARTICLE_BYTES) -> Article:
    """An article from bytes already in hand (an upload); `name`'s suffix says how to read it."""
    if len(raw) > max_bytes:
        raise InputError(name, f"file is {len(raw):,} bytes; the limit is {max_bytes:,} (--max-bytes)")
    suffix = Path(name).suffix.lower()
    if suffix == ".docx":
        return Article.from_text(_docx(raw, name, max_bytes), path=name)
    text = decode(raw, name)
    if suffix in (".md", ".markdown"):
        return _mapped(name, text, markup.markdown(text))
    if suffix in (".html", ".htm"):
        return _mapped(name, text, markup.html(text))
    return Article.from_text(text, path=name)


def _mapped(name: str, source: str, mapped: markup.Mapped) -> Article:
    plain, offsets, metadata = mapped
    return Article.from_text(plain, path=name, source=source, offsets=offsets, metadata=metadata)


def _docx(raw: bytes, name: str, max_bytes: int) -> str:
    import io
    import zipfile

    import docx  # python-docx; only .docx articles need it

    try:
        unpacked = sum(item.file_size for item in zipfile.ZipFile(io.BytesIO(raw)).infolist())
        if unpacked > 4 * max_bytes:  # a zip bomb is small on disk and huge in memory
            raise InputError(name, f"unpacks to {unpacked:,} bytes; the limit is {4 * max_bytes:,} (--max-bytes)")
        document = docx.Document(io.BytesIO(raw))
    except InputError:
        raise
    except Exception as exc:  # zipfile and python-docx raise several types for a damaged package
        raise InputError(name, f"not a readable .docx ({type(exc).__name__})") from None
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def decode(raw: bytes, name: str = "<bytes>") -> str:
    """Decoded text, or InputError saying why it is not text."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _strict(raw, encoding, name)
    if b"\x00" in raw:
        raise InputError(name, "looks binary (contains NUL bytes); articles are text")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        where = f" (invalid UTF-8 at byte {exc.start})"
    best = charset_normalizer.from_bytes(raw, cp_isolation=CANDIDATES).best()
    if best is None:
        raise InputError(name, f"cannot decode as UTF-8, UTF-16, GB18030/GBK or Big5{where}")
    return str(best)


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
