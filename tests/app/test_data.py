"""The Data page on the demo organization, through Streamlit's AppTest."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from apptest_helpers import APP
from frozen_time import FROZEN_NOW
from streamlit.testing.v1 import AppTest

from devin_data.analytics.definitions import DEFINITIONS
from devin_data.config import Settings
from devin_data.connect import store_for
from devin_data.models import Session
from devin_data.models.intake import Rejected
from devin_data.store.store import Store

PAGE = "app_pages/data.py"
FAKE_ID = "devin-notinthedemo0000"


def first_run() -> AppTest:
    """The app after its first run, which syncs the demo organization into the cache."""
    app = AppTest.from_file(APP, default_timeout=120)
    app.run()
    assert not app.exception, app.exception
    return app


def open_data(app: AppTest) -> AppTest:
    app.switch_page(PAGE).run()
    assert not app.exception, app.exception
    return app


def pairs(app: AppTest, first_item: str) -> dict[str, str]:
    """The label/value table whose first row is ``first_item``."""
    (table,) = (
        frame.value
        for frame in app.dataframe
        if list(frame.value.columns) == ["Item", "Value"]
        and frame.value["Item"].iloc[0] == first_item
    )
    return dict(zip(table["Item"], table["Value"], strict=True))


def failures_table(app: AppTest) -> pd.DataFrame:
    (table,) = (frame.value for frame in app.dataframe if "Reason" in frame.value.columns)
    return table


def cache() -> Store:
    return store_for(Settings.load(os.environ), FROZEN_NOW)


def test_data_shows_the_connection_the_cache_and_the_last_sync(demo_environment: Path) -> None:
    app = open_data(first_run())
    assert [t.value for t in app.title] == ["Data"]
    store = cache()
    assert pairs(app, "Connection") == {
        "Connection": "Demo organization (built-in emulator)",
        "API version": "v3",
        "Organization": "org-demo",
        "API key": "demo",
    }
    held = pairs(app, "Location")
    assert held["Location"] == str(store.path)
    assert str(store.path).startswith(str(demo_environment))
    assert held["Size on disk"].endswith(("KB", "MB"))
    assert held["Sessions cached"] == f"{store.count():,}"
    assert held["Warnings"] == "none"

    report = store.meta()["last_sync"]
    synced = pairs(app, "Finished")
    assert synced["Mode"] == "first sync"
    assert (
        synced["Fetched"]
        == f"{report['fetched']:,} sessions: {report['new']:,} new, 0 changed, 0 unchanged"
    )
    assert synced["Finished"].endswith("UTC (just now)")
    assert synced["Requests"] == f"{report['requests']} ({report['retries']} retried)"
    assert "No session failed to load." in [info.value for info in app.info]

    shown = [m.value for m in app.main.markdown if m.value.startswith("**")]
    assert len(shown) == len(DEFINITIONS)
    assert shown[0].startswith("**Sessions**: Number of cached sessions")


def test_failed_sessions_are_listed_with_their_reason(demo_environment: Path) -> None:
    app = first_run()
    before = FROZEN_NOW.strftime("%Y-%m-%d")  # the app's clock
    cache().record_failure("devin-broken1", "Session devin-broken1 was not found (HTTP 404).")
    open_data(app)
    table = failures_table(app)
    row = table.iloc[0]
    assert list(table.columns) == ["Session", "Problem", "Reason", "When", "Where"]
    assert row["Session"] == "devin-broken1"
    assert row["Problem"] == "could not be fetched"
    assert row["Reason"] == "Session devin-broken1 was not found (HTTP 404)."
    assert row["When"].startswith(before)
    assert "No session failed to load." not in [info.value for info in app.info]
    assert not app.code  # nothing was set aside, so there is no JSON to show


def test_malformed_and_suspect_sessions_are_named_with_what_the_api_sent(
    demo_environment: Path,
) -> None:
    app = first_run()
    where = "item 3 of 200 on GET /v3/organizations/org-demo/sessions/insights?first=200"
    set_aside = [
        Rejected("devin-bad1", where, "status: Input should be a valid string", '{"status":42}'),
        Rejected(None, where.replace("item 3", "item 9"), "session_id: Field required", "[1]"),
    ]
    cache().set_aside(set_aside, FROZEN_NOW.timestamp())
    cache().note_suspects({"devin-neg1": "acus_consumed is -5 (below zero)"}, [], 0.0)
    open_data(app)

    rows = failures_table(app).to_dict("records")
    assert [(r["Session"], r["Problem"], r["Reason"], r["Where"]) for r in rows] == [
        ("devin-bad1", "malformed: set aside, not stored", set_aside[0].reason, where),
        ("devin-neg1", "suspect value: stored as sent", "acus_consumed is -5 (below zero)", "–"),
        (
            "no session id",
            "malformed: set aside, not stored",
            set_aside[1].reason,
            set_aside[1].where,
        ),
    ]
    picker = app.selectbox(key="data_quarantined")
    assert picker.options == ["devin-bad1", set_aside[1].where]
    assert [block.value for block in app.code] == ['{"status":42}']
    picker.set_value(set_aside[1].where).run()
    assert [block.value for block in app.code] == ["[1]"]


def test_sessions_stamped_after_the_api_clock_are_named(demo_environment: Path) -> None:
    app = first_run()
    assert "Updated after the API's clock" not in pairs(open_data(app), "Finished")
    year_2100 = datetime(2100, 1, 1, tzinfo=UTC).timestamp()
    cache().update_meta(future_updates={"devin-stamped2100": year_2100})
    synced = pairs(open_data(app), "Finished")
    assert synced["Updated after the API's clock"] == "devin-stamped2100 (2100-01-01 00:00 UTC)"


def test_clear_cache_asks_first_then_empties_the_store(demo_environment: Path) -> None:
    app = first_run()
    store = cache()
    finished = store.meta()["last_sync"]["finished_at"]
    fake = Session.model_validate(
        {"session_id": FAKE_ID, "status": "exit", "created_at": FROZEN_NOW}
    )
    store.write_batch([fake], observed_at=FROZEN_NOW)
    store.record_failure("devin-broken1", "timed out")
    assert store.get_record(FAKE_ID) is not None
    open_data(app)

    confirm = app.button(key="data_clear_confirm")
    assert confirm.label == "Yes, clear the cache"
    assert store.get_record(FAKE_ID) is not None  # nothing happens before the confirmation
    confirm.click().run()
    assert not app.exception, app.exception

    assert store.get_record(FAKE_ID) is None
    assert store.failures() == {}
    assert "The cache was cleared." in [s.value for s in app.success]
    # Either the cache stays empty or the app refilled it with a fresh first sync of the demo.
    last = store.meta().get("last_sync")
    assert store.count() == 0 or (last["mode"] == "cold" and last["finished_at"] > finished)
    assert pairs(app, "Location")["Sessions cached"] == f"{store.count():,}"
