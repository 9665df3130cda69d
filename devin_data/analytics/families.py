"""Child sessions rolled up into their parents: a parent's cost, messages and outcome with its
children's (and their children's), beside its own.

A child counts toward every cached ancestor; one whose parent is not cached counts only for
itself. Chains are followed at most :data:`MAX_DEPTH` levels, so a malformed cycle cannot loop.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MAX_DEPTH = 16
ROLLED = {
    "acus_consumed": "family_acus",
    "num_user_messages": "family_user_messages",
    "num_devin_messages": "family_devin_messages",
    "pr_count": "family_prs",
    "prs_merged": "family_prs_merged",
}
FAMILY_COLUMNS = ("session_id", "family_sessions", *ROLLED.values())


def parent_positions(frame: pd.DataFrame) -> np.ndarray:
    """Each row's parent row position, -1 when it has none or the parent is not in ``frame``."""
    index = pd.Index(frame["session_id"].astype("object"))
    parents = frame["parent_session_id"].astype("object").to_numpy()
    found = index.get_indexer(pd.Index(parents).fillna(""))
    found[pd.isna(parents)] = -1
    return np.asarray(found, dtype="int64")


def _own(frame: pd.DataFrame, column: str) -> np.ndarray:
    return frame[column].astype("float64").fillna(0.0).to_numpy(dtype="float64")


def family_totals(frame: pd.DataFrame) -> pd.DataFrame:
    """Per session: sessions in its family (itself and every cached descendant) and the family's
    ACUs, user and Devin messages, PRs and merged PRs; values not reported count as 0."""
    parent = parent_positions(frame)
    own = {name: _own(frame, column) for column, name in ROLLED.items()}
    totals = {name: values.copy() for name, values in own.items()}
    sessions = np.ones(len(frame), dtype="int64")
    carrier = np.arange(len(frame))  # the row whose own values travel up its chain
    current = parent.copy()
    for _ in range(MAX_DEPTH):
        live = (current >= 0) & (current != carrier)
        if not live.any():
            break
        ancestors, sources = current[live], carrier[live]
        np.add.at(sessions, ancestors, 1)
        for name, values in own.items():
            np.add.at(totals[name], ancestors, values[sources])
        current = np.where(live, parent[np.maximum(current, 0)], -1)
    columns = {"session_id": frame["session_id"].to_numpy(), "family_sessions": sessions}
    return pd.DataFrame(columns | totals, index=frame.index)


def with_family(frame: pd.DataFrame, families: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the family columns of ``families`` (built on the whole cache), matched by
    session id, so a filtered frame still counts children the filters leave out."""
    found = _aligned(frame, families)
    extra = {name: found[name].to_numpy() for name in FAMILY_COLUMNS[1:]}
    return frame.assign(**extra)


def _aligned(frame: pd.DataFrame, families: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``families`` for ``frame``: by row label when ``frame`` was filtered from the
    frame they were built on (the labels then hold the same sessions), else by session id."""
    if frame.index.isin(families.index).all():
        found = families.loc[frame.index]
        if (found["session_id"].to_numpy() == frame["session_id"].to_numpy()).all():
            return found
    return families.set_index("session_id", drop=False).reindex(frame["session_id"].to_numpy())
