"""Typed columns shared by the frame builders, and epoch nanoseconds with NaT as "never"."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from devin_data.frames.columns import NEVER, enum_categorical, epoch_ns, from_epoch_ns
from devin_data.models import STATUSES


@pytest.mark.parametrize(
    ("values", "expected"),
    [([], []), ([None, "exit"], [None, "exit"]), (["  "], [None])],
)
def test_enum_categorical_missing_values(values: list[str | None], expected: list[str | None]):
    got = enum_categorical(values, STATUSES)
    assert [None if pd.isna(v) else v for v in got] == expected
    assert list(got.categories) == list(STATUSES)


def _ns(moment: object) -> int:
    return int(pd.Timestamp(moment).as_unit("ns").value)  # type: ignore[arg-type]


def test_epoch_ns_reads_nat_as_never_and_back() -> None:
    moments = pd.Series(pd.to_datetime(["2026-03-02 09:00", None], utc=True)).dt.as_unit("ns")
    values = epoch_ns(moments)
    assert values.tolist() == [_ns("2026-03-02 09:00Z"), NEVER]
    back = from_epoch_ns(np.array([values[0]], dtype="int64"))
    assert back.tolist() == [pd.Timestamp("2026-03-02 09:00", tz="UTC")]
    assert str(back.dtype) == "datetime64[ns, UTC]"
