"""The schema version this code needs, and the table Alembic records it in."""

from __future__ import annotations

VERSION_TABLE = "store_schema_version"
HEAD = "0002"
