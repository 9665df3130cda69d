"""App tests run on the demo organization with a private cache folder."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def demo_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("DEVIN_API_KEY", "DEVIN_ORG_ID", "DEVIN_API_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    cache = tmp_path / "cache"
    monkeypatch.setenv("DEVIN_CACHE_DIR", str(cache))
    return cache
