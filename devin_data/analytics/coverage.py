"""Insight coverage: how many ended sessions have an insights analysis, week by week.

Only ended sessions (exit, error, suspended) can be analysed, so they are the denominator; a week
is the viewer's Monday-started week of the session's creation.
"""

from __future__ import annotations

import pandas as pd

from devin_data.analytics.periods import local_period
from devin_data.models import TERMINAL_STATUSES


def ended(sessions: pd.DataFrame) -> pd.Series:
    """Which sessions have ended, as a boolean mask."""
    mask: pd.Series = sessions["status"].astype("string").isin(TERMINAL_STATUSES).fillna(False)
    return mask.astype(bool)


def _analysed(sessions: pd.DataFrame) -> pd.Series:
    flags: pd.Series = sessions["has_analysis"].astype("boolean").fillna(False).astype(bool)
    return flags


def insight_coverage(sessions: pd.DataFrame, tz: str = "UTC") -> pd.DataFrame:
    """Ended sessions, those with insights and their share, per local week of creation.

    Columns: week (datetime64[ns] Monday 00:00 wall-clock in ``tz``), ended (int64),
    with_insights (int64), missing (int64), share (float64, with_insights / ended, 0..1).
    Weeks without an ended session are left out.
    """
    done = sessions[ended(sessions)]
    weeks = local_period(done["created_at"], "W", tz).rename("week")
    work = pd.DataFrame({"week": weeks, "analysed": _analysed(done)})
    grouped = work.groupby("week").agg(
        ended=("analysed", "size"), with_insights=("analysed", "sum")
    )
    out = grouped.reset_index().astype({"ended": "int64", "with_insights": "int64"})
    out["week"] = out["week"].astype("datetime64[ns]")
    out["missing"] = out["ended"] - out["with_insights"]
    out["share"] = (out["with_insights"] / out["ended"]).astype("float64")
    return out.sort_values("week", kind="stable").reset_index(drop=True)


def missing_insights(sessions: pd.DataFrame) -> list[str]:
    """Ids of the ended sessions without an insights analysis, newest first."""
    gaps = sessions[ended(sessions) & ~_analysed(sessions)]
    order = gaps.sort_values(["created_at", "session_id"], ascending=[False, True], kind="stable")
    return [str(sid) for sid in order["session_id"]]
