"""Reports: goldens for the seed (refresh with `pytest --update-goldens`), escaping, coverage."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

import ast
import re

from jinja2 import Environment
from jinja2.ext import extract_from_ast

from auditor import i18n
from auditor.audit import audit_article
from auditor.cli import main
from auditor.model import Article, AuditRun
from auditor.report import html
from auditor.rules import load_rules
from tests.conftest import ROOT, SEED_RULES

GOLDENS = ROOT / "tests" / "goldens"


@pytest.mark.parametrize(("fmt", "produced"), [("json", "audit.json"), ("html", "chengdu-daily-2023-12-14.html")])
def test_seed_goldens(in_root, tmp_path, capsys, update_goldens, fmt, produced):
    main(["check", "seeds/chengdu-daily-2023-12-14.txt", "--format", fmt, "--out", str(tmp_path)])
    capsys.readouterr()
    actual = (tmp_path / produced).read_text(encoding="utf-8")
    golden = GOLDENS / f"chengdu-daily-2023-12-14.{fmt}"
    if update_goldens:
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8"), "run `pytest --update-goldens` if the change is intended"


def test_seed_text_golden(in_root, capsys, update_goldens):
    main(["check", "seeds/chengdu-daily-2023-12-14.txt", "--format", "text", "--verbose"])
    actual = capsys.readouterr().out
    golden = GOLDENS / "chengdu-daily-2023-12-14.txt"
    if update_goldens:
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_hostile_article_text_is_escaped():
    hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)> 合计12人'
    rules = load_rules(SEED_RULES)
    page = html.render(AuditRun(results=(audit_article(Article.from_text(hostile, "x<y>.txt"), [rules]),)))
    parsed = _Collector()
    parsed.feed(page)
    assert not [t for t, _ in parsed.tags if t in ("script", "img")]
    assert not [a for _, a in parsed.tags if any(k.startswith("on") for k in a)]
    assert "<script>alert(1)</script>" in "".join(parsed.text)  # shown to the editor as text


def test_every_figure_is_marked_and_linked(in_root, tmp_path, capsys):
    main(["check", "seeds/chengdu-daily-2023-12-14.txt", "--format", "html", "--out", str(tmp_path)])
    capsys.readouterr()
    parsed = _Collector()
    parsed.feed((tmp_path / "chengdu-daily-2023-12-14.html").read_text(encoding="utf-8"))
    marks = {a["id"]: a for t, a in parsed.tags if t == "a" and (a.get("id") or "").startswith("fig-")}
    cards = {a["id"] for t, a in parsed.tags if t == "div" and (a.get("id") or "").startswith("check-")}
    assert len(marks) > 150 and len(cards) == 34  # 23 rule-file checks and 11 discovered ones they do not state
    linked = [a["href"][1:] for a in marks.values() if a["href"].startswith("#check-")]
    assert linked and set(linked) <= cards
    assert "fig holds" in {a["class"] for a in marks.values()}


def test_failing_checks_come_first(tmp_path):
    text = Path(ROOT / "seeds/chengdu-daily-2023-12-14.txt").read_text(encoding="utf-8").replace(
        "总人数达6674人", "总人数达6647人")
    result = audit_article(Article.from_text(text, "s.txt"), [load_rules(SEED_RULES)])
    page = html.render(AuditRun(results=(result,)))
    first_card = page.index('class="card ')
    assert page[first_card:first_card + 20].startswith('class="card fails"')


@pytest.mark.parametrize("text", ["", "本文没有任何可核查的关系：甲地12人，乙地35个，丙地7.5吨。"])
def test_an_article_where_nothing_was_checked_gets_no_green_banner(tmp_path, capsys, text):
    article = tmp_path / "a.txt"
    article.write_text(text, encoding="utf-8")
    main(["check", str(article), "--no-rules", "--format", "html", "--out", str(tmp_path)])
    capsys.readouterr()
    page = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert 'class="verdict none"' in page and 'class="verdict good"' not in page


def test_the_report_speaks_chinese_and_links_to_the_first_problem():
    page = _slipped_page("zh")
    assert "跳到第一个问题" in page
    assert "32人 + 382人 + 1990人 + 4270人 = 6674人，原文写作6647人；可能是6674人的笔误（两位数字颠倒）" in page
    assert "这些词是什么意思" in page and "不成立 fails" not in page and "units of the last digit outside" not in page.split("title=")[0]


# The message catalog (issue #13, part 4).

PACKAGE = ROOT / "auditor"
CATALOG_CALLS = {"_", "_n", "N_"}


def _python_ids(path: Path) -> list[str]:
    """Message ids of _(), _n() and N_() calls with literal arguments (a plural: its singular and plural)."""
    ids = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in CATALOG_CALLS:
            literal = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            ids += ["\0".join(literal[:2])] if node.func.id == "_n" else literal[:1]
    return ids


def _template_ids(path: Path) -> list[str]:
    tree = Environment(extensions=["jinja2.ext.i18n"]).parse(path.read_text(encoding="utf-8"))
    ids = []
    for _line, function, message in extract_from_ast(tree, gettext_functions=("_", "_n")):
        strings = [m for m in (message if isinstance(message, tuple) else (message,)) if isinstance(m, str)]
        ids += ["\0".join(strings[:2])] if function == "_n" else strings[:1]
    return ids


def used_message_ids() -> set[str]:
    ids = {m for path in PACKAGE.rglob("*.py") if path.name != "i18n.py" for m in _python_ids(path)}
    return ids | {m for path in (PACKAGE / "report" / "templates").glob("*.j2") for m in _template_ids(path)}


def test_every_message_has_its_chinese_and_the_mo_is_current():
    po = PACKAGE / "locale" / "zh" / "LC_MESSAGES" / "auditor.po"
    entries = i18n.parse_po(po.read_text(encoding="utf-8"))
    used = used_message_ids()
    assert len(used) > 100
    assert sorted(used - set(entries)) == []  # add them to auditor.po, then `python -m auditor.i18n`
    assert po.with_suffix(".mo").read_bytes() == i18n.compile_mo(entries), "run `python -m auditor.i18n`"
    for message, chinese in entries.items():  # the fields a sentence fills survive translation
        assert set(re.findall(r"{\w+}", chinese)) == set(re.findall(r"{\w+}", message.split("\0")[-1])), message


def test_the_catalog_is_package_data():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"locale/*/LC_MESSAGES/*.po"' in pyproject and '"locale/*/LC_MESSAGES/*.mo"' in pyproject


def _slipped_result():
    text = (ROOT / "seeds" / "chengdu-daily-2023-12-14.txt").read_text(encoding="utf-8").replace(
        "总人数达6674人", "总人数达6647人")
    return audit_article(Article.from_text(text, "slipped.txt"), [load_rules(SEED_RULES)], kinds=None)


def _slipped_page(lang: str) -> str:
    from auditor.diagnose import diagnose
    from dataclasses import replace

    result = _slipped_result()
    result = replace(result, diagnoses=diagnose(result.findings))
    with i18n.language(lang):
        return html.render(AuditRun(results=(result,)))


class _Visible(HTMLParser):
    """The text an editor reads: not code (nor the monospace line of check ids and rule files),
    not the article itself, not styles or tooltips."""
    SKIP = {"code", "style", "title"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("meta", "input", "br", "img", "link"):
            self.stack.append((tag, dict(attrs).get("class") or ""))

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        if not any(t in self.SKIP or {"article", "id"} & set(c.split()) for t, c in self.stack):
            self.text.append(data)


def english_words(page: str) -> list[str]:
    visible = _Visible()
    visible.feed(page)
    return re.findall(r"[A-Za-z]{2,}", " ".join(visible.text))


def test_a_chinese_page_has_no_english_word_outside_code_and_the_article():
    page = _slipped_page("zh")
    assert english_words(page) == []
    assert "可能的排印错误" in page and "如果林长总数是6674人（原文为6647人），这项核查就成立" in page
    assert "自动发现也找到了这一关系（部分与总数）" in page


def test_english_on_request():
    page = _slipped_page("en")
    assert '<html lang="en">' in page and "Go to the first problem" in page
    assert "32人 + 382人 + 1990人 + 4270人 = 6674人, but the article prints 6647人; probably a misprint of 6674人 " \
           "(two adjacent digits swapped)" in page
    assert "跳到第一个问题" not in page and i18n.get_language() == "zh"  # the block's language ended with it


def test_set_language_and_get_language():
    assert i18n.get_language() == "zh"
    with pytest.raises(ValueError):
        i18n.set_language("fr")
    with i18n.language("en"):
        assert i18n._("Figure audit report") == "Figure audit report"
        assert i18n._n("{n} check does not hold.", "{n} checks do not hold.", 2) == "2 checks do not hold."
    assert i18n._("Figure audit report") == "数字核查报告"


def test_the_text_report_speaks_chinese_unless_english_is_chosen():
    from auditor.report import text

    run = AuditRun(results=(_slipped_result(),))
    assert "fails: does not add up: computed 6674人" in text.render(run, lang="en")
    chinese = text.render(run)
    assert "error [forest-chief-tiers-sum] fails: 32人 + 382人 + 1990人 + 4270人 = 6674人，原文写作6647人" in chinese
    assert "    建议： 如果林长总数是6674人（原文为6647人），这项核查就成立" in chinese
    assert "slipped.txt：共34项核查（2项不成立，32项成立）；核查覆盖62/157个数量" in chinese


# Navigation (issue #13, part 5).

def test_passing_checks_are_folded_behind_a_count_with_a_status_filter():
    page = _slipped_page("zh")
    assert "另有32项核查成立，已折叠。" in page
    radios = re.findall(r'<input type="radio" class="flt (\w+)" name="filter-1"', page)
    assert radios == ["problems", "fails", "loose", "unbound", "holds", "all"]
    assert re.search(r'<input type="radio" class="flt problems"[^>]* checked>', page)
    assert "<script" not in page  # the filter is CSS: the desk's CSP forbids scripts


def test_each_card_shows_line_and_column_and_the_banner_leads_to_the_misprint():
    page = _slipped_page("zh")
    card = page[page.index('id="check-forest-chief-tiers-sum"'):]
    assert '<code>201:29</code>' in card[:600]
    assert '<a class="jump" href="#fig-f208">' in page and 'id="fig-f208"' in page


def test_the_index_page_speaks_chinese_with_the_worst_status(tmp_path):
    from auditor.model import Article as A

    ok = audit_article(A.from_text("甲组1人，乙组2人，合计3人。", "a-ok.txt"), [])
    page = html.render_index([ok, _slipped_result()], ["a-ok.html", "slipped.html"], "0")
    assert page.index("slipped.html") < page.index("a-ok.html") and english_words(page) == []
    assert "不成立" in page and "篇文章" in page


def test_the_slipped_seed_has_exactly_one_red_figure():
    page = _slipped_page("zh")
    text = page[page.index('<div class="article">'):]
    text = text[:text.index("</div>")]
    assert re.findall(r'class="fig fails"[^>]*>([^<]*)<', text) == ["6647人"]
    assert len(re.findall(r'class="fig involved"', text)) == 5  # 32, 382, 1990, 4270 and the headline's 6674


def test_compiled_templates_are_cached_in_a_private_folder(tmp_path, monkeypatch):
    from auditor.cache import folder

    monkeypatch.setenv("AUDITOR_CACHE", str(tmp_path / "cache"))
    made = folder("templates")
    assert made == tmp_path / "cache" / "templates" and made.stat().st_mode & 0o777 == 0o700


def test_a_cache_folder_others_can_write_is_not_used(tmp_path, monkeypatch):
    from auditor.cache import folder

    shared = tmp_path / "shared" / "templates"
    shared.mkdir(parents=True)
    shared.chmod(0o777)
    monkeypatch.setenv("AUDITOR_CACHE", str(tmp_path / "shared"))
    assert folder("templates") is None
    monkeypatch.setenv("AUDITOR_CACHE", "off")
    assert folder("templates") is None
