"""The editor's desk over HTTP: a Starlette app, rendered with the HTML report's templates.

Starlette, not Flask: it is small, its test client needs no server, and uvicorn serves it
with no extra glue. Every page is rendered server-side; the page works without JavaScript.
Safety: a token is required on every request when one is set (always, off localhost);
every form carries a per-server key so another site cannot post to a desk on localhost;
request bodies are limited; nothing a client sends names a file.
"""
from __future__ import annotations

import hmac
import secrets
from typing import Any

from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from auditor import __version__
from auditor.errors import AuditorError
from auditor.model import Article
from auditor.report import html as html_report
from auditor.report import json_report, sarif
from auditor.serve.desk import AUTO, FORMATS, Desk, run_of
from auditor.serve.texts import texts

COOKIE = "auditor_token"
RENDERERS = {"html": html_report.render, "json": json_report.render, "sarif": sarif.render}


def create_app(desk: Desk, token: str | None = None) -> Starlette:
    key = secrets.token_urlsafe(16)  # the form key: proves a POST came from our own page

    async def home(request: Request) -> Response:
        lang = _lang(request)
        # The desk opens on the first sample's audit, so an editor sees a report at once.
        sample = request.query_params.get("sample") or min(desk.samples, default=None)
        if sample:
            try:
                article = desk.sample(sample)
            except AuditorError as exc:
                return _page(desk, key, lang, error=str(exc), status=404)
            return _page(desk, key, lang, article=article, result=desk.audit(article, AUTO), choice=AUTO)
        return _page(desk, key, lang)

    async def audit(request: Request) -> Response:
        form, lang = await _form(request, desk, key)
        choice = str(form.get("rules") or AUTO)
        try:
            article = await _article(form, desk)
            return _page(desk, key, lang, article=article, result=desk.audit(article, choice), choice=choice)
        except AuditorError as exc:
            return _page(desk, key, lang, error=str(exc), text=str(form.get("text") or ""), status=400)

    async def download(request: Request) -> Response:
        form, _ = await _form(request, desk, key)
        fmt = str(form.get("format") or "html")
        if fmt not in FORMATS:
            return PlainTextResponse(f"unknown format {fmt!r}", status_code=400)
        try:
            article = await _article(form, desk)
            result = desk.audit(article, str(form.get("rules") or AUTO))
        except AuditorError as exc:
            return PlainTextResponse(str(exc), status_code=400)
        name = f"audit.{fmt}"
        return Response(RENDERERS[fmt](run_of(result)), media_type=FORMATS[fmt],
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})

    async def suggest(request: Request) -> Response:
        form, lang = await _form(request, desk, key)
        try:
            article = await _article(form, desk)
            return _page(desk, key, lang, article=article, suggestion=desk.suggest(article))
        except AuditorError as exc:
            return _page(desk, key, lang, error=str(exc), status=400)

    async def save(request: Request) -> Response:
        form, lang = await _form(request, desk, key)
        try:
            article = await _article(form, desk)
            if form.get("confirm") != "yes":
                raise AuditorError("tick the confirmation box to save")
            target = desk.save(article, str(form.get("rule_name") or ""))
            return _page(desk, key, lang, article=article, saved=target.name)
        except AuditorError as exc:
            return _page(desk, key, lang, error=str(exc), status=400)

    routes = [Route("/", home), Route("/audit", audit, methods=["POST"]),
              Route("/download", download, methods=["POST"]), Route("/suggest", suggest, methods=["POST"]),
              Route("/save", save, methods=["POST"])]
    middleware = [Middleware(_Limits, max_bytes=desk.max_bytes), Middleware(_Token, token=token)]
    return Starlette(routes=routes, middleware=middleware)


async def _form(request: Request, desk: Desk, key: str) -> tuple[Any, str]:
    form = await request.form(max_files=1, max_fields=20, max_part_size=desk.max_bytes + 1024)
    if not _same(str(form.get("key") or ""), key):
        raise HTTPException(403, "this form did not come from this desk; reload the page")
    return form, str(form.get("lang") or "zh")


async def _article(form: Any, desk: Desk) -> Article:
    upload = form.get("file")
    if isinstance(upload, UploadFile) and upload.filename:
        data = await upload.read(desk.max_bytes + 1)
        return desk.article("", data, upload.filename)
    return desk.article(str(form.get("text") or ""), None, str(form.get("name") or "pasted.txt"))


def _lang(request: Request) -> str:
    return "en" if request.query_params.get("lang") == "en" else "zh"


def _page(desk: Desk, key: str, lang: str, *, article: Article | None = None, result: Any = None,
          choice: str = AUTO, error: str = "", text: str = "", suggestion: str = "", saved: str = "",
          status: int = 200) -> Response:
    views = [html_report.view(result)] if result is not None else []
    body = html_report.environment().get_template("serve.html.j2").render(
        t=texts(lang), lang=lang, key=key, articles=views, version=__version__,
        choices=desk.rule_choices(), choice=choice, samples=sorted(desk.samples), error=error,
        text=article.text if article is not None else text, name=article.path if article else "pasted.txt",
        suggestion=suggestion, saved=saved, formats=list(FORMATS))
    return Response(body, status_code=status, media_type="text/html; charset=utf-8",
                    headers={"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                                                        "form-action 'self'; frame-ancestors 'none'",
                             "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"})


def _same(offered: str, secret: str) -> bool:
    return hmac.compare_digest(offered.encode(), secret.encode())


class _Limits:
    """Refuse a body over the limit by its declared length, before reading it (a body without
    one is cut off by the form parser's part limit instead)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app, self.max_bytes = app, max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope["headers"]).get(b"content-length", b"")
        if length.isdigit() and int(length) > self.max_bytes + 64_000:
            return await _plain(413, f"the upload is larger than the limit of {self.max_bytes:,} bytes",
                                scope, receive, send)
        await self.app(scope, receive, send)


class _Token:
    """With a token set, every request carries it: a header, a cookie, or ?token= once."""

    def __init__(self, app: ASGIApp, token: str | None) -> None:
        self.app, self.token = app, token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.token is None:
            return await self.app(scope, receive, send)
        request = Request(scope)
        offered = request.query_params.get("token")
        if offered is not None and _same(offered, self.token):
            response = RedirectResponse(request.url.remove_query_params("token"), status_code=303)
            response.set_cookie(COOKIE, self.token, httponly=True, samesite="strict")
            return await response(scope, receive, send)
        bearer = request.headers.get("authorization", "").removeprefix("Bearer ")
        carried = request.cookies.get(COOKIE) or bearer
        if not _same(carried, self.token):
            return await _plain(401, "this desk needs its token: open the address with ?token=…",
                                scope, receive, send)
        await self.app(scope, receive, send)


async def _plain(status: int, reason: str, scope: Scope, receive: Receive, send: Send) -> None:
    await PlainTextResponse(reason, status_code=status)(scope, receive, send)
