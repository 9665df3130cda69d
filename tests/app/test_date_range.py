"""The custom range picker applies a range only once both of its ends are picked."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from apptest_helpers import expected_sessions, run_page
from streamlit.testing.v1 import AppTest

SESSIONS = "app_pages/sessions.py"


def _count(app: AppTest) -> str:
    return next(c.value.split(" ")[0] for c in app.caption if " sessions" in c.value)


def _dates(app: AppTest) -> tuple[str | None, str | None]:
    return app.query_params.get("from"), app.query_params.get("to")


def test_a_half_picked_range_keeps_the_range_in_force_until_the_end_is_picked(
    demo_environment: Path, frozen_now: datetime
) -> None:
    today = frozen_now.astimezone(ZoneInfo("UTC")).date()
    first, last = today - timedelta(days=20), today - timedelta(days=10)
    link = {"range": "custom", "from": first.isoformat(), "to": last.isoformat()}
    app = run_page(SESSIONS, **link)
    before = _count(app)
    assert before == f"{len(expected_sessions(**link)):,}"

    start = today - timedelta(days=6)
    app.date_input(key="f_dates").set_value((start,)).run()
    assert not app.exception, app.exception
    assert _dates(app) == (first.isoformat(), last.isoformat())
    assert _count(app) == before
    waiting = [c.value for c in app.caption if c.value.startswith("Pick the end date")]
    assert waiting == [
        f"Pick the end date to apply the range; until then the figures show "
        f"{first:%d %b %Y} – {last:%d %b %Y}."
    ]

    end = today - timedelta(days=2)
    app.date_input(key="f_dates").set_value((start, end)).run()
    assert not app.exception, app.exception
    assert _dates(app) == (start.isoformat(), end.isoformat())
    picked = {"range": "custom", "from": start.isoformat(), "to": end.isoformat()}
    assert _count(app) == f"{len(expected_sessions(**picked)):,}"
    assert not [c.value for c in app.caption if c.value.startswith("Pick ")]


def test_a_link_with_only_a_start_day_stays_open_ended(
    demo_environment: Path, frozen_now: datetime
) -> None:
    first = frozen_now.astimezone(ZoneInfo("UTC")).date() - timedelta(days=12)
    link = {"range": "custom", "from": first.isoformat()}
    app = run_page(SESSIONS, **link)
    assert not app.exception, app.exception
    assert _dates(app) == (first.isoformat(), None)
    assert _count(app) == f"{len(expected_sessions(**link)):,}"
    assert not [c.value for c in app.caption if c.value.startswith("Pick ")]
