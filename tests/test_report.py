"""Reports: goldens for the seed (refresh with `pytest --update-goldens`), escaping, coverage."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

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


def test_the_report_speaks_chinese_and_links_to_the_first_problem(tmp_path, capsys):
    article = tmp_path / "slipped.txt"
    article.write_text((ROOT / "seeds" / "chengdu-daily-2023-12-14.txt").read_text(encoding="utf-8")
                       .replace("总人数达6674人", "总人数达6647人"), encoding="utf-8")
    main(["check", str(article), "--rules", str(SEED_RULES), "--format", "html", "--out", str(tmp_path)])
    capsys.readouterr()
    page = (tmp_path / "slipped.html").read_text(encoding="utf-8")
    assert "跳到第一个问题" in page and "不成立：算得 6674人，文中为 6647人" in page
    assert "这些词是什么意思" in page and "不成立 fails" not in page and "units of the last digit outside" not in page.split("title=")[0]
