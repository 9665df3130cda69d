"""Team roll-ups and learning curves: do people get better at working with Devin over time?

A session's rank is its place among its creator's cached sessions, oldest first (1 is their
first). Learning curves pool sessions by rank bucket (1st–5th, 6th–20th, 21st and later) across
people, and per team; each bucket gives the merged-PR rate, the L/XL share and the user messages
per session, each over the sessions that report it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from devin_data.analytics.kpis import LARGE_SIZES
from devin_data.analytics.roster import creator

BUCKETS = ("1st–5th", "6th–20th", "21st+")
_EDGES = (0, 5, 20, np.inf)
ALL_PEOPLE = "All people"
NO_TEAM = "No team"


def session_ranks(frame: pd.DataFrame) -> pd.Series:
    """Each session's rank among its creator's sessions by creation time (NA without creator),
    indexed like ``frame``."""
    who = creator(frame)
    order = frame["created_at"].sort_values(kind="stable").index
    ranked = who.loc[order]
    ranks = ranked.groupby(ranked.to_numpy(), sort=False).cumcount() + 1
    out = pd.Series(pd.array(np.full(len(frame), pd.NA), dtype="Int64"), index=frame.index)
    known = ranked.notna().to_numpy()
    out.loc[order[known]] = ranks.to_numpy()[known]
    return out


def _measures(frame: pd.DataFrame, keys: list[pd.Series]) -> pd.DataFrame:
    size = frame["session_size"]
    values = pd.DataFrame(
        {
            "people": creator(frame).to_numpy(),
            "sessions": np.ones(len(frame), dtype="int64"),
            "merged_pr_rate": frame["has_merged_pr"].to_numpy(dtype="float64", na_value=np.nan),
            "share_large": size.isin(LARGE_SIZES).astype("float64").where(size.notna()).to_numpy(),
            "user_messages_per_session": frame["num_user_messages"].to_numpy(
                dtype="float64", na_value=np.nan
            ),
        }
    )
    grouped = values.groupby([key.to_numpy() for key in keys], observed=True, sort=True)
    out = grouped.agg(
        people=("people", "nunique"),
        sessions=("sessions", "sum"),
        merged_pr_rate=("merged_pr_rate", "mean"),
        share_large=("share_large", "mean"),
        user_messages_per_session=("user_messages_per_session", "mean"),
    )
    return out.reset_index(names=[key.name for key in keys])


def _teams(frame: pd.DataFrame) -> pd.Series:
    team = frame["team"] if "team" in frame else pd.Series(pd.NA, index=frame.index, dtype="str")
    return team.fillna(NO_TEAM).rename("team")


def team_rollup(frame: pd.DataFrame) -> pd.DataFrame:
    """Per team (people without one under :data:`NO_TEAM`): people, sessions, ACUs and rates."""
    keyed = frame[creator(frame).notna().to_numpy()]
    out = _measures(keyed, [_teams(keyed)])
    acus = keyed["acus_consumed"].groupby(_teams(keyed).to_numpy()).sum(min_count=1)
    out.insert(3, "acus", acus.reindex(out["team"]).to_numpy())
    return out.sort_values(["sessions", "team"], ascending=[False, True]).reset_index(drop=True)


def learning_curves(frame: pd.DataFrame, ranks: pd.Series) -> pd.DataFrame:
    """Measures per rank bucket, pooled (team :data:`ALL_PEOPLE`) and per team.

    ``ranks`` is :func:`session_ranks` of the whole cache (so a rank counts every session of the
    person), indexed like ``frame``'s rows. Columns: team, bucket (ordered category), people,
    sessions, merged_pr_rate, share_large, user_messages_per_session.
    """
    rank = ranks.reindex(frame.index)
    keyed = frame[rank.notna().to_numpy()]
    cuts = pd.cut(rank.dropna().astype("float64"), _EDGES, labels=list(BUCKETS))
    bucket = pd.Series(pd.Categorical(cuts, categories=BUCKETS, ordered=True), name="bucket")
    bucket.index = keyed.index
    pooled = _measures(keyed, [bucket])
    pooled.insert(0, "team", ALL_PEOPLE)
    per_team = _measures(keyed, [_teams(keyed), bucket])
    out = pd.concat([pooled, per_team], ignore_index=True)
    out["bucket"] = pd.Categorical(out["bucket"], categories=BUCKETS, ordered=True)
    return out
