"""Writing reports whole or not at all: a temporary file in the same directory, then rename."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(target: Path, content: str) -> None:
    """Replace `target` with `content` in one step; an interrupted run leaves no half report."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
