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


def _where(difference: int) -> str:
    if difference == 0:
        return SAME
    side = "the API counts" if difference > 0 else "the cached sessions count"
    return f"{side} {abs(difference):,} more"


def compare_pr_metrics(api: Mapping[str, int], frame: pd.DataFrame) -> pd.DataFrame:
    """One row per measure: the API's count, the cached sessions' count, their difference
    (API − sessions) and where they differ in words; PRs with an unknown state count only as
    created."""
    rows = []
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
            }
        )
    return pd.DataFrame(rows, columns=["measure", "api", "sessions", "difference", "where"])
