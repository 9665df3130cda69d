"""The sessions frame: one typed row per cached session record, without per-row pandas work."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from devin_data._gc import gc_paused
from devin_data.frames.columns import known_first, object_array, utc_from_epoch
from devin_data.frames.repositories import repositories_of
from devin_data.models import CATEGORIES, ORIGINS, SESSION_SIZES, STATUS_DETAILS, STATUSES
from devin_data.models.columnar import record_table

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
    ("creator_id", False),
    ("creator_code", False),
    ("tags", False),
    ("pr_count", True),
    ("prs_merged", True),
    ("prs_open", False),
    ("prs_closed", False),
    ("prs_state_unknown", True),
    ("has_merged_pr", False),
    ("pr_states", False),
    ("pr_repos", False),
    ("parent_session_id", False),
    ("child_count", False),
    ("is_archived", False),
    ("url", False),
    ("has_analysis", True),
)
SESSION_COLUMNS = tuple(name for name, _ in _COLUMNS)
EXPORT_COLUMNS = tuple(name for name, exported in _COLUMNS if exported)


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
    creator_id          str (NA allowed)            who created it: the service user, else the user
    creator_code        int64                       an integer per creator (-1 for none)
    tags                object (tuple of str)       tags
    pr_count            int64                       pull requests opened by the session
    prs_merged          Int64                       … of which the API calls merged (NA: no state)
    prs_open            Int64                       … of which open
    prs_closed          Int64                       … of which closed
    prs_state_unknown   Int64                       … of which the API reported no state
    has_merged_pr       boolean                     a PR is merged (NA: no merge, states missing)
    pr_states           object (tuple of str)       state of each PR ("unknown" when null)
    pr_repos            object (tuple of str)       repository of each PR, as pr_states ("" unknown)
    parent_session_id   str (NA allowed)            parent session
    child_count         int64                       number of child sessions
    is_archived         bool                        archived
    url                 str (NA allowed)            web-app link
    has_analysis        bool                        insights analysis is cached
    ==================  ==========================  ==========================================
    """
    with gc_paused():
        return frame_from_table(record_table(records))


def frame_from_table(table: pa.Table) -> pd.DataFrame:
    """The sessions frame of a table in :data:`devin_data.models.columnar.SCHEMA` (the store's
    snapshot), vectorised column by column: no Python work per row but the tuple columns."""
    cols = {name: table.column(name) for name in table.column_names}
    created = utc_from_epoch(cols["created_at"].to_numpy())
    updated = utc_from_epoch(cols["updated_at"].to_numpy())
    service_ids = _text(cols["service_user_id"])
    user_ids = _text(cols["user_id"])
    is_service = service_ids.notna().to_numpy(dtype="bool")
    creators = service_ids.where(is_service, user_ids)
    pr_states = cols["pr_states"]
    columns: dict[str, Any] = {
        "session_id": _text(cols["session_id"]),
        "title": _text(cols["title"]),
        "status": _enum(cols["status"], STATUSES),
        "status_detail": _enum(cols["status_detail"], STATUS_DETAILS),
        "origin": _enum(cols["origin"], ORIGINS),
        "category": _enum(cols["category"], CATEGORIES),
        "subcategory": _text(cols["subcategory"]),
        "session_size": _enum(cols["session_size"], SESSION_SIZES, ordered=True),
        "num_user_messages": _int(cols["num_user_messages"]),
        "num_devin_messages": _int(cols["num_devin_messages"]),
        "acus_consumed": cols["acus_consumed"].to_numpy(zero_copy_only=False),
        "created_at": created,
        "updated_at": updated,
        "duration": updated - created,
        "user_id": user_ids,
        "service_user_id": service_ids,
        "playbook_id": _text(cols["playbook_id"]),
        "is_service": is_service,
        "creator_id": creators,
        # Groupings by creator use these integers: strings hash slowly in pandas. Sorted, so a
        # creator's code does not depend on the order of the rows (a snapshot updated in place).
        "creator_code": pd.factorize(creators, sort=True)[0].astype("int64"),
        "tags": _tuples(cols["tags"]),
        "pr_count": pc.list_value_length(pr_states).to_numpy(zero_copy_only=False).astype("int64"),
        **_pr_columns(pr_states, len(table)),
        "pr_states": _tuples(pr_states),
        "pr_repos": _tuples(_repos(cols["pr_urls"])),
        "parent_session_id": _text(cols["parent_session_id"]),
        "child_count": cols["child_count"].to_numpy(),
        "is_archived": cols["is_archived"].to_numpy(zero_copy_only=False),
        "url": _text(cols["url"]),
        "has_analysis": cols["has_analysis"].to_numpy(zero_copy_only=False),
    }
    return pd.DataFrame(columns)


def _text(column: pa.ChunkedArray) -> pd.Series:
    """A pandas "str" column where empty strings and nulls are NA."""
    blank = pc.equal(column, "")
    if pc.any(blank).as_py():
        column = pc.if_else(blank, None, column)
    return pd.Series(pd.array(column.combine_chunks(), dtype="str"))


def _enum(
    column: pa.ChunkedArray, known: Sequence[str], *, ordered: bool = False
) -> pd.Categorical:
    """Known values first in their order, unknown ones appended sorted; blanks are NA."""
    codes = pc.dictionary_encode(pc.utf8_trim_whitespace(column).combine_chunks())
    observed = pd.Categorical.from_codes(
        codes.indices.fill_null(-1).to_numpy(), codes.dictionary.to_pylist()
    )
    return known_first(observed, known, ordered=ordered)


def _int(column: pa.ChunkedArray) -> pd.arrays.IntegerArray:
    values = column.combine_chunks()
    data = values.fill_null(0).to_numpy(zero_copy_only=False).astype("int64")
    return pd.arrays.IntegerArray(data, values.is_null().to_numpy(zero_copy_only=False))


def _tuples(column: pa.ChunkedArray) -> np.ndarray[Any, np.dtype[np.object_]]:
    """A list column as tuples, one Python tuple per distinct list (sessions share a handful of
    tag and PR-state combinations), spread over the rows by numpy indexing."""
    lists = column.combine_chunks()
    if len(lists) == 0:
        return object_array([])
    lengths = pc.cast(pc.list_value_length(lists), pa.string())
    key = pc.binary_join_element_wise(lengths, pc.binary_join(lists, "\x1f"), "\x1e")
    encoded = pc.dictionary_encode(key)
    codes = encoded.indices.fill_null(len(encoded.dictionary)).to_numpy(zero_copy_only=False)
    _, first = np.unique(codes, return_index=True)
    distinct = object_array([*([()] * (len(encoded.dictionary) + 1))])
    for code, row in zip(np.unique(codes), first, strict=True):
        value = lists[int(row)].as_py()
        distinct[code] = tuple(value) if value else ()
    spread: np.ndarray[Any, np.dtype[np.object_]] = distinct[codes]
    return spread


def _repos(urls: pa.ChunkedArray) -> pa.ChunkedArray:
    """Each session's PR URLs turned into repositories, list by list (see :mod:`.repositories`)."""
    lists = urls.combine_chunks()
    if len(lists) == 0:
        return pa.chunked_array([lists])
    lists = pa.ListArray.from_arrays(lists.offsets, lists.values) if lists.null_count else lists
    start, end = lists.offsets[0].as_py(), lists.offsets[-1].as_py()
    repos = repositories_of(lists.values.slice(start, end - start))
    offsets = pc.subtract(lists.offsets, start)
    return pa.chunked_array([pa.ListArray.from_arrays(offsets, repos)])


def _pr_columns(states: pa.ChunkedArray, rows: int) -> dict[str, Any]:
    """PR counts per state as the API reports them: a PR the API calls merged is counted even when
    another PR of the session has no state; those are counted apart in prs_state_unknown. The
    counts are NA only when no PR of the session has a state.
    has_merged_pr: True with a merged PR, False when all states are known and none is merged,
    NA when none is merged and some state is missing."""
    flat = states.combine_chunks()
    owners = pc.list_parent_indices(flat).to_numpy()
    values = pc.list_flatten(flat)

    def count(state: str) -> np.ndarray[Any, Any]:
        hits = pc.equal(values, state).to_numpy(zero_copy_only=False)
        return np.bincount(owners[hits], minlength=rows).astype("int64")

    counts = {wanted: count(wanted) for wanted in ("merged", "open", "closed", "unknown")}
    prs = np.bincount(owners, minlength=rows)
    # No state reported for any PR of the session (a v1 key): its counts are not available.
    unreported = (prs > 0) & (counts["unknown"] == prs)
    columns: dict[str, Any] = {}
    for wanted in ("merged", "open", "closed"):
        columns[f"prs_{wanted}"] = pd.arrays.IntegerArray(counts[wanted], unreported.copy())
    columns["prs_state_unknown"] = pd.array(counts["unknown"], dtype="Int64")
    merged = counts["merged"] > 0
    columns["has_merged_pr"] = pd.arrays.BooleanArray(merged, (counts["unknown"] > 0) & ~merged)
    return columns
