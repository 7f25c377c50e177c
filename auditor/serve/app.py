"""The editor's desk over HTTP: a Starlette app, rendered with the HTML report's templates.

Starlette, not Flask: it is small, its test client needs no server, and uvicorn serves it
with no extra glue. Every page is rendered server-side; the page works without JavaScript.
Safety: a token is required on every request when one is set (always, off localhost);
every form carries a per-server key so another site cannot post to a desk on localhost;
only the Host names the desk was bound for are answered, and a POST from another origin is
refused; request bodies are counted as they arrive and cut at the limit; audits run in
worker threads; every response forbids caching, sniffing, scripts and framing (guard.py);
nothing a client sends names a file.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from auditor import __version__
from auditor.errors import AuditorError, RuleFileError
from auditor.model import Article
from auditor.report import html as html_report
from auditor.report import json_report, sarif
from auditor.serve import guard
from auditor.serve.desk import (
    AUTO,
    FORMATS,
    Desk,
    attachment,
    download_name,
    label,
    run_of,
)
from auditor.serve.texts import DeskError, texts

RENDERERS = {"html": html_report.render, "json": json_report.render, "sarif": sarif.render}


def create_app(desk: Desk, token: str | None = None, hosts: guard.Allowed | None = None) -> Starlette:
    """The desk as an ASGI app. `hosts`: the Host names it answers to (by default a loopback
    desk's); `serve` passes the names of the address it binds."""
    key = secrets.token_urlsafe(16)  # the form key: proves a POST came from our own page

    # Every route reads its form on the event loop, then does the work (decoding, extracting,
    # auditing, rendering) in a worker thread: one slow article must not stall other clients.

    async def home(request: Request) -> Response:
        lang = _lang(request)
        # The desk opens on the first sample's audit, so an editor sees a report at once.
        sample = request.query_params.get("sample") or min(desk.samples, default=None)
        return await run_in_threadpool(_home, desk, key, lang, sample)

    async def audit(request: Request) -> Response:
        form, lang = await _form(request, desk, key)
        upload = await _upload(form, desk)
        return await run_in_threadpool(_audit, desk, key, lang, form, upload)

    async def download(request: Request) -> Response:
        form, _ = await _form(request, desk, key)
        upload = await _upload(form, desk)
        return await run_in_threadpool(_download, desk, form, upload)

    async def suggest(request: Request) -> Response:
        form, lang = await _form(request, desk, key)
        upload = await _upload(form, desk)
        return await run_in_threadpool(_suggest, desk, key, lang, form, upload)

    async def save(request: Request) -> Response:
        form, lang = await _form(request, desk, key)
        upload = await _upload(form, desk)
        return await run_in_threadpool(_save, desk, key, lang, form, upload)

    routes = [Route("/", home), Route("/audit", audit, methods=["POST"]),
              Route("/download", download, methods=["POST"]), Route("/suggest", suggest, methods=["POST"]),
              Route("/save", save, methods=["POST"])]
    # Outermost first: the headers go on every answer, including each gate's refusal.
    middleware = [Middleware(guard.Headers), Middleware(guard.Hosts, allowed=hosts or guard.allowed_hosts("127.0.0.1")),
                  Middleware(guard.Origins), Middleware(guard.BodyLimit, max_bytes=desk.max_bytes),
                  Middleware(guard.Token, token=token)]
    # A crash is answered outside the middleware above, so its answer carries the headers itself.
    return Starlette(routes=routes, middleware=middleware, exception_handlers={Exception: _crashed})


Upload = tuple[bytes, str] | None  # an uploaded file's bytes (read up to the limit) and name


@dataclass(frozen=True)
class Shown:
    """What a page shows besides the report: the editor's own text goes back into the form
    (an audit must not wipe a paste), and at most one message."""

    pasted: str = ""  # the pasted article, kept in the paste box
    error: AuditorError | None = None
    saved: str = ""  # where a rule file was saved, as the editor would name it
    suggestion: str | None = None  # the rule file in the editable box (it may have been emptied)


def _home(desk: Desk, key: str, lang: str, sample: str | None) -> Response:
    if not sample:
        return _page(desk, key, lang)
    try:
        article = desk.sample(sample)
    except AuditorError as exc:
        return _page(desk, key, lang, shown=Shown(error=exc), status=404)
    try:  # a broken file in the rules folder is named on the page, not a crash of the front page
        result = desk.audit(article, AUTO)
    except AuditorError as exc:
        return _page(desk, key, lang, shown=Shown(error=exc))
    return _page(desk, key, lang, article=article, result=result, choice=AUTO)


def _audit(desk: Desk, key: str, lang: str, form: Any, upload: Upload) -> Response:
    choice = str(form.get("rules") or AUTO)
    pasted = _pasted(form, upload)
    try:
        article = _article(form, upload, desk)
        return _page(desk, key, lang, article=article, result=desk.audit(article, choice), choice=choice,
                     shown=Shown(pasted=pasted))
    except AuditorError as exc:
        return _page(desk, key, lang, choice=choice, shown=Shown(pasted=str(form.get("text") or ""), error=exc),
                     status=400)


def _download(desk: Desk, form: Any, upload: Upload) -> Response:
    fmt = str(form.get("format") or "html")
    if fmt not in FORMATS:
        return PlainTextResponse(f"未知的格式 / unknown format {fmt!r}", status_code=400)
    try:
        article = _article(form, upload, desk)
        result = desk.audit(article, str(form.get("rules") or AUTO))
    except AuditorError as exc:
        return PlainTextResponse(str(exc), status_code=400)
    return Response(RENDERERS[fmt](run_of(result)), media_type=FORMATS[fmt],
                    headers={"Content-Disposition": attachment(download_name(article, fmt))})


def _suggest(desk: Desk, key: str, lang: str, form: Any, upload: Upload) -> Response:
    pasted = _pasted(form, upload)
    try:
        article = _article(form, upload, desk)
        return _page(desk, key, lang, article=article, shown=Shown(pasted=pasted, suggestion=desk.suggest(article)))
    except AuditorError as exc:
        return _page(desk, key, lang, shown=Shown(pasted=pasted, error=exc), status=400)


def _save(desk: Desk, key: str, lang: str, form: Any, upload: Upload) -> Response:
    """Save the rule file as the editor edited it. A client that sends no `yaml` field (a
    script) saves the suggestion as generated. Refused, the page keeps the edited text."""
    pasted, edited = _pasted(form, upload), form.get("yaml")
    try:
        article = _article(form, upload, desk)
    except AuditorError as exc:
        return _page(desk, key, lang, shown=Shown(pasted=pasted, error=exc), status=400)
    text = str(edited) if edited is not None else desk.suggest(article)
    try:
        if form.get("confirm") != "yes":
            raise DeskError("confirm_first")
        target = desk.save(str(form.get("rule_name") or ""), text)
    except AuditorError as exc:
        return _page(desk, key, lang, article=article, shown=Shown(pasted=pasted, error=exc, suggestion=text),
                     status=400)
    return _page(desk, key, lang, article=article, shown=Shown(pasted=pasted, saved=desk.shown(target)))


async def _form(request: Request, desk: Desk, key: str) -> tuple[Any, str]:
    form = await request.form(max_files=1, max_fields=20, max_part_size=desk.max_bytes + 1024)
    if not guard.same(str(form.get("key") or ""), key):
        raise HTTPException(403, "这个表单不是来自本核查台，请刷新页面。\nthis form did not come from this desk; reload the page")
    return form, str(form.get("lang") or "zh")


async def _upload(form: Any, desk: Desk) -> Upload:
    upload = form.get("file")
    if isinstance(upload, UploadFile) and upload.filename:
        return await upload.read(desk.max_bytes + 1), upload.filename
    return None


def _article(form: Any, upload: Upload, desk: Desk) -> Article:
    """The file or the paste, never a silent choice between the two: with both, the editor
    could not tell which one the report is about."""
    text = str(form.get("text") or "")
    if upload is not None:
        if text.strip():
            raise DeskError("both")
        if not upload[0]:
            raise DeskError("empty_file", name=label(upload[1]))
        return desk.article("", upload[0], upload[1])
    return desk.article(text, None, str(form.get("name") or "pasted.txt"))


def _pasted(form: Any, upload: Upload) -> str:
    """The text to put back into the paste box: what the editor pasted (the main form), or
    the article a follow-up form carries when it came from a paste; never an upload's text."""
    if upload is not None or (form.get("name") is not None and form.get("pasted") != "yes"):
        return ""
    return str(form.get("text") or "")


async def _crashed(request: Request, exc: Exception) -> Response:
    return PlainTextResponse("internal error", status_code=500, headers=guard.SECURITY_HEADERS)


def _lang(request: Request) -> str:
    return "en" if request.query_params.get("lang") == "en" else "zh"


def _explain(exc: AuditorError | None, lang: str) -> tuple[str, str]:
    """An error as the editor's sentence and, beside it, the located technical detail
    (file:line:col), which stays as the tools print it and is shown as code."""
    if exc is None:
        return "", ""
    if isinstance(exc, DeskError):
        return exc.message(lang), exc.detail
    if isinstance(exc, RuleFileError):
        return texts(lang)["rule_file_error"], str(exc)
    return texts(lang)["unreadable"], str(exc)


def _page(desk: Desk, key: str, lang: str, *, article: Article | None = None, result: Any = None,
          choice: str = AUTO, shown: Shown = Shown(), status: int = 200) -> Response:
    views = [html_report.view(result)] if result is not None else []
    error, detail = _explain(shown.error, lang)
    t = texts(lang)
    body = html_report.environment().get_template("serve.html.j2").render(
        t=t, lang=lang, key=key, articles=views, version=__version__,
        choices=desk.rule_choices(), choice=choice, samples=sorted(desk.samples), error=error, detail=detail,
        text=article.text if article is not None else shown.pasted, pasted=shown.pasted,
        from_paste=article is not None and bool(shown.pasted),
        name=article.path if article else "pasted.txt", save_as=t["save_as"].format(folder=desk.rules_shown + "/"),
        suggestion=shown.suggestion, saved=shown.saved, formats=list(FORMATS))
    # The security headers are added by guard.Headers, on this and every other response.
    return Response(body, status_code=status, media_type="text/html; charset=utf-8")
