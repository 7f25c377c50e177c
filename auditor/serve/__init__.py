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


def serve(host: str, port: int, rules: Path, samples: Path | None, token: str | None, max_bytes: int) -> None:
    """Run the desk until interrupted. Off localhost a token is required."""
    import uvicorn  # only this command needs the server

    from auditor.serve.app import create_app
    from auditor.serve.desk import Desk

    token = token or os.environ.get(TOKEN_ENV) or None
    if token is None and not is_loopback(host):
        raise AuditorError(f"--host {host} is reachable from other machines: give --token or set ${TOKEN_ENV}")
    app = create_app(Desk.at(rules, samples, max_bytes), token)
    address = f"http://{host if ':' not in host else f'[{host}]'}:{port}/"
    print(f"auditor: the editor's desk is at {address}" + (f"?token={token}" if token else ""), file=sys.stderr)
    uvicorn.run(app, host=host, port=port, log_level="warning")
