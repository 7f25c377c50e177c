"""`auditor serve`: the editor's desk, a local web page that audits a pasted or uploaded article."""
from __future__ import annotations

import ipaddress
import os
import sys
from pathlib import Path

from auditor.errors import AuditorError

TOKEN_ENV = "AUDITOR_TOKEN"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(host: str, port: int, rules: Path, samples: Path | None, token: str | None, max_bytes: int,
          facts: str | None = None) -> None:
    """Run the desk until interrupted. Off localhost a token is required."""
    import uvicorn  # only this command needs the server

    from auditor.serve.app import create_app
    from auditor.serve.desk import Desk
    from auditor.serve.guard import allowed_hosts
    from auditor.serve.server import config, listen

    from_env = token is None and bool(os.environ.get(TOKEN_ENV))
    token = token or os.environ.get(TOKEN_ENV) or None
    if token is None and not is_loopback(host):
        raise AuditorError(f"--host {host} is reachable from other machines: give --token or set ${TOKEN_ENV}")
    if not rules.is_dir():  # a mistyped --rules would otherwise give a desk that silently checks nothing
        raise AuditorError(f"--rules {rules}: no such folder")
    desk = Desk.at(rules, samples, max_bytes)
    if facts:
        from dataclasses import replace

        from auditor.facts.store import open_store

        open_store(facts)  # created or migrated now: a bad store is said before the address
        desk = replace(desk, facts=facts)
    app = create_app(desk, token, allowed_hosts(host))
    # Bound before the address is printed: a port in use is said at once, not after a line
    # that sends the editor to someone else's server. uvicorn serves on these very sockets.
    sockets = listen(host, port)
    try:
        port = sockets[0].getsockname()[1]  # --port 0: the port the system chose
        print(f"auditor: the editor's desk is at {entry_address(host, port, token, from_env)}", file=sys.stderr)
        uvicorn.Server(config(app, host, port)).run(sockets=sockets)
    finally:
        for sock in sockets:
            sock.close()


def entry_address(host: str, port: int, token: str | None, from_env: bool) -> str:
    """The address to open. A token given on the command line is already in the shell's
    history and is printed in the link; one from the environment was kept out of both, and
    a log of this line must not leak it, so the line only says where to put it."""
    address = f"http://{host if ':' not in host else f'[{host}]'}:{port}/"
    if token is None:
        return address
    if from_env:
        return f"{address}?token=<the value of ${TOKEN_ENV}>"
    return f"{address}?token={token}"
