"""The desk's gatekeepers, as plain ASGI middleware around the Starlette app.

Each answers one attack from outside the editor's own browser tab:
- `Headers`: every response, errors and downloads included, forbids caching, sniffing,
  scripts and framing, so nothing a response carries runs or lingers in a shared cache.
- `Hosts`: a DNS-rebinding page reaches a desk on 127.0.0.1 under its own name; refusing
  every Host the desk was not bound for keeps such a page from reading the form key.
- `Origins`: a POST from another origin (another site, another local port) is refused
  before its form is read.
- `BodyLimit`: bytes are counted as they arrive, so a body without Content-Length (chunked)
  is stopped at the limit instead of being spooled to disk.
- `Token`: with a token set, every request carries it.
A refusal is plain text in Chinese, then English: it comes before any form says which
language the editor reads.
"""
from __future__ import annotations

import hmac
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from starlette.datastructures import Headers as HeaderMap
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOKIE = "auditor_token"
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
WILDCARDS = frozenset({"0.0.0.0", "::", ""})
FORM_OVERHEAD = 64_000  # multipart boundaries and the small fields beside the article
CLOSE = {"Connection": "close"}  # the rest of a refused body is unwanted: end the connection
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
    # Not "no-referrer": with it a browser sends `Origin: null` on the desk's own form posts,
    # which the origin check below would then refuse.
    "Referrer-Policy": "same-origin",
}


@dataclass(frozen=True)
class Allowed:
    """The Host names a desk answers to. `any_ip`: bound to every interface, it answers to any
    IP literal (a rebinding attack needs a name it controls, never a bare address)."""

    names: frozenset[str]
    any_ip: bool = False

    def admits(self, host: str) -> bool:
        if host in self.names:
            return True
        return self.any_ip and _is_ip(host)


def allowed_hosts(bound: str) -> Allowed:
    """The names a desk bound to `bound` answers to: that name, plus the loopback aliases for a
    loopback bind, plus the machine's name and any address for a wildcard bind."""
    name = _normal(bound)
    if name in WILDCARDS:
        return Allowed(LOOPBACK_NAMES | {_normal(socket.gethostname())}, any_ip=True)
    if name in LOOPBACK_NAMES or (_is_ip(name) and ipaddress.ip_address(name).is_loopback):
        return Allowed(LOOPBACK_NAMES | {name})
    return Allowed(frozenset({name}))


def host_of(authority: str) -> str:
    """The host part of a Host header or an origin's netloc: `[::1]:8000` -> `::1`."""
    authority = authority.strip()
    if authority.startswith("["):
        return _normal(authority[1:].partition("]")[0])
    return _normal(authority.rpartition(":")[0] if authority.count(":") == 1 else authority)


def _normal(host: str) -> str:
    return host.strip().lower().rstrip(".")


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def same(offered: str, secret: str) -> bool:
    return hmac.compare_digest(offered.encode(), secret.encode())


async def refuse(status: int, reason: str, scope: Scope, receive: Receive, send: Send,
                 headers: dict[str, str] | None = None) -> None:
    await PlainTextResponse(reason, status_code=status, headers=headers)(scope, receive, send)


class Headers:
    """Adds the security headers to every response start, whatever produced it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def guarded(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": with_security_headers(message.get("headers", []))}
            await send(message)

        await self.app(scope, receive, guarded)


def with_security_headers(raw: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """The response's own headers with ours set, replacing any of the same name."""
    ours = {k.lower().encode("latin-1"): v.encode("latin-1") for k, v in SECURITY_HEADERS.items()}
    return [(k, v) for k, v in raw if k.lower() not in ours] + list(ours.items())


class Hosts:
    """Refuses a request whose Host is not one the desk was bound for (400). The port is not
    compared: rebinding hinges on the name, and a forwarded port is an ordinary setup."""

    def __init__(self, app: ASGIApp, allowed: Allowed) -> None:
        self.app, self.allowed = app, allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        host = HeaderMap(scope=scope).get("host")
        if host is None or not self.allowed.admits(host_of(host)):
            # The foreign name is not echoed: the desk says nothing to a page it does not serve.
            return await refuse(400, "未知的主机名：请用核查台启动时打印的地址打开。\n"
                                     "unknown Host: open the desk at the address it printed", scope, receive, send)
        await self.app(scope, receive, send)


class Origins:
    """A POST that names an origin must come from this very origin (scheme aside): the Host
    it was sent to, port included. `Origin: null` is refused. A POST with no Origin at all
    comes from a client that is not a browser (every current browser sends Origin on POST),
    so it is no cross-site forgery; it still needs the form key and the token."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            return await self.app(scope, receive, send)
        headers = HeaderMap(scope=scope)
        origin = headers.get("origin")
        if origin is not None and not _same_origin(origin, headers.get("host", "")):
            return await refuse(403, "这个请求来自其他网站，已拒绝。\nthis request came from another site",
                                scope, receive, send)
        await self.app(scope, receive, send)


def _same_origin(origin: str, host: str) -> bool:
    parts = urlsplit(origin.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return False
    return _authority(parts.netloc) == _authority(host)


def _authority(netloc: str) -> tuple[str, str]:
    """(host, port) of a netloc, so that `[::1]:8000` and `[::1]:8000` compare equal."""
    netloc = netloc.strip().lower()
    port = netloc.rpartition(":")[2] if netloc.rfind(":") > netloc.rfind("]") else ""
    return host_of(netloc), port


class BodyLimit:
    """Refuses a body over `limit` bytes (413): at once by its declared length, and otherwise
    by counting the bytes as they arrive, stopping at the limit (a chunked body declares none)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes
        self.limit = max_bytes + FORM_OVERHEAD

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = HeaderMap(scope=scope).get("content-length", "")
        if length.isdigit() and int(length) > self.limit:
            return await refuse(413, self._reason(), scope, receive, send, CLOSE)
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    # Raised inside the form parser's read: the route stops reading, and
                    # Starlette answers with this status, and the server closes the connection.
                    raise HTTPException(413, self._reason(), headers=CLOSE)
            return message

        await self.app(scope, counted, send)

    def _reason(self) -> str:
        return (f"上传的内容超过 {self.max_bytes:,} 字节的上限。\n"
                f"the upload is larger than the limit of {self.max_bytes:,} bytes")


class Token:
    """With a token set, every request carries it: a header, a cookie, or ?token= once."""

    def __init__(self, app: ASGIApp, token: str | None) -> None:
        self.app, self.token = app, token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.token is None:
            return await self.app(scope, receive, send)
        request = Request(scope)
        offered = request.query_params.get("token")
        if offered is not None and same(offered, self.token):
            response = RedirectResponse(_entry(request), status_code=303)
            response.set_cookie(COOKIE, self.token, httponly=True, samesite="strict")
            return await response(scope, receive, send)
        bearer = request.headers.get("authorization", "").removeprefix("Bearer ")
        carried = request.cookies.get(COOKIE) or bearer
        if not same(carried, self.token):
            reason = "这个核查台需要令牌：请用带 ?token=… 的地址打开。\nthis desk needs its token: open the address with ?token=…"
            return await refuse(401, reason, scope, receive, send)
        await self.app(scope, receive, send)


def _entry(request: Request) -> str:
    """Where the token link leads: the desk's page on the host the browser already uses,
    as a path with no scheme or host in it, so no Host header is ever reflected (the desk's
    only page is `/`; any other path, `//evil.example` among them, could only mislead)."""
    kept = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
    return "/" + (f"?{urlencode(kept)}" if kept else "")
