"""Without an API key the app shows the demo organization from its own cache folder, even when
a shared store is configured: synthetic sessions never reach the shared database."""

from __future__ import annotations

from pathlib import Path

import pytest
from apptest_helpers import run_page
from shared_rows import EMPTY, rows_in


@pytest.mark.parametrize("key", [None, "", "   "])
def test_the_demo_stays_in_the_cache_folder_and_the_data_page_says_so(
    demo_environment: Path, store_url: str, monkeypatch: pytest.MonkeyPatch, key: str | None
) -> None:
    monkeypatch.setenv("DEVIN_STORE_URL", store_url)
    if key is not None:
        monkeypatch.setenv("DEVIN_API_KEY", key)
    app = run_page()
    assert not app.exception, app.exception
    assert not app.error, [e.value for e in app.error]
    assert int(app.metric[0].value.replace(",", "")) > 0  # the demo's sessions are shown
    assert rows_in(store_url) == EMPTY
    assert [p.name[:5] for p in demo_environment.iterdir()] == ["demo-"]
    data = run_page("app_pages/data.py")
    rows = {row["Item"]: row["Value"] for _, row in data.dataframe[1].value.iterrows()}
    assert rows["Shared store"].startswith("not used: ")
    assert (
        "the demo organization is kept in this app's own cache folder only" in rows["Shared store"]
    )
    assert rows_in(store_url) == EMPTY
