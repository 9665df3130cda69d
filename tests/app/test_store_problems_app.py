"""The app when its store cannot serve it: a full disk, a cache folder that is a file, a store URL
of another kind, a password with a space and an "@". Each is one clear message naming what to fix
and where it was set, never a traceback, and a password never shows.

The full-disk test runs on a small tmpfs mounted by the test as root, else on SQLite files capped
a few pages past their size (see ``tests/small_disk.py``); it prints which.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from apptest_helpers import emulated, run_clean, shown_text
from frozen_time import FROZEN_NOW
from small_disk import SmallDisk, small_disk
from streamlit.testing.v1 import AppTest

from devin_data.emulator import DemoOrg

PAGES = (None, "app_pages/sessions.py", "app_pages/data.py")
FORMS = "use postgresql://user:password@host:5432/db (postgres:// and postgresql+psycopg://"
PASSWORD = "my s3cret@PW"
PIECES = ("my s3cret", "s3cret", "s3cret@PW", "PW@127")


def _errors(app: AppTest) -> list[str]:
    return [str(element.value) for element in app.error]


@pytest.fixture
def keyed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A keyed organization on a loopback emulator: the demo never uses a shared store."""
    with emulated(DemoOrg.generate(60, 3, FROZEN_NOW, days=20), monkeypatch):
        yield


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[SmallDisk]:
    with small_disk(tmp_path / "disk") as made:
        yield made


def test_a_full_disk_is_a_clear_message_and_the_app_syncs_once_space_returns(
    disk: SmallDisk, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = disk.folder / "cache"
    monkeypatch.setenv("DEVIN_CACHE_DIR", str(cache))
    disk.fill()
    with disk.capped():
        app = run_clean()
    full = [
        text for text in _errors(app) if f"The disk of the cache folder {cache} is full (" in text
    ]
    assert full, _errors(app)
    assert "Free some space and sync again" in full[0]
    assert "the environment variable DEVIN_CACHE_DIR" in full[0]
    assert not list(cache.glob("*.corrupt-*"))

    disk.free()
    st.cache_resource.clear()
    again = run_clean()  # a new browser session: the first open syncs again, with room this time
    assert not _errors(again), _errors(again)
    assert again.metric, "the Overview shows its figures"


@pytest.mark.parametrize("page", PAGES)
def test_a_cache_folder_that_is_a_file_is_a_clear_message_on_every_page(
    page: str | None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("notes")
    monkeypatch.setenv("DEVIN_CACHE_DIR", str(a_file))
    app = run_clean(page)
    (error,) = _errors(app)
    assert error.startswith("**The cache folder cannot be used, so no data can be shown.**")
    assert f"{a_file} is a file, not a folder." in error
    assert "The folder comes from the environment variable DEVIN_CACHE_DIR" in error
    assert not app.metric
    assert a_file.read_text() == "notes"


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.usefixtures("keyed")
def test_a_store_url_of_another_kind_is_a_clear_message_on_every_page(
    page: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEVIN_STORE_URL", "mysql://devin:refused-secret@db.example.com/devin")
    app = run_clean(page)
    (error,) = _errors(app)
    assert error.startswith("**The shared store's URL cannot be used, so no data can be shown.**")
    assert "The store URL mysql://devin:***@db.example.com/devin is not one" in error
    assert FORMS in error
    assert "The store URL comes from the environment variable DEVIN_STORE_URL" in error
    assert "refused-secret" not in shown_text(app)


@pytest.mark.usefixtures("keyed")
def test_a_password_with_a_space_and_an_at_sign_never_shows(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = store_url.replace("postgresql+psycopg://postgres@", f"postgres://postgres:{PASSWORD}@")
    monkeypatch.setenv("DEVIN_STORE_URL", url)
    data = run_clean("app_pages/data.py")
    text = shown_text(data)
    assert "postgres://postgres:***@127.0.0.1:" in text  # the Shared store row
    assert "postgresql+psycopg://postgres:***@127.0.0.1:" in text  # the Location row
    for piece in PIECES:
        assert piece not in text

    st.cache_resource.clear()
    unreachable = url.rsplit(":", 1)[0] + ":9/nowhere"
    monkeypatch.setenv("DEVIN_STORE_URL", unreachable)
    app = run_clean()
    (error,) = _errors(app)
    assert "The shared store cannot be reached" in error
    assert "postgres:***@127.0.0.1:9/nowhere" in error
    for piece in PIECES:
        assert piece not in shown_text(app)
