"""The facts store (issue #14): keys, the store, and cross-article consistency."""
from __future__ import annotations

import json
import multiprocessing
from datetime import date
from pathlib import Path

import pytest

from auditor.cli import main
from auditor.discover.text import pages
from auditor.extract import extract_article
from auditor.facts import store
from auditor.facts.keys import key_of
from auditor.model import Article

DAY = date(2024, 3, 15)


@pytest.fixture(scope="session")
def postgres():
    from tests.pgserver import REQUIRED, Server

    try:
        server = Server()
    except (FileNotFoundError, OSError) as exc:
        if REQUIRED:
            raise
        pytest.skip(f"no PostgreSQL server to test on: {exc}")
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def facts_at(request, tmp_path) -> str:
    """Where a test's store is: a SQLite file, or a fresh database on a real PostgreSQL server."""
    if request.param == "sqlite":
        return str(tmp_path / "facts.sqlite")
    return request.getfixturevalue("postgres").database()


def keys(text: str, published: date | None = DAY) -> dict[str, str]:
    article = Article.from_text(text)
    found = {}
    for page in pages(article.text, extract_article(article)):
        for figure in page.quantities():
            found["".join(figure.text.split())] = str(key_of(page, figure, published))
    return found


@pytest.mark.parametrize(("text", "figure", "key"), [
    ("今年前2个月，绵阳市实现社会消费品零售总额312.6亿元。", "312.6亿元", "绵阳 · 社会消费品零售总额 · 2024年1-2月"),
    ("2023年1-11月，全省完成固定资产投资8840.2亿元。", "8840.2亿元", "全省 · 固定资产投资 · 2023年1-11月"),
    ("一季度，成都外贸进出口1850.3亿元。", "1850.3亿元", "成都 · 外贸进出口 · 2024年1-3月"),
    ("上半年，我国快递业务量达到583亿件。", "583亿件", "全国 · 快递业务量 · 2024年1-6月"),
    # The period is inherited from the sentence before, in the same paragraph.
    ("今年前三季度全市经济运行平稳。其中，德阳市规模以上工业增加值为612.5亿元。", "612.5亿元",
     "德阳 · 规模以上工业增加值 · 2024年1-9月"),
])
def test_a_figure_gets_its_place_measure_and_period(text, figure, key):
    assert keys(text)[figure] == key


def test_a_listing_is_no_place_and_a_figure_with_no_period_has_no_usable_key():
    found = keys("企业在科创板上市后融资12.5亿元。", published=None)
    assert found["12.5亿元"].startswith("?") and found["12.5亿元"].endswith("?")


def test_the_store_is_created_migrated_and_reopened(facts_at):
    where = facts_at
    engine = store.open_store(where)
    article = Article.from_text("今年前2个月，绵阳市实现社会消费品零售总额312.6亿元。", path="a-2024-03-15.txt")
    assert store.add_article(engine, article, DAY) == 1
    assert store.add_article(store.open_store(where), article, DAY) == 1  # re-indexing replaces
    rows = list(store.find(store.open_store(where), ["社会消费品"]))
    assert [(r["place"], r["period"], r["text"]) for r in rows] == [("绵阳", "2024年1-2月", "312.6亿元")]


def test_a_store_made_by_the_first_release_opens_after_an_upgrade(facts_at):
    """A store created at revision 0001 (scale a 32-bit integer on PostgreSQL) is migrated when
    opened, keeps what it held, and then takes a 万亿 figure (scale 10¹²)."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    url = facts_at if "://" in facts_at else f"sqlite:///{facts_at}"
    config = Config()
    config.set_main_option("script_location", str(Path(store.__file__).parent / "migrations"))
    first = create_engine(url)
    with first.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    old = Article.from_text("今年前2个月，绵阳市实现社会消费品零售总额312.6亿元。", path="old-2024-03-10.txt")
    assert store.add_article(first, old, DAY) == 1  # written by the first release's schema
    first.dispose()
    new = Article.from_text("今年前2个月，全国实现社会消费品零售总额8.13万亿元。", path="new-2024-03-18.txt")
    engine = store.open_store(facts_at)
    assert store.add_article(engine, new, DAY) == 1
    assert {r["text"] for r in store.find(engine, ["零售"])} == {"312.6亿元", "8.13万亿元"}


def test_an_interrupted_index_leaves_the_store_as_it_was(facts_at, monkeypatch):
    engine = store.open_store(facts_at)
    article = Article.from_text("今年前2个月，绵阳市实现社会消费品零售总额312.6亿元。", path="a.txt")
    monkeypatch.setattr(store, "_row", lambda *args: (_ for _ in ()).throw(RuntimeError("killed")))
    with pytest.raises(RuntimeError):
        store.add_article(engine, article, DAY)
    assert list(store.find(engine, ["社会"])) == []
    with engine.connect() as connection:
        assert connection.execute(store.articles.select()).fetchall() == []


def _index(args: tuple[str, int]) -> None:
    where, i = args
    engine = store.open_store(where)
    for j in range(5):
        text = f"今年前2个月，第{i}{j}区实现社会消费品零售总额{100 + i * 10 + j}.5亿元。"
        store.add_article(engine, Article.from_text(text, path=f"p{i}-{j}.txt"), DAY)


def test_two_processes_indexing_at_once_lose_nothing(facts_at):
    where = facts_at
    store.open_store(where)
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        pool.map(_index, [(where, 1), (where, 2)])
    with store.open_store(where).connect() as connection:
        assert len(connection.execute(store.articles.select()).fetchall()) == 10


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_check_facts_flags_a_figure_contradicting_an_earlier_article(tmp_path, facts_at, capsys):
    facts = facts_at
    _write(tmp_path, "trade-2024-03-10.txt", "今年前2个月，绵阳市实现社会消费品零售总额312.6亿元，同比增长7.1%。")
    later = _write(tmp_path, "review-2024-03-20.txt", "据统计，今年前2个月，绵阳市实现社会消费品零售总额321.6亿元。")
    # Printed before the contradicting review: only what was published earlier counts.
    same = _write(tmp_path, "brief-2024-03-15.txt", "今年前2个月，绵阳市实现社会消费品零售总额312.6亿元。")
    assert main(["facts", "add", str(tmp_path / "trade-2024-03-10.txt"), "--facts", facts]) == 0
    assert main(["check", str(later), "--facts", facts, "--format", "json", "--out", str(tmp_path / "a")]) == 1
    [bad] = [f for f in json.loads((tmp_path / "a" / "audit.json").read_text(encoding="utf-8"))["articles"][0]["findings"]
             if f["origin"] == "facts:consistency"]
    assert bad["status"] == "fails" and bad["severity"] == "error"
    assert "312.6亿元" in bad["title"] and "trade-2024-03-10.txt" in bad["title"] and "2024-03-10" in bad["evidence"]
    assert main(["check", str(same), "--facts", facts, "--format", "json", "--out", str(tmp_path / "b")]) == 0
    good = [f for f in json.loads((tmp_path / "b" / "audit.json").read_text(encoding="utf-8"))["articles"][0]["findings"]
            if f["origin"] == "facts:consistency"]
    assert good and all(f["status"] == "holds" for f in good) and "篇已发表文章一致" in good[0]["title"]
    capsys.readouterr()


def test_a_reference_outranks_articles_and_a_revision_is_no_contradiction(tmp_path, facts_at, capsys):
    facts = facts_at
    table = _write(tmp_path, "official.csv", "place,measure,period,value,unit,source,date,revises\n"
                   "绵阳,社会消费品零售总额,2024年1-2月,312.6,亿元,市统计局,2024-03-12,\n")
    assert main(["facts", "load", str(table), "--facts", facts]) == 0
    # An earlier article printed it wrong; the reference, not that article, is what counts.
    _write(tmp_path, "wrong-2024-03-11.txt", "今年前2个月，绵阳市实现社会消费品零售总额321.6亿元。")
    main(["facts", "add", str(tmp_path / "wrong-2024-03-11.txt"), "--facts", facts])
    right = _write(tmp_path, "right-2024-03-20.txt", "今年前2个月，绵阳市实现社会消费品零售总额312.6亿元。")
    assert main(["check", str(right), "--facts", facts, "--format", "json", "--out", str(tmp_path / "a")]) == 0
    revised = _write(tmp_path, "revised.csv", "place,measure,period,value,unit,source,date,revises\n"
                     "绵阳,社会消费品零售总额,2024年1-2月,313.0,亿元,市统计局修订,2024-04-01,true\n")
    main(["facts", "load", str(revised), "--facts", facts])
    newer = _write(tmp_path, "newer-2024-04-02.txt", "今年前2个月，绵阳市实现社会消费品零售总额313.0亿元。")
    assert main(["check", str(newer), "--facts", facts, "--format", "json", "--out", str(tmp_path / "b")]) == 0
    capsys.readouterr()


def test_a_bad_reference_row_is_a_located_error(tmp_path, capsys):
    table = _write(tmp_path, "bad.csv", "place,measure,period,value,unit,source,date\n绵阳,零售总额,2024年1-2月,三百,亿元,局,2024-03-12\n")
    assert main(["facts", "load", str(table), "--facts", str(tmp_path / "f.sqlite")]) == 2
    assert "bad.csv:2:1: value '三百' is not a number" in capsys.readouterr().err


def test_facts_find_lists_matching_facts(tmp_path, facts_at, capsys):
    facts = facts_at
    _write(tmp_path, "a-2024-03-10.txt", "今年前2个月，绵阳市实现社会消费品零售总额312.6亿元。")
    main(["facts", "add", str(tmp_path / "a-2024-03-10.txt"), "--facts", facts])
    capsys.readouterr()
    assert main(["facts", "find", "零售", "绵阳", "--facts", facts]) == 0
    assert "绵阳 · 社会消费品零售总额 · 2024年1-2月: 312.6亿元" in capsys.readouterr().out


def test_a_contradiction_in_sarif_relates_the_earlier_article(tmp_path, facts_at, capsys):
    import jsonschema

    facts = facts_at
    earlier = _write(tmp_path, "trade-2024-03-10.txt", "今年前2个月，绵阳市实现社会消费品零售总额312.6亿元。")
    later = _write(tmp_path, "review-2024-03-20.txt", "今年前2个月，绵阳市实现社会消费品零售总额321.6亿元。")
    main(["facts", "add", str(earlier), "--facts", facts])
    main(["check", str(later), "--facts", facts, "--format", "sarif", "--out", str(tmp_path / "o")])
    capsys.readouterr()
    sarif = json.loads((tmp_path / "o" / "audit.sarif").read_text(encoding="utf-8"))
    from tests.test_formats import SCHEMA

    jsonschema.Draft7Validator(SCHEMA).validate(sarif)
    [result] = [r for r in sarif["runs"][0]["results"] if r["ruleId"].startswith("consistency")]
    related = [loc["physicalLocation"]["artifactLocation"]["uri"] for loc in result["relatedLocations"]]
    assert any(uri.endswith("trade-2024-03-10.txt") for uri in related)


def test_the_desk_checks_a_draft_against_the_store_without_adding_it(tmp_path):
    from auditor.serve.desk import Desk

    facts = str(tmp_path / "facts.sqlite")
    published = _write(tmp_path, "trade-2024-03-10.txt", "今年前2个月，绵阳市实现社会消费品零售总额312.6亿元。")
    main(["facts", "add", str(published), "--facts", facts])
    rules = tmp_path / "rules"
    rules.mkdir()
    desk = Desk.at(rules, None, 2_000_000)
    from dataclasses import replace

    desk = replace(desk, facts=facts)
    draft = Article.from_text("今年前2个月，绵阳市实现社会消费品零售总额321.6亿元。", path="draft-2024-03-20.txt")
    result = desk.audit(draft, "none")
    assert any(f.origin == "facts:consistency" and f.status == "fails" for f in result.findings)
    with store.open_store(facts).connect() as connection:
        assert len(connection.execute(store.articles.select()).fetchall()) == 1  # the draft was not added


def test_the_default_store_sits_beside_the_projects_config(tmp_path, monkeypatch, capsys):
    project = tmp_path / "project"
    (project / "desk" / "articles").mkdir(parents=True)
    (project / "auditor.yaml").write_text("fail_on: error\n", encoding="utf-8")
    article = _write(project / "desk" / "articles", "a-2024-03-10.txt", "今年前2个月，绵阳市实现社会消费品零售总额312.6亿元。")
    monkeypatch.chdir(project / "desk")
    assert main(["facts", "add", str(article)]) == 0
    capsys.readouterr()
    assert (project / ".auditor" / "facts.sqlite").exists()


SEED = Path(__file__).resolve().parent.parent / "seeds" / "chengdu-daily-2023-12-14.txt"
CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


def test_a_copy_of_the_seed_with_one_figure_changed_contradicts_the_indexed_seed(tmp_path, facts_at, capsys):
    """Issue #14's acceptance flow, on SQLite and on PostgreSQL: index the corpus (when it is
    beside the checkout) and the seed; a later copy of the seed printing 6843.7 for 6834.7
    fails with the seed's sentence; a reference row for 成都 · 外贸进出口 · 2023年1-11月
    confirms the seed's figure."""
    indexed = [str(SEED)] + (sorted(str(p) for p in CORPUS.glob("*.txt")) if CORPUS.is_dir() else [])
    assert main(["facts", "add", *indexed, "--facts", facts_at]) == 0
    copy = _write(tmp_path, "chengdu-daily-2023-12-20.txt",
                  SEED.read_text(encoding="utf-8").replace("6834.7", "6843.7", 1))
    main(["check", str(copy), "--no-rules", "--facts", facts_at, "--format", "json", "--out", str(tmp_path / "a")])
    findings = json.loads((tmp_path / "a" / "audit.json").read_text(encoding="utf-8"))["articles"][0]["findings"]
    [bad] = [f for f in findings if f["origin"] == "facts:consistency" and f["status"] == "fails"
             and any(x["text"] == "6843.7亿元" for x in f["figures"])]
    assert "chengdu-daily-2023-12-14.txt" in bad["title"] and "6834.7" in bad["evidence"]
    table = _write(tmp_path, "official.csv", "place,measure,period,value,unit,source,date,revises\n"
                   "成都,外贸进出口,2023年1-11月,6834.7,亿元,成都海关,2023-12-13,\n")
    assert main(["facts", "load", str(table), "--facts", facts_at]) == 0
    main(["check", str(SEED), "--no-rules", "--facts", facts_at, "--format", "json", "--out", str(tmp_path / "b")])
    findings = json.loads((tmp_path / "b" / "audit.json").read_text(encoding="utf-8"))["articles"][0]["findings"]
    confirmed = [f for f in findings if f["origin"] == "facts:consistency"
                 and any(x["text"] == "6834.7亿元" for x in f["figures"])]
    assert confirmed and all(f["status"] == "holds" for f in confirmed), [f["title"] for f in confirmed]
    assert any("成都海关" in f["title"] for f in confirmed), [f["title"] for f in confirmed]
    capsys.readouterr()
