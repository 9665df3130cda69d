"""The columnar form of cached session records: one Arrow column per field the frames read.

The store writes its snapshot in this schema and the sessions frame is built from it, so a page
never decodes a JSON record. Values stay as the record states them (enum codes as text, times as
epoch seconds, NA where the API said nothing); typing them for analysis is the frame's work.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.json as pa_json

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
        pa.field("tags", _STRINGS),
        pa.field("pr_states", _STRINGS),
        pa.field("pr_urls", _STRINGS),
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


def _pr_urls(pull_requests: Any) -> list[str]:
    """URL of each pull request, in the order of :func:`_pr_states`; "" where none is given."""
    if not pull_requests:
        return []
    return [str(pr.get("pr_url") or "") for pr in pull_requests]


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
        pa.array([_pr_urls(v) for v in _column(rows, "pull_requests")], _STRINGS),
        pa.array([len(v) if v else 0 for v in _column(rows, "child_session_ids")], pa.int64()),
        pa.array([bool(v) for v in _column(rows, "is_archived")], pa.bool_()),
        pa.array([bool(v) for v in _column(rows, "has_analysis")], pa.bool_()),
    ]
    return pa.RecordBatch.from_arrays(arrays, schema=SCHEMA)


def record_table(records: Iterable[Record]) -> pa.Table:
    return pa.Table.from_batches([record_batch(records)], schema=SCHEMA)


# The fields of a stored record that the columns come from, as Arrow reads them from JSON: those
# of SCHEMA, but the three that are derived from a list (both PR columns from one).
_PULL_REQUEST = pa.struct([pa.field("pr_state", pa.string()), pa.field("pr_url", pa.string())])
_SOURCES = {
    "pr_states": pa.field("pull_requests", pa.list_(_PULL_REQUEST)),
    "child_count": pa.field("child_session_ids", _STRINGS),
}
_JSON_SCHEMA = pa.schema(
    [_SOURCES.get(field.name, field) for field in SCHEMA if field.name != "pr_urls"]
)
_PARSE = pa_json.ParseOptions(explicit_schema=_JSON_SCHEMA, unexpected_field_behavior="ignore")


def _constants() -> pa.Table:
    """The fill values, read by Arrow itself: turning a Python value into an Arrow one makes
    pyarrow import pandas, which would double the start-up time of a command-line sync."""
    data = io.BytesIO(b'{"zero": 0, "unknown": "unknown", "blank": "", "no": false}')
    return pa_json.read_json(data, read_options=pa_json.ReadOptions(use_threads=False))


_FILL = _constants()


def json_batch(lines: list[bytes]) -> pa.RecordBatch:
    """Stored JSON records as one batch of :data:`SCHEMA`, parsed by Arrow without a Python
    object per value; a record of another shape falls back to :func:`record_batch`."""
    if not lines:
        return pa.RecordBatch.from_arrays([pa.nulls(0, f.type) for f in SCHEMA], schema=SCHEMA)
    try:
        data = b"\n".join(lines)
        # One block, on the calling thread: Arrow's threads would each keep buffers of their own.
        options = pa_json.ReadOptions(use_threads=False, block_size=len(data) + 1)
        read = pa_json.read_json(io.BytesIO(data), read_options=options, parse_options=_PARSE)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        import orjson

        return record_batch([orjson.loads(line) for line in lines])
    table = read.combine_chunks()
    created = table["created_at"]
    prs = table["pull_requests"].chunk(0) if table["pull_requests"].num_chunks else None
    columns = {name: table[name] for name in TEXT}
    columns |= {
        "num_user_messages": table["num_user_messages"],
        "num_devin_messages": table["num_devin_messages"],
        "acus_consumed": table["acus_consumed"],
        "created_at": created,
        "updated_at": pc.coalesce(table["updated_at"], created),
        "tags": _no_null_lists(table["tags"].chunk(0)) if table.num_rows else table["tags"],
        "pr_states": _states(prs, table.num_rows),
        "pr_urls": _urls(prs, table.num_rows),
        "child_count": pc.coalesce(
            pc.list_value_length(table["child_session_ids"]), _FILL["zero"][0]
        ),
        "is_archived": pc.coalesce(table["is_archived"], _FILL["no"][0]),
        "has_analysis": pc.coalesce(table["has_analysis"], _FILL["no"][0]),
    }
    arrays = [pa.chunked_array(columns[f.name]).combine_chunks().cast(f.type) for f in SCHEMA]
    return pa.RecordBatch.from_arrays(arrays, schema=SCHEMA)


def _no_null_lists(lists: pa.ListArray) -> pa.ListArray:
    """Null lists read as empty ones (offsets of a null repeat the previous one)."""
    if not lists.null_count:
        return lists
    return pa.ListArray.from_arrays(lists.offsets, lists.values)


def _states(prs: pa.ListArray | None, rows: int) -> pa.Array:
    """Each session's PR states, "unknown" where a PR has none (as :func:`_pr_states`)."""
    if prs is None:
        return pa.nulls(rows, _STRINGS)
    states = pc.coalesce(pc.struct_field(prs.values, "pr_state"), _FILL["unknown"][0])
    return pa.ListArray.from_arrays(prs.offsets, states.slice(0, None))


def _urls(prs: pa.ListArray | None, rows: int) -> pa.Array:
    """Each session's PR URLs, "" where a PR has none (as :func:`_pr_urls`)."""
    if prs is None:
        return pa.nulls(rows, _STRINGS)
    urls = pc.coalesce(pc.struct_field(prs.values, "pr_url"), _FILL["blank"][0])
    return pa.ListArray.from_arrays(prs.offsets, urls.slice(0, None))
