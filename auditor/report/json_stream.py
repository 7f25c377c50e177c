"""audit.json written article by article, byte-identical to report/json_report.py's whole.

An archive (`--engine dask`, or many articles on `--engine local`) cannot hold every result
until the end. This writes the same document as json_report.render, record by record, in the
articles' order: a record that comes back early waits for the ones before it. It is written
beside its target and moved into place whole; abort() leaves the previous file as it was.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from auditor import __version__
from auditor.report import json_text
from auditor.report.records import STATUS_ORDER


def encoded(record: dict[str, Any]) -> str:
    """An article's record as the document holds it, two levels deep. Workers call this, so
    the parent writes text: unpickling a record and encoding it there cost it more than the
    workers' pickling a string."""
    return "    " + json_text.dumps(record, level=2)


class JsonStream:
    def __init__(self, target: Path, order: list[str]) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        self.target, self.temp = target, target.with_name(f".{target.name}.tmp")
        self.handle = open(self.temp, "w", encoding="utf-8")  # noqa: SIM115 - open across add() calls, closed in close()/abort()
        self.order, self.at = order, 0
        self.waiting: dict[str, tuple[str | None, list[str]]] = {}
        self.articles = self.checks = 0
        self.statuses: dict[str, int] = {}
        self.handle.write('{\n  "articles": [')

    def add(self, path: str, record: str | None, statuses: list[str]) -> None:
        """One article's record, encoded (None: not audited), and its findings' statuses."""
        self.waiting[path] = (record, statuses)
        while self.at < len(self.order) and self.order[self.at] in self.waiting:
            self._write(*self.waiting.pop(self.order[self.at]))
            self.at += 1

    def _write(self, record: str | None, statuses: list[str]) -> None:
        if record is None:  # not audited (unreadable): the whole document lists no record either
            return
        self.handle.write(("\n" if not self.articles else ",\n") + record)
        self.articles += 1
        self.checks += len(statuses)
        for status in statuses:
            self.statuses[status] = self.statuses.get(status, 0) + 1

    def close(self) -> None:
        summary = {"articles": self.articles, "checks": self.checks, **{s: self.statuses.get(s, 0) for s in STATUS_ORDER}}
        rest = json.dumps({"summary": summary, "tool": {"name": "auditor", "version": __version__}},
                          ensure_ascii=False, indent=2, sort_keys=True)
        self.handle.write(("\n  ]" if self.articles else "]") + "," + rest[1:] + "\n")
        self.handle.close()
        os.replace(self.temp, self.target)

    def abort(self) -> None:
        self.handle.close()
        self.temp.unlink(missing_ok=True)
