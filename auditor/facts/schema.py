"""The store's tables, in SQLAlchemy Core: one row per article, one per fact.

Alembic's migrations (migrations/versions) create and change them; this module is what the
code reads and writes through, and a test keeps the two in step.
"""
from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

articles = Table(
    "articles", metadata,
    Column("id", Integer, primary_key=True),
    Column("path", Text, nullable=False),
    Column("published", String(10)),  # YYYY-MM-DD, or NULL when no date is known
    Column("content_hash", String(64), nullable=False),
    Column("auditor_version", String(32), nullable=False),
    Column("origin", String(16), nullable=False),  # article or reference
)

facts = Table(
    "facts", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("place", Text, nullable=False),
    Column("measure", Text, nullable=False),
    Column("period", Text, nullable=False),
    Column("confidence", String(8), nullable=False),
    Column("text", Text, nullable=False),  # the figure as printed
    Column("number", Text, nullable=False),
    Column("scale", BigInteger, nullable=False),  # 万亿 is 10¹²: past a 32-bit integer
    Column("value", Text, nullable=False),  # exact decimal, as text: no float ever rounds it
    Column("unit", Text, nullable=False),
    Column("decimals", Integer, nullable=False),
    Column("qualifier", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("sentence", Text, nullable=False),
    Column("start", Integer, nullable=False),  # the figure's offset in its article
    Column("source", Text, nullable=False),  # who printed it: the article's path, or a reference's source
    Column("revises", Integer, nullable=False, default=0),  # 1: a revision that supersedes earlier values
)

Index("facts_by_key", facts.c.measure, facts.c.period, facts.c.place)
Index("articles_by_path", articles.c.path)
