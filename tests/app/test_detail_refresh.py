"""Opening a session that changed since the sync brings every page's figures up to date."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from apptest_helpers import run_page
from frozen_time import FROZEN_NOW
from streamlit.testing.v1 import AppTest

from devin_data.config import Settings
from devin_data.connect import store_for
from devin_data.emulator import ADMIN_KEY, ORG_ID, DemoOrg, Emulator, serve
from devin_data.models import TERMINAL_STATUSES
from devin_data.store import Store

OVERVIEW = "app_pages/overview.py"
DETAIL = "app_pages/session_detail.py"
SESSIONS = "app_pages/sessions.py"
MERGED = "Sessions with a merged PR"
Api = tuple[Emulator, list[float]]
LATER = (FROZEN_NOW + timedelta(hours=12)).timestamp()  # the API's clock after the sync


@pytest.fixture
def api(demo_environment: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Api]:
    """An organization behind a real HTTP server whose clock the test moves; the app's stays."""
    clock = [FROZEN_NOW.timestamp()]
    emulator = Emulator(DemoOrg.generate(300, 23, FROZEN_NOW, days=40), clock=lambda: clock[0])
    with serve(emulator) as server:
        monkeypatch.setenv("DEVIN_API_BASE_URL", server.url)
        monkeypatch.setenv("DEVIN_ORG_ID", ORG_ID)
        monkeypatch.setenv("DEVIN_API_KEY", ADMIN_KEY)
        yield emulator, clock


def _store() -> Store:
    return store_for(Settings.load(os.environ), FROZEN_NOW)


def _merged(pull_requests: list[dict[str, Any]] | None) -> bool:
    return any(pr.get("pr_state") == "merged" for pr in pull_requests or [])


def _merged_later(emulator: Emulator) -> dict[str, Any]:
    """A cached session of the last 20 days with no merged PR that has one at the API's LATER."""
    store = _store()
    recent = (FROZEN_NOW - timedelta(days=20)).timestamp()
    for record in sorted(store.session_records(), key=lambda r: str(r["session_id"])):
        if record["created_at"] < recent or _merged(record.get("pull_requests")):
            continue
        if _merged(emulator.session_payload(str(record["session_id"]), now=LATER)["pull_requests"]):
            return record
    raise AssertionError("no cached session gets a merged PR after the sync")


def _figure(app: AppTest) -> int:
    return int(next(m.value for m in app.metric if m.label == MERGED).replace(",", ""))


def _freshness(app: AppTest) -> str:
    return next(c.value for c in app.sidebar.caption if c.value.startswith("Synced"))


def test_opening_a_session_that_changed_updates_the_figures_and_says_so(api: Api) -> None:
    emulator, clock = api
    app = run_page(OVERVIEW)
    assert not app.exception, app.exception
    before = _figure(app)
    assert "refreshed" not in _freshness(app)

    clock[0] = LATER
    record = _merged_later(emulator)
    app.switch_page(DETAIL)
    app.query_params["session"] = str(record["session_id"])
    app.run()
    assert not app.exception, app.exception

    app.switch_page(OVERVIEW).run()
    assert not app.exception, app.exception
    assert _figure(app) == before + 1
    assert _freshness(app).endswith(" · 1 session refreshed since")


def test_opening_a_session_that_did_not_change_leaves_the_figures_and_the_sidebar(
    api: Api,
) -> None:
    app = run_page(OVERVIEW)
    before = _figure(app)
    record = next(r for r in _store().session_records() if r["status"] in TERMINAL_STATUSES)
    app.switch_page(DETAIL)
    app.query_params["session"] = str(record["session_id"])
    app.run()
    assert not app.exception, app.exception
    app.switch_page(OVERVIEW).run()
    assert _figure(app) == before
    assert _store().get_record(str(record["session_id"])) == record
    assert "refreshed" not in _freshness(app)


def _ended_later(emulator: Emulator) -> dict[str, Any]:
    """A cached running session that has ended, still without an analysis, at the API's LATER."""
    for record in sorted(_store().session_records(), key=lambda r: str(r["session_id"])):
        if record["status"] != "running":
            continue
        later = emulator.session_payload(str(record["session_id"]), insights=True, now=LATER)
        if later["status"] != "running" and later["analysis"] is None:
            return record
    raise AssertionError("no cached running session ends without an analysis after the sync")


def _count(app: AppTest) -> int:
    caption = next(c.value for c in app.caption if " sessions" in c.value)
    return int(caption.split(" ")[0].replace(",", ""))


def test_a_session_that_ended_since_the_sync_leaves_the_running_count(api: Api) -> None:
    emulator, clock = api
    app = run_page(SESSIONS, range="all", status="running")
    assert not app.exception, app.exception
    before = _count(app)

    clock[0] = LATER
    record = _ended_later(emulator)
    app.switch_page(DETAIL)
    app.query_params["session"] = str(record["session_id"])
    app.run()
    assert not app.exception, app.exception

    app.switch_page(SESSIONS).run()
    assert not app.exception, app.exception
    assert app.query_params["status"] == "running"
    assert _count(app) == before - 1
    assert _freshness(app).endswith(" · 1 session refreshed since")
