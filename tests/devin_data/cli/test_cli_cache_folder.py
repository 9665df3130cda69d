"""``devin-data sync`` with a cache folder that cannot take writes: one clear line naming the
folder and where it was set, the cache kept as it was, and after a full disk the sync resumed
once space is freed.

The cache lives on a 16 MB tmpfs mounted by the test (as root), filled with a ballast file or
remounted read-only; where mounting is not permitted, on SQLite files capped a few pages past
their size, and changes refused with EROFS (see ``tests/small_disk.py``). Each test prints
which (``small disk: tmpfs`` or the fallback) and records it as its ``small_disk`` property.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from emulated_cli import cli_env, emulated, run_cli
from frozen_time import FROZEN_NOW
from small_disk import SmallDisk, small_disk

from devin_data.config import Settings
from devin_data.connect import store_scope
from devin_data.emulator import Emulator, EmulatorServer
from devin_data.store import Store


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[Emulator, EmulatorServer]]:
    with emulated(500, 3, days=60) as pair:
        yield pair


@pytest.fixture
def disk(tmp_path: Path, record_property: pytest.RecordProperty) -> Iterator[SmallDisk]:
    with small_disk(tmp_path / "disk") as made:
        record_property("small_disk", made.kind)
        yield made


@pytest.fixture
def env(served: tuple[Emulator, EmulatorServer], tmp_path: Path) -> dict[str, str]:
    return cli_env(served[1], tmp_path / "disk" / "cache")


def _sync(disk: SmallDisk, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    launcher = disk.command("devin_data.cli")
    return run_cli("sync", "--quiet", *args, env=env | disk.env(), launcher=launcher)


def _opened_copy(folder: Path, tmp_path: Path) -> Store:
    """The cache folder copied off the full disk and opened, as the next process would."""
    copy = tmp_path / "copy" / folder.name
    shutil.rmtree(copy.parent, ignore_errors=True)
    shutil.copytree(folder, copy)
    return Store.open(copy.parent, folder.name)


def test_a_full_disk_keeps_the_cache_says_so_and_the_sync_resumes_with_space(
    disk: SmallDisk, env: dict[str, str], served: tuple[Emulator, EmulatorServer], tmp_path: Path
) -> None:
    cache = disk.folder / "cache"
    scope = store_scope(Settings.load(env))
    first = _sync(disk, env, "--since", "7d")
    assert first.returncode == 0, first.stderr
    with Store.open(cache, scope) as store:
        kept = {r["session_id"] for r in store.session_records()}
        generation = store.meta()["generation"]
    assert kept

    disk.fill()
    for _ in range(2):  # the second full-disk sync must not touch what the first one kept
        failed = _sync(disk, env, "--full")
        assert failed.returncode == 1, failed.stdout
        assert "Traceback" not in failed.stderr
        line = failed.stderr.strip()
        assert line.startswith(f"devin-data: error: The disk of the cache folder {cache} is full (")
        assert " free of " in line
        assert "Everything cached so far is kept." in line
        assert "sync again; it resumes where it stopped" in line
        assert "the environment variable DEVIN_CACHE_DIR" in line
        assert sorted(p.name for p in cache.iterdir()) == [scope]
        with _opened_copy(cache / scope, tmp_path) as copy:
            assert not copy.warnings
            assert copy.meta()["generation"] == generation
            assert kept <= {r["session_id"] for r in copy.session_records()}

    disk.free()
    done = _sync(disk, env, "--full")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in cache.iterdir()) == [scope]
    org = served[0].org
    truth = {s.session_id for s in org.visible_sessions(FROZEN_NOW.timestamp())}
    with Store.open(cache, scope) as store:
        assert not store.warnings
        assert store.meta()["generation"] == generation
        assert {r["session_id"] for r in store.session_records()} == truth


def test_a_read_only_disk_names_the_folder_and_where_it_was_set(
    disk: SmallDisk, env: dict[str, str], tmp_path: Path
) -> None:
    cache = disk.folder / "cache"
    first = _sync(disk, env, "--since", "7d")
    assert first.returncode == 0, first.stderr
    before = sorted((p.relative_to(cache), p.stat().st_size) for p in cache.rglob("*"))
    disk.read_only()
    for flag, origin in (
        ((), "the environment variable DEVIN_CACHE_DIR"),
        (("--cache-dir", str(cache)), "the --cache-dir option"),
    ):
        failed = _sync(disk, env, *flag)
        assert failed.returncode == 1, failed.stdout
        assert "Traceback" not in failed.stderr
        assert failed.stderr.strip() == (
            f"devin-data: error: The cache folder {cache} is on a read-only disk. Everything "
            "cached so far is kept. Make it a writable folder, or choose one that is. The folder "
            f"comes from {origin}; DEVIN_CACHE_DIR (--cache-dir) chooses another."
        )
    assert sorted((p.relative_to(cache), p.stat().st_size) for p in cache.rglob("*")) == before


@pytest.mark.parametrize("source", ["flag", "environment"])
def test_a_cache_folder_that_is_a_file_is_one_line_naming_where_it_was_set(
    source: str, env: dict[str, str], tmp_path: Path
) -> None:
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("notes")
    given = ("--cache-dir", str(a_file)) if source == "flag" else ()
    chosen = env | ({} if given else {"DEVIN_CACHE_DIR": str(a_file)})
    failed = run_cli("sync", "--quiet", *given, env=chosen)
    assert failed.returncode == 1
    assert "Traceback" not in failed.stderr
    origin = "the --cache-dir option" if given else "the environment variable DEVIN_CACHE_DIR"
    assert failed.stderr.strip() == (
        f"devin-data: error: The cache folder {a_file} cannot be used: {a_file} is a file, not "
        "a folder. Make it a writable folder, or choose one that is. The folder comes from "
        f"{origin}; DEVIN_CACHE_DIR (--cache-dir) chooses another."
    )
    assert a_file.read_text() == "notes"
