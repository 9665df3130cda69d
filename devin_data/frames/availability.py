"""Which session fields the API reports, and how to say so when a figure cannot be shown.

A v1 key (``apk_``) reads an API without ACUs, pull request states, size class, category, insights,
service users or session links: figures built on those are "not available", never 0. A field the
API could report but left empty for some sessions is left out, and the figure says how many.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from devin_data.config import ApiVersion

V1_REASON: Final = "not reported by the v1 API; use a v3 key"
NO_VALUE_REASON: Final = "not reported for these sessions"

# Sessions-frame column -> how a sentence names it, for every column the v1 API never fills.
V1_UNREPORTED: Final[dict[str, str]] = {
    "acus_consumed": "ACUs",
    "session_size": "size class",
    "category": "category",
    "subcategory": "subcategory",
    "pr_states": "pull request states",
    "prs_merged": "pull request states",
    "prs_state_unknown": "pull request states",
    "prs_open": "pull request states",
    "prs_closed": "pull request states",
    "has_merged_pr": "pull request states",
    "has_analysis": "insights",
    "service_user_id": "service users",
    "url": "links to Devin",
    "family_acus": "ACUs",
    "family_prs_merged": "pull request states",
}
# Columns whose missing values mean "not reported" (others, like title, may simply be empty).
MEASURED: Final[dict[str, str]] = {
    "acus_consumed": "ACUs",
    "session_size": "size class",
    "category": "category",
    "num_user_messages": "user messages",
    "num_devin_messages": "Devin messages",
    "has_merged_pr": "pull request state",
    "prs_merged": "merged pull requests",
}


def api_reason(column: str, api: ApiVersion) -> str | None:
    """Why ``column`` is never available with this API, or None when the API reports it."""
    return V1_REASON if api == "v1" and column in V1_UNREPORTED else None


def unreported_columns(columns: list[str], api: ApiVersion) -> list[str]:
    """The columns of ``columns`` this API never reports, in their order."""
    return [column for column in columns if api_reason(column, api)]


def left_out_note(frame: pd.DataFrame, column: str) -> str | None:
    """E.g. "ACUs of 3 of 40 sessions not reported"; None when every session reports it."""
    missing = int(frame[column].isna().sum())
    if not missing:
        return None
    return f"{MEASURED.get(column, column)} of {missing:,} of {len(frame):,} sessions not reported"


def missing_reason(frame: pd.DataFrame, column: str, api: ApiVersion) -> str | None:
    """Why nothing in ``column`` can be shown for ``frame``: the API, or no session reports it."""
    reason = api_reason(column, api)
    if reason is None and len(frame) and frame[column].isna().all():
        reason = NO_VALUE_REASON
    return reason


def empty_message(frame: pd.DataFrame, column: str, api: ApiVersion) -> str | None:
    """The empty state of a chart of ``column``, when the cause is the data, not the filters."""
    reason = missing_reason(frame, column, api)
    if reason is None:
        return None
    what = MEASURED.get(column) or V1_UNREPORTED.get(column) or column
    return f"{what[0].upper()}{what[1:]}: {reason}."
