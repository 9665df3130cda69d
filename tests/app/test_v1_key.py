"""A v1 key: every figure the v1 API cannot provide says so, on every page, and is never 0.

The emulator serves the v1 API as a real HTTP server on loopback, at the tests' fixed instant.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from apptest_helpers import expected_sessions, run_page, store_frame
from streamlit.testing.v1 import AppTest

from devin_data.charts.partial import PARTIAL_LEGEND
from devin_data.emulator import DemoOrg, Emulator, EmulatorServer, serve
from devin_data.emulator.keys import V1_KEY
from devin_data.frames.availability import V1_REASON

UNAVAILABLE = (
    "ACUs reported by sessions",
    "ACUs per session",
    "Sessions with a merged PR",
    "Large sessions (l/xl)",
    "Sessions with insights",
)
# A zero written as if it were measured: "0", "0.0", "0.00", "0%", "0.0%".
ZERO = re.compile(r"^0(\.0+)?%?$")


@pytest.fixture
def v1_app(
    frozen_now: datetime, demo_environment: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[EmulatorServer]:
    """The app's environment pointed at a v1 emulator on loopback."""
    org = DemoOrg.generate(160, 11, frozen_now, days=60)
    with serve(Emulator(org, clock=frozen_now.timestamp)) as server:
        monkeypatch.setenv("DEVIN_API_BASE_URL", server.url)
        monkeypatch.setenv("DEVIN_API_KEY", V1_KEY)
        monkeypatch.delenv("DEVIN_ORG_ID", raising=False)
        yield server


def unescaped(text: object) -> str:
    """Text as the reader sees it: markdown escapes removed."""
    return re.sub(r"\\(.)", r"\1", str(text))


def texts(app: AppTest) -> list[str]:
    elements = (*app.main.markdown, *app.main.caption, *app.main.info)
    return [unescaped(element.value) for element in elements]


def test_overview_cards_and_sentences_say_what_v1_does_not_report(v1_app: EmulatorServer) -> None:
    app = run_page()
    assert not app.exception, app.exception
    cards = {m.label: m for m in app.metric}
    assert cards["Sessions"].value == f"{len(expected_sessions()):,}"
    for label in UNAVAILABLE:
        assert cards[label].value == "not available", label
        assert cards[label].delta == V1_REASON, label
    assert not [m.label for m in app.metric if ZERO.match(m.value)]

    shown = " ".join(texts(app))
    assert "their ACUs are not reported by the v1 API; use a v3 key" in shown
    assert "whether it was merged is not reported by the v1 API" in shown
    assert "Categories are not reported by the v1 API; use a v3 key." in shown
    assert "0.0 ACUs" not in shown
    assert "produced a merged pull request" not in shown
    assert f"Size class: {V1_REASON}." in shown
    assert f"Category: {V1_REASON}." in shown
    assert "No sessions match these filters." not in shown
    listed = ", ".join(UNAVAILABLE)
    assert f"Not available ({listed}): {V1_REASON}." in shown


def test_a_v1_session_with_a_pull_request_counts_as_with_a_pr(v1_app: EmulatorServer) -> None:
    app = run_page()
    sessions = expected_sessions()
    with_pr = int((sessions["pr_count"] > 0).sum())
    assert with_pr > 0
    opened = f"{with_pr:,} of them ({with_pr / len(sessions):.1%}) opened a pull request;"
    assert any(text.startswith(opened) for text in texts(app)), texts(app)


def test_sessions_table_leaves_out_what_v1_does_not_report(v1_app: EmulatorServer) -> None:
    app = run_page("app_pages/sessions.py")
    assert not app.exception, app.exception
    table = app.dataframe[0].value
    for column in ("acus_consumed", "prs_merged", "session_size", "category", "url"):
        assert column not in table.columns
    assert table["pr_count"].sum() == expected_sessions()["pr_count"].sum()
    captions = " ".join(texts(app))
    hidden = "ACUs, Merged, Devin, ACUs with children, Merged with children, Category, Size"
    assert f"Columns not shown ({hidden})" in captions
    assert "not reported by the v1 API; use a v3 key" in captions


def test_people_and_insights_say_what_v1_does_not_report(v1_app: EmulatorServer) -> None:
    people = run_page("app_pages/people.py")
    assert not people.exception, people.exception
    users = people.dataframe[0].value
    assert {"acus", "merged_pr_rate", "share_large"}.isdisjoint(users.columns)
    assert users["sessions"].sum() > 0
    assert (users["person"] == users["user_id"]).all()  # by id: v1 has no members list
    shown = " ".join(texts(people))
    assert "Columns not shown (ACUs, merged-PR rate, L/XL share)" in shown
    assert f"People are shown by id: names and emails are {V1_REASON}." in shown
    assert "Active users computed from the cached sessions" in shown
    assert f"Service users: {V1_REASON}." in shown

    insights = run_page("app_pages/insights.py")
    assert not insights.exception, insights.exception
    assert [i.value for i in insights.main.info] == [f"Insights: {V1_REASON}."]
    assert not insights.get("plotly_chart")


def test_session_detail_says_what_v1_does_not_report(v1_app: EmulatorServer) -> None:
    app = run_page("app_pages/session_detail.py")
    frame = store_frame()
    app.query_params["session"] = str(frame.loc[frame["pr_count"] > 0, "session_id"].iloc[0])
    app.run()
    assert not app.exception, app.exception
    cards = {m.label: m.value for m in app.metric}
    assert (cards["ACUs"], cards["Size"]) == ("not available", "not available")
    captions = " ".join(texts(app))
    assert "Category, Size, ACUs: not reported by the v1 API; use a v3 key" in captions
    assert "Pull request states: not reported by the v1 API" in captions


def test_the_sidebar_offers_no_filter_the_v1_api_cannot_fill(v1_app: EmulatorServer) -> None:
    app = run_page()
    assert not app.exception, app.exception
    labels = [widget.label for widget in app.sidebar.multiselect]
    assert "Categories" not in labels
    assert "Sizes" not in labels
    assert {"Origins", "Statuses", "Users", "Tags"} <= set(labels)
    captions = [unescaped(caption.value) for caption in app.sidebar.caption]
    assert f"Categories and Sizes filters: {V1_REASON}." in captions


def test_timelines_say_the_merged_pr_share_is_not_reported_and_still_count_outcomes(
    v1_app: EmulatorServer,
) -> None:
    app = run_page("app_pages/timelines.py")
    assert not app.exception, app.exception
    shown = " ".join(texts(app))
    assert f"share with a merged PR: {V1_REASON}." in shown
    figures = [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]
    outcomes = next(
        f for f in figures if f["layout"]["yaxis"].get("title", {}).get("text") == "Sessions ended"
    )
    assert {trace["type"] for trace in outcomes["data"]} == {"bar"}  # no line of zeros
    assert "yaxis2" not in outcomes["layout"]
    ended = expected_sessions()["status"].astype("str").isin(["exit", "error", "suspended"])
    bars = [trace for trace in outcomes["data"] if trace["name"] != PARTIAL_LEGEND]
    assert sum(sum(trace["y"]) for trace in bars) == int(ended.sum())
    assert "sessions' messages cached" in shown


def test_spend_says_the_v1_api_has_no_billed_acus(
    v1_app: EmulatorServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEVIN_ACU_PRICE", "2")
    app = run_page("app_pages/spend.py")
    assert not app.exception, app.exception
    shown = " ".join(texts(app))
    assert "Billed ACUs, money and budgets are not available: the v1 API reports no ACUs" in shown
    assert not app.metric
    assert not app.dataframe
