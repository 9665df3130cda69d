"""Alembic environment: migrations run on the connection the store hands over, never a URL."""

from __future__ import annotations

from alembic import context

from devin_data.store.shared.schema import VERSION_TABLE

connection = context.config.attributes["connection"]
context.configure(
    connection=connection, version_table=VERSION_TABLE, transaction_per_migration=True
)
with context.begin_transaction():
    context.run_migrations()
