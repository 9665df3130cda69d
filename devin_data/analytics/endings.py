"""Outcomes over time: the sessions that ended in each local day or week, by how they ended.

A session has ended when its status is exit, error or suspended; it ended at its last update, in
the viewer's zone. Running sessions have not ended and are never counted. Status and status detail
are open sets: an unknown value keeps its own readable label.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from devin_data.analytics.coverage import ended
from devin_data.analytics.periods import period_start
from devin_data.frames.columns import wall
from devin_data.text.labels import label

Bin = Literal["D", "W"]
OUTCOME_COLUMNS = ("period", "outcome", "status", "status_detail", "sessions")
SHARE_COLUMNS = ("period", "ended", "with_merged_pr", "known", "share")


def outcome_label(status: object, detail: object) -> str:
    """``Exit · Finished``; the status alone when the API gives no detail."""
    if detail is None or pd.isna(detail):  # type: ignore[call-overload]
        return label(status)
    return f"{label(status)} · {label(detail)}"


def ended_sessions(frame: pd.DataFrame, tz: str, freq: Bin) -> pd.DataFrame:
    """The ended sessions with a known end, and the local period each ended in."""
    done = frame[ended(frame).to_numpy() & frame["updated_at"].notna().to_numpy()]
    return done.assign(period=period_start(wall(done["updated_at"], tz), freq))


def outcomes_over_time(frame: pd.DataFrame, tz: str = "UTC", freq: Bin = "D") -> pd.DataFrame:
    """Ended sessions per local period and (status, status detail), most common outcome first.

    Columns: period (datetime64[ns] wall-clock start), outcome (readable label), status and
    status_detail (API codes, detail NA when not given), sessions (int64). Periods without an
    ended session have no rows.
    """
    done = ended_sessions(frame, tz, freq)
    status = done["status"].astype("object")
    detail = done["status_detail"].astype("object").where(done["status_detail"].notna(), None)
    keys = pd.DataFrame({"period": done["period"], "status": status, "status_detail": detail})
    counts = keys.groupby(["period", "status", "status_detail"], dropna=False).size()
    out = counts.rename("sessions").reset_index()
    out["outcome"] = [
        outcome_label(s, d) for s, d in zip(out["status"], out["status_detail"], strict=True)
    ]
    total = out.groupby("outcome")["sessions"].transform("sum")
    out = out.assign(total=total).sort_values(
        ["total", "outcome", "period"], ascending=[False, True, True], kind="stable"
    )
    out["sessions"] = out["sessions"].astype("int64")
    return out.loc[:, list(OUTCOME_COLUMNS)].reset_index(drop=True)


def not_counted(frame: pd.DataFrame, outcomes: pd.DataFrame) -> int:
    """Sessions of ``frame`` its :func:`outcomes_over_time` leaves out: those not ended yet."""
    return len(frame) - int(outcomes["sessions"].sum())


def merged_share_over_time(frame: pd.DataFrame, tz: str = "UTC", freq: Bin = "D") -> pd.DataFrame:
    """Per local period: ended sessions, those with a merged PR, those whose PR states are known,
    and the share (with_merged_pr / known, NaN when none is known).

    A session without pull requests is known (no merge); one whose PR states are missing and
    shows no merge is left out, as in the "Sessions with a merged PR" card.
    """
    done = ended_sessions(frame, tz, freq)
    merged = done["has_merged_pr"].astype("boolean")
    grouped = (
        pd.DataFrame(
            {
                "period": done["period"],
                "ended": 1,
                "with_merged_pr": merged.fillna(False).astype("int64"),
                "known": merged.notna().astype("int64"),
            }
        )
        .groupby("period", as_index=False)[["ended", "with_merged_pr", "known"]]
        .sum()
    )
    known = grouped["known"].to_numpy(dtype="float64")
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(known > 0, grouped["with_merged_pr"] / np.maximum(known, 1), np.nan)
    grouped["share"] = share.astype("float64")
    return grouped.loc[:, list(SHARE_COLUMNS)].astype(
        {"ended": "int64", "with_merged_pr": "int64", "known": "int64"}
    )


def with_share(outcomes: pd.DataFrame, share: pd.DataFrame | None) -> pd.DataFrame:
    """The outcomes' download: each row with its period's merged-PR share and the sessions it
    rests on (``known``), so a share of one session reads as one in the file too."""
    if share is None:
        return outcomes
    figures = share.loc[:, ["period", "ended", "with_merged_pr", "known", "share"]]
    out = outcomes.merge(figures, on="period", how="left")
    order = [c for c in out.columns if c not in ("in_range", "partial")]
    return out.loc[:, order + [c for c in ("in_range", "partial") if c in out.columns]]
