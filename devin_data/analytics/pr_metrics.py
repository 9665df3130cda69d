"""The API's pull-request metrics (``metrics/prs``) beside the same counts from cached sessions.

Both count the pull requests of the sessions created in one period. They differ when sessions
are missing from the cache (created before the synced period, or failed to load), when a PR
changed state since the last sync, or when a PR's state is unknown to the cache.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

# (row, API field, sessions-frame column)
PR_MEASURES = (
    ("PRs created", "prs_created_count", "pr_count"),
    ("Open", "prs_opened_count", "prs_open"),
    ("Merged", "prs_merged_count", "prs_merged"),
    ("Closed", "prs_closed_count", "prs_closed"),
)
SAME = "same"
API_NAME = "PRs from the API's metrics (metrics/prs)"
SESSIONS_NAME = "PRs of the cached sessions"
_ELSEWHERE = (
    "sessions of the period not cached (created before the synced period, or not loaded), or a "
    "pull request that changed state since the last sync"
)


def _where(difference: int) -> str:
    if difference == 0:
        return SAME
    side = "the API counts" if difference > 0 else "the cached sessions count"
    return f"{side} {abs(difference):,} more"


def _cause(name: str, difference: int, unknown: int) -> str:
    """Why the two counts of ``name`` differ: the cached PRs without a state first (they count
    only as created), the rest from sessions not cached or states changed since the sync."""
    if difference == 0:
        return "—"
    if name == PR_MEASURES[0][0] or difference < 0 or not unknown:
        return _ELSEWHERE[0].upper() + _ELSEWHERE[1:] + "."
    explained = min(unknown, difference)
    text = f"{explained:,} of the cached sessions' pull requests have no state in the cache"
    rest = difference - explained
    return text + (f"; the other {rest:,}: {_ELSEWHERE}." if rest else ".")


def compare_pr_metrics(api: Mapping[str, int], frame: pd.DataFrame) -> pd.DataFrame:
    """One row per measure: the API's count, the cached sessions' count, their difference
    (API − sessions), where they differ and the cause in words; PRs with an unknown state count
    only as created."""
    rows = []
    unknown = int(frame["prs_state_unknown"].fillna(0).sum()) if len(frame) else 0
    for name, field, column in PR_MEASURES:
        cached = int(frame[column].fillna(0).sum()) if len(frame) else 0
        reported = int(api.get(field, 0))
        difference = reported - cached
        rows.append(
            {
                "measure": name,
                "api": reported,
                "sessions": cached,
                "difference": difference,
                "where": _where(difference),
                "cause": _cause(name, difference, unknown),
            }
        )
    columns = ["measure", "api", "sessions", "difference", "where", "cause"]
    return pd.DataFrame(rows, columns=columns)
