"""The store keeps credentials apart, never pickles, stays atomic and survives corruption."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from diskcache.core import MODE_PICKLE
from store_fakes import T0, make_session

import devin_data.store.table as table_module
from devin_data.config import Secret, Settings
from devin_data.store.disk import JsonDisk
from devin_data.store.store import Store

KEY_A = "cog_secret_key_number_one_abcdef123456"
KEY_B = "cog_secret_key_number_two_zyxwvu987654"
PICKLE_HEADERS = (b"\x80\x04\x95", b"\x80\x05\x95")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """These tests are about the embedded store's files; the shared store has its own."""
    opened = Store.open(tmp_path / "cache", "scope-a")
    yield opened
    opened.close()


def _settings(key: str, cache_dir: Path) -> Settings:
    return Settings(api_key=Secret(key), org_id="org-acme", cache_dir=cache_dir)


def _all_bytes(folder: Path) -> list[tuple[Path, bytes]]:
    return [(p, p.read_bytes()) for p in folder.rglob("*") if p.is_file()]


def test_two_scopes_never_share_and_the_key_is_never_written(tmp_path: Path) -> None:
    scope_a = _settings(KEY_A, tmp_path).fingerprint()
    scope_b = _settings(KEY_B, tmp_path).fingerprint()
    assert scope_a != scope_b
    with Store.open(tmp_path, scope_a) as a, Store.open(tmp_path, scope_b) as b:
        a.write_batch([make_session("a1")], observed_at=T0, meta={"watermark": 1.0})
        b.write_batch([make_session("b1"), make_session("b2")], observed_at=T0)
        assert [r["session_id"] for r in a.session_records()] == ["devin-a1"]
        assert sorted(r["session_id"] for r in b.session_records()) == ["devin-b1", "devin-b2"]
        assert "watermark" not in b.meta()
    files = _all_bytes(tmp_path)
    assert files
    for path, data in files:
        for key in (KEY_A, KEY_B):
            assert key.encode() not in data, path
            assert key[4:].encode() not in data, path


def test_folders_are_private(tmp_path: Path) -> None:
    cache_dir = tmp_path / "deep" / "cache"
    with Store.open(cache_dir, "scope") as store:
        store.write_batch([make_session("a")], observed_at=T0)
    for folder in (cache_dir / "scope", cache_dir, tmp_path / "deep"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_scope_folder_is_chmodded_even_when_it_exists(tmp_path: Path) -> None:
    (tmp_path / "scope").mkdir(mode=0o755)
    os.chmod(tmp_path / "scope", 0o755)
    with Store.open(tmp_path, "scope"):
        assert stat.S_IMODE((tmp_path / "scope").stat().st_mode) == 0o700


def test_scope_must_be_a_plain_name(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="cache scope"):
        Store.open(tmp_path, "../elsewhere")


def test_disk_refuses_anything_but_str_keys_and_bytes_values(store: Store) -> None:
    cache = store._cache
    assert isinstance(cache.disk, JsonDisk)
    for value in ({"a": 1}, "text", 3, 1.5, None):
        with pytest.raises(TypeError, match="JSON bytes"):
            cache.set("k", value)
    for key in (1, b"k", ("t",)):
        with pytest.raises(TypeError, match="keys must be str"):
            cache.set(key, b"{}")


def test_no_pickle_anywhere_on_disk(store: Store) -> None:
    sessions = [make_session(f"s{i}", created=T0 + timedelta(days=i)) for i in range(50)]
    store.write_batch(sessions, observed_at=T0, meta={"plan": {"windows": [[1, 2]]}})
    store.record_failure("devin-s1", "boom")
    store.close()
    db = store.path / "cache.db"
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT raw, mode, value FROM Cache").fetchall()
    conn.close()
    assert rows
    assert all(raw == 1 and mode != MODE_PICKLE for raw, mode, _ in rows)
    assert all(bytes(value)[:1] in (b"{", b"[") for _, _, value in rows)
    for path, data in _all_bytes(store.path):
        assert not any(header in data for header in PICKLE_HEADERS), path


def test_a_failed_meta_write_keeps_the_sessions_and_still_moves_the_version(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sessions commit before meta, so a plan can never mark a window done whose sessions were
    lost; the version still moves, so frames built before the write are rebuilt."""
    store.write_batch([make_session("a")], observed_at=T0, meta={"watermark": 1.0})
    version = store.version()

    def failing_save(key: str, value: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "_save", failing_save)
    later = T0 + timedelta(days=10)
    batch = [make_session("a", status="exit"), make_session("b", created=later)]
    with pytest.raises(RuntimeError, match="disk full"):
        store.write_batch(batch, observed_at=later, meta={"watermark": 2.0})
    monkeypatch.undo()
    assert sorted(r["status"] for r in store.session_records()) == ["exit", "running"]
    assert store.meta()["watermark"] == 1.0
    assert store.version() != version


def test_an_exception_in_the_merge_leaves_nothing_written(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = table_module._row
    seen: list[str] = []

    def flaky(item, old, seq, at):  # type: ignore[no-untyped-def]
        seen.append(item.session_id)
        if len(seen) == 2:
            raise KeyboardInterrupt
        return real(item, old, seq, at)

    monkeypatch.setattr(table_module, "_row", flaky)
    with pytest.raises(KeyboardInterrupt):
        store.write_batch([make_session("a"), make_session("b")], observed_at=T0)
    monkeypatch.undo()
    assert store.session_records() == []
    assert store.count() == 0


def _assert_rebuilt(store: Store) -> None:
    assert len(store.warnings) == 1
    assert "was unreadable and has been rebuilt; the next sync refetches it." in store.warnings[0]
    assert str(store.path) in store.warnings[0]
    assert store.session_records() == []
    store.write_batch([make_session("fresh")], observed_at=T0)
    assert [r["session_id"] for r in store.session_records()] == ["devin-fresh"]


@pytest.mark.parametrize("name", ["cache.db", "sessions.sqlite3"])
def test_garbage_database_file_is_moved_aside_and_rebuilt(tmp_path: Path, name: str) -> None:
    with Store.open(tmp_path, "s") as store:
        store.write_batch([make_session("a")], observed_at=T0)
    for leftover in tmp_path.glob(f"s/{name}-*"):
        leftover.unlink()
    (tmp_path / "s" / name).write_bytes(b"this is not a database" * 100)
    with Store.open(tmp_path, "s") as store:
        _assert_rebuilt(store)
        assert stat.S_IMODE(store.path.stat().st_mode) == 0o700
    aside = list(tmp_path.glob("s.corrupt-*"))
    assert len(aside) == 1


@pytest.mark.parametrize("key", ["meta", "failures", "messages_index"])
def test_invalid_json_is_detected_on_open(tmp_path: Path, key: str) -> None:
    with Store.open(tmp_path, "s") as store:
        store.write_batch([make_session("a")], observed_at=T0)
        store._cache.set(key, b'{"truncated": ')
    with Store.open(tmp_path, "s") as store:
        _assert_rebuilt(store)


def test_unknown_schema_or_foreign_scope_is_rebuilt(tmp_path: Path) -> None:
    with Store.open(tmp_path, "s") as store:
        store.write_batch([make_session("a")], observed_at=T0)
        store._cache.set("meta", b'{"schema_version": 99, "scope": "s"}')
    with Store.open(tmp_path, "s") as store:
        _assert_rebuilt(store)
        store._cache.set("meta", b'{"schema_version": 1, "scope": "t"}')
    with Store.open(tmp_path, "s") as store:
        assert len(store.warnings) == 1


def _spoil(store: Store, column: str) -> None:
    with sqlite3.connect(store.table.path) as conn:
        conn.execute(f"UPDATE sessions SET {column} = X'ff00'")
    conn.close()


@pytest.mark.parametrize("column", ["record", "history"])
def test_a_row_corrupted_after_open_rebuilds_on_read(store: Store, column: str) -> None:
    store.write_batch([make_session("a")], observed_at=T0)
    _spoil(store, column)
    reader = store.session_records if column == "record" else store.status_history
    assert not reader()
    _assert_rebuilt(store)


def test_a_row_corrupted_after_open_rebuilds_on_write(store: Store) -> None:
    store.write_batch([make_session("a")], observed_at=T0)
    _spoil(store, "history")
    result = store.write_batch([make_session("a", status="exit")], observed_at=T0)
    assert result.new == 1
    assert [r["session_id"] for r in store.session_records()] == ["devin-a"]
    assert len(store.warnings) == 1
