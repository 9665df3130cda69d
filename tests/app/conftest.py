"""App tests run on the demo organization with a private cache folder, at one fixed instant.

The demo organization is generated around "today", so every app test travels to FROZEN_NOW: the
same sessions, windows and day boundaries on any date and in any zone.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage


@pytest.fixture(autouse=True)
def app_clock(frozen_now: datetime) -> datetime:
    """The app and the in-process demo organization read FROZEN_NOW, ticking on from there."""
    return frozen_now


@pytest.fixture(autouse=True)
def demo_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    names = ("DEVIN_API_KEY", "DEVIN_ORG_ID", "DEVIN_API_BASE_URL", "DEVIN_STORE_URL")
    for name in (*names, "DEVIN_ALLOW_PRIVATE_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    cache = tmp_path / "cache"
    monkeypatch.setenv("DEVIN_CACHE_DIR", str(cache))
    return cache


@pytest.fixture(autouse=True)
def fresh_streamlit_caches() -> Iterator[None]:
    """Streamlit's resource and data caches outlive a test; each test starts without them."""
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture(autouse=True)
def no_guarded_page_failure(
    request: pytest.FixtureRequest, caplog: pytest.LogCaptureFixture
) -> Iterator[None]:
    """The page guard turns a crash into a message, which AppTest does not count as an exception:
    a test fails on any page the guard caught, unless the test is about the guard itself."""
    yield
    if request.node.get_closest_marker("page_failure_expected"):
        return
    records = caplog.get_records("call")
    caught = [r for r in records if r.name == "ui.shell.guard" and r.levelno >= logging.ERROR]
    assert not caught, f"a page failed behind the guard: {caught[0].exc_text}"


Downloads = dict[str, bytes]


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> Downloads:
    """Every file a download button was given in this test, by file name (the last one wins)."""
    given: Downloads = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def keep(self: MemoryMediaFileStorage, data: Any, *args: Any, **kwargs: Any) -> str:
        filename = kwargs.get("filename", args[2] if len(args) > 2 else None)
        if isinstance(data, bytes) and filename:
            given[str(filename)] = data
        return original(self, data, *args, **kwargs)

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", keep)
    return given
