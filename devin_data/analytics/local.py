"""Times in the viewer's zone: the one conversion every page family shares."""

from __future__ import annotations

import pandas as pd


def wall(moments: pd.Series, tz: str) -> pd.Series:
    """UTC timestamps as naive wall-clock times in ``tz``, to the microsecond Plotly keeps."""
    local: pd.Series = moments.dt.tz_convert(tz).dt.tz_localize(None).dt.floor("us")
    return local
