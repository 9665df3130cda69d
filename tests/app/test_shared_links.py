"""Shared links: dates after the viewer's today, a failing page, and drill-downs from Insights."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pandas as pd
import pytest
from apptest_helpers import expected_sessions, run_page
from streamlit.testing.v1 import AppTest

from devin_data.analytics.insights import tidy_issues
from devin_data.config import Settings
from devin_data.connect import store_for
from devin_data.frames.insights import build_issues_frame, build_languages_frame

REPO = str(Path(__file__).resolve().parents[2])
SESSIONS = "app_pages/sessions.py"


def _count(app: AppTest) -> str:
    return next(c.value.split(" ")[0] for c in app.caption if " sessions" in c.value)


def test_a_range_ending_after_the_viewers_today_is_moved_to_today(
    demo_environment: Path, frozen_now: datetime
) -> None:
    zone = "America/Los_Angeles"
    today = frozen_now.astimezone(ZoneInfo(zone)).date()
    first, late = (today - timedelta(days=6)).isoformat(), (today + timedelta(days=1)).isoformat()
    app = run_page(**{"range": "custom", "from": first, "to": late, "tz": zone})
    assert not app.exception, app.exception
    notice = f"Moved to={late} to {today}, today in {zone} (later days have not begun there)."
    assert notice in [w.value for w in app.warning]
    assert (app.query_params["from"], app.query_params["to"]) == (first, today.isoformat())
    app.switch_page(SESSIONS).run()
    assert not app.exception, app.exception
    expected = expected_sessions(range="custom", to=today.isoformat(), tz=zone, **{"from": first})
    assert _count(app) == f"{len(expected):,}"


def test_switching_to_a_zone_behind_holds_the_picked_days_inside_its_today(
    demo_environment: Path, frozen_now: datetime
) -> None:
    ahead, behind = ZoneInfo("Asia/Kolkata"), ZoneInfo("America/Los_Angeles")
    today_ahead, today_behind = (frozen_now.astimezone(z).date() for z in (ahead, behind))
    assert today_ahead > today_behind  # the frozen instant is late evening UTC
    first = (today_behind - timedelta(days=3)).isoformat()
    app = run_page(
        **{"range": "custom", "from": first, "to": today_ahead.isoformat(), "tz": str(ahead)}
    )
    assert not app.exception, app.exception
    app.selectbox(key="f_tz").set_value(str(behind)).run()
    assert not app.exception, app.exception
    assert app.query_params["tz"] == str(behind)
    assert (app.query_params["from"], app.query_params["to"]) == (first, today_behind.isoformat())


def _failing_page(repo: str) -> None:
    import sys

    sys.path.insert(0, repo)
    import streamlit as st

    from ui.shell.guard import page_guard

    with page_guard():
        st.title("Half drawn")
        raise RuntimeError("cog_a_secret_that_must_not_show")


@pytest.mark.page_failure_expected
def test_a_page_that_fails_says_so_in_words_and_offers_a_reset() -> None:
    app = AppTest.from_function(_failing_page, args=(REPO,), default_timeout=60).run()
    assert not app.exception
    (error,) = app.error
    assert "This page could not be shown (RuntimeError)" in error.value
    assert "cog_" not in error.value
    assert [button.label for button in app.button] == ["Reset the filters"]


def _analyses_frame(build: object) -> pd.DataFrame:
    analyses = store_for(Settings.load(os.environ)).analyses()
    return build(analyses)  # type: ignore[operator, no-any-return]


def _selection(*keys: object) -> dict[str, object]:
    points = [{"customdata": list(keys)}]
    return {"selection": {"points": points, "point_indices": [0], "box": [], "lasso": []}}


def test_a_click_on_a_language_is_a_short_visible_removable_filter(demo_environment: Path) -> None:
    app = run_page("app_pages/insights.py")
    in_view = set(expected_sessions()["session_id"])
    languages = _analyses_frame(build_languages_frame)
    languages = languages[languages["session_id"].isin(in_view)]
    language = str(languages["language"].value_counts().idxmax())
    clicked = set(languages.loc[languages["language"] == language, "session_id"])
    assert 0 < len(clicked) < len(in_view)

    app.session_state["insights-language"] = _selection(language, 0.5)
    app.run()
    assert not app.exception, app.exception
    assert app.query_params["language"] == language
    assert "ids" not in app.query_params
    assert sum(len(k) + len(v) for k, v in app.query_params.items()) < 100
    assert set(app.dataframe[0].value["session_id"]) == clicked
    chip = app.button(key="drill-chip-languages")
    assert chip.label == f"Sessions using the language {language}"

    # AppTest reruns the page it was switched to last, where a browser stays on Sessions.
    app.switch_page(SESSIONS).run()
    assert set(app.dataframe[0].value["session_id"]) == clicked
    app.button(key="drill-chip-languages").click().run()
    assert not app.exception, app.exception
    assert "language" not in app.query_params
    assert not [b for b in app.button if b.key and b.key.startswith("drill-chip")]
    assert set(app.dataframe[0].value["session_id"]) == in_view


def test_a_linked_issue_drill_down_keeps_exactly_the_sessions_of_the_click(
    demo_environment: Path,
) -> None:
    run_page()  # the first run syncs the demo organization
    in_view = set(expected_sessions()["session_id"])
    issues = tidy_issues(_analyses_frame(build_issues_frame))
    issues = issues[issues["session_id"].isin(in_view)].astype({"impact": "str"})
    label, impact = issues.value_counts(["label", "impact"]).idxmax()
    hit = (issues["label"] == label) & (issues["impact"] == impact)
    clicked = set(issues.loc[hit, "session_id"])

    app = run_page(SESSIONS, issue=f"{label}:{impact}")
    assert not app.exception, app.exception
    assert set(app.dataframe[0].value["session_id"]) == clicked
    chip = app.button(key="drill-chip-issues")
    assert chip.label == f"Sessions with an issue labelled {label} \\({impact} impact\\)"


def test_an_unknown_drill_down_is_ignored_with_a_notice(demo_environment: Path) -> None:
    app = run_page(language="COBOL-2099", issue="no impact given")
    assert not app.exception, app.exception
    warnings = [w.value for w in app.warning]
    assert "Ignored unknown languages: COBOL-2099." in warnings
    assert "Ignored issue='no impact given': use a label:impact pair." in warnings
    assert "language" not in app.query_params
    assert not [b for b in app.button if b.key and b.key.startswith("drill-chip")]
