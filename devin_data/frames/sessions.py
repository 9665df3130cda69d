"""The sessions frame: one typed row per cached session record, without per-row pandas work."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from devin_data._gc import gc_paused
from devin_data.frames.columns import enum_categorical, object_array, str_series, utc_from_epoch
from devin_data.models import CATEGORIES, ORIGINS, SESSION_SIZES, STATUS_DETAILS, STATUSES

Record = Mapping[str, Any]

# Every column of the sessions frame, in order, and whether ``devin-data export`` writes it: the
# export carries what a session record states, not what only the dashboard derives.
_COLUMNS = (
    ("session_id", True),
    ("title", True),
    ("status", True),
    ("status_detail", True),
    ("origin", True),
    ("category", True),
    ("subcategory", True),
    ("session_size", True),
    ("num_user_messages", True),
    ("num_devin_messages", True),
    ("acus_consumed", True),
    ("created_at", True),
    ("updated_at", True),
    ("duration", False),
    ("user_id", True),
    ("service_user_id", False),
    ("playbook_id", False),
    ("is_service", False),
    ("tags", False),
    ("pr_count", True),
    ("prs_merged", True),
    ("prs_open", False),
    ("prs_closed", False),
    ("has_merged_pr", False),
    ("pr_states", False),
    ("parent_session_id", False),
    ("child_count", False),
    ("is_archived", False),
    ("url", False),
    ("has_analysis", True),
)
SESSION_COLUMNS = tuple(name for name, _ in _COLUMNS)
EXPORT_COLUMNS = tuple(name for name, exported in _COLUMNS if exported)


def _column(records: Sequence[Record], key: str) -> list[Any]:
    try:  # cached records carry every field, and plain indexing is the fastest way to read them
        return [record[key] for record in records]
    except KeyError:
        return [record.get(key) for record in records]


def _pr_states(pull_requests: Any) -> tuple[str, ...]:
    """State of each pull request; a null state is kept as "unknown" so counts still add up."""
    if not pull_requests:
        return ()
    return tuple(pr.get("pr_state") or "unknown" for pr in pull_requests)


def _pr_columns(states: Sequence[tuple[str, ...]]) -> dict[str, Any]:
    """PR counts per state, NA where a PR of the session has no state (the count is unknown), and
    has_merged_pr: True with a merged PR, False when all states are known and none is merged."""
    unknown = np.array([bool(row) and "unknown" in row for row in states], dtype=bool)
    columns: dict[str, Any] = {}
    counts: dict[str, np.ndarray[Any, Any]] = {}
    for wanted in ("merged", "open", "closed"):
        counts[wanted] = np.array([row.count(wanted) if row else 0 for row in states], "int64")
        columns[f"prs_{wanted}"] = pd.arrays.IntegerArray(counts[wanted], unknown.copy())
    merged = counts["merged"] > 0
    columns["has_merged_pr"] = pd.arrays.BooleanArray(merged, unknown & ~merged)
    return columns


def _updated(created: list[Any], updated: list[Any]) -> list[Any]:
    """A record without ``updated_at`` has not changed since it was created."""
    return [c if u is None else u for c, u in zip(created, updated, strict=True)]


def build_sessions_frame(records: Iterable[Record]) -> pd.DataFrame:
    """One row per session record (``Session.to_record()`` shape), typed for analysis.

    A value the API did not report is NA (NaN for floats), never 0, so every figure built on it can
    leave it out and say so (see :mod:`devin_data.frames.availability`).

    ==================  ==========================  ==========================================
    column              dtype                       meaning
    ==================  ==========================  ==========================================
    session_id          str                         ``devin-…`` id
    title               str (NA allowed)            session title
    status              category                    models.STATUSES first, unknowns appended
    status_detail       category                    models.STATUS_DETAILS first, unknowns appended
    origin              category                    models.ORIGINS first, unknowns appended
    category            category                    models.CATEGORIES first, unknowns appended
    subcategory         str (NA allowed)            display name of the subcategory
    session_size        ordered category            xs < s < m < l < xl, unknowns appended
    num_user_messages   Int64                       user messages (NA when unknown)
    num_devin_messages  Int64                       Devin messages (NA when unknown)
    acus_consumed       float64                     ACUs (NaN when unknown)
    created_at          datetime64[ns, UTC]         creation time
    updated_at          datetime64[ns, UTC]         last update time
    duration            timedelta64[ns]             updated_at − created_at
    user_id             str (NA allowed)            creating user
    service_user_id     str (NA allowed)            creating service user
    playbook_id         str (NA allowed)            playbook used
    is_service          bool                        created by a service user
    tags                object (tuple of str)       tags
    pr_count            int64                       pull requests opened by the session
    prs_merged          Int64                       … of which merged (NA when a state is missing)
    prs_open            Int64                       … of which open (NA likewise)
    prs_closed          Int64                       … of which closed (NA likewise)
    has_merged_pr       boolean                     a PR is merged (NA: no merge, states missing)
    pr_states           object (tuple of str)       state of each PR ("unknown" when null)
    parent_session_id   str (NA allowed)            parent session
    child_count         int64                       number of child sessions
    is_archived         bool                        archived
    url                 str (NA allowed)            web-app link
    has_analysis        bool                        insights analysis is cached
    ==================  ==========================  ==========================================
    """
    with gc_paused():
        return _sessions_frame(list(records))


def _sessions_frame(rows: list[Record]) -> pd.DataFrame:
    created_raw = _column(rows, "created_at")
    created = utc_from_epoch(created_raw)
    updated = utc_from_epoch(_updated(created_raw, _column(rows, "updated_at")))
    pr_states = [_pr_states(value) for value in _column(rows, "pull_requests")]
    service_ids = str_series(_column(rows, "service_user_id"))
    columns: dict[str, Any] = {
        "session_id": str_series(_column(rows, "session_id")),
        "title": str_series(_column(rows, "title")),
        "status": enum_categorical(_column(rows, "status"), STATUSES),
        "status_detail": enum_categorical(_column(rows, "status_detail"), STATUS_DETAILS),
        "origin": enum_categorical(_column(rows, "origin"), ORIGINS),
        "category": enum_categorical(_column(rows, "category"), CATEGORIES),
        "subcategory": str_series(_column(rows, "subcategory")),
        "session_size": enum_categorical(
            _column(rows, "session_size"), SESSION_SIZES, ordered=True
        ),
        "num_user_messages": pd.array(_column(rows, "num_user_messages"), dtype="Int64"),
        "num_devin_messages": pd.array(_column(rows, "num_devin_messages"), dtype="Int64"),
        "acus_consumed": np.array(_column(rows, "acus_consumed"), dtype="float64"),
        "created_at": created,
        "updated_at": updated,
        "duration": updated - created,
        "user_id": str_series(_column(rows, "user_id")),
        "service_user_id": service_ids,
        "playbook_id": str_series(_column(rows, "playbook_id")),
        "is_service": service_ids.notna().to_numpy(dtype="bool"),
        "tags": object_array([tuple(v) if v else () for v in _column(rows, "tags")]),
        "pr_count": np.array([len(row) for row in pr_states], dtype="int64"),
        **_pr_columns(pr_states),
        "pr_states": object_array(pr_states),
        "parent_session_id": str_series(_column(rows, "parent_session_id")),
        "child_count": np.array(
            [len(v) if v else 0 for v in _column(rows, "child_session_ids")], dtype="int64"
        ),
        "is_archived": np.array(_column(rows, "is_archived"), dtype="bool"),
        "url": str_series(_column(rows, "url")),
        "has_analysis": np.array(_column(rows, "has_analysis"), dtype="bool"),
    }
    return pd.DataFrame(columns)
