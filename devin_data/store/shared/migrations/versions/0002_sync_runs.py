"""A record of every sync run, and the creation-time index the sync's lookups use.

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
    op.create_table(
        "store_sync_runs",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("scope", sa.Text, nullable=False),
        sa.Column("holder", sa.Text, nullable=False),
        sa.Column("started_at", sa.Float(53), nullable=False),
        sa.Column("finished_at", sa.Float(53)),
        sa.Column("outcome", sa.Text),
    )
    op.create_index("store_sync_runs_scope", "store_sync_runs", ["scope", "id"])
    op.create_index("store_sessions_created", "store_sessions", ["scope", "created_at"])


def downgrade() -> None:
    op.drop_index("store_sessions_created", "store_sessions")
    op.drop_table("store_sync_runs")
