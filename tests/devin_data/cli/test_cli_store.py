"""``devin-data store migrate``, ``store copy`` and ``sync --store-url`` against a real emulator
on loopback and a real PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from emulated_cli import run_cli
from frozen_time import FROZEN_NOW
from pg_server import PostgresServer

from devin_data.config import Settings
from devin_data.connect import store_for, store_scope
from devin_data.emulator import DemoOrg, Emulator
from devin_data.store.shared.store import SharedStore
from devin_data.store.store import Store
from devin_data.sync.schedule import spend_due

ANCHOR = FROZEN_NOW


@pytest.fixture(scope="module")
def emulator() -> Emulator:
    return Emulator(DemoOrg.generate(200, 5, ANCHOR, days=40), clock=ANCHOR.timestamp)


def _settings(env: dict[str, str], url: str | None = None) -> Settings:
    names = {k: v for k, v in env.items() if k.startswith("DEVIN_")}
    return Settings.load(names | ({"DEVIN_STORE_URL": url} if url else {}))


def test_migrate_from_empty_then_up_to_date(postgres: PostgresServer, env: dict[str, str]) -> None:
    url = postgres.fresh_url("template0").replace("postgresql+psycopg://", "postgresql://")
    first = run_cli("store", "migrate", "--store-url", url, env=env)
    assert first.returncode == 0, first.stderr
    assert "schema none -> 0002" in first.stdout
    again = run_cli("store", "migrate", env=env | {"DEVIN_STORE_URL": url})
    assert "is up to date (schema 0002)" in again.stdout


def test_sync_writes_the_shared_store_and_a_second_writer_does_not_start(
    store_url: str, env: dict[str, str], emulator: Emulator, tmp_path: Path
) -> None:
    shared_env = env | {"DEVIN_STORE_URL": store_url}
    settings = _settings(env, store_url)
    with store_for(settings, ANCHOR) as holder, holder.sync_lock() as got:
        assert got
        emulator.reset_stats()
        blocked = run_cli("sync", "--since", "30d", "--quiet", env=shared_env)
        assert blocked.returncode == 0, blocked.stderr
        assert "Another sync of this organization is running" in blocked.stdout
        assert emulator.stats.total == 0
    done = run_cli("sync", "--since", "30d", "--quiet", env=shared_env)
    assert done.returncode == 0, done.stderr
    expected = sum(
        1
        for s in emulator.org.visible_sessions(ANCHOR.timestamp())
        if s.created_at >= ANCHOR.timestamp() - 30 * 86400
    )
    with store_for(settings, ANCHOR) as shared:
        assert isinstance(shared, SharedStore)
        assert shared.count() == expected
        assert [run["outcome"] for run in shared.sync_runs()] == ["cold"]
        # Names and billed ACUs come with the sessions, so no replica has to ask the API for them.
        emails = {m["user_id"]: m["email"] for m in shared.people()["members"]}
        assert emails == emulator.members_truth(now=emulator.clock())
        assert shared.consumption()
        assert not spend_due(shared, shared.sync_state().sync_id)
    assert not (tmp_path / "cache" / store_scope(settings) / "sessions.sqlite3").exists()


def test_copy_moves_an_embedded_cache_with_its_history(
    store_url: str, env: dict[str, str], tmp_path: Path
) -> None:
    synced = run_cli("sync", "--since", "30d", "--quiet", env=env)
    assert synced.returncode == 0, synced.stderr
    copied = run_cli("store", "copy", "--from", str(tmp_path / "cache"), "--to", store_url, env=env)
    assert copied.returncode == 0, copied.stderr
    assert "Copied" in copied.stdout
    settings = _settings(env)
    scope = store_scope(settings)
    with Store.open(tmp_path / "cache", scope) as embedded:
        engine = sa.create_engine(store_url)
        shared = SharedStore(engine, tmp_path / "replica", scope)
        assert shared.count() == embedded.count() > 0
        assert shared.status_history() == embedded.status_history()
        assert shared.meta()["watermark"] == embedded.meta()["watermark"]
        assert (
            shared.snapshot()
            .sort_by("session_id")
            .equals(embedded.snapshot().sort_by("session_id"))
        )
        engine.dispose()
    again = run_cli("store", "copy", "--from", str(tmp_path / "cache"), "--to", store_url, env=env)
    assert again.returncode == 0, again.stderr


def test_an_unreachable_store_is_one_line_without_the_password(env: dict[str, str]) -> None:
    url = "postgresql://devin:pa55word-secret@127.0.0.1:9/devin"
    for args in (("store", "migrate", "--store-url", url), ("sync", "--store-url", url)):
        result = run_cli(*args, env=env)
        assert result.returncode == 1
        assert "pa55word-secret" not in result.stdout + result.stderr
        assert "postgresql+psycopg://devin:***@127.0.0.1:9/devin" in result.stderr or (
            "postgresql://devin:***@127.0.0.1:9/devin" in result.stderr
        )
        assert "Traceback" not in result.stderr
