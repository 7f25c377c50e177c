"""The reports' one message catalog: Python's gettext, Chinese by default, English on request.

Message ids are the English sentences themselves (the gettext convention), so English needs
no catalog of its own and a message missing from the Chinese catalog still reads as English
rather than as a key. The Chinese catalog is `auditor/locale/zh/LC_MESSAGES/auditor.po`,
compiled to the `.mo` beside it; both are committed and shipped as package data, and a test
fails when the `.mo` is stale (`python -m auditor.i18n` recompiles it).

The language is a context variable, not a global: the desk renders pages for editors who
asked for different languages in worker threads at the same time.
"""
from __future__ import annotations

import gettext
import struct
import sys
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path
from typing import Iterator

DOMAIN = "auditor"
LOCALE_DIR = Path(__file__).with_name("locale")
LANGUAGES = ("zh", "en")
DEFAULT = "zh"

_chosen: ContextVar[str | None] = ContextVar("auditor_language", default=None)


def set_language(lang: str) -> None:
    """Speak `lang` ("zh" or "en") from now on, in this context and the ones it starts."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: choose one of {', '.join(LANGUAGES)}")
    _chosen.set(lang)


def get_language() -> str:
    return _chosen.get() or DEFAULT


def chosen_language() -> str | None:
    """The language set explicitly, or None: lets a format keep its own default."""
    return _chosen.get()


@contextmanager
def language(lang: str) -> Iterator[None]:
    """Speak `lang` inside the block only (one page rendered for one request)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: choose one of {', '.join(LANGUAGES)}")
    token = _chosen.set(lang)
    try:
        yield
    finally:
        _chosen.reset(token)


@lru_cache(maxsize=None)
def translations(lang: str) -> gettext.NullTranslations:
    """The catalog for `lang`; English is the message ids themselves."""
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[lang])


def _(message: str, **values: object) -> str:
    """`message` in the current language, with `{name}` fields filled from `values`."""
    text = translations(get_language()).gettext(message)
    return text.format(**values) if values else text


def _n(singular: str, plural: str, n: int, **values: object) -> str:
    """The form of a counted message for `n` (Chinese has one form; English two). `{n}` is n."""
    text = translations(get_language()).ngettext(singular, plural, n)
    return text.format(n=n, **values)


def N_(message: str) -> str:
    """Marks a message id for the catalog without translating it yet (tables, patterns)."""
    return message


# Compiling .po to .mo: the standard library ships no msgfmt, and Babel would be a dependency
# for forty lines of file format.

def parse_po(text: str) -> dict[str, str]:
    """The catalog's entries, id -> translation; a plural id is "singular\\0plural" and its
    translation the forms joined by NUL. Fuzzy and untranslated entries are left out."""
    entries: dict[str, str] = {}
    for block in text.split("\n\n"):
        fields: dict[str, list[str]] = {}
        current = None
        fuzzy = False
        for line in block.splitlines():
            line = line.strip()
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            if not line or line.startswith("#"):
                continue
            if line.startswith('"'):
                if current is not None:
                    fields[current].append(_unquote(line))
                continue
            key, _space, rest = line.partition(" ")
            current = key
            fields[current] = [_unquote(rest)]
        if "msgid" not in fields:
            continue
        msgid = "".join(fields["msgid"])
        if "msgid_plural" in fields:
            msgid += "\0" + "".join(fields["msgid_plural"])
            forms = sorted(k for k in fields if k.startswith("msgstr["))
            msgstr = "\0".join("".join(fields[k]) for k in forms)
        else:
            msgstr = "".join(fields.get("msgstr", []))
        if msgstr.strip("\0") and (not fuzzy or not msgid):
            entries[msgid] = msgstr
    return entries


ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unquote(literal: str) -> str:
    """A .po string literal's text: the quotes removed, its few C escapes read."""
    body, out, i = literal[1:-1], [], 0
    while i < len(body):
        if body[i] == "\\" and i + 1 < len(body):
            out.append(ESCAPES.get(body[i + 1], body[i + 1]))
            i += 2
        else:
            out.append(body[i])
            i += 1
    return "".join(out)


def compile_mo(entries: dict[str, str]) -> bytes:
    """The GNU .mo file for `entries` (ids sorted, as gettext's binary search needs)."""
    ids = sorted(entries)
    ident = [k.encode("utf-8") for k in ids]
    strs = [entries[k].encode("utf-8") for k in ids]
    header_size = 7 * 4
    ids_at = header_size
    strs_at = ids_at + 8 * len(ids)
    data_at = strs_at + 8 * len(ids)
    offsets, data = [], b""
    for blob in ident + strs:
        offsets.append((len(blob), data_at + len(data)))
        data += blob + b"\0"
    out = struct.pack("<7I", 0x950412DE, 0, len(ids), ids_at, strs_at, 0, 0)
    out += b"".join(struct.pack("<2I", *o) for o in offsets[:len(ids)])
    out += b"".join(struct.pack("<2I", *o) for o in offsets[len(ids):])
    return out + data


def catalogs() -> list[Path]:
    return sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def compile_all() -> list[Path]:
    """Rewrite every .mo from its .po; returns the files written."""
    written = []
    for po in catalogs():
        mo = po.with_suffix(".mo")
        mo.write_bytes(compile_mo(parse_po(po.read_text(encoding="utf-8"))))
        written.append(mo)
    translations.cache_clear()
    return written


if __name__ == "__main__":  # python -m auditor.i18n: after editing a .po
    for path in compile_all():
        sys.stdout.write(f"wrote {path}\n")
