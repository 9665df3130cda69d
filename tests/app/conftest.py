"""App tests run on the demo organization with a private cache folder, at one fixed instant.

The demo organization is generated around "today", so every app test travels to FROZEN_NOW: the
same sessions, windows and day boundaries on any date and in any zone.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
import streamlit as st


@pytest.fixture(autouse=True)
def app_clock(frozen_now: datetime) -> datetime:
    """The app and the in-process demo organization read FROZEN_NOW, ticking on from there."""
    return frozen_now


@pytest.fixture(autouse=True)
def demo_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("DEVIN_API_KEY", "DEVIN_ORG_ID", "DEVIN_API_BASE_URL"):
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
