"""The editor's desk without a browser: every route through Starlette's test client."""
from __future__ import annotations

import asyncio
import html.parser
import io
import json
import re
import shutil
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
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
    assert "全部 50 项核查成立" in verdict(response.text)


def test_auto_finds_the_rule_file_a_pasted_article_fits(client):
    assert "50" in verdict(post(client, "/audit", text=SEED_TEXT, rules="auto").text)
    assert "50" not in verdict(post(client, "/audit", text=SEED_TEXT, rules="none").text)


def test_a_slipped_figure_fails_its_check_and_is_marked(client):
    page = post(client, "/audit", text=SEED_TEXT.replace("6674", "6647"), rules=SEED_RULES.name).text
    assert "不成立" in verdict(page)
    assert 'id="check-forest-chief-tiers-sum"' in page
    assert re.search(r'<a class="fig fails" id="fig-f\d+" href="#check-[^"]+"[^>]*>6647人</a>', page)


def test_sample_link_audits_the_seed(client):
    assert "全部 50 项核查成立" in verdict(client.get(f"/?sample={SEED.name}").text)
    assert "全部 50 项核查成立" in verdict(client.get("/").text)  # the desk opens on it
    assert client.get("/?sample=../../etc/passwd").status_code == 404


def test_upload_a_docx(client):
    document = docx.Document()
    for line in SEED_TEXT.split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    response = client.post("/audit", data={"key": form_key(client), "rules": SEED_RULES.name},
                           files={"file": ("seed.docx", buffer.getvalue())})
    assert response.status_code == 200 and "全部 50 项核查成立" in verdict(response.text)


def test_uploads_over_the_limit_are_refused_with_a_message(rules_dir):
    small = desk_client(create_app(Desk.at(rules_dir, None, 10_000)))
    key = form_key(small)
    response = small.post("/audit", data={"key": key}, files={"file": ("big.txt", b"x" * 200_000)})
    assert response.status_code == 413 and "larger than the limit of 10,000 bytes" in response.text
    response = small.post("/audit", data={"key": key, "text": "a" * 10_500})
    assert response.status_code == 400 and "larger than 10,000 bytes" in response.text


def test_a_post_without_the_form_key_is_refused(client):
    assert client.post("/audit", data={"text": SEED_TEXT}).status_code == 403


def test_download_formats(client):
    for fmt, check in (("json", json.loads), ("sarif", json.loads), ("html", str)):
        response = post(client, "/download", text=SEED_TEXT, rules=SEED_RULES.name, format=fmt)
        assert response.status_code == 200 and f'filename="audit.{fmt}"' in response.headers["content-disposition"]
        check(response.text)
    assert post(client, "/download", text=SEED_TEXT, format="exe").status_code == 400
    named = post(client, "/download", text=SEED_TEXT, format="json", name="../up/seed.docx")
    assert json.loads(named.text)["articles"][0]["source"] == "seed.docx"  # a label, never a path


def test_suggest_then_save_needs_confirmation_and_never_overwrites(client, rules_dir):
    page = post(client, "/suggest", text=SEED_TEXT).text
    assert 'id="suggested"' in page and "checks:" in page
    assert post(client, "/save", text=SEED_TEXT, rule_name="mine").status_code == 400
    assert not (rules_dir / "mine.yaml").exists()
    saved = post(client, "/save", text=SEED_TEXT, rule_name="mine", confirm="yes")
    assert saved.status_code == 200 and (rules_dir / "mine.yaml").exists()
    before = (rules_dir / "mine.yaml").read_bytes()
    again = post(client, "/save", text=SEED_TEXT.replace("6674", "6647"), rule_name="mine", confirm="yes")
    assert again.status_code == 400 and "already exists" in again.text
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
    assert response.status_code == 400 and "no rule file named" in response.text


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
