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

import h11
import uvicorn
from starlette.types import ASGIApp
from uvicorn.protocols.http.h11_impl import H11Protocol

IDLE_TIMEOUT = 10.0  # seconds a client may pause while sending its request
KEEP_ALIVE = 5  # seconds an idle kept-alive connection stays open after a response
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
