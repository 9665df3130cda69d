"""Compared periods follow the selected range until the viewer picks days; only picked days go
in the URL."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from apptest_helpers import run_page
from frozen_time import FROZEN_NOW

TODAY = FROZEN_NOW.date()  # the zone is pinned to UTC


def _days(last: int) -> tuple[date, date]:
    return TODAY - timedelta(days=last - 1), TODAY


def _before(days: tuple[date, date]) -> tuple[date, date]:
    length = days[1] - days[0] + timedelta(days=1)
    return days[0] - length, days[0] - timedelta(days=1)


def test_periods_follow_the_range_until_picked(demo_environment: Path) -> None:
    app = run_page()
    app.toggle(key="overview_compare").set_value(True).run()
    assert app.date_input(key="people_period_b").value == _days(30)
    app.segmented_control(key="f_range").set_value("7d").run()
    assert not app.exception, app.exception
    assert app.date_input(key="people_period_b").value == _days(7)
    assert app.date_input(key="people_period_a").value == _before(_days(7))
    assert "period_a" not in app.query_params
    assert "period_b" not in app.query_params
    picked = (date(2026, 1, 5), date(2026, 1, 11))
    app.date_input(key="people_period_a").set_value(picked).run()
    app.segmented_control(key="f_range").set_value("30d").run()
    assert not app.exception, app.exception
    assert app.date_input(key="people_period_a").value == picked  # the viewer's choice stays
    assert app.query_params["period_a"] == "2026-01-05..2026-01-11"
    assert app.date_input(key="people_period_b").value == _days(30)
    assert "period_b" not in app.query_params


def test_a_linked_period_is_kept_when_the_range_changes(demo_environment: Path) -> None:
    app = run_page(period_b="2026-02-01..2026-02-14")
    app.toggle(key="overview_compare").set_value(True).run()
    app.segmented_control(key="f_range").set_value("7d").run()
    assert not app.exception, app.exception
    assert app.date_input(key="people_period_b").value == (date(2026, 2, 1), date(2026, 2, 14))
    assert app.query_params["period_b"] == "2026-02-01..2026-02-14"
