"""The app on a shared PostgreSQL store: data that outlives the cache folder, a masked URL on
the Data page, and a clear message on every page when the database cannot be reached."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
import streamlit as st
from apptest_helpers import PAGES, emulated, run_clean, shown_text
from frozen_time import FROZEN_NOW

from devin_data.config import Settings
from devin_data.connect import store_for, store_scope
from devin_data.emulator import DemoOrg
from devin_data.store.shared.store import SharedStore

PASSWORD = "s3cret-store-pw"


@pytest.fixture(autouse=True)
def organization(frozen_now: datetime, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A keyed organization on a loopback emulator: the demo never goes to a shared store."""
    with emulated(DemoOrg.generate(200, 5, frozen_now, days=40), monkeypatch):
        yield


def _with_password(url: str) -> str:
    """The throwaway server trusts loopback, so any password works: one the test can look for."""
    return url.replace("postgres@", f"postgres:{PASSWORD}@")


def test_a_replica_on_an_empty_disk_shows_the_shared_data_without_syncing(
    store_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DEVIN_STORE_URL", _with_password(store_url))
    first = run_clean()
    assert first.metric, "the Overview shows its figures"
    shared = store_for(Settings.load(os.environ), FROZEN_NOW)
    assert isinstance(shared, SharedStore)
    synced = shared.meta()["last_sync"]
    assert len(shared.sync_runs()) == 1
    figures = [m.value for m in first.metric]

    monkeypatch.setenv("DEVIN_CACHE_DIR", str(tmp_path / "another-disk"))
    st.cache_resource.clear()
    second = run_clean()
    assert [m.value for m in second.metric] == figures
    assert shared.meta()["last_sync"] == synced
    assert len(shared.sync_runs()) == 1
    assert (tmp_path / "another-disk" / shared.scope / "sessions.arrow").exists()

    data = run_clean("app_pages/data.py")
    text = shown_text(data)
    assert PASSWORD not in text
    assert "postgres:***@127.0.0.1" in text
    assert "it is not cleared from here" in text
    assert "data_clear_confirm" not in [button.key for button in data.button]
    shared.close()
    shared.engine.dispose()


def test_the_store_of_the_streamlit_connection_section_is_the_shared_store(
    store_url: str,
) -> None:
    secrets = {"connections": {"devin_store": {"url": _with_password(store_url)}}}
    data = run_clean("app_pages/data.py", secrets=secrets)
    text = shown_text(data)
    assert "postgres:***@127.0.0.1" in text
    assert PASSWORD not in text
    assert "it is not cleared from here" in text
    engine = sa.create_engine(store_url)
    scope = store_scope(Settings.load(os.environ), FROZEN_NOW)
    synced = SharedStore(engine, Path(os.environ["DEVIN_CACHE_DIR"]), scope)
    assert synced.meta()["last_sync"]["sessions_total"] == synced.count() > 0
    engine.dispose()


@pytest.mark.parametrize("page", PAGES)
def test_an_unreachable_store_is_a_clear_message_on_every_page(
    page: str | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
        url = f"postgresql://devin:{PASSWORD}@127.0.0.1:{port}/devin"
        monkeypatch.setenv("DEVIN_STORE_URL", url)
        app = run_clean(page)
    text = shown_text(app)
    assert "The shared store cannot be reached, so no data can be shown." in text
    assert f"devin:***@127.0.0.1:{port}/devin" in text
    assert PASSWORD not in text
    assert not app.metric
    assert not app.dataframe
