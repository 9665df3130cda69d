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

BUCKETS = ("1st–5th", "6th–20th", "21st+")
_EDGES = (0, 5, 20, np.inf)
ALL_PEOPLE = "All people"
NO_TEAM = "No team"


def session_ranks(frame: pd.DataFrame) -> pd.Series:
    """Each session's rank among its creator's sessions by creation time (0 without creator),
    indexed like ``frame``."""
    order = np.argsort(frame["created_at"].to_numpy(dtype="datetime64[ns]"), kind="stable")
    codes = frame["creator_code"].to_numpy()[order]
    ranks = pd.Series(codes).groupby(codes).cumcount().to_numpy() + 1
    out = np.zeros(len(frame), dtype="int64")
    out[order] = np.where(codes >= 0, ranks, 0)
    return pd.Series(out, index=frame.index)


def _mean(codes: np.ndarray, groups: int, values: np.ndarray) -> np.ndarray:
    """Mean of ``values`` per group over the non-NaN ones (NaN where a group has none)."""
    known = ~np.isnan(values)
    total = np.bincount(codes, weights=np.where(known, values, 0.0), minlength=groups)
    count = np.bincount(codes, weights=known.astype("float64"), minlength=groups)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(count > 0, total / np.maximum(count, 1), np.nan)


def _group(keys: list[pd.Series]) -> tuple[np.ndarray, pd.DataFrame]:
    """Integer group codes of the key combinations present, and those combinations in order."""
    combined = np.zeros(len(keys[0]), dtype="int64")
    levels = []
    for key in keys:
        codes, uniques = pd.factorize(key, sort=True)
        combined = combined * len(uniques) + codes
        levels.append(uniques)
    present, inverse = np.unique(combined, return_inverse=True)
    columns: dict[str, object] = {}
    rest = present
    for key, level in zip(reversed(keys), reversed(levels), strict=True):
        columns[str(key.name)] = np.asarray(level)[rest % len(level)] if len(level) else []
        rest = rest // max(len(level), 1)
    ordered = {str(key.name): columns[str(key.name)] for key in keys}
    return inverse.reshape(-1), pd.DataFrame(ordered)


def _measures(frame: pd.DataFrame, keys: list[pd.Series]) -> pd.DataFrame:
    """People, sessions, ACUs and the three rates per combination of ``keys`` present, in key
    order; grouped with numpy over integer codes, as strings and tuples hash slowly in pandas."""
    codes, out = _group(keys)
    count = len(out)
    people, _ = pd.factorize(frame["creator_code"].to_numpy())
    width = int(people.max()) + 1 if len(people) else 1
    pairs = np.unique(codes.astype("int64") * width + people)
    out["people"] = np.bincount(pairs // width, minlength=count)
    out["sessions"] = np.bincount(codes, minlength=count).astype("int64")
    acus = frame["acus_consumed"].to_numpy(dtype="float64")
    reported = np.bincount(codes, weights=(~np.isnan(acus)).astype("float64"), minlength=count)
    total = np.bincount(codes, weights=np.nan_to_num(acus), minlength=count)
    out["acus"] = np.where(reported > 0, total, np.nan)
    out["merged_pr_rate"] = _mean(
        codes, count, frame["has_merged_pr"].to_numpy(dtype="float64", na_value=np.nan)
    )
    size = frame["session_size"]
    large = size.isin(LARGE_SIZES).astype("float64").where(size.notna()).to_numpy()
    out["share_large"] = _mean(codes, count, large)
    messages = frame["num_user_messages"].to_numpy(dtype="float64", na_value=np.nan)
    out["user_messages_per_session"] = _mean(codes, count, messages)
    return out


def _teams(frame: pd.DataFrame) -> pd.Series:
    team = frame["team"] if "team" in frame else pd.Series(pd.NA, index=frame.index, dtype="str")
    return team.fillna(NO_TEAM).rename("team")


def team_rollup(frame: pd.DataFrame) -> pd.DataFrame:
    """Per team (people without one under :data:`NO_TEAM`): people, sessions, ACUs and rates."""
    keyed = frame[frame["creator_id"].notna().to_numpy()]
    out = _measures(keyed, [_teams(keyed)])
    return out.sort_values(["sessions", "team"], ascending=[False, True]).reset_index(drop=True)


def learning_curves(frame: pd.DataFrame, ranks: pd.Series) -> pd.DataFrame:
    """Measures per rank bucket, pooled (team :data:`ALL_PEOPLE`) and per team.

    ``ranks`` is :func:`session_ranks` of the whole cache (so a rank counts every session of the
    person), indexed like ``frame``'s rows. Columns: team, bucket (ordered category), people,
    sessions, merged_pr_rate, share_large, user_messages_per_session.
    """
    rank = ranks.reindex(frame.index, fill_value=0).to_numpy()
    keyed = frame[rank > 0]
    codes = np.searchsorted(np.array(_EDGES[1:-1]), rank[rank > 0], side="left")
    bucket = pd.Series(
        pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(list(BUCKETS), ordered=True)),
        index=keyed.index,
        name="bucket",
    )
    pooled = _measures(keyed, [bucket])
    pooled.insert(0, "team", ALL_PEOPLE)
    per_team = _measures(keyed, [_teams(keyed), bucket])
    out = pd.concat([pooled, per_team], ignore_index=True).drop(columns="acus")
    out["bucket"] = pd.Categorical(out["bucket"], categories=BUCKETS, ordered=True)
    return out
