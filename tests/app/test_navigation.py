"""Moving between pages keeps the filters in the URL and drops what belongs to one page."""

from __future__ import annotations

from pathlib import Path

from apptest_helpers import run_page, store_frame


def test_filters_follow_the_viewer_and_the_session_stays_on_its_page(
    demo_environment: Path,
) -> None:
    app = run_page(origin="slack")
    frame = store_frame()
    from_slack = frame.loc[frame["origin"] == "slack", "session_id"]
    assert len(from_slack), "no cached session was started from Slack"
    session_id = str(min(from_slack))
    app.query_params["session"] = session_id
    app.switch_page("app_pages/session_detail.py").run()
    assert not app.exception
    assert app.query_params["session"] == session_id
    assert app.query_params["origin"] == "slack"

    app.switch_page("app_pages/timelines.py").run()
    assert not app.exception
    assert "session" not in app.query_params
    assert app.query_params["origin"] == "slack"
