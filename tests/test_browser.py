"""The editor's desk in a real browser: Debian's Chromium driven by Playwright, against
`auditor serve` started on a free loopback port. Screenshots go to tests/artifacts/.

Skipped when Chromium or Playwright is missing, unless AUDITOR_BROWSER_TESTS=required
(as `.ci/run` sets it), where a missing browser fails the run instead.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator

import docx
import pytest

from tests.conftest import ROOT, SEED, SEED_RULES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = ROOT / "tests" / "artifacts"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
SEED_TEXT = SEED.read_text(encoding="utf-8")

try:
    from playwright.sync_api import Browser, Page, sync_playwright
except ImportError:  # pragma: no cover - the test extra installs it
    sync_playwright = None

if os.environ.get("AUDITOR_BROWSER_TESTS") != "required":
    pytestmark = pytest.mark.skipif(CHROMIUM is None or sync_playwright is None,
                                    reason="needs Debian's chromium and playwright")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_desk(rules: Path, *extra: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "auditor", "serve", "--port", str(port), "--rules", str(rules),
                                "--samples", str(SEED.parent), *extra],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}/"
    for _ in range(200):
        try:
            urllib.request.urlopen(base, timeout=1)
            break
        except urllib.error.HTTPError:
            break  # it answers, if only to refuse
        except OSError:
            time.sleep(0.05)
    return process, base


@pytest.fixture(scope="module")
def rules(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("rules")
    shutil.copy(SEED_RULES, folder / SEED_RULES.name)
    return folder


@pytest.fixture(scope="module")
def desk(rules: Path) -> Iterator[str]:
    process, base = start_desk(rules)
    yield base
    process.terminate()
    process.wait(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1366, "height": 860}, locale="zh-CN")
    yield context.new_page()
    context.close()


def audit(page: Page, desk: str, text: str) -> None:
    page.goto(desk)
    page.fill("#text", text)
    page.select_option("select[name=rules]", SEED_RULES.name)
    page.click("#audit")
    page.wait_for_selector(".verdict")


def test_the_printed_address_shows_the_seeds_audit(page, desk):
    page.goto(desk)
    assert "全部 34 项核查成立" in page.inner_text(".verdict")
    assert SEED.name in page.inner_text("h2")


def test_pasted_seed_holds(page, desk):
    audit(page, desk, SEED_TEXT)
    assert "全部 34 项核查成立" in page.inner_text(".verdict")
    assert page.locator(".article .fig.fails").count() == 0 and page.locator(".article .fig.holds").count() > 40
    page.screenshot(path=str(ARTIFACTS / "desk-seed.png"))


def test_a_slipped_figure_fails_and_is_marked(page, desk):
    audit(page, desk, SEED_TEXT.replace("6674", "6647"))
    assert "不成立" in page.inner_text(".verdict.bad")
    card = page.locator("#check-forest-chief-tiers-sum")
    assert "6647" in card.inner_text()
    marked = page.locator(".article .fig.fails", has_text="6647人")
    assert marked.count() >= 1
    page.screenshot(path=str(ARTIFACTS / "desk-slipped.png"))


def test_clicking_a_marked_figure_shows_its_check(page, desk):
    audit(page, desk, SEED_TEXT.replace("6674", "6647"))
    figure = page.locator(".article .fig.fails", has_text="6647人").first
    first_check = figure.get_attribute("href")
    figure.click()
    assert page.url.endswith(first_check)
    target = page.locator(first_check)
    assert target.is_visible() and "6647" in target.inner_text()
    # and back: the check's figure links lead to the figure in the text
    target.locator(".figs a", has_text="6647").first.click()
    assert "#fig-" in page.url
    page.screenshot(path=str(ARTIFACTS / "desk-clicked.png"))


def test_upload_a_docx(page, desk, tmp_path):
    document = docx.Document()
    for line in SEED_TEXT.split("\n"):
        document.add_paragraph(line)
    path = tmp_path / "seed.docx"
    document.save(path)
    page.goto(desk)
    page.set_input_files("input[type=file]", str(path))
    page.select_option("select[name=rules]", SEED_RULES.name)
    page.click("#audit")
    assert "全部 34 项核查成立" in page.inner_text(".verdict")
    assert "seed.docx" in page.inner_text("h2")


def test_suggest_rules_shows_yaml(page, desk):
    audit(page, desk, SEED_TEXT)
    page.click("#suggest")
    assert "checks:" in page.input_value("#suggested")


def in_view(page: Page, selector: str) -> bool:
    """Whether the element's top edge lies within the first screen the page now shows."""
    box = page.locator(selector).first.bounding_box()
    return box is not None and 0 <= box["y"] < page.viewport_size["height"]


# The desk's own faults (issue 13, "The desk"): each by name.

def test_after_an_audit_the_paste_is_kept_and_the_result_is_in_view(page, desk):
    slipped = SEED_TEXT.replace("6674", "6647")
    audit(page, desk, slipped)
    assert page.input_value("#text") == slipped  # the paste box still holds the article
    assert page.url.endswith("#result") and in_view(page, ".verdict")
    page.screenshot(path=str(ARTIFACTS / "desk-after-paste.png"))
    page.click("#audit")  # audit the kept text again, as it stands
    page.wait_for_selector(".verdict")
    assert "不成立" in page.inner_text(".verdict") and page.input_value("#text") == slipped


def test_a_paste_and_a_file_are_refused_in_the_browser(page, desk, tmp_path):
    path = tmp_path / "other.txt"
    path.write_text(SEED_TEXT, encoding="utf-8")
    page.goto(desk)
    page.fill("#text", SEED_TEXT.replace("6674", "6647"))
    page.set_input_files("input[type=file]", str(path))
    page.click("#audit")
    assert "既粘贴了稿件又选择了文件" in page.inner_text(".message.error") and in_view(page, ".message.error")
    assert page.locator(".verdict").count() == 0


def test_the_desk_form_speaks_chinese(page, desk):
    page.goto(desk)
    page.click("#audit")  # nothing pasted, no file: the browser's own check is on the server
    visible = page.inner_text("#audit-form") + page.inner_text(".message.error")
    assert "请粘贴稿件，或选择一个文件" in visible and "paste an article" not in visible.lower()


def test_the_suggested_yaml_is_edited_and_the_edit_is_saved(browser, tmp_path):
    folder = tmp_path / "desk-rules"  # its own desk: a saved file would change the others' auto choice
    folder.mkdir()
    process, base = start_desk(folder)
    try:
        context = browser.new_context(viewport={"width": 1366, "height": 860}, locale="zh-CN")
        page = context.new_page()
        page.goto(base)
        page.fill("#text", SEED_TEXT)
        page.click("#audit")
        page.click("#suggest")
        assert in_view(page, "#suggested")
        edited = page.input_value("#suggested").replace("checks:", "checks: [", 1)  # broken first
        page.fill("#suggested", edited)
        page.fill("input[name=rule_name]", "edited")
        page.check("input[name=confirm]")
        page.click("text=保存规则")
        assert "未保存" in page.inner_text(".message.error") and "desk-rules/edited.yaml:" in page.inner_text(".message.error")
        assert not (folder / "edited.yaml").exists() and page.input_value("#suggested") == edited
        fixed = edited.replace("checks: [", "checks:", 1).replace("# Suggested by", "# 已审阅。Suggested by", 1)
        page.fill("#suggested", fixed)
        page.fill("input[name=rule_name]", "edited")
        page.check("input[name=confirm]")
        page.click("text=保存规则")
        assert "desk-rules/edited.yaml" in page.inner_text(".message.saved") and in_view(page, ".message.saved")
        assert (folder / "edited.yaml").read_text(encoding="utf-8") == fixed
        page.screenshot(path=str(ARTIFACTS / "desk-saved.png"))
        context.close()
    finally:
        process.terminate()
        process.wait(10)


def test_without_the_token_a_public_desk_refuses(browser, rules):
    process, base = start_desk(rules, "--host", "0.0.0.0", "--token", "s3cret-token")
    try:
        context = browser.new_context()
        page = context.new_page()
        response = page.goto(base)
        assert response.status == 401 and "token" in page.inner_text("body")
        page.goto(base + "?token=s3cret-token")
        assert page.locator("#audit").is_visible()  # the cookie now carries the token
        context.close()
    finally:
        process.terminate()
        process.wait(10)


# The report's screens (issue 13, "Screens you have looked at"): the seed, the slipped seed
# after the banner's link and the index page, at a laptop's width and a phone's.

WIDTHS = {1366: 860, 400: 860}
SLIP = ("总人数达6674人", "总人数达6647人")

# The text an editor reads: the page without code, identifiers (.id), the article itself
# (an article may quote English), styles and tooltips.
VISIBLE_TEXT = """() => {
  const page = document.body.cloneNode(true);
  page.querySelectorAll('code, .id, .article, style, script').forEach(e => e.remove());
  return page.innerText;
}"""

# The box of the figure's sentence: from the last sentence end (。！？ or a line break)
# before the figure to the figure's end.
SENTENCE_BOX = """(id) => {
  const fig = document.getElementById(id);
  const box = fig.closest('.article');
  const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  let start = null, node;
  while ((node = walker.nextNode())) {
    if (fig.contains(node)) break;
    const text = node.textContent;
    for (let i = text.length - 1; i >= 0; i--) {
      if ('。！？\\n'.includes(text[i])) { start = [node, i + 1]; break; }
    }
  }
  const range = document.createRange();
  if (start) range.setStart(start[0], start[1]); else range.setStart(box, 0);
  range.setEndAfter(fig);
  const r = range.getBoundingClientRect(), b = box.getBoundingClientRect();
  return {top: r.top, bottom: r.bottom, boxTop: b.top, boxBottom: b.bottom, text: range.toString()};
}"""


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`auditor check DIR` over the seed and the slipped seed: two pages and an index."""
    from auditor.cli import main

    articles = tmp_path_factory.mktemp("articles")
    (articles / SEED.name).write_text(SEED_TEXT, encoding="utf-8")
    (articles / "slipped.txt").write_text(SEED_TEXT.replace(*SLIP), encoding="utf-8")
    out = tmp_path_factory.mktemp("reports")
    main(["check", str(articles), "--rules", str(SEED_RULES), "--format", "html", "--out", str(out)])
    assert {p.name for p in out.iterdir()} >= {"index.html", "slipped.html", f"{SEED.stem}.html"}
    return out


def report_page(browser: Browser, width: int) -> Page:
    context = browser.new_context(viewport={"width": width, "height": WIDTHS[width]}, locale="zh-CN")
    return context.new_page()


def english_words(page: Page) -> list[str]:
    import re

    return re.findall(r"[A-Za-z]{2,}", page.evaluate(VISIBLE_TEXT))


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_seed_report_reads_in_chinese_and_its_text_comes_soon(browser, reports, width):
    page = report_page(browser, width)
    page.goto((reports / f"{SEED.stem}.html").as_uri())
    assert "全部 34 项核查成立" in page.inner_text(".verdict")
    assert english_words(page) == []
    top = page.locator(".article").bounding_box()["y"]
    if width < 1000:  # the article first, within the first two screens, in no box of its own
        assert top < 2 * WIDTHS[width]
        assert page.locator(".article").evaluate("e => getComputedStyle(e).overflowY") == "visible"
    page.screenshot(path=str(ARTIFACTS / f"report-seed-{width}.png"))
    page.context.close()


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_banner_link_shows_the_misprint_with_its_sentence(browser, reports, width):
    page = report_page(browser, width)
    page.goto((reports / "slipped.html").as_uri())
    assert english_words(page) == []
    page.click(".verdict.bad a.jump")
    target = page.url.split("#")[1]
    assert page.locator(f"#{target}").inner_text() == "6647人" and "fails" in page.locator(f"#{target}").get_attribute("class")
    page.wait_for_timeout(200)  # let a smooth scroll, if any, settle
    height = WIDTHS[width]
    figure = page.locator(f"#{target}").bounding_box()
    assert 0 <= figure["y"] and figure["y"] + figure["height"] <= height
    sentence = page.evaluate(SENTENCE_BOX, target)
    assert "林长总人数达" in sentence["text"]
    # the whole sentence is on the screen, and inside the article's box where it has one
    assert max(0, sentence["boxTop"]) <= sentence["top"] and sentence["bottom"] <= min(height, sentence["boxBottom"])
    page.screenshot(path=str(ARTIFACTS / f"report-slipped-{width}.png"))
    # the figure leads to its check, shown even though passing checks are folded
    page.click(f"#{target}")
    card = page.locator("#" + page.url.split("#")[1])
    assert card.is_visible() and "6647" in card.inner_text()
    page.context.close()


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_index_lists_the_slipped_article_first(browser, reports, width):
    page = report_page(browser, width)
    page.goto((reports / "index.html").as_uri())
    rows = page.locator("tbody tr")
    assert rows.count() == 2 and "slipped.txt" in rows.nth(0).inner_text()
    assert "可能的排印错误" in rows.nth(0).inner_text() and english_words(page) == []
    page.screenshot(path=str(ARTIFACTS / f"report-index-{width}.png"), full_page=True)
    page.click("tbody tr >> nth=0 >> a")
    assert page.url.endswith("slipped.html")
    page.context.close()


def test_folded_checks_show_with_the_filter(browser, reports):
    page = report_page(browser, 1366)
    page.goto((reports / "slipped.html").as_uri())
    holding = page.locator(".cards .card.holds")
    assert page.locator(".cards .card.fails").first.is_visible() and not holding.first.is_visible()
    page.click("text=展开")  # the folded count's label picks the 成立 view: no script
    assert holding.first.is_visible() and not page.locator(".cards .card.fails").first.is_visible()
    page.click(".filter label.all")
    assert holding.first.is_visible() and page.locator(".cards .card.fails").first.is_visible()
    page.context.close()


CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")
@pytest.mark.parametrize("width", list(WIDTHS))
def test_a_real_published_error_is_on_the_first_screen_after_one_click(browser, tmp_path, width):
    """A corpus passage with a real error (a share whose digits are swapped in print): after
    the banner's link, the figure is on the screen, and the page speaks Chinese."""
    from auditor.cli import main

    [passage] = CORPUS.glob("18-*.txt")
    main(["check", str(passage), "--format", "html", "--out", str(tmp_path)])
    page = report_page(browser, width)
    page.goto((tmp_path / f"{passage.stem}.html").as_uri())
    assert english_words(page) == []
    page.click(".verdict.bad a.jump")
    page.wait_for_timeout(200)
    figure = page.locator("#" + page.url.split("#")[1]).bounding_box()
    assert 0 <= figure["y"] and figure["y"] + figure["height"] <= WIDTHS[width]
    page.screenshot(path=str(ARTIFACTS / f"report-corpus-real-error-{width}.png"))
    page.context.close()
