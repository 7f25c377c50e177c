"""How uvicorn runs the desk: its settings, and a deadline on clients that stall.

uvicorn closes a kept-alive connection that sends nothing after a response
(`timeout_keep_alive`), but not one that opens and never finishes its request line, headers
or body: a handful of such connections (slowloris) would hold the desk's sockets for ever.
`StallGuard` closes a connection that sends nothing for `idle_timeout` seconds while the
desk is waiting for its request. It never cuts a request whose body has all arrived: a slow
audit is the desk's own work, not the client's stall.
"""
from __future__ import annotations

import asyncio
import os
import socket

import h11
import uvicorn
from starlette.types import ASGIApp
from uvicorn.protocols.http.h11_impl import H11Protocol

from auditor.errors import AuditorError

IDLE_TIMEOUT = 10.0  # seconds a client may pause while sending its request
KEEP_ALIVE = 5  # seconds an idle kept-alive connection stays open after a response
BACKLOG = 2048  # uvicorn's default
WAITING_ON_CLIENT = (h11.IDLE, h11.SEND_BODY)  # request line/headers, or body, incomplete


class StallGuard(H11Protocol):
    """uvicorn's h11 protocol with an idle deadline while the request is still arriving."""

    idle_timeout: float = IDLE_TIMEOUT
    _stall: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._stall = self.loop.call_later(self.idle_timeout, self._on_stall)

    def _disarm(self) -> None:
        if self._stall is not None:
            self._stall.cancel()
            self._stall = None

    def _on_stall(self) -> None:
        self._stall = None
        if self.conn.their_state in WAITING_ON_CLIENT and not self.transport.is_closing():
            self.transport.close()


def guarded_protocol(idle_timeout: float) -> type[StallGuard]:
    """StallGuard with its own deadline (uvicorn builds the protocol from a class)."""
    return type("StallGuard", (StallGuard,), {"idle_timeout": idle_timeout})


def config(app: ASGIApp, host: str, port: int, idle_timeout: float = IDLE_TIMEOUT) -> uvicorn.Config:
    return uvicorn.Config(app, host=host, port=port, log_level="warning", http=guarded_protocol(idle_timeout),
                          timeout_keep_alive=KEEP_ALIVE, ws="none", lifespan="off")


def listen(host: str, port: int) -> list[socket.socket]:
    """Listening sockets on every address `host` names (localhost: IPv4 and IPv6), as asyncio
    would open them, or an AuditorError saying why not (the port is taken, the name does not
    resolve). With port 0 every address gets the one port the system picked for the first."""
    try:
        infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise AuditorError(f"--host {host}: {exc.strerror}") from None
    sockets: list[socket.socket] = []
    try:
        for family, kind, proto, _, address in dict.fromkeys(infos):  # getaddrinfo may repeat itself
            sockets.append(_listening(family, kind, proto, (address[0], port, *address[2:])))
            port = port or sockets[0].getsockname()[1]
    except OSError as exc:
        for sock in sockets:
            sock.close()
        raise AuditorError(f"cannot listen on {_shown(host)}:{port}: {exc.strerror or exc}") from None
    return sockets


def _listening(family: int, kind: int, proto: int, address: tuple) -> socket.socket:
    sock = socket.socket(family, kind, proto)
    try:
        # As asyncio does: a restarted desk may reuse a port its last run left in TIME_WAIT
        # (a port another server listens on is still refused), and IPv6 stays IPv6 only.
        if os.name == "posix":  # on Windows the same option would let two servers share the port
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6 and hasattr(socket, "IPPROTO_IPV6"):
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        sock.bind(address)
        sock.listen(BACKLOG)
    except OSError:
        sock.close()
        raise
    return sock


def _shown(host: str) -> str:
    return f"[{host}]" if ":" in host else host
