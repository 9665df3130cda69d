"""Epoch nanoseconds of session times, with NaT as "never"."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pandas as pd
from frame_fakes import utc

from devin_data.analytics.spans import NEVER, epoch_ns, from_epoch_ns

T0 = utc(2026, 3, 2, 9)
H = timedelta(hours=1)


def _ns(moment: object) -> int:
    return int(pd.Timestamp(moment).as_unit("ns").value)  # type: ignore[arg-type]


def test_epoch_ns_reads_nat_as_never_and_back() -> None:
    moments = pd.Series(pd.to_datetime(["2026-03-02 09:00", None], utc=True)).dt.as_unit("ns")
    values = epoch_ns(moments)
    assert values.tolist() == [_ns("2026-03-02 09:00Z"), NEVER]
    back = from_epoch_ns(np.array([values[0]], dtype="int64"))
    assert back.tolist() == [pd.Timestamp("2026-03-02 09:00", tz="UTC")]
    assert str(back.dtype) == "datetime64[ns, UTC]"
