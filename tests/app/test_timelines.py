"""The Timelines page on the demo organization: its four charts, the cap on bars, empty states."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from typing import Any

import numpy as np
from apptest_helpers import expected_sessions, run_page
from streamlit.testing.v1 import AppTest

from devin_data.config import Settings
from devin_data.connect import store_for

PAGE = "app_pages/timelines.py"


def _figures(app: AppTest) -> list[dict[str, Any]]:
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def _array(value: Any) -> np.ndarray:
    """A plotly JSON array: a plain list, or a typed array (base64 ``bdata``)."""
    if isinstance(value, dict):
        flat = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        return flat.reshape([int(n) for n in str(value.get("shape", len(flat))).split(",")])
    return np.asarray(value)


def _bars(figure: dict[str, Any]) -> int:
    return sum(len(trace["y"]) for trace in figure["data"])


def test_timelines_draw_four_charts_for_the_filtered_sessions(demo_environment: Path) -> None:
    app = run_page(PAGE)
    assert not app.exception, app.exception
    expected = expected_sessions()
    assert len(expected) > 150
    assert app.caption[0].value.startswith(f"{len(expected):,} sessions match the filters")
    assert [s.value for s in app.subheader] == [
        "Status timeline",
        "Sessions by status over time",
        "Sessions running at once",
        "When sessions are created",
    ]
    recent, history, running, heatmap = _figures(app)
    assert _bars(recent) == 150
    assert {trace["type"] for trace in recent["data"]} == {"bar"}
    assert any(f"150 most recently created of {len(expected):,}" in c.value for c in app.caption)
    # Every filtered session is counted at the end of the last day.
    last_day = sum(trace["y"][-1] for trace in history["data"])
    assert last_day == len(expected)
    assert running["data"][0]["type"] == "scatter"
    assert max(running["data"][0]["y"]) >= 1
    assert heatmap["data"][0]["type"] == "heatmap"
    assert _array(heatmap["data"][0]["z"]).shape == (7, 24)
    assert _array(heatmap["data"][0]["z"]).sum() == len(expected)


def test_status_history_caption_counts_the_observations(demo_environment: Path) -> None:
    app = run_page(PAGE)
    ids = set(expected_sessions()["session_id"])
    history = store_for(Settings.load(os.environ)).status_history()
    observations = sum(len(rows) for sid, rows in history.items() if sid in ids)
    assert observations >= len(ids)
    assert any(f"Built from {observations:,} observations" in c.value for c in app.caption)


def test_the_slider_caps_bars_and_the_toggle_shows_every_session(
    demo_environment: Path,
) -> None:
    app = run_page(PAGE)
    app.slider(key="timeline_limit").set_value(50).run()
    assert _bars(_figures(app)[0]) == 50
    app.toggle(key="timeline_all").set_value(True).run()
    assert not app.exception
    figures = _figures(app)
    assert len(figures) == 5
    created = figures[1]
    assert {trace["stackgroup"] for trace in created["data"]} == {"status"}
    assert sum(sum(trace["y"]) for trace in created["data"]) == len(expected_sessions())


def test_no_matching_session_shows_empty_states(demo_environment: Path) -> None:
    app = run_page(PAGE, q="zzzz-no-match")
    assert not app.exception
    assert not app.get("plotly_chart")
    assert [info.value for info in app.main.info] == ["No sessions match these filters."] * 4
    assert app.caption[0].value.startswith("0 sessions match the filters")
