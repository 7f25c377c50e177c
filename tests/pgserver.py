"""A throwaway PostgreSQL server for the facts store's tests (issue #14).

Debian's PostgreSQL binaries (`.ci/run` installs them) run a server on a Unix socket in a
temporary folder, listening on no TCP port, for the length of the test session; each test
gets a database of its own. As root (CI), the server runs as the `postgres` user, since
PostgreSQL refuses to run as root. With no binaries the tests skip, unless
AUDITOR_POSTGRES_TESTS=required, as CI sets it, makes a missing server a failure.
"""
from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

REQUIRED = os.environ.get("AUDITOR_POSTGRES_TESTS") == "required"


def _bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


class Server:
    """One server for the session; `database()` makes a fresh database and returns its URL."""

    def __init__(self) -> None:
        initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
        if not initdb or not pg_ctl:
            raise FileNotFoundError("PostgreSQL's initdb and pg_ctl are not installed")
        self.root = Path(tempfile.mkdtemp(prefix="auditor-pg-"))
        self.pg_ctl = pg_ctl
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.root, "postgres")
        self.data, self.socket = self.root / "data", self.root
        self._run([initdb, "-D", str(self.data), "-A", "trust", "-U", "auditor", "--no-sync", "-E", "UTF8"])
        options = f"-c listen_addresses='' -c unix_socket_directories={self.socket} -c fsync=off"
        self._run([pg_ctl, "-D", str(self.data), "-o", options, "-w", "-l", str(self.root / "log"), "start"])
        self._names = itertools.count()

    def _run(self, argv: list[str]) -> None:
        if self.as_root:
            argv = ["runuser", "-u", "postgres", "--", *argv]
        subprocess.run(argv, check=True, capture_output=True, timeout=120)

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://auditor@/{database}?host={self.socket}"

    def database(self) -> str:
        import psycopg

        name = f"facts{next(self._names)}"
        with psycopg.connect(f"host={self.socket} user=auditor dbname=postgres", autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run([self.pg_ctl, "-D", str(self.data), "-m", "immediate", "stop"])
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
