"""KPI cards: a change coloured by what it means, shares in points, and each card's definition.

The help of every card is the definition the Data page and the README show, word for word.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from apptest_helpers import run_page
from streamlit.proto.Metric_pb2 import Metric as MetricProto
from streamlit.testing.v1 import AppTest

from devin_data.analytics.kpis import KPI_DEFINITIONS
from ui.components.format import plain

Color, Direction = MetricProto.MetricColor, MetricProto.MetricDirection
GREEN, RED, GRAY = Color.GREEN, Color.RED, Color.GRAY
UP, DOWN, NONE = Direction.UP, Direction.DOWN, Direction.NONE


def _cards() -> None:
    """Cards for hand-made KPIs: rises and falls of each kind, no change, and no value."""
    import streamlit as st

    from devin_data.analytics.kpis import KPI_DEFINITIONS, Kpi
    from devin_data.frames.availability import V1_REASON
    from ui.components.kpi import kpi_card

    def kpi(name: str, value: float, previous: float, missing: str | None = None) -> Kpi:
        delta = value - previous
        pct = delta / previous if previous else None
        spec = KPI_DEFINITIONS[name]
        if missing:
            return Kpi(name, spec, None, None, None, None, missing, missing)
        return Kpi(name, spec, value, previous, delta, pct, None)

    for card in (
        kpi("acus", 120.0, 100.0),
        kpi("acus_per_session", 3.0, 2.5),
        kpi("acus_per_session", 2.0, 2.5),
        kpi("sessions_with_merged_pr", 12, 10),
        kpi("sessions_with_merged_pr", 8, 10),
        kpi("share_large", 0.184, 0.192),
        kpi("share_with_insights", 0.0, 0.67),
        kpi("sessions", 10, 10),
        kpi("median_user_messages", 4.0, 3.0),
        kpi("acus", 0, 0, missing=V1_REASON),
    ):
        kpi_card(st.container(), card)


def _seen(app: AppTest) -> list[tuple[str, str, str, int, int]]:
    return [(m.label, m.value, m.delta, m.proto.color, m.proto.direction) for m in app.metric]


def test_changes_are_coloured_by_meaning_and_shares_move_in_points() -> None:
    app = AppTest.from_function(_cards, default_timeout=60).run()
    assert not app.exception, app.exception
    vs = " vs previous period"
    assert _seen(app) == [
        ("ACUs reported by sessions", "120.00", "+20%" + vs, GRAY, UP),
        ("ACUs per session", "3.00", "+20%" + vs, RED, UP),
        ("ACUs per session", "2.00", "-20%" + vs, GREEN, DOWN),
        ("Sessions with a merged PR", "12", "+20%" + vs, GREEN, UP),
        ("Sessions with a merged PR", "8", "-20%" + vs, RED, DOWN),
        ("Large sessions (l/xl)", "18.4%", "-0.8 pp" + vs, GRAY, DOWN),
        ("Sessions with insights", "0.0%", "-67.0 pp" + vs, RED, DOWN),
        ("Sessions", "10", "no change" + vs, GRAY, NONE),
        ("Median user messages", "4.0", "+33%" + vs, RED, UP),
        (
            "ACUs reported by sessions",
            "not available",
            "not reported by the v1 API; use a v3 key",
            GRAY,
            NONE,
        ),
    ]


def test_every_card_has_its_definition_as_help() -> None:
    app = AppTest.from_function(_cards, default_timeout=60).run()
    by_label = {spec.label: spec for spec in KPI_DEFINITIONS.values()}
    for metric in app.metric:
        assert metric.help == plain(by_label[metric.label].help)


@pytest.mark.parametrize("window", ["7d", "30d"])
def test_overview_cards_agree_with_the_data_page_and_colour_by_meaning(
    frozen_now: datetime, demo_environment: Path, window: str
) -> None:
    app = run_page(range=window)
    assert not app.exception, app.exception
    data = run_page("app_pages/data.py")
    listed = {m.value for m in data.main.markdown if m.value.startswith("**")}
    specs = {spec.label: spec for spec in KPI_DEFINITIONS.values()}
    assert sorted(m.label for m in app.metric) == sorted(specs)
    moved = 0
    for metric in app.metric:
        spec = specs[metric.label]
        assert metric.help == plain(spec.help)
        assert f"**{plain(spec.definition)}**: {plain(spec.help)}" in listed
        if not metric.delta:
            continue
        rise = not metric.delta.startswith("-")
        if metric.delta.startswith("no change"):
            expected = (GRAY, NONE)
        else:
            moved += 1
            good = {"normal": rise, "inverse": not rise}.get(spec.delta_color)
            expected = (GRAY if good is None else GREEN if good else RED, UP if rise else DOWN)
        assert (metric.proto.color, metric.proto.direction) == expected, metric.label
        if spec.share:
            assert metric.delta.endswith(" pp vs previous period")
    assert moved


def test_the_insights_card_has_the_same_definition(
    frozen_now: datetime, demo_environment: Path
) -> None:
    app = run_page("app_pages/insights.py")
    assert not app.exception, app.exception
    (metric,) = app.metric
    assert metric.help == plain(KPI_DEFINITIONS["share_with_insights"].help)
