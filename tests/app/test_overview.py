"""The Overview page on the demo organization, through Streamlit's AppTest."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from devin_data.config import Settings
from devin_data.connect import store_for

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def run_app() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=120)
    return app.run()


def test_overview_shows_the_demo_organization(demo_environment: Path) -> None:
    app = run_app()
    assert not app.exception, app.exception
    assert [t.value for t in app.title] == ["Overview"]
    assert any("Demo organization" in info.value for info in app.sidebar.info)

    records = store_for(Settings.from_env()).session_records()
    assert len(records) > 500
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Sessions"] == f"{len(records):,}"
    expected_acus = sum(r["acus_consumed"] or 0 for r in records)
    assert metrics["ACUs"] == f"{expected_acus:,.1f}"
    charts = app.get("plotly_chart")
    assert len(charts) == 3


def test_overview_reruns_from_the_cache_without_syncing_again(demo_environment: Path) -> None:
    app = run_app()
    version = store_for(Settings.from_env()).version()
    app.run()
    assert not app.exception
    assert store_for(Settings.from_env()).version() == version
