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
import os
import stat
import subprocess
from fnmatch import fnmatch
from pathlib import Path


from auditor.errors import InputError
from auditor.model import Article
from auditor.read import markup

# A news article is tens of kilobytes. Extraction keeps every figure of the article in memory
# (2 MB of nothing but figures holds 225,000 of them and peaks near 0.8 GB with its HTML
# report), so larger files are refused unless asked for with --max-bytes or `max_bytes:`.
MAX_ARTICLE_BYTES = 2_000_000
ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".docx")
CANDIDATES = ["gb18030", "big5", "utf_16_le", "utf_16_be", "utf_8"]
SYSTEM_ROOTS = ("/proc", "/sys", "/dev")
# Folders a scan never enters: tooling and dependencies, not articles.
TOOLING = frozenset({"node_modules", "site-packages", "dist-packages", "__pycache__", "venv", "env"})
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def read_article(path: str | Path, max_bytes: int = MAX_ARTICLE_BYTES) -> Article:
    """The article at `path`, decoded; InputError names the file when it cannot be read.

    Only a regular file is read. A FIFO would block the run, a device (/dev/zero) never ends,
    and /proc files report a size of 0 whatever they hold, so the file is opened without
    blocking, checked on the open descriptor (no swap between check and read), and read no
    further than the limit allows."""
    name = shown(path)
    if _system(Path(path)):
        raise InputError(name, "not an article: files under /proc, /sys and /dev are never read")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # read-only: an article is never written
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as handle:
        try:
            status = os.fstat(handle.fileno())
            if not stat.S_ISREG(status.st_mode):
                raise InputError(name, "not a regular file (a directory, FIFO, device or socket is never read)")
            if status.st_size > max_bytes:
                raise InputError(name, f"file is {status.st_size:,} bytes; the limit is {max_bytes:,} (--max-bytes)")
            raw = handle.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    return article_from_bytes(raw, name, max_bytes)


def _system(path: Path) -> bool:
    # Plain strings: pathlib's resolve and parents cost a quarter of reading an article.
    try:
        resolved = os.path.realpath(path)
    except (OSError, RuntimeError):
        return False
    return any(resolved == root or resolved.startswith(root + "/") for root in SYSTEM_ROOTS)


def shown(path: str | Path) -> str:
    """A path as a message may print it: a newline or other control character in a file
    name (a pull request can add one) is escaped, so it cannot forge a line of output such
    as a GitHub workflow command; a name that is not UTF-8 keeps its escapes."""
    text = os.fspath(path)
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text.encode(
        "utf-8", "surrogateescape").decode("utf-8", "backslashreplace"))


def article_from_bytes(raw: bytes, name: str, max_bytes: int = MAX_ARTICLE_BYTES) -> Article:
    """An article from bytes already in hand (an upload); `name`'s suffix says how to read it."""
    if len(raw) > max_bytes:
        raise InputError(name, f"file is {len(raw):,} bytes; the limit is {max_bytes:,} (--max-bytes)")
    suffix = Path(name).suffix.lower()
    if suffix == ".docx":
        return Article.from_text(_docx(raw, name, max_bytes), path=name)
    text = decode(raw, name)
    if suffix in (".md", ".markdown"):
        try:
            return _mapped(name, text, markup.markdown(text))
        except markup.FrontMatterError as exc:
            raise InputError(f"{name}:{exc.line}:{exc.col}", f"invalid front matter: {exc.reason}") from None
    if suffix in (".html", ".htm"):
        return _mapped(name, text, markup.html(text))
    return _mapped(name, text, (text, (), {}))


def _mapped(name: str, source: str, mapped: markup.Mapped) -> Article:
    plain, offsets, metadata = markup.unglossed(mapped)
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
    text = "\n".join([p.text for p in document.paragraphs] + cells)
    if len(text.encode("utf-8")) > max_bytes:  # the limit is on the article, however it is packed
        raise InputError(name, f"holds {len(text.encode('utf-8')):,} bytes of text; the limit is {max_bytes:,} (--max-bytes)")
    return text


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
    import charset_normalizer  # only for text that is not UTF-8: most runs never need it

    best = charset_normalizer.from_bytes(raw, cp_isolation=CANDIDATES).best()
    if best is None:
        raise InputError(name, f"cannot decode as UTF-8, UTF-16, GB18030/GBK or Big5{where}")
    return str(best)


def _strict(raw: bytes, encoding: str, name: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(name, f"invalid {encoding} at byte {exc.start}") from None


def article_paths(paths: list[str], skip: tuple[Path, ...] = (), include: tuple[str, ...] = (),
                  exclude: tuple[str, ...] = ()) -> list[Path]:
    """Files as given, and the articles found in directories (see `scan`)."""
    found: list[Path] = []
    for p in map(Path, paths):
        found.extend(scan(p, skip, include, exclude) if p.is_dir() else [p])
    return found


def scan(root: Path, skip: tuple[Path, ...] = (), include: tuple[str, ...] = (),
         exclude: tuple[str, ...] = ()) -> list[Path]:
    """The articles under `root`: regular files with an article suffix (any case: A.TXT,
    b.Md), in sorted order. A scan of `.` in a repository must audit its articles, not its
    tooling: hidden folders, virtual environments, site-packages, node_modules, __pycache__,
    the folders in `skip` (the report folder) and files git ignores are left out, and
    symlinks are not followed (a pull request can add one pointing at /etc/passwd).
    `include`/`exclude` are globs on the path relative to `root`."""
    skipped = {s.resolve() for s in skip if s.exists()}
    found = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not _tooling(here / d, skipped))
        for name in sorted(files):
            path = here / name
            if path.suffix.lower() not in ARTICLE_SUFFIXES or path.is_symlink() or not path.is_file():
                continue
            relative = path.relative_to(root).as_posix()
            if include and not any(fnmatch(relative, glob) for glob in include):
                continue
            if any(fnmatch(relative, glob) for glob in exclude):
                continue
            found.append(path)
    return _not_ignored(root, found)


def _tooling(folder: Path, skipped: set[Path]) -> bool:
    name = folder.name
    return (name.startswith(".") or name in TOOLING or folder.is_symlink()
            or (folder / "pyvenv.cfg").exists() or folder.resolve() in skipped)


def _not_ignored(root: Path, files: list[Path]) -> list[Path]:
    """The files git does not ignore, when `root` is in a git work tree; all of them otherwise."""
    if not files:
        return files
    try:
        done = subprocess.run(["git", "-C", str(root), "check-ignore", "--stdin", "-z"],
                              input=b"".join(os.fsencode(f.relative_to(root)) + b"\0" for f in files),
                              capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return files
    if done.returncode not in (0, 1):  # 128: not a repository, or git failed; then ignore nothing
        return files
    ignored = {os.fsdecode(p) for p in done.stdout.split(b"\0") if p}
    return [f for f in files if str(f.relative_to(root)) not in ignored]
