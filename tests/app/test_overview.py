"""The Overview page on the demo organization, through Streamlit's AppTest."""

from __future__ import annotations

import os
from pathlib import Path

from apptest_helpers import expected_sessions, run_page

from devin_data.config import Settings
from devin_data.connect import store_for


def test_overview_shows_kpis_that_match_the_store(demo_environment: Path) -> None:
    app = run_page()
    assert not app.exception, app.exception
    assert [t.value for t in app.title] == ["Overview"]
    assert any("Demo organization" in info.value for info in app.sidebar.info)
    assert "Synced just now" in [c.value for c in app.sidebar.caption]
    expected = expected_sessions()
    metrics = {m.label: m.value for m in app.metric}
    assert len(metrics) == 7
    assert metrics["Sessions"] == f"{len(expected):,}"
    assert len(app.get("plotly_chart")) == 5
    assert any("sessions" in md.value for md in app.markdown)


def test_query_parameters_filter_the_view(demo_environment: Path) -> None:
    app = run_page(origin="slack", size="l,xl")
    assert not app.exception
    expected = expected_sessions(origin="slack", size="l,xl")
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Sessions"] == f"{len(expected):,}"
    assert app.query_params["origin"] == "slack"
    assert app.query_params["size"] == "l,xl"


def test_invalid_parameters_are_ignored_with_a_notice(demo_environment: Path) -> None:
    app = run_page(range="fortnight", tz="Nowhere/City", origin="carrier_pigeon")
    assert not app.exception
    warnings = " ".join(w.value for w in app.warning)
    assert "Ignored range='fortnight'" in warnings
    assert "Nowhere/City" in warnings
    assert "carrier_pigeon" in warnings
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Sessions"] == f"{len(expected_sessions()):,}"


def test_no_match_shows_the_empty_state(demo_environment: Path) -> None:
    app = run_page(q="zzzz-no-such-session")
    assert not app.exception
    assert any("No sessions match" in info.value for info in app.info)
    assert not app.get("plotly_chart")


def test_rerun_uses_the_cache_without_syncing_again(demo_environment: Path) -> None:
    app = run_page()
    version = store_for(Settings.load(os.environ)).version()
    app.run()
    assert not app.exception
    assert store_for(Settings.load(os.environ)).version() == version


def test_changing_a_filter_writes_the_url(demo_environment: Path) -> None:
    app = run_page()
    app.multiselect(key="f_origins").set_value(["slack"]).run()
    app.text_input(key="f_q").input("fix").run()
    assert not app.exception
    assert app.query_params["origin"] == "slack"
    assert app.query_params["q"] == "fix"
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Sessions"] == f"{len(expected_sessions(origin='slack', q='fix')):,}"


def test_uncovered_previous_period_is_said_not_shown_as_a_delta(demo_environment: Path) -> None:
    app = run_page(range="all")
    assert not app.exception
    assert all(not m.delta for m in app.metric)
    captions = " ".join(c.value for c in app.main.caption)
    assert "previous period cannot be compared" in captions
    assert "not fully covered" in captions


def test_covered_previous_period_shows_deltas(demo_environment: Path) -> None:
    app = run_page(range="30d")
    assert not app.exception
    assert any(m.delta and "vs previous period" in m.delta for m in app.metric)


def test_two_periods_compare_on_demand(demo_environment: Path) -> None:
    app = run_page()
    assert not app.exception, app.exception
    assert not [t for t in app.dataframe if "Change A → B" in t.value.columns]
    sessions_card = {m.label: m.value for m in app.metric}["Sessions"]
    app.toggle(key="overview_compare").set_value(True).run()
    assert not app.exception, app.exception
    (compared,) = [t.value for t in app.dataframe if "Change A → B" in t.value.columns]
    row = compared.set_index("").loc["Sessions"]
    # Period B is the selected period by default, so it reads as the Sessions card does.
    assert row.iloc[1] == sessions_card
