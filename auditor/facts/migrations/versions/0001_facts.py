"""The first store: articles and their facts.

Revision ID: 0001
Revises:
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("published", sa.String(10)),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("auditor_version", sa.String(32), nullable=False),
        sa.Column("origin", sa.String(16), nullable=False),
    )
    op.create_index("articles_by_path", "articles", ["path"])
    op.create_table(
        "facts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("place", sa.Text, nullable=False),
        sa.Column("measure", sa.Text, nullable=False),
        sa.Column("period", sa.Text, nullable=False),
        sa.Column("confidence", sa.String(8), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("number", sa.Text, nullable=False),
        sa.Column("scale", sa.Integer, nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("unit", sa.Text, nullable=False),
        sa.Column("decimals", sa.Integer, nullable=False),
        sa.Column("qualifier", sa.Text, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("sentence", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("revises", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index("facts_by_key", "facts", ["measure", "period", "place"])


def downgrade() -> None:
    op.drop_index("facts_by_key", "facts")
    op.drop_table("facts")
    op.drop_index("articles_by_path", "articles")
    op.drop_table("articles")
