"""Downloads a person can read: readable labels beside the raw codes, numbers as shown.

Every chart and table download goes through :func:`download_table`, so a value reads in a file as
it reads on the page (``CI/CD and DevOps``), the API's code stays in a column of its own
(``category_code``) for joins, numbers carry the decimals the page shows and durations are minutes.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from devin_data.text.labels import ENUM_DIMENSIONS, label

CODE_SUFFIX = "_code"
MINUTES_SUFFIX = "_minutes"
# Decimals of a float column unless the caller says otherwise: shares to a tenth of a percent
# (as the charts show 12.3%), every other figure to two decimals (as ACUs are shown).
SHARE_DIGITS = 3
DEFAULT_DIGITS = 2


def readable(values: pd.Series) -> pd.Series:
    """The label of each value (object dtype); missing values stay missing, never "Unknown"."""
    codes = values.astype("object")
    present = codes.notna()
    out = pd.Series([None] * len(codes), index=codes.index, dtype="object")
    out[present] = [label(value) for value in codes[present]]
    return out


def _digits(column: str, digits: Mapping[str, int]) -> int:
    if column in digits:
        return digits[column]
    return SHARE_DIGITS if column.startswith("share") or column == "in_range" else DEFAULT_DIGITS


def _minutes(values: pd.Series) -> pd.Series:
    minutes: pd.Series = values.dt.total_seconds() / 60
    return minutes.round(1)


def download_table(
    frame: pd.DataFrame,
    *,
    codes: Mapping[str, str] | None = None,
    digits: Mapping[str, int] | None = None,
) -> pd.DataFrame:
    """``frame`` as a download: labelled codes, rounded floats, durations in minutes.

    A column of API codes (one named like a dimension, or mapped to one by ``codes``, e.g.
    ``{"value": "category"}``) becomes that dimension's readable label followed by
    ``<dimension>_code`` with the code itself; a duration ``d`` becomes ``d_minutes``; a float
    column is rounded to ``digits[column]`` decimals (shares to 3, others to 2 by default).
    """
    codes = codes or {}
    digits = digits or {}
    out: dict[str, pd.Series] = {}
    for column in frame.columns:
        values = frame[column]
        dimension = codes.get(column) or (column if column in ENUM_DIMENSIONS else None)
        if dimension is not None:
            out[dimension] = readable(values)
            out[dimension + CODE_SUFFIX] = values.astype("object").where(values.notna(), None)
        elif pd.api.types.is_timedelta64_dtype(values):
            out[column + MINUTES_SUFFIX] = _minutes(values)
        elif pd.api.types.is_float_dtype(values):
            out[column] = values.round(_digits(column, digits))
        else:
            out[column] = values
    return pd.DataFrame(out, index=frame.index).reset_index(drop=True)
