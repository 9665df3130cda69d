"""The key-value part and the sessions table, keyed by credential scope.

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
    op.execute(sa.schema.CreateSequence(sa.Sequence("store_seq")))
    op.create_table(
        "store_kv",
        sa.Column("scope", sa.Text, primary_key=True),
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("value", sa.JSON, nullable=False),
    )
    op.create_table(
        "store_sessions",
        sa.Column("scope", sa.Text, primary_key=True),
        sa.Column("session_id", sa.Text, primary_key=True),
        sa.Column("created_at", sa.Float(53), nullable=False),
        sa.Column("updated_at", sa.Float(53), nullable=False),
        sa.Column("status", sa.Text),
        sa.Column("status_detail", sa.Text),
        sa.Column("has_analysis", sa.Boolean, nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("record", sa.JSON, nullable=False),
        sa.Column("analysis", sa.JSON),
        sa.Column("history", sa.JSON, nullable=False),
    )
    op.create_index("store_sessions_seq", "store_sessions", ["scope", "seq", "session_id"])
    op.create_index("store_sessions_updated", "store_sessions", ["scope", "updated_at"])


def downgrade() -> None:
    op.drop_table("store_sessions")
    op.drop_table("store_kv")
    op.execute(sa.schema.DropSequence(sa.Sequence("store_seq")))
