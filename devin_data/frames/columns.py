"""Typed columns from plain values, shared by every frame builder, and the time conversions
every page family shares.

Open-set categoricals (known values first, unknown ones appended in sorted order), epoch seconds
to UTC timestamps, "str" columns with NA for blanks, and object arrays of tuples; UTC timestamps
as the viewer's wall-clock times (:func:`wall`) and as epoch nanoseconds for numpy sweeps
(:func:`epoch_ns`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import pyarrow as pa

NEVER = np.iinfo("int64").max  # the end of a span still open, and the time of a NaT


def enum_categorical(
    values: Sequence[object], known: Sequence[str], *, ordered: bool = False
) -> pd.Categorical:
    """Categorical whose categories are the known values in order, then unknown ones sorted.

    Blank strings count as missing, so they become NA rather than a category of their own.
    """
    return known_first(pd.Categorical(str_series(values)), known, ordered=ordered)


def known_first(
    observed: pd.Categorical, known: Sequence[str], *, ordered: bool = False
) -> pd.Categorical:
    """``observed`` recategorised: the known values in order, then the unknown ones sorted;
    blank categories become NA."""
    extra = sorted(
        str(value) for value in observed.categories if value not in known and str(value).strip()
    )
    return observed.set_categories([*known, *extra], ordered=ordered)


def utc_from_epoch(values: Sequence[object]) -> pd.DatetimeIndex:
    """Float epoch seconds (None for missing) to nanosecond UTC timestamps, vectorised."""
    seconds = np.array(values, dtype="float64")
    return pd.DatetimeIndex(pd.to_datetime(seconds, unit="s", utc=True)).as_unit("ns")


def str_series(values: Sequence[object]) -> pd.Series:
    """A pandas "str" column where empty strings and None become NA."""
    items = list(values)
    try:  # pyarrow converts a list of str/None several times faster than pandas' generic path
        series = pd.Series(pd.array(pa.array(items, type=pa.large_string()), dtype="str"))
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        series = pd.Series(items, dtype="str")
    return series.mask(series == "") if "" in items else series


def object_array(values: Sequence[object]) -> np.ndarray[Any, np.dtype[np.object_]]:
    """1-D object array of tuples (``np.array`` would turn equal-length tuples into 2-D)."""
    out = np.empty(len(values), dtype=object)
    for position, value in enumerate(values):
        out[position] = value
    return out


def wall(moments: pd.Series, tz: str) -> pd.Series:
    """UTC timestamps as naive wall-clock times in ``tz``, to the microsecond Plotly keeps."""
    local: pd.Series = moments.dt.tz_convert(tz).dt.tz_localize(None).dt.floor("us")
    return local


def epoch_ns(moments: pd.Series) -> np.ndarray:
    """Epoch nanoseconds of UTC timestamps, with NaT as "never" (the largest int64)."""
    values = moments.dt.as_unit("ns").to_numpy(dtype="datetime64[ns]").view("int64")
    return np.where(moments.isna().to_numpy(), NEVER, values)


def from_epoch_ns(values: npt.NDArray[np.int64]) -> pd.Series:
    """UTC timestamps of epoch nanoseconds (the inverse of :func:`epoch_ns` but for NaT)."""
    return pd.Series(pd.DatetimeIndex(values.view("datetime64[ns]")).tz_localize("UTC"))
