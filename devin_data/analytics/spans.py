"""Times as epoch nanoseconds, so a sweep over session spans can count them with numpy."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

NEVER = np.iinfo("int64").max  # the end of a span still open, and the time of a NaT


def epoch_ns(moments: pd.Series) -> np.ndarray:
    """Epoch nanoseconds of UTC timestamps, with NaT as "never" (the largest int64)."""
    values = moments.dt.as_unit("ns").to_numpy(dtype="datetime64[ns]").view("int64")
    return np.where(moments.isna().to_numpy(), NEVER, values)


def from_epoch_ns(values: npt.NDArray[np.int64]) -> pd.Series:
    """UTC timestamps of epoch nanoseconds (the inverse of :func:`epoch_ns` but for NaT)."""
    return pd.Series(pd.DatetimeIndex(values.view("datetime64[ns]")).tz_localize("UTC"))
