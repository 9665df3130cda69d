"""The shared store on a real PostgreSQL: schema migrations, scopes kept apart, data that
outlives the process and its cache folder, one sync lock, and errors that mask the password."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from pg_server import PostgresServer
from store_fakes import T0, make_session

from devin_data.store.shared.migrate import current_revision, upgrade
from devin_data.store.shared.schema import HEAD
from devin_data.store.shared.store import SharedStore, StoreUnavailable
from devin_data.store.shared.url import mask_text, mask_url, normalize_url


def _open(url: str, folder: Path, scope: str = "scope-a") -> SharedStore:
    return SharedStore(sa.create_engine(url), folder, scope)


def test_migrate_creates_the_schema_on_an_empty_database(postgres: PostgresServer) -> None:
    engine = sa.create_engine(postgres.fresh_url("template0"))
    assert current_revision(engine) is None
    upgrade(engine)
    upgrade(engine)  # a second run is a no-op
    assert current_revision(engine) == HEAD
    with engine.connect() as conn:
        tables = set(sa.inspect(conn).get_table_names())
    assert {"store_kv", "store_sessions", "store_sync_runs"} <= tables
    engine.dispose()


def test_migrate_upgrades_the_previous_version_keeping_its_data(
    postgres: PostgresServer, tmp_path: Path
) -> None:
    engine = sa.create_engine(postgres.fresh_url("template0"))
    upgrade(engine, "0001")
    with pytest.raises(StoreUnavailable, match=r"is at version 0001.*devin-data store migrate"):
        SharedStore(engine, tmp_path, "scope-a")
    with engine.begin() as conn:
        conn.execute(
            sa.text("INSERT INTO store_kv VALUES ('scope-a', 'members', CAST(:v AS json))"),
            {"v": '{"alice": 1}'},
        )
    upgrade(engine)
    assert current_revision(engine) == HEAD
    store = SharedStore(engine, tmp_path, "scope-a")
    assert store._load("members", {}) == {"alice": 1}
    store.write_batch([make_session("a")], observed_at=T0)
    assert store.count() == 1
    assert len(store.sync_runs()) == 0
    engine.dispose()


def test_a_database_without_the_schema_says_to_migrate(
    postgres: PostgresServer, tmp_path: Path
) -> None:
    engine = sa.create_engine(postgres.fresh_url("template0"))
    with pytest.raises(StoreUnavailable, match=r"has no schema yet.*devin-data store migrate"):
        SharedStore(engine, tmp_path, "scope-a")
    engine.dispose()


def test_two_credentials_in_one_database_never_see_each_other(
    store_url: str, tmp_path: Path
) -> None:
    first, second = (
        _open(store_url, tmp_path / "a", "scope-a"),
        _open(store_url, tmp_path / "b", "scope-b"),
    )
    first.write_batch([make_session("a")], observed_at=T0, meta={"watermark": 1.0})
    first._save("members", ["alice"])
    second.write_batch([make_session("b")], observed_at=T0)
    assert [r["session_id"] for r in first.session_records()] == ["devin-a"]
    assert [r["session_id"] for r in second.session_records()] == ["devin-b"]
    assert second._load("members", []) == []
    assert "watermark" not in second.meta()
    second.clear()
    assert first.count() == 1
    assert first.snapshot()["session_id"].to_pylist() == ["devin-a"]
    first.engine.dispose()
    second.engine.dispose()


def test_status_observations_survive_a_reboot_on_an_empty_disk(
    store_url: str, tmp_path: Path
) -> None:
    store = _open(store_url, tmp_path / "first")
    store.write_batch([make_session("a", status="running")], observed_at=T0)
    later = T0.replace(hour=12)
    store.write_batch([make_session("a", status="exit", updated_at=later)], observed_at=later)
    store.engine.dispose()
    script = (
        "import sys, json, sqlalchemy as sa\n"
        "from devin_data.store.shared.store import SharedStore\n"
        "s = SharedStore(sa.create_engine(sys.argv[1]), sys.argv[2], 'scope-a')\n"
        "print(json.dumps([h['status'] for h in s.status_history()['devin-a']]))\n"
        "print(s.snapshot().num_rows)\n"
    )
    fresh = tmp_path / "rebooted"
    done = subprocess.run(
        [sys.executable, "-c", script, store_url, str(fresh)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == ['["running",', '"exit"]', "1"]
    assert (fresh / "scope-a" / "sessions.arrow").exists()


def test_writing_the_same_batch_twice_changes_nothing(store_url: str, tmp_path: Path) -> None:
    store = _open(store_url, tmp_path)
    batch = [make_session("a"), make_session("b")]
    store.write_batch(batch, observed_at=T0)
    version = store.data_version()
    result = store.write_batch(batch, observed_at=T0.replace(hour=11))
    assert (result.new, result.changed, result.unchanged) == (0, 0, 2)
    assert store.data_version() == version
    assert store.count() == 2
    store.engine.dispose()


def test_one_sync_lock_per_scope_across_connections(store_url: str, tmp_path: Path) -> None:
    first, second = _open(store_url, tmp_path / "a"), _open(store_url, tmp_path / "b")
    other_scope = _open(store_url, tmp_path / "c", "scope-c")
    assert not second.sync_running()
    with first.sync_lock() as got:
        assert got
        first.publish_progress({"phase": "windows", "done": 3, "total": 9})
        assert second.sync_running()
        with second.sync_lock() as also:
            assert not also
        with other_scope.sync_lock() as elsewhere:
            assert elsewhere
        assert second.sync_progress() == {"phase": "windows", "done": 3, "total": 9}
    assert not second.sync_running()
    with second.sync_lock() as now_free:
        assert now_free
    for store in (first, second, other_scope):
        store.engine.dispose()


def test_an_unreachable_database_is_one_clear_message_without_the_password(
    tmp_path: Path,
) -> None:
    with socket_port() as port:
        url = f"postgresql+psycopg://app:hunter2secret@127.0.0.1:{port}/devin"
        engine = sa.create_engine(url, connect_args={"connect_timeout": 2})
        with pytest.raises(StoreUnavailable) as caught:
            SharedStore(engine, tmp_path, "scope-a")
    message = str(caught.value)
    assert "hunter2secret" not in message
    assert f"The shared store at postgresql+psycopg://app:***@127.0.0.1:{port}/devin" in message
    assert "cannot be reached" in message


def test_urls_are_normalised_and_masked() -> None:
    assert normalize_url("postgres://u:p@h/db") == "postgresql+psycopg://u:p@h/db"
    assert normalize_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert mask_url("postgresql://u:s3cret@h:5432/db") == "postgresql://u:***@h:5432/db"
    assert mask_url("postgresql://h/db?password=s3cret&x=1") == "postgresql://h/db?password=***&x=1"
    url = "postgresql://u:s3cret@h/db"
    assert mask_text(f"failed for {url}: password s3cret rejected", url) == (
        "failed for postgresql://u:***@h/db: password *** rejected"
    )
    with pytest.raises(ValueError, match="postgresql://user:password@host"):
        normalize_url("not a url")


class socket_port:
    """A loopback port nothing listens on (bound, never listening, for the test's length)."""

    def __enter__(self) -> int:
        import socket

        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        return int(self._sock.getsockname()[1])

    def __exit__(self, *exc: object) -> None:
        self._sock.close()


def test_the_data_version_matches_the_embedded_definition(store_url: str, tmp_path: Path) -> None:
    store = _open(store_url, tmp_path)
    generation = store.meta()["generation"]
    assert store.data_version() == f"{generation}-0-0"
    store.write_batch([make_session("a")], observed_at=T0)
    assert store.data_version() == f"{generation}-{store.table.seq()}-0"
    store.update_meta(watermark=5.0)  # bookkeeping does not move it
    assert store.data_version() == f"{generation}-{store.table.seq()}-0"
    store.set_messages("devin-a", [])
    assert store.data_version() == f"{generation}-{store.table.seq()}-1"
    store.engine.dispose()
