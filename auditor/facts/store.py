"""The facts store: SQLite by default (.auditor/facts.sqlite), PostgreSQL by URL.

Reached through SQLAlchemy Core, migrated to the newest schema by Alembic whenever it is
opened, so a store created by an older version opens after an upgrade. Each article is
indexed in one transaction: an interrupted index leaves the store as it was before that
article, and re-indexing an article replaces its facts. SQLite runs in WAL mode with a busy
timeout, so two processes indexing at once wait for each other instead of failing.
"""
from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Iterable, Iterator

from sqlalchemy import Engine, and_, create_engine, delete, event, insert, or_, select

from auditor import __version__
from auditor.discover.text import pages
from auditor.errors import AuditorError
from auditor.extract import extract_article
from auditor.facts.keys import Key, key_of
from auditor.facts.schema import articles, facts
from auditor.model import Article, Figure

DEFAULT = Path(".auditor") / "facts.sqlite"
CSV_COLUMNS = ("place", "measure", "period", "value", "unit", "source", "date")


@dataclass(frozen=True)
class Fact:
    """One stored figure: where it was printed, what it is about, and what it says."""

    key: Key
    figure: Figure
    sentence: str
    source: str
    published: str | None
    origin: str  # article or reference
    revises: bool = False


def open_store(where: str | Path | None) -> Engine:
    """The store at a path (SQLite) or URL (postgresql://…), created or migrated to the head."""
    url = str(where or DEFAULT)
    if "://" not in url:
        Path(url).parent.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{Path(url)}"
    try:
        engine = create_engine(url, future=True)
    except Exception as exc:  # noqa: BLE001 - a bad URL or a missing driver, said in one line
        raise AuditorError(f"--facts {where}: cannot open the store ({type(exc).__name__}: {exc})") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    _migrate(engine)
    return engine


def _sqlite_pragmas(connection: Any, record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
    cursor.execute("PRAGMA busy_timeout=30000")  # a second indexer waits its turn
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _migrate(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def facts_of(article: Article, figures: tuple[Figure, ...], published: date | None) -> list[Fact]:
    """Every quantity of the article with its key (keys may be partly unknown)."""
    found = []
    text = article.normalized or article.text
    for page in pages(text, figures):
        for figure in page.quantities():
            if figure.chinese or figure.kind == "percent" or figure.unit == "个百分点":
                # 四个, 十佳 count a list; a share or a rate is keyed by what it is a share of,
                # which the words before it (占…总值的) do not say: neither is a fact to compare.
                continue
            sentence = page.sentence(figure)
            words = " ".join(article.text[sentence.start:sentence.end].split())
            found.append(Fact(key_of(page, figure, published), figure, words,
                              article.path, published.isoformat() if published else None, "article"))
    return found


def add_article(engine: Engine, article: Article, published: date | None, found: list[Fact] | None = None) -> int:
    """Index one article in one transaction (its earlier facts replaced); returns the facts kept.
    `found`: its facts when the caller has them already (check --facts keyed them to compare)."""
    if found is None:
        found = facts_of(article, extract_article(article), published)
    return add_articles(engine, [(article, published, found)])


def add_articles(engine: Engine, keyed: list[tuple[Article, date | None, list[Fact]]]) -> int:
    """Index already keyed articles in one transaction, all or none (an archive's workers key
    them; one commit for many is what lets a single writer keep up); returns the facts kept."""
    kept = 0
    with engine.begin() as connection:
        for article, published, found in keyed:
            kept += _replace(connection, article, published, found)
    return kept


def _replace(connection: Any, article: Article, published: date | None, found: list[Fact]) -> int:
    digest = hashlib.sha256(article.text.encode("utf-8")).hexdigest()
    old = [row.id for row in connection.execute(select(articles.c.id).where(articles.c.path == article.path))]
    if old:
        connection.execute(delete(facts).where(facts.c.article_id.in_(old)))
        connection.execute(delete(articles).where(articles.c.id.in_(old)))
    article_id = connection.execute(insert(articles).values(
        path=article.path, published=published.isoformat() if published else None, content_hash=digest,
        auditor_version=__version__, origin="article")).inserted_primary_key[0]
    rows = [_row(article_id, fact) for fact in found if fact.key.usable]
    if rows:
        connection.execute(insert(facts), rows)
    return len(rows)


def load_reference(engine: Engine, path: Path) -> int:
    """Official figures from a CSV (place, measure, period, value, unit, source, date[, revises])
    as facts of origin `reference`, in one transaction; a bad row is a located error."""
    try:
        handle = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise AuditorError(f"{path}: cannot read ({exc.strerror or exc})") from None
    with handle, engine.begin() as connection:
        reader = csv.DictReader(handle)
        missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise AuditorError(f"{path}:1:1: missing column(s): {', '.join(missing)}")
        article_id = connection.execute(insert(articles).values(
            path=str(path), published=None, content_hash=hashlib.sha256(path.read_bytes()).hexdigest(),
            auditor_version=__version__, origin="reference")).inserted_primary_key[0]
        rows = [_reference_row(article_id, path, line, record) for line, record in enumerate(reader, start=2)]
        if rows:
            connection.execute(insert(facts), rows)
    return len(rows)


def _reference_row(article_id: int, path: Path, line: int, record: dict[str, str]) -> dict[str, Any]:
    text = (record.get("value") or "").strip().replace(",", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise AuditorError(f"{path}:{line}:1: value {text!r} is not a number") from None
    decimals = len(text.partition(".")[2])
    printed_unit = (record.get("unit") or "").strip()
    scale, unit = _scaled_unit(printed_unit)  # 亿元: the unit 元 at a scale of 10^8, as extraction reads it
    return {"article_id": article_id, "place": record["place"].strip(), "measure": record["measure"].strip(),
            "period": record["period"].strip(), "confidence": "high", "text": f"{text}{printed_unit}", "number": text,
            "scale": scale, "value": format(value * scale, "f"), "unit": unit, "decimals": decimals, "qualifier": "",
            "kind": "amount", "sentence": f"{record['source'].strip()} ({(record.get('date') or '').strip()})",
            "start": 0, "source": record["source"].strip(),
            "revises": 1 if (record.get("revises") or "").strip().lower() in ("1", "true", "yes") else 0}


def _scaled_unit(unit: str) -> tuple[int, str]:
    for prefix, scale in (("万亿", 10**12), ("亿", 10**8), ("万", 10**4)):
        if unit.startswith(prefix) and len(unit) > len(prefix):
            return scale, unit[len(prefix):]
    return 1, unit


def _row(article_id: int, fact: Fact) -> dict[str, Any]:
    f = fact.figure
    return {"article_id": article_id, "place": fact.key.place, "measure": fact.key.measure, "period": fact.key.period,
            "confidence": fact.key.confidence, "text": "".join(f.text.split()), "number": f.number, "scale": f.scale,
            "value": format(f.value, "f"), "unit": f.unit, "decimals": f.decimals, "qualifier": f.qualifier,
            "kind": f.kind, "sentence": fact.sentence, "start": f.span.start, "source": fact.source,
            "revises": 0}


def earlier(engine: Engine, key: Key, unit: str, path: str) -> list[dict[str, Any]]:
    """Facts of the same key and unit printed by other articles or loaded as references."""
    query = (select(facts, articles.c.path, articles.c.published, articles.c.origin)
             .join(articles, facts.c.article_id == articles.c.id)
             .where(and_(facts.c.measure == key.measure, facts.c.period == key.period, facts.c.place == key.place,
                         facts.c.unit == unit, articles.c.path != path)))
    with engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(query)]


def find(engine: Engine, words: Iterable[str], limit: int = 50) -> Iterator[dict[str, Any]]:
    """Facts whose key or sentence contains every one of `words`."""
    conditions = [or_(facts.c.measure.contains(w), facts.c.place.contains(w), facts.c.period.contains(w),
                      facts.c.sentence.contains(w)) for w in words]
    query = (select(facts, articles.c.path, articles.c.published, articles.c.origin)
             .join(articles, facts.c.article_id == articles.c.id).where(and_(*conditions)).limit(limit))
    with engine.connect() as connection:
        for row in connection.execute(query):
            yield dict(row._mapping)
