"""The Timelines page on the demo organization: its four charts, the cap on bars, empty states."""

from __future__ import annotations

import base64
import html
import json
import os
from pathlib import Path
from typing import Any

import numpy as np
from apptest_helpers import expected_sessions, run_page
from streamlit.testing.v1 import AppTest

from devin_data.analytics.waiting import session_spans
from devin_data.charts.partial import PARTIAL_LEGEND
from devin_data.config import Settings
from devin_data.connect import store_for
from devin_data.frames.activity import build_messages_frame

PAGE = "app_pages/timelines.py"


def _figures(app: AppTest) -> list[dict[str, Any]]:
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def _array(value: Any) -> np.ndarray:
    """A plotly JSON array: a plain list, or a typed array (base64 ``bdata``)."""
    if isinstance(value, dict):
        flat = np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])
        return flat.reshape([int(n) for n in str(value.get("shape", len(flat))).split(",")])
    return np.asarray(value)


def _titled(app: AppTest, y_title: str) -> dict[str, Any]:
    """The one figure whose y axis (or, for horizontal bars, x axis) has this title."""
    found = [
        figure
        for figure in _figures(app)
        for axis in ("yaxis", "xaxis")
        if figure["layout"].get(axis, {}).get("title", {}).get("text") == y_title
    ]
    assert len(found) == 1, [f["layout"].get("yaxis", {}).get("title") for f in _figures(app)]
    return found[0]


def _total(figure: dict[str, Any], axis: str = "y", kind: str = "bar") -> float:
    drawn = [t for t in figure["data"] if t["type"] == kind and t["name"] != PARTIAL_LEGEND]
    return float(sum(_array(t[axis]).sum() for t in drawn))


def test_timelines_answer_where_the_time_goes(demo_environment: Path) -> None:
    app = run_page(PAGE)
    assert not app.exception, app.exception
    expected = expected_sessions()
    assert len(expected) > 40
    assert app.caption[0].value.startswith(f"{len(expected):,} sessions match the filters")
    assert [s.value for s in app.subheader] == [
        "Outcomes over time",
        "Working vs waiting on a person",
        "Status timeline",
        "Sessions running at once",
        "When sessions are created",
    ]
    # Outcomes count ended sessions only: the truth from the frame, without the page's code.
    ended = expected["status"].astype("str").isin(["exit", "error", "suspended"])
    outcomes = _titled(app, "Sessions ended")
    assert _total(outcomes) == int(ended.sum())
    assert int(ended.sum()) < len(expected)
    share = [t for t in outcomes["data"] if t["type"] == "scatter"]
    assert share[0]["name"] == "Share with a merged PR"
    assert all(v is None or 0 <= v <= 100 for t in share for v in _array(t["y"]))
    assert any(
        f"{len(expected) - int(ended.sum()):,} sessions have not ended" in c.value
        for c in app.caption
    )
    # Too many sessions for rows: sessions active per day, then the open ones row by row.
    assert any("too many to read one row each" in c.value for c in app.caption)
    active = _titled(app, "Sessions active per day")
    assert {trace["stackgroup"] for trace in active["data"]} == {"status"}
    running = _titled(app, "Sessions running at once")
    assert max(_array(running["data"][0]["y"])) >= 1
    heatmap = next(f for f in _figures(app) if f["data"][0]["type"] == "heatmap")
    assert _array(heatmap["data"][0]["z"]).shape == (7, 24)
    assert _array(heatmap["data"][0]["z"]).sum() == len(expected)


def test_the_sessions_running_now_get_a_labelled_row_each(demo_environment: Path) -> None:
    app = run_page(PAGE)
    open_now = expected_sessions()
    open_now = open_now[~open_now["status"].astype("str").isin(["exit", "error", "suspended"])]
    assert 0 < len(open_now) <= 40
    rows = next(f for f in _figures(app) if f["layout"]["yaxis"].get("tickvals"))
    ids = rows["layout"]["yaxis"]["tickvals"]
    assert sorted(ids) == sorted(open_now["session_id"])
    assert len(rows["layout"]["yaxis"]["ticktext"]) == len(ids)
    assert rows["layout"]["height"] >= 18 * len(ids)


def test_a_few_sessions_are_drawn_as_rows_without_an_aggregate(demo_environment: Path) -> None:
    app = run_page(PAGE, range="7d", size="xl")
    expected = expected_sessions(range="7d", size="xl")
    assert 0 < len(expected) <= 40
    assert not any("too many" in c.value for c in app.caption)
    rows = next(f for f in _figures(app) if f["layout"]["yaxis"].get("tickvals"))
    assert sorted(rows["layout"]["yaxis"]["tickvals"]) == sorted(expected["session_id"])
    titles = dict(zip(expected["session_id"], expected["title"], strict=True))
    for sid, text in zip(
        rows["layout"]["yaxis"]["tickvals"], rows["layout"]["yaxis"]["ticktext"], strict=True
    ):
        assert str(titles[sid])[:10] in html.unescape(text) or text == "(untitled)"


def test_fetched_messages_split_each_session_into_working_and_waiting(
    demo_environment: Path,
) -> None:
    params = {"range": "7d", "size": "xl"}
    app = run_page(PAGE, **params)
    ids = set(expected_sessions(**params)["session_id"])
    assert any(f"0 of {len(ids):,} sessions' messages cached" in c.value for c in app.caption)
    app.button(key="timelines_fetch_messages").click().run()
    assert not app.exception, app.exception
    assert any(
        f"{len(ids):,} of {len(ids):,} sessions' messages cached" in c.value for c in app.caption
    )
    cached = store_for(Settings.load(os.environ)).all_messages()
    assert ids <= set(cached)
    spans = session_spans(build_messages_frame({sid: cached[sid] for sid in ids}))
    hours = _titled(app, "Hours")
    working = sum(_array(t["y"]).sum() for t in hours["data"] if t["name"] == "Devin working")
    waiting = sum(_array(t["y"]).sum() for t in hours["data"] if t["name"] == "Waiting on a person")
    assert working > 0
    # Rounded to hundredths of an hour per bar, as drawn.
    tolerance = 0.005 * len(hours["data"][0]["x"]) + 1e-9
    assert abs(working - spans["working"].sum().total_seconds() / 3600) <= tolerance
    assert abs(waiting - spans["waiting"].sum().total_seconds() / 3600) <= tolerance
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Hours waiting on people"] == (
        f"{spans['waiting'].sum().total_seconds() / 3600:,.1f} h"
    )
    # A second run finds nothing left to fetch.
    assert not [b for b in app.button if b.key == "timelines_fetch_messages"]


def test_no_matching_session_shows_empty_states(demo_environment: Path) -> None:
    app = run_page(PAGE, q="zzzz-no-match")
    assert not app.exception
    assert not app.get("plotly_chart")
    assert "No sessions match these filters." in [info.value for info in app.main.info]
    assert app.caption[0].value.startswith("0 sessions match the filters")
