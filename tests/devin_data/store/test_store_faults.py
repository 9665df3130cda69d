"""A disk that cannot take writes is not corruption: the store keeps the folder, raises one clear
error, and carries on once space returns. A folder moved aside for real corruption is kept.

The full-disk test runs on a small tmpfs mounted by the test as root, else on SQLite files capped
a few pages past their size (see ``tests/small_disk.py``); it prints which.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from frozen_time import FROZEN_NOW
from small_disk import SmallDisk, small_disk
from store_fakes import T0, make_session

from devin_data.errors import CacheFolderError
from devin_data.store.disk import CorruptValueError
from devin_data.store.faults import aside_copies, is_corruption
from devin_data.store.store import Store


def _full(message: str) -> sqlite3.OperationalError:
    return sqlite3.OperationalError(message)


def _rollback_after(cause: BaseException) -> sqlite3.OperationalError:
    """What a failed ROLLBACK raises after SQLite rolled back a full-disk write by itself."""
    try:
        try:
            raise cause
        except BaseException:
            raise sqlite3.OperationalError("cannot rollback - no transaction is active") from None
    except sqlite3.OperationalError as err:
        return err


@pytest.mark.parametrize(
    "exc",
    [
        _full("database or disk is full"),
        _full("disk I/O error"),
        _full("attempt to write a readonly database"),
        OSError(errno.ENOSPC, "No space left on device"),
        OSError(errno.EROFS, "Read-only file system"),
        OSError(errno.EACCES, "Permission denied"),
        _rollback_after(_full("database or disk is full")),
    ],
    ids=["full", "io", "readonly", "enospc", "erofs", "eacces", "rollback-after-full"],
)
def test_a_disk_that_cannot_take_writes_is_not_corruption(exc: BaseException) -> None:
    assert not is_corruption(exc)


@pytest.mark.parametrize(
    "exc",
    [
        sqlite3.DatabaseError("file is not a database"),
        sqlite3.DatabaseError("database disk image is malformed"),
        CorruptValueError("invalid JSON"),
        sqlite3.OperationalError("no such table: Cache"),
    ],
)
def test_unreadable_data_is_still_corruption(exc: BaseException) -> None:
    assert is_corruption(exc)


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[SmallDisk]:
    with small_disk(tmp_path / "disk") as made:
        yield made


def _batch(first: int, count: int) -> list:  # type: ignore[type-arg]
    return [
        make_session(f"s{i}", created=T0 + timedelta(minutes=i), title="x" * 3000)
        for i in range(first, first + count)
    ]


def _write_until_full(cache: Path) -> None:
    with Store.open(cache, "scope") as store:
        for start in range(20, 2000, 40):
            store.write_batch(_batch(start, 40), observed_at=T0, meta={"watermark": 2.0})


def test_a_full_disk_raises_one_clear_error_and_keeps_the_folder(disk: SmallDisk) -> None:
    cache = disk.folder / "cache"
    with Store.open(cache, "scope") as store:
        store.write_batch(_batch(0, 20), observed_at=T0, meta={"watermark": 1.0})
        generation = store.meta()["generation"]
    disk.fill(room=512 * 1024)
    with disk.capped(), pytest.raises(CacheFolderError) as caught:
        _write_until_full(cache)
    error = caught.value
    assert error.reason == CacheFolderError.FULL
    assert str(error).startswith(f"The disk of the cache folder {cache} is full (")
    assert " free of " in str(error)
    assert sorted(p.name for p in cache.iterdir()) == ["scope"]
    disk.free()
    with Store.open(cache, "scope") as store:
        assert not store.warnings
        assert store.meta()["generation"] == generation
        stored = store.count()
        assert stored >= 20  # nothing stored before the disk filled up is lost
        store.write_batch(_batch(5000, 40), observed_at=T0, meta={"watermark": 3.0})
        assert store.count() == stored + 40
        assert store.meta()["watermark"] == 3.0


def _spoil(folder: Path) -> None:
    (folder / "cache.db").write_bytes(b"this is not a database" * 100)
    for leftover in folder.glob("cache.db-*"):
        leftover.unlink()


def test_moving_aside_keeps_the_newest_copies_and_never_the_one_just_moved(
    tmp_path: Path,
) -> None:
    for stamp in ("20250101T000000", "20250601T000000", "20251201T000000"):
        (tmp_path / f"s.corrupt-{stamp}").mkdir()
        (tmp_path / f"s.corrupt-{stamp}" / "kept.txt").write_text(stamp)
    with time_machine.travel(FROZEN_NOW, tick=False):
        for round_ in range(2):  # twice in the same second: the second copy is not overwritten
            with Store.open(tmp_path, "s") as store:
                store.write_batch([make_session(f"a{round_}")], observed_at=T0)
            _spoil(tmp_path / "s")
            with Store.open(tmp_path, "s") as store:
                assert len(store.warnings) == 1
    names = [copy.name for copy in aside_copies(tmp_path / "s")]
    assert names == ["s.corrupt-20260314T214500-2", "s.corrupt-20260314T214500"]
    for name in names:  # the unreadable data, as it was, for whoever wants to look at it
        assert (tmp_path / name / "cache.db").read_bytes().startswith(b"this is not a database")


def test_the_only_copy_moved_aside_is_never_deleted(tmp_path: Path) -> None:
    with Store.open(tmp_path, "s") as store:
        store.write_batch([make_session("a")], observed_at=T0)
    _spoil(tmp_path / "s")
    with Store.open(tmp_path, "s"):
        pass
    (only,) = aside_copies(tmp_path / "s")
    assert (only / "sessions.sqlite3").exists()
