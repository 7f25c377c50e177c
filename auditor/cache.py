"""The user's cache folder for work one run can hand to the next (compiled report templates).

`$AUDITOR_CACHE` names it; otherwise `$XDG_CACHE_HOME/auditor`, else `~/.cache/auditor`.
`AUDITOR_CACHE=off` turns caching off. The folder is created private (0700) and is used only
when it is a real directory owned by this user that nobody else can write: what is cached
is loaded as code, with no more trust than the user's own home.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path


def folder(name: str) -> Path | None:
    """The cache subfolder `name`, created if need be, or None when caching is off or unsafe."""
    chosen = os.environ.get("AUDITOR_CACHE", "")
    if chosen.lower() in ("off", "0", "no", "false"):
        return None
    base = Path(chosen) if chosen else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "auditor"
    path = base / name
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o022:
        return None
    return path
