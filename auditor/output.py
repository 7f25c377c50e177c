"""Writing reports whole or not at all: a temporary file in the same directory, then rename."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Sequence


def write_atomic(target: Path, content: str) -> None:
    """Replace `target` with `content` in one step; an interrupted run leaves no half report."""
    write_set([(target, content)])


def write_set(files: Sequence[tuple[Path, str]]) -> None:
    """Write every file beside its target, then move them all into place: if any cannot be
    written (a full disk, a read-only folder), none replaces its target and no temporary
    file is left. Files get the permissions the umask allows, like any other file."""
    temps: list[tuple[str, Path]] = []
    try:
        for target, content in files:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            temps.append((temp, target))
            os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600 whatever the umask says
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
        for temp, target in temps:
            os.replace(temp, target)
    except BaseException:
        for temp, _ in temps:
            Path(temp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
