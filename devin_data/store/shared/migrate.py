"""Create and upgrade the shared store's schema with Alembic, on an engine the caller owns."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from devin_data.store.shared.schema import HEAD, VERSION_TABLE

_SCRIPTS = Path(__file__).parent / "migrations"


def _config(connection: sa.Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(_SCRIPTS))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: sa.Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (the newest by default) from wherever it is."""
    with engine.begin() as connection:
        command.upgrade(_config(connection), revision)


def current_revision(engine: sa.Engine) -> str | None:
    """The schema revision of the database, or None before the first migration."""
    with engine.connect() as connection:
        exists = connection.execute(
            sa.text("SELECT to_regclass(:name) IS NOT NULL"), {"name": VERSION_TABLE}
        ).scalar_one()
        if not exists:
            return None
        found = connection.execute(sa.text("SELECT version_num FROM store_schema_version")).scalar()
        return None if found is None else str(found)


def is_current(engine: sa.Engine) -> bool:
    return current_revision(engine) == HEAD
