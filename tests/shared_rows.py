"""What a shared PostgreSQL store holds, counted table by table: proof that nothing was written."""

from __future__ import annotations

import sqlalchemy as sa

TABLES = ("store_sessions", "store_kv", "store_sync_runs")
EMPTY = dict.fromkeys(TABLES, 0)


def rows_in(url: str) -> dict[str, int]:
    """The number of rows of each store table in the database at ``url``."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            count = "SELECT count(*) FROM {}"
            return {t: connection.execute(sa.text(count.format(t))).scalar_one() for t in TABLES}
    finally:
        engine.dispose()
