"""Insight coverage on the Insights page: the weekly chart, and generating what is missing, with
the permission and without it (a viewer key against the emulator on loopback)."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from apptest_helpers import expected_sessions, run_page
from frozen_time import FROZEN_NOW

from devin_data.analytics import ended, missing_insights
from devin_data.charts.partial import PARTIAL_LEGEND
from devin_data.config import Settings
from devin_data.connect import store_for
from devin_data.emulator import DemoOrg, Emulator, EmulatorServer, serve
from devin_data.emulator.keys import ORG_ID, VIEWER_KEY
from devin_data.services import insights
from ui.sections.insight_coverage import PER_CLICK

PAGE = "app_pages/insights.py"
INSIGHT_DELAY = 2.2  # seconds; the demo emulator analyses a session 2 s after it is asked to


def _requested() -> dict[str, str]:
    with store_for(Settings.load(os.environ), FROZEN_NOW) as store:
        return insights.requested_ids(store)


def test_coverage_chart_counts_ended_sessions_by_week(demo_environment: Path) -> None:
    app = run_page(PAGE)
    assert not app.exception, app.exception
    figure = json.loads(app.get("plotly_chart")[0].proto.spec)
    with_insights, without = [t for t in figure["data"] if t["name"] != PARTIAL_LEGEND]
    frame = expected_sessions()
    done = frame[ended(frame)]
    assert sum(with_insights["y"]) == int(done["has_analysis"].sum())
    assert sum(without["y"]) == len(done) - int(done["has_analysis"].sum())
    assert figure["layout"]["yaxis"]["title"]["text"] == "Ended sessions"


def test_generate_missing_asks_for_each_missing_session_once(demo_environment: Path) -> None:
    app = run_page(PAGE)
    missing = missing_insights(expected_sessions())
    assert missing
    button = app.button(key="coverage_generate")
    assert button.label == f"Generate missing insights ({len(missing):,})"
    app = button.click().run()
    assert not app.exception, app.exception
    asked = min(len(missing), PER_CLICK)
    (success,) = app.success
    assert success.value.startswith(f"Asked for the insights of {asked:,} sessions")
    assert app.get("progress")[0].proto.value == 100
    assert set(_requested()) == set(missing[:asked])
    app.run()
    left = len(missing) - asked
    generate = [b for b in app.button if b.key == "coverage_generate"]
    assert [b.label for b in generate] == (
        [f"Generate missing insights ({left:,})"] if left else []
    )
    assert any(f"{asked:,} sessions were asked for" in c.value for c in app.caption)
    time.sleep(INSIGHT_DELAY)  # the demo's analyses are ready this long after they are asked for
    app = app.button(key="coverage_collect").click().run()
    assert not app.exception, app.exception
    assert set(missing_insights(expected_sessions())) == set(missing[asked:])


@pytest.fixture
def viewer_app(
    frozen_now: datetime, demo_environment: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[EmulatorServer]:
    """The app's environment pointed at an emulator on loopback, with a key that may only read."""
    org = DemoOrg.generate(120, 4, frozen_now, days=40)
    with serve(Emulator(org, clock=frozen_now.timestamp)) as server:
        monkeypatch.setenv("DEVIN_API_BASE_URL", server.url)
        monkeypatch.setenv("DEVIN_API_KEY", VIEWER_KEY)
        monkeypatch.setenv("DEVIN_ORG_ID", ORG_ID)
        yield server


def test_without_the_permission_the_page_names_it(viewer_app: EmulatorServer) -> None:
    app = run_page(PAGE)
    assert not app.exception, app.exception
    app = app.button(key="coverage_generate").click().run()
    assert not app.exception, app.exception
    (warning,) = app.warning
    assert "needs the ManageOrgSessions permission" in warning.value
    assert VIEWER_KEY not in warning.value
    assert app.button(key="coverage_generate").disabled
    assert not app.success
    assert _requested() == {}
