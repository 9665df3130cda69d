"""The People page on the demo organization, through Streamlit's AppTest."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
from apptest_helpers import open_page
from frozen_time import FROZEN_NOW
from streamlit.testing.v1 import AppTest

from devin_data.config import Settings
from devin_data.connect import store_for
from devin_data.frames.sessions import build_sessions_frame
from devin_data.query.filters import FilterSpec

PAGE = "app_pages/people.py"


def open_people(**params: str) -> AppTest:
    """The app after its first run (which syncs the demo), switched to the People page."""
    return open_page(PAGE, **params)


def filtered_frame() -> pd.DataFrame:
    """The cached sessions under the default filters (last 30 days, UTC as in AppTest)."""
    frame = build_sessions_frame(store_for(Settings.load(os.environ), FROZEN_NOW).session_records())
    return FilterSpec(tz="UTC").apply(frame, FROZEN_NOW)


def tables(app: AppTest) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The users and service users tables, the first two of the page."""
    humans, services = (table.value for table in app.dataframe[:2])
    return humans, services


def top_chart(app: AppTest) -> dict[str, object]:
    """The bars of the top users chart."""
    for chart in app.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        if spec["layout"]["title"]["text"].startswith("Top users"):
            bars: dict[str, object] = spec["data"][0]
            return bars
    raise AssertionError("no top users chart")


def test_people_and_service_users_add_up_to_the_filtered_sessions(
    demo_environment: Path,
) -> None:
    app = open_people()
    assert [t.value for t in app.title] == ["People"]
    subheaders = [h.value for h in app.subheader]
    assert subheaders == [
        "Adoption",
        "Users",
        "Service users",
        "Teams",
        "Learning curves (all time, not the selected range)",
        "Compare",
    ]
    humans, services = tables(app)

    frame = filtered_frame()
    assert len(frame) > 100
    assert int(humans["sessions"].sum()) + int(services["sessions"].sum()) == len(frame)
    by_user = frame[~frame["is_service"]].groupby("user_id").size()
    assert humans.set_index("user_id")["sessions"].to_dict() == by_user.to_dict()
    by_service = frame[frame["is_service"]].groupby("service_user_id").size()
    assert services.set_index("user_id")["sessions"].to_dict() == by_service.to_dict()

    acus = frame[~frame["is_service"]].groupby("user_id")["acus_consumed"].sum()
    shown = humans.set_index("user_id")["acus"]
    pd.testing.assert_series_equal(
        shown.sort_index(), acus.sort_index(), check_names=False, check_index_type=False
    )
    assert list(humans.columns) == [
        "person",
        "email",
        "team",
        "sessions",
        "acus",
        "merged_pr_rate",
        "share_large",
        "user_messages_per_session",
        "hours_waited",
        "median_answer_minutes",
        "first_active",
        "last_active",
        "weekly_sessions",
        "user_id",
    ]
    # Every person is named and reachable by email; service users keep their id.
    assert humans["email"].str.contains("@").all()
    assert (humans["person"] != humans["user_id"]).all()
    assert (services["person"] == services["user_id"]).all()
    # The Users filter reads names too (the URL keeps the id).
    options = app.multiselect(key="f_users").options
    assert set(humans["person"]) <= set(options)
    weekly = humans.set_index("user_id")["weekly_sessions"]
    assert {k: sum(v) for k, v in weekly.items()} == by_user.to_dict()
    assert humans["share_large"].between(0, 1).all()
    assert len(app.get("download_button")) == 5  # both charts' data, both tables and the teams
    busiest = humans.iloc[0]
    app.multiselect(key="f_users").select(busiest["user_id"]).run()
    assert app.query_params["user"] == busiest["user_id"]
    picked, _ = tables(app)
    assert picked["person"].tolist() == [busiest["person"]]


def test_the_top_users_chart_ranks_by_sessions_then_by_acus(demo_environment: Path) -> None:
    app = open_people(tz="Asia/Tokyo")
    humans, services = tables(app)
    assert str(humans["last_active"].dt.tz) == "Asia/Tokyo"
    everyone = pd.concat([humans, services])
    bars = top_chart(app)
    top = everyone.sort_values("sessions", ascending=False, kind="stable").head(15)
    assert bars["x"] == top["sessions"].tolist()
    assert bars["orientation"] == "h"

    app.segmented_control(key="people_rank_by").set_value("ACUs").run()
    assert not app.exception
    bars = top_chart(app)
    most = everyone["acus"].max()
    assert bars["x"][0] == most
    assert bars["x"] == sorted(bars["x"], reverse=True)  # type: ignore[call-overload]


def test_no_matching_sessions_shows_an_empty_state(demo_environment: Path) -> None:
    app = open_people(q="zzzz-no-match")
    assert "No sessions match these filters." in [info.value for info in app.info]
    assert len(app.dataframe) == 0
    assert len(app.get("plotly_chart")) == 0


def test_two_teams_compare_side_by_side(demo_environment: Path) -> None:
    first = open_people()
    humans, _ = tables(first)
    by_team = humans.dropna(subset=["team"]).groupby("team")["sessions"].sum()
    assert len(by_team) >= 2, "the demo has fewer than two teams"
    a, b = sorted(by_team.index)[:2]  # the first two teams are the default choice
    app = first.segmented_control(key="people_compare_mode").set_value("Two teams").run()
    assert not app.exception, app.exception
    (compared,) = [t.value for t in app.dataframe if "Change A → B" in t.value.columns]
    assert list(compared.columns) == ["", a, b, "Change A → B"]
    sessions = compared.set_index("").loc["Sessions"]
    assert sessions[a] == f"{by_team[a]:,}"
    assert sessions[b] == f"{by_team[b]:,}"
    assert app.query_params["team_a"] == a
