"""A figure's scale is a 64-bit integer: 万亿 (10¹²) does not fit PostgreSQL's 32-bit INTEGER.

SQLite already stores any INTEGER in 64 bits, so only other databases change.

Revision ID: 0002
Revises: 0001
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column("facts", "scale", type_=sa.BigInteger, existing_nullable=False)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column("facts", "scale", type_=sa.Integer, existing_nullable=False)
