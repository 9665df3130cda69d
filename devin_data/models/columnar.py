"""The columnar form of cached session records: one Arrow column per field the frames read.

The store writes its snapshot in this schema and the sessions frame is built from it, so a page
never decodes a JSON record. Values stay as the record states them (enum codes as text, times as
epoch seconds, NA where the API said nothing); typing them for analysis is the frame's work.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pyarrow as pa

Record = Mapping[str, Any]

TEXT = (
    "session_id",
    "title",
    "status",
    "status_detail",
    "origin",
    "category",
    "subcategory",
    "session_size",
    "user_id",
    "service_user_id",
    "playbook_id",
    "parent_session_id",
    "url",
)
_STRINGS = pa.list_(pa.string())
SCHEMA = pa.schema(
    [
        *(pa.field(name, pa.string()) for name in TEXT),
        pa.field("num_user_messages", pa.int64()),
        pa.field("num_devin_messages", pa.int64()),
        pa.field("acus_consumed", pa.float64()),
        pa.field("created_at", pa.float64()),
        pa.field("updated_at", pa.float64()),
        pa.field("tags", pa.list_(pa.string())),
        pa.field("pr_states", pa.list_(pa.string())),
        pa.field("child_count", pa.int64()),
        pa.field("is_archived", pa.bool_()),
        pa.field("has_analysis", pa.bool_()),
    ]
)


def _column(records: Sequence[Record], key: str) -> list[Any]:
    try:  # cached records carry every field, and plain indexing is the fastest way to read them
        return [record[key] for record in records]
    except KeyError:
        return [record.get(key) for record in records]


def _text(values: list[Any]) -> pa.Array:
    try:
        return pa.array(values, pa.string())
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # a value of another JSON type: keep its text
        return pa.array([None if v is None else str(v) for v in values], pa.string())


def _pr_states(pull_requests: Any) -> list[str]:
    """State of each pull request; a null state is kept as "unknown" so counts still add up."""
    if not pull_requests:
        return []
    return [pr.get("pr_state") or "unknown" for pr in pull_requests]


def _number(values: list[Any], kind: pa.DataType) -> pa.Array:
    try:
        return pa.array(values, kind)
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # text or a bool where a number belongs: NA
        numbers = (int, float)
        return pa.array(
            [v if isinstance(v, numbers) and not isinstance(v, bool) else None for v in values],
            kind,
        )


def record_batch(records: Iterable[Record]) -> pa.RecordBatch:
    """The records (``Session.to_record()`` shape) as one batch of :data:`SCHEMA`."""
    rows = list(records)
    created = _column(rows, "created_at")
    updated = [
        c if u is None else u for c, u in zip(created, _column(rows, "updated_at"), strict=True)
    ]
    arrays = [_text(_column(rows, name)) for name in TEXT]
    arrays += [
        _number(_column(rows, "num_user_messages"), pa.int64()),
        _number(_column(rows, "num_devin_messages"), pa.int64()),
        _number(_column(rows, "acus_consumed"), pa.float64()),
        _number(created, pa.float64()),
        _number(updated, pa.float64()),
        pa.array([list(v) if v else [] for v in _column(rows, "tags")], _STRINGS),
        pa.array([_pr_states(v) for v in _column(rows, "pull_requests")], _STRINGS),
        pa.array([len(v) if v else 0 for v in _column(rows, "child_session_ids")], pa.int64()),
        pa.array([bool(v) for v in _column(rows, "is_archived")], pa.bool_()),
        pa.array([bool(v) for v in _column(rows, "has_analysis")], pa.bool_()),
    ]
    return pa.RecordBatch.from_arrays(arrays, schema=SCHEMA)


def record_table(records: Iterable[Record]) -> pa.Table:
    return pa.Table.from_batches([record_batch(records)], schema=SCHEMA)
