"""Status spans from the observed history: where each starts and ends, and which statuses count."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd
from frame_fakes import frame, record, utc

from devin_data.analytics.members import positions_in
from devin_data.analytics.spans import NEVER, epoch_ns, from_epoch_ns, status_spans
from devin_data.frames.activity import build_status_history_frame

T0 = utc(2026, 3, 2, 9)
H = timedelta(hours=1)


def _ns(moment: object) -> int:
    return int(pd.Timestamp(moment).as_unit("ns").value)  # type: ignore[arg-type]


def test_spans_start_at_creation_and_end_at_the_next_observation() -> None:
    sessions = frame(
        [
            record("a", created=T0, status="exit"),
            record("b", created=T0 + H, status="error"),  # never observed
            record("c", created=T0, status="exit"),  # seen before its recorded creation
        ]
    )
    history = build_status_history_frame(
        {
            "devin-a": [
                {"observed_at": (T0 + 3 * H).timestamp(), "status": "exit"},
                {"observed_at": (T0 + 2 * H).timestamp(), "status": "running"},
            ],
            "devin-c": [{"observed_at": (T0 - H).timestamp(), "status": "odd_state"}],
            "devin-zz": [{"observed_at": T0.timestamp(), "status": "other_state"}],
        }
    )
    where = positions_in(history["session_id"], sessions["session_id"])
    spans = status_spans(history, sessions, where)
    rows = sorted(zip(spans["status"].astype("str"), spans["start"], spans["end"], strict=True))
    assert rows == sorted(
        [
            ("running", _ns(T0), _ns(T0 + 3 * H)),  # a: first span from its creation
            ("exit", _ns(T0 + 3 * H), NEVER),
            ("error", _ns(T0 + H), NEVER),  # b: one open span in its current status
            ("odd_state", _ns(T0 - H), NEVER),  # c: the earlier observation stands
        ]
    )
    # Every known status, then only the unknown ones a session in view has.
    assert spans["status"].cat.categories.to_list()[-1] == "odd_state"
    assert "other_state" not in spans["status"].cat.categories


def test_epoch_ns_reads_nat_as_never_and_back() -> None:
    moments = pd.Series(pd.to_datetime(["2026-03-02 09:00", None], utc=True)).dt.as_unit("ns")
    values = epoch_ns(moments)
    assert values.tolist() == [_ns("2026-03-02 09:00Z"), NEVER]
    back = from_epoch_ns(np.array([values[0]], dtype="int64"))
    assert back.tolist() == [pd.Timestamp("2026-03-02 09:00", tz="UTC")]
    assert str(back.dtype) == "datetime64[ns, UTC]"
