"""Messages and status-history frames: sorting, per-session positions, gaps and types."""

from __future__ import annotations

import numpy as np
import pandas as pd

from devin_data.frames.activity import build_messages_frame, build_status_history_frame
from devin_data.models import STATUS_DETAILS, STATUSES, Message

BASE = 1767254400.0  # 2026-01-01 08:00 UTC


def _msg(offset: float, source: str | None, event_id: str) -> dict[str, object]:
    body = {"event_id": event_id, "created_at": BASE + offset, "message": "hi"}
    if source is not None:
        body["source"] = source
    return Message.model_validate(body).to_record()


def _utc(*offsets: float | None) -> pd.DatetimeIndex:
    seconds = [np.nan if o is None else BASE + o for o in offsets]
    return pd.DatetimeIndex(pd.to_datetime(seconds, unit="s", utc=True)).as_unit("ns")


def test_messages_frame_sorted_with_index_and_gaps() -> None:
    messages = {
        "devin-b": [_msg(90, "devin", "b2"), _msg(30, "user", "b1")],
        "devin-a": [_msg(0, "user", "a1"), _msg(60, "devin", "a2"), _msg(61, "robot", "a3")],
    }
    got = build_messages_frame(messages)
    expected = pd.DataFrame(
        {
            "session_id": pd.Series(["devin-a"] * 3 + ["devin-b"] * 2, dtype="str"),
            "created_at": _utc(0, 60, 61, 30, 90),
            "source": pd.Categorical(
                ["user", "devin", "robot", "user", "devin"],
                dtype=pd.CategoricalDtype(["user", "devin", "robot"]),
            ),
            "event_id": pd.Series(["a1", "a2", "a3", "b1", "b2"], dtype="str"),
            "message_index": np.array([0, 1, 2, 0, 1], dtype="int64"),
            "gap_before": pd.to_timedelta([None, 60, 1, None, 60], unit="s").as_unit("ns"),
        }
    )
    pd.testing.assert_frame_equal(got, expected)


def test_messages_frame_empty() -> None:
    for value in ({}, {"devin-a": []}):
        got = build_messages_frame(value)
        assert got.empty
        assert got.dtypes.astype(str).to_dict() == {
            "session_id": "str",
            "created_at": "datetime64[ns, UTC]",
            "source": "category",
            "event_id": "str",
            "message_index": "int64",
            "gap_before": "timedelta64[ns]",
        }
        assert list(got["source"].cat.categories) == ["user", "devin"]


def test_status_history_frame() -> None:
    history = {
        "devin-a": [
            {
                "observed_at": BASE + 100,
                "status": "exit",
                "status_detail": None,
                "updated_at": None,
            },
            {
                "observed_at": BASE,
                "status": "running",
                "status_detail": "working",
                "updated_at": BASE - 5,
            },
        ],
        "devin-0": [{"observed_at": BASE + 1, "status": "hibernating", "updated_at": BASE}],
    }
    expected = pd.DataFrame(
        {
            "session_id": pd.Series(["devin-0", "devin-a", "devin-a"], dtype="str"),
            "observed_at": _utc(1, 0, 100),
            "status": pd.Categorical(
                ["hibernating", "running", "exit"],
                dtype=pd.CategoricalDtype([*STATUSES, "hibernating"]),
            ),
            "status_detail": pd.Categorical(
                [None, "working", None], dtype=pd.CategoricalDtype(STATUS_DETAILS)
            ),
            "updated_at": _utc(0, -5, None),
        }
    )
    pd.testing.assert_frame_equal(build_status_history_frame(history), expected)


def test_status_history_frame_empty() -> None:
    got = build_status_history_frame({})
    assert list(got.columns) == [
        "session_id",
        "observed_at",
        "status",
        "status_detail",
        "updated_at",
    ]
    assert got["observed_at"].dtype == "datetime64[ns, UTC]"
    assert got["status"].dtype == pd.CategoricalDtype(STATUSES)
