"""The editor's desk without a browser: every route through Starlette's test client."""
from __future__ import annotations

import asyncio
import html
import html.parser
import io
import json
import re
import shutil
import socket
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import docx
import pytest
import uvicorn
import yaml
from starlette.testclient import TestClient

from auditor.errors import AuditorError
from auditor.serve import is_loopback, serve
from auditor.serve.app import create_app
from auditor.serve.desk import Desk
from auditor.serve.guard import allowed_hosts
from auditor.serve.server import config
from tests.conftest import SEED, SEED_RULES

SEED_TEXT = SEED.read_text(encoding="utf-8")
BASE = "http://127.0.0.1:8000"  # the address a loopback desk prints; its Host is one the desk answers to


def desk_client(app, **kwargs) -> TestClient:
    return TestClient(app, base_url=BASE, **kwargs)


@pytest.fixture
def rules_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir()
    shutil.copy(SEED_RULES, folder / SEED_RULES.name)
    return folder


@pytest.fixture
def client(rules_dir: Path) -> TestClient:
    return desk_client(create_app(Desk.at(rules_dir, SEED.parent, 2_000_000)))


def form_key(client: TestClient) -> str:
    return re.search(r'name="key" value="([^"]+)"', client.get("/").text)[1]


def post(client: TestClient, path: str, **fields: str) -> object:
    return client.post(path, data={"key": form_key(client), **fields})


def verdict(page: str) -> str:
    return re.search(r'class="verdict (good|bad)">([^<]*)', page)[2]


def test_home_page_offers_rules_and_samples(client):
    page = client.get("/").text
    assert "数字核查台" in page and SEED_RULES.name in page and SEED.name in page
    assert "Figure desk" in client.get("/?lang=en").text


def test_pasted_seed_with_its_rules_holds_everywhere(client):
    response = post(client, "/audit", text=SEED_TEXT, rules=SEED_RULES.name)
    assert response.status_code == 200
    assert "全部 34 项核查成立" in verdict(response.text)


def test_auto_finds_the_rule_file_a_pasted_article_fits(client):
    assert "34" in verdict(post(client, "/audit", text=SEED_TEXT, rules="auto").text)
    assert "34" not in verdict(post(client, "/audit", text=SEED_TEXT, rules="none").text)


def test_a_slipped_figure_fails_its_check_and_is_marked(client):
    page = post(client, "/audit", text=SEED_TEXT.replace("6674", "6647"), rules=SEED_RULES.name).text
    assert "不成立" in verdict(page)
    assert 'id="check-forest-chief-tiers-sum"' in page
    assert re.search(r'<a class="fig fails" id="fig-f\d+" href="#check-[^"]+"[^>]*>6647人</a>', page)


def test_sample_link_audits_the_seed(client):
    assert "全部 34 项核查成立" in verdict(client.get(f"/?sample={SEED.name}").text)
    assert "全部 34 项核查成立" in verdict(client.get("/").text)  # the desk opens on it
    assert client.get("/?sample=../../etc/passwd").status_code == 404


def test_upload_a_docx(client):
    document = docx.Document()
    for line in SEED_TEXT.split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    response = client.post("/audit", data={"key": form_key(client), "rules": SEED_RULES.name},
                           files={"file": ("seed.docx", buffer.getvalue())})
    assert response.status_code == 200 and "全部 34 项核查成立" in verdict(response.text)


def test_uploads_over_the_limit_are_refused_with_a_message(rules_dir):
    small = desk_client(create_app(Desk.at(rules_dir, None, 10_000)))
    key = form_key(small)
    response = small.post("/audit", data={"key": key}, files={"file": ("big.txt", b"x" * 200_000)})
    assert response.status_code == 413 and "larger than the limit of 10,000 bytes" in response.text
    response = small.post("/audit", data={"key": key, "text": "a" * 10_500})
    assert response.status_code == 400 and "稿件超过 10,000 字节的上限" in response.text


def test_a_post_without_the_form_key_is_refused(client):
    assert client.post("/audit", data={"text": SEED_TEXT}).status_code == 403


def test_download_formats(client):
    for fmt, check in (("json", json.loads), ("sarif", json.loads), ("html", str)):
        response = post(client, "/download", text=SEED_TEXT, rules=SEED_RULES.name, format=fmt, name=SEED.name)
        assert response.status_code == 200
        assert f'filename="{SEED.stem}.audit.{fmt}"' in response.headers["content-disposition"]
        check(response.text)
    assert post(client, "/download", text=SEED_TEXT, format="exe").status_code == 400
    named = post(client, "/download", text=SEED_TEXT, format="json", name="../up/seed.docx")
    assert json.loads(named.text)["articles"][0]["source"] == "seed.docx"  # a label, never a path


def _filenames(disposition: str) -> tuple[str, str]:
    """The plain and the UTF-8 (RFC 5987) file names of a Content-Disposition header."""
    plain = re.search(r'filename="([^"]*)"', disposition)[1]
    extended = re.search(r"filename\*=UTF-8''(\S+)", disposition)
    return plain, urllib.parse.unquote(extended[1]) if extended else plain


def test_downloads_are_named_after_the_article(client):
    """A report downloads under its article's name, never one fixed name: the file's stem,
    or for an unnamed paste its headline; a Chinese name travels as filename*, beside an
    ASCII filename; nothing a client names reaches the header unreduced."""
    def names(**fields: object) -> tuple[str, str]:
        response = post(client, "/download", format="json", **fields)
        disposition = response.headers["content-disposition"]
        assert response.status_code == 200 and disposition.startswith("attachment; ")
        assert disposition.isascii() and "\r" not in disposition and "\n" not in disposition
        return _filenames(disposition)

    assert names(text=SEED_TEXT, name="chengdu-1214.txt") == ("chengdu-1214.audit.json",) * 2
    assert names(text="2023年成都市林长总数6674人。") == ("2023_6674.audit.json", "2023年成都市林长总数6674人.audit.json")
    assert names(text="\n\n成都林长制 · 新观察\n林长6674人。") == ("article.audit.json", "成都林长制_新观察.audit.json")
    assert names(text=SEED_TEXT, name="../../报告/成都 \"日报\".docx") == ("article.audit.json", "成都_日报.audit.json")
    assert names(text=SEED_TEXT, name='x"; filename="evil.exe\r\nSet-Cookie: a=b') == ("x_filename_evil.audit.json",) * 2
    long = names(text="稿" * 300)[1]
    assert len(long) < 60 and long.endswith(".audit.json")
    response = client.post("/download", data={"key": form_key(client), "format": "sarif"},
                           files={"file": ("市政报告.docx", _seed_docx())})
    assert _filenames(response.headers["content-disposition"]) == ("article.audit.sarif", "市政报告.audit.sarif")
    page = client.get(f"/?sample={SEED.name}").text  # a sample's download form carries its name
    sample = re.search(r'name="name" value="([^"]*)"', page)[1]
    assert names(text=SEED_TEXT, name=html.unescape(sample))[0] == f"{SEED.stem}.audit.json"


def _seed_docx() -> bytes:
    document = docx.Document()
    for line in SEED_TEXT.split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_suggest_then_save_needs_confirmation_and_never_overwrites(client, rules_dir):
    page = post(client, "/suggest", text=SEED_TEXT).text
    assert 'id="suggested"' in page and "checks:" in page
    assert post(client, "/save", text=SEED_TEXT, rule_name="mine").status_code == 400
    assert not (rules_dir / "mine.yaml").exists()
    saved = post(client, "/save", text=SEED_TEXT, rule_name="mine", confirm="yes")
    assert saved.status_code == 200 and (rules_dir / "mine.yaml").exists()
    before = (rules_dir / "mine.yaml").read_bytes()
    again = post(client, "/save", text=SEED_TEXT.replace("6674", "6647"), rule_name="mine", confirm="yes")
    assert again.status_code == 400 and "“rules/mine.yaml”已存在" in again.text
    assert (rules_dir / "mine.yaml").read_bytes() == before
    assert "mine.yaml" in client.get("/").text  # offered from now on


@pytest.mark.parametrize("name", ["../escape", "/etc/x", "a/b", ".hidden", "", "x" * 81,
                                  "x\naccept: []", "x: y", "x\n"])
def test_save_names_cannot_leave_the_rules_directory(client, rules_dir, name):
    response = post(client, "/save", text=SEED_TEXT, rule_name=name, confirm="yes")
    assert response.status_code == 400
    assert sorted(p.name for p in rules_dir.iterdir()) == [SEED_RULES.name]


def test_a_rule_choice_is_a_name_from_the_list_not_a_path(client):
    response = post(client, "/audit", text=SEED_TEXT, rules="../../rules/" + SEED_RULES.name)
    assert response.status_code == 400 and "没有名为“../../rules/" in response.text


class _Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)


def test_article_text_is_escaped_everywhere(client):
    hostile = '林长总人数达6674人</textarea><script>alert(1)</script>"><img src=x onerror=alert(2)>'
    for path in ("/audit", "/suggest"):
        parser = _Tags()
        parser.feed(post(client, path, text=hostile).text)
        assert "script" not in parser.tags and "img" not in parser.tags


def test_token_is_required_on_every_request(rules_dir):
    guarded = desk_client(create_app(Desk.at(rules_dir, None, 2_000_000), token="s3cret"))
    assert guarded.get("/").status_code == 401
    assert guarded.post("/audit", data={"text": "x"}).status_code == 401
    assert guarded.get("/", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    assert guarded.get("/?token=wrong").status_code == 401
    entry = guarded.get("/?token=s3cret", follow_redirects=False)
    assert entry.status_code == 303 and "token" not in entry.headers["location"]
    assert guarded.get("/").status_code == 200  # the cookie carries it now


def test_off_localhost_a_token_is_required(rules_dir, monkeypatch):
    monkeypatch.delenv("AUDITOR_TOKEN", raising=False)
    with pytest.raises(AuditorError, match="give --token"):
        serve("0.0.0.0", 0, rules_dir, None, None, 2_000_000)
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")


def test_pages_forbid_scripts_and_framing(client):
    policy = client.get("/").headers["content-security-policy"]
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy


# Hardening (issue 12, "The desk"): each failure the reliability probe found, by name.

def test_a_foreign_host_is_refused_so_dns_rebinding_gets_no_form_key(client):
    rebound = client.get("/", headers={"Host": "evil.example"})
    assert rebound.status_code == 400 and 'name="key"' not in rebound.text and "evil" not in rebound.text
    assert client.get("/", headers={"Host": "evil.example:8000"}).status_code == 400
    assert client.post("/audit", headers={"Host": "evil.example"}, data={"text": "x"}).status_code == 400
    for alias in ("localhost:8000", "LOCALHOST", "127.0.0.1", "[::1]:8000", "localhost."):
        assert client.get("/", headers={"Host": alias}).status_code == 200, alias


def test_a_desk_answers_only_to_the_names_it_was_bound_for():
    named = allowed_hosts("desk.example.org")
    assert named.admits("desk.example.org") and not named.admits("localhost") and not named.admits("10.0.0.1")
    loopback = allowed_hosts("127.0.0.1")
    assert all(loopback.admits(h) for h in ("localhost", "127.0.0.1", "::1")) and not loopback.admits("evil.example")
    everywhere = allowed_hosts("0.0.0.0")  # any address (rebinding needs a name), and no foreign name
    assert everywhere.admits("192.168.1.5") and everywhere.admits("::1") and not everywhere.admits("evil.example")


def test_a_post_from_another_origin_is_refused(client, rules_dir):
    key = form_key(client)
    for origin in ("http://evil.example", "null", "http://127.0.0.1:9999", "http://localhost:8000", "file://"):
        response = client.post("/save", headers={"Origin": origin},
                               data={"key": key, "text": SEED_TEXT, "rule_name": "forged", "confirm": "yes"})
        assert response.status_code == 403, origin
    assert not (rules_dir / "forged.yaml").exists()
    own = client.post("/audit", headers={"Origin": BASE}, data={"key": key, "text": SEED_TEXT})
    assert own.status_code == 200


@pytest.mark.parametrize("name", [
    "x.txt\naccept: [{id: forest-chief-tiers-sum, reason: injected}]\n#",
    "x.txt\raccept: [{id: forest-chief-tiers-sum, reason: injected}]",
    "x.txt\u2028accept: [{id: forest-chief-tiers-sum, reason: injected}]",
    "x.txt\u0085accept: []",
    'accept: [{id: a, reason: b}]',
    "a: b\n\"accept\": 1",
])
def test_a_save_name_cannot_inject_a_yaml_key(client, rules_dir, name):
    response = post(client, "/save", text=SEED_TEXT.replace("6674", "6647"), name=name,
                    rule_name="named", confirm="yes")
    assert response.status_code == 200
    saved = (rules_dir / "named.yaml").read_text(encoding="utf-8")
    assert set(yaml.safe_load(saved)) == {"article", "figures", "checks"}
    assert not re.search(r"^\W*accept", saved, re.MULTILINE)
    assert all(ch not in saved for ch in "\r\u2028\u0085")


def test_a_chunked_body_over_the_limit_is_refused_as_it_arrives(rules_dir):
    """No Content-Length: the bytes are counted, and reading stops at the limit."""
    app = create_app(Desk.at(rules_dir, None, 10_000))
    pulled, messages = 0, []

    async def receive() -> dict:
        nonlocal pulled
        pulled += 1
        if pulled > 1000:  # 64 MB: a desk that spools the body would get here
            return {"type": "http.disconnect"}
        part = b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\n"
        body = part if pulled == 1 else b""
        return {"type": "http.request", "body": body + b"x" * 65_536, "more_body": True}

    async def send(message: dict) -> None:
        messages.append(message)

    scope = {"type": "http", "method": "POST", "path": "/audit", "raw_path": b"/audit", "query_string": b"",
             "root_path": "", "scheme": "http", "http_version": "1.1", "server": ("127.0.0.1", 8000),
             "client": ("127.0.0.1", 5000),
             "headers": [(b"host", b"127.0.0.1:8000"), (b"transfer-encoding", b"chunked"),
                         (b"content-type", b"multipart/form-data; boundary=b")]}
    asyncio.run(app(scope, receive, send))
    assert messages[0]["status"] == 413 and pulled <= 3
    assert b"larger than the limit of 10,000 bytes" in b"".join(m.get("body", b"") for m in messages)


@pytest.fixture
def live() -> Iterator[Callable[..., int]]:
    """Start the desk under uvicorn, as `auditor serve` does, on a free loopback port."""
    servers: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(desk: Desk, idle_timeout: float = 10.0) -> int:
        server = uvicorn.Server(config(create_app(desk), "127.0.0.1", 0, idle_timeout))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        for _ in range(200):
            if server.started:
                break
            time.sleep(0.025)
        servers.append((server, thread))
        return server.servers[0].sockets[0].getsockname()[1]

    yield start
    for server, thread in servers:
        server.should_exit = True
        thread.join(10)


def read_until_closed(connection: socket.socket, seconds: float = 5.0) -> bytes:
    """What the server says before it closes the connection (a timeout fails the test)."""
    connection.settimeout(seconds)
    received = b""
    try:
        while chunk := connection.recv(65_536):
            received += chunk
    except ConnectionResetError:  # closed with our unread bytes in its buffer: a reset, after its answer
        pass
    return received


def test_a_chunked_body_over_the_limit_gets_413_before_it_ends(live, rules_dir):
    port = live(Desk.at(rules_dir, None, 10_000))
    with socket.create_connection(("127.0.0.1", port)) as connection:
        connection.sendall(b"POST /audit HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
                           b"Content-Type: multipart/form-data; boundary=b\r\n\r\n")
        part = b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\n"
        connection.sendall(b"%x\r\n%s\r\n" % (len(part), part))
        chunk = b"x" * 32_768
        for _ in range(4):  # 128 KB, over the 74 KB limit; the closing chunk is never sent
            connection.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        answer = read_until_closed(connection)
    assert answer.startswith(b"HTTP/1.1 413") and b"no-store" in answer


def test_a_stalled_connection_is_closed(live, rules_dir):
    port = live(Desk.at(rules_dir, None, 10_000), idle_timeout=0.3)
    stalls = (b"GET / HTTP/1.1\r\nHost: 127.0",  # headers never finished
              (b"POST /audit HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 500\r\n"
               b"Content-Type: application/x-www-form-urlencoded\r\n\r\nkey="),  # body never finished
              b"")  # connected, never a byte
    for stall in stalls:
        with socket.create_connection(("127.0.0.1", port)) as connection:
            connection.sendall(stall)
            started = time.monotonic()
            assert read_until_closed(connection) == b""
            assert time.monotonic() - started < 4


def test_a_slow_audit_does_not_block_other_clients(live, rules_dir, monkeypatch):
    """While one audit runs (longer than the stall deadline, too), the desk still answers."""
    desk = Desk.at(rules_dir, None, 2_000_000)
    entered, release = threading.Event(), threading.Event()
    audit = desk.audit

    def slow_audit(article, choice):
        entered.set()
        release.wait(10)
        return audit(article, choice)

    monkeypatch.setattr(desk, "audit", slow_audit)
    port = live(desk, idle_timeout=0.3)
    base = f"http://127.0.0.1:{port}/"
    key = re.search(r'name="key" value="([^"]+)"', urllib.request.urlopen(base, timeout=5).read().decode())[1]
    results: list[int] = []
    data = urllib.parse.urlencode({"key": key, "text": SEED_TEXT}).encode()
    slow = threading.Thread(
        target=lambda: results.append(urllib.request.urlopen(base + "audit", data, timeout=20).status))
    slow.start()
    try:
        assert entered.wait(10)
        assert urllib.request.urlopen(base, timeout=5).status == 200  # served while the audit waits
        time.sleep(0.6)  # past the stall deadline: the slow request is the desk's work, not a stall
    finally:
        release.set()
        slow.join(20)
    assert results == [200]


def test_every_response_carries_the_security_headers(rules_dir, monkeypatch):
    desk = Desk.at(rules_dir, SEED.parent, 10_000)
    app = create_app(desk)
    client = desk_client(app, raise_server_exceptions=False)
    guarded = desk_client(create_app(desk, token="s3cret"))
    key = form_key(client)
    responses = {
        "page": client.get("/"),
        "download": client.post("/download", data={"key": key, "text": SEED_TEXT[:1000], "format": "json"}),
        "bad format": client.post("/download", data={"key": key, "text": "x", "format": "exe"}),
        "form key": client.post("/audit", data={"text": "x"}),
        "sample": client.get("/?sample=nope"),
        "route": client.get("/nope"),
        "method": client.get("/audit"),
        "host": client.get("/", headers={"Host": "evil.example"}),
        "origin": client.post("/audit", headers={"Origin": "http://evil.example"}, data={"key": key}),
        "size": client.post("/audit", data={"key": key}, files={"file": ("big.txt", b"x" * 200_000)}),
        "token": guarded.get("/"),
        "token redirect": guarded.get("/?token=s3cret", follow_redirects=False),
    }
    monkeypatch.setattr(desk, "audit", lambda *a: 1 / 0)
    responses["crash"] = client.post("/audit", data={"key": key, "text": "x"})
    assert responses["crash"].status_code == 500 and responses["download"].status_code == 200
    for what, response in responses.items():
        assert response.headers.get("cache-control") == "no-store", what
        assert response.headers.get("x-content-type-options") == "nosniff", what
        assert "default-src 'none'" in response.headers.get("content-security-policy", ""), what


def test_a_token_from_the_environment_is_never_printed(rules_dir, monkeypatch, capsys):
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets=None: None)
    monkeypatch.setenv("AUDITOR_TOKEN", "env-s3cret")
    serve("0.0.0.0", 0, rules_dir, None, None, 2_000_000)
    printed = capsys.readouterr().err
    assert "env-s3cret" not in printed and "$AUDITOR_TOKEN" in printed and re.search(r":\d+/", printed)
    serve("127.0.0.1", 0, rules_dir, None, "cli-s3cret", 2_000_000)  # typed on the command line
    assert "?token=cli-s3cret" in capsys.readouterr().err


def _never_served(self, sockets=None) -> None:
    raise AssertionError("the desk started although it should have refused")


def test_a_port_in_use_is_refused_before_the_address_is_printed(rules_dir, monkeypatch, capsys):
    from auditor.cli import main

    monkeypatch.setattr(uvicorn.Server, "run", _never_served)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(AuditorError, match=f"cannot listen on 127.0.0.1:{port}"):
            serve("127.0.0.1", port, rules_dir, None, None, 2_000_000)
        assert "desk is at" not in capsys.readouterr().err
        assert main(["serve", "--port", str(port), "--rules", str(rules_dir)]) == 2
        printed = capsys.readouterr().err
        assert printed.startswith("auditor: cannot listen") and printed.count("\n") == 1 and "desk is at" not in printed


def test_a_missing_rules_folder_is_refused_before_the_address_is_printed(tmp_path, monkeypatch, capsys):
    from auditor.cli import main

    monkeypatch.setattr(uvicorn.Server, "run", _never_served)
    missing = tmp_path / "no-rules"
    with pytest.raises(AuditorError, match="no such folder"):
        serve("127.0.0.1", 0, missing, None, None, 2_000_000)
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    with pytest.raises(AuditorError, match="no such folder"):
        serve("127.0.0.1", 0, tmp_path / "a-file", None, None, 2_000_000)
    assert "desk is at" not in capsys.readouterr().err
    assert main(["serve", "--port", "0", "--rules", str(missing)]) == 2
    printed = capsys.readouterr().err
    assert printed == f"auditor: --rules {missing}: no such folder\n"


def test_the_desk_serves_on_the_port_it_printed(rules_dir, monkeypatch, capsys):
    """--port 0: the printed address names the port the system chose, and the desk answers there."""
    answers = []

    def run(self, sockets=None) -> None:  # instead of serving: ask the bound socket who it is
        answers.append(sockets[0].getsockname()[1])

    monkeypatch.setattr(uvicorn.Server, "run", run)
    serve("127.0.0.1", 0, rules_dir, None, None, 2_000_000)
    port = int(re.search(r"127\.0\.0\.1:(\d+)/", capsys.readouterr().err)[1])
    assert answers == [port] and port != 0


def test_the_token_redirect_never_reflects_a_foreign_host(rules_dir):
    guarded = desk_client(create_app(Desk.at(rules_dir, None, 2_000_000), token="s3cret"))
    entry = guarded.get("/?token=s3cret&lang=en", follow_redirects=False)
    assert entry.status_code == 303 and entry.headers["location"] == "/?lang=en"
    foreign = guarded.get("/?token=s3cret", headers={"Host": "evil.example"}, follow_redirects=False)
    assert foreign.status_code == 400 and "location" not in foreign.headers
    sneaky = guarded.get("//evil.example/?token=s3cret", follow_redirects=False)
    assert sneaky.headers["location"] == "/"


# The desk's own faults (issue 13, "The desk"): each by name.

def paste_box(page: str) -> str:
    """The text in the main form's paste box, as the browser would show it."""
    found = re.search(r'<textarea id="text"[^>]*>\n?(.*?)</textarea>', page, re.DOTALL)
    return html.unescape(found[1])


def message(page: str) -> str:
    """The error message's words, without its located detail (which is code)."""
    found = re.search(r'<div class="message error"[^>]*>(.*?)(?:<code>|</div>)', page, re.DOTALL)
    return html.unescape(found[1]) if found else ""


def test_the_pasted_text_stays_in_the_box_and_the_answer_opens_at_the_result(client):
    hostile = "\n开头空一行，林长总人数达6674人</textarea><b>"
    page = post(client, "/audit", text=SEED_TEXT, rules=SEED_RULES.name).text
    assert paste_box(page) == SEED_TEXT
    assert 'action="audit#result"' in page and page.count('id="result"') == 1
    assert page.index('id="result"') < page.index('class="article-block"')  # just above the report
    assert paste_box(post(client, "/audit", text=hostile).text) == hostile  # whole, and escaped
    # an upload's text is not put into the paste box: the next audit would then have both
    uploaded = client.post("/audit", data={"key": form_key(client)}, files={"file": ("seed.txt", SEED_TEXT.encode())})
    assert uploaded.status_code == 200 and paste_box(uploaded.text) == ""
    # follow-up forms (suggest) keep a pasted article in the box, and jump to what they made
    suggested = post(client, "/suggest", text=SEED_TEXT, name="pasted.txt", pasted="yes").text
    assert paste_box(suggested) == SEED_TEXT and re.search(r'<label for="suggested" id="result">', suggested)


def test_a_paste_and_a_file_together_are_refused_with_a_message(client):
    response = client.post("/audit", data={"key": form_key(client), "text": SEED_TEXT.replace("6674", "6647")},
                           files={"file": ("seed.txt", SEED_TEXT.encode())})
    assert response.status_code == 400 and 'class="verdict' not in response.text  # neither was audited
    assert "既粘贴了稿件又选择了文件" in message(response.text)
    assert paste_box(response.text) == SEED_TEXT.replace("6674", "6647")  # the paste is kept to fix
    empty = client.post("/audit", data={"key": form_key(client)}, files={"file": ("empty.txt", b"")})
    assert empty.status_code == 400 and "是空的" in message(empty.text)


@pytest.mark.parametrize("fields, files", [
    ({}, None),
    ({"text": "  \n"}, None),
    ({"rules": "nope.yaml", "text": SEED_TEXT}, None),
    ({}, {"file": ("seed.exe", b"MZ")}),
    ({}, {"file": ("seed.docx", b"not a zip")}),
    ({"text": "x"}, {"file": ("seed.txt", b"y")}),
])
def test_every_refusal_is_chinese_on_a_chinese_page(client, fields, files):
    response = client.post("/audit", data={"key": form_key(client), **fields}, files=files)
    said = re.sub(r"“[^”]*”", "", message(response.text))  # the editor's own file names are quoted
    assert response.status_code == 400 and said and not re.search(r"[A-Za-z]{3,}", said), said
    english = client.post("/audit", data={"key": form_key(client), "lang": "en", **fields}, files=files)
    assert re.search(r"[A-Za-z]{3,}", message(english.text))


def test_the_desk_page_itself_has_no_english_sentence(client):
    """The desk's own words (the form, the notices), tags, attributes and code aside."""
    page = post(client, "/suggest", text=SEED_TEXT).text
    desk = page[page.index("<main>"):].partition('class="article-block"')[0]
    words = re.sub(r"<code>.*?</code>|<textarea.*?</textarea>|<[^>]+>", " ", desk, flags=re.DOTALL)
    words = re.sub(r"[\w.-]+\.(?:ya?ml|txt|md|html?|docx)\b|[\w.-]+/", " ", html.unescape(words))  # file names
    allowed = {"auditor", "HTML", "JSON", "SARIF", "English", "txt", "html", "docx"}  # names, not sentences
    assert [w for w in re.findall(r"[A-Za-z]{3,}", words) if w not in allowed] == []
    assert "paste an article" not in client.get("/").text


def test_cards_name_rule_files_relative_to_the_rules_folder(client, rules_dir):
    (rules_dir / "sub").mkdir()
    shutil.copy(SEED_RULES, rules_dir / "sub" / "copy.yaml")
    page = post(client, "/audit", text=SEED_TEXT.replace("6674", "6647"), rules="sub/copy.yaml").text
    assert str(rules_dir) not in page and str(rules_dir.parent) not in page
    assert re.search(r'<div class="id">forest-chief-tiers-sum · sub/copy.yaml</div>', page)
    report = json.loads(post(client, "/download", text=SEED_TEXT, rules="sub/copy.yaml", format="json").text)
    assert str(rules_dir) not in json.dumps(report, ensure_ascii=False)
    (rules_dir / "broken.yaml").write_text("checks: [\n", encoding="utf-8")
    broken = post(client, "/audit", text=SEED_TEXT, rules="broken.yaml").text
    assert str(rules_dir) not in broken and re.search(r"<code>broken\.yaml:\d+:\d+: ", broken)
    assert client.get("/").status_code == 200  # a broken rule file is named on the front page, not a crash


def test_the_saved_message_names_the_folder_the_file_went_to(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "desk" / "my-rules").mkdir(parents=True)
    inside = desk_client(create_app(Desk.at(Path("desk/my-rules"), None, 2_000_000)))
    page = post(inside, "/save", text=SEED_TEXT, rule_name="mine", confirm="yes").text
    assert (tmp_path / "desk" / "my-rules" / "mine.yaml").exists()
    assert "已保存：<code" in page and ">desk/my-rules/mine.yaml</code>" in page and ">rules/mine.yaml" not in page
    assert "保存到 desk/my-rules/ 下" in post(inside, "/suggest", text=SEED_TEXT).text
    elsewhere = tmp_path.parent / f"{tmp_path.name}-elsewhere"
    outside = desk_client(create_app(Desk.at(elsewhere, None, 2_000_000)))
    page = post(outside, "/save", text=SEED_TEXT, rule_name="mine", confirm="yes").text
    assert f">{elsewhere.name}/mine.yaml</code>" in page and str(elsewhere) not in page  # no server path
    shutil.rmtree(elsewhere)


def suggested_yaml(page: str) -> str:
    found = re.search(r'<textarea class="yaml" id="suggested" name="yaml"[^>]*>\n?(.*?)</textarea>', page, re.DOTALL)
    return html.unescape(found[1])


def test_the_suggested_rule_file_can_be_edited_and_the_edit_is_saved(client, rules_dir):
    suggestion = suggested_yaml(post(client, "/suggest", text=SEED_TEXT).text)
    assert suggestion.startswith("# Suggested by") and "checks:" in suggestion
    edited = suggestion.replace("# Suggested by", "# Reviewed by the editor; suggested by", 1)
    edited = re.sub(r"title: .*", "title: 编辑改过的标题", edited, count=1)
    response = post(client, "/save", text=SEED_TEXT, rule_name="edited", confirm="yes",
                    yaml=edited.replace("\n", "\r\n"))  # as a browser's textarea sends it
    assert response.status_code == 200
    assert (rules_dir / "edited.yaml").read_text(encoding="utf-8") == edited
    page = post(client, "/audit", text=SEED_TEXT, rules="edited.yaml").text
    assert "编辑改过的标题" in page


@pytest.mark.parametrize("breakage, located", [
    (lambda y: y.replace("checks:", "checks: [", 1), r"rules/mine\.yaml:\d+:\d+: "),  # invalid YAML
    (lambda y: re.sub(r"expr: .*", "expr: no_such_figure == 1", y, count=1), r"rules/mine\.yaml:\d+:\d+: "),
    (lambda y: y.replace("checks:", "chekcs:", 1), r"rules/mine\.yaml:\d+:\d+: "),  # a misspelt key
    (lambda y: y + "accept:\n- id: x\n  reason: silenced\n", r"rules/mine\.yaml:\d+:1: "),  # a key beyond the three
    (lambda y: y + "applies_to: ['*']\n", r"rules/mine\.yaml:\d+:1: "),
    (lambda y: "", r"rules/mine\.yaml:1:1: "),
])
def test_an_invalid_edited_rule_file_is_located_and_nothing_is_saved(client, rules_dir, breakage, located):
    broken = breakage(suggested_yaml(post(client, "/suggest", text=SEED_TEXT).text))
    response = post(client, "/save", text=SEED_TEXT, rule_name="mine", confirm="yes", yaml=broken)
    assert response.status_code == 400 and "未保存" in message(response.text)
    assert re.search(r"<code>" + located, response.text), response.text[:3000]
    assert sorted(p.name for p in rules_dir.iterdir()) == [SEED_RULES.name]
    assert suggested_yaml(response.text) == broken  # the editor's work is not lost


def test_links_lead_back_to_the_desk_after_a_post(client):
    page = post(client, "/audit", text=SEED_TEXT).text
    links = re.findall(r'<a href="([^"#]*)[^"]*"', page[:page.index("</form>")])
    assert links and all(link.startswith("./?") for link in links)
    assert client.get(urllib.parse.urljoin(BASE + "/audit", html.unescape(links[-1]))).status_code == 200
