"""The one export schema: the columns ``devin-data export`` (CSV, Parquet, JSON) and the Sessions
page download write, in order, and the writers every CSV the project writes goes through.

Every CSV (this export, the page and chart downloads) goes through :func:`csv_text`, so a text
cell a spreadsheet would run as a formula is written inert. A list (tags, repositories, child
session ids) is a list in Parquet and JSON and ``a; b`` text in CSV.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

ExportFormat = Literal["csv", "parquet", "json"]
FORMATS: tuple[ExportFormat, ...] = ("csv", "parquet", "json")

# Every column of an export, in order, and what it holds. A value the API did not report is
# empty (null), never 0; with a v1 key so is every column that API never reports.
SCHEMA: tuple[tuple[str, str], ...] = (
    ("session_id", "the session's id (devin-…)"),
    ("url", "its page in the Devin web app"),
    ("title", "its title"),
    ("status", "status, as the pages read it (Exit)"),
    ("status_code", "status, the API's code (exit)"),
    ("status_detail", "status detail, as the pages read it"),
    ("status_detail_code", "status detail, the API's code"),
    ("origin", "where it was started, as the pages read it"),
    ("origin_code", "origin, the API's code"),
    ("category", "category, as the pages read it"),
    ("category_code", "category, the API's code"),
    ("subcategory", "subcategory, as the API names it"),
    ("session_size", "size class, XS to XL"),
    ("session_size_code", "size class, the API's code (xs to xl)"),
    ("num_user_messages", "messages from people"),
    ("num_devin_messages", "messages from Devin"),
    ("acus_consumed", "ACUs the session reports (acus_consumed_usd follows when priced)"),
    ("created_at", "creation time, ISO 8601 in UTC"),
    ("updated_at", "last update, ISO 8601 in UTC"),
    ("duration_minutes", "from creation to the last update, in minutes"),
    ("user_id", "who created it: the service user's id, else the user's"),
    ("user_name", "that creator's name where the members list gives one"),
    ("tags", "its tags (a list)"),
    ("repositories", "the repositories of its pull requests (a list)"),
    ("pr_count", "pull requests it opened"),
    ("prs_merged", "… of which the API calls merged"),
    ("prs_state_unknown", "… of which the API reported no state"),
    ("has_analysis", "an insights analysis is cached"),
    ("parent_session_id", "the session that started it"),
    ("child_session_ids", "the cached sessions it started (a list, by id)"),
    ("family_sessions", "it and its cached descendants"),
    ("family_acus", "ACUs with its descendants"),
    ("family_user_messages", "user messages with its descendants"),
    ("family_devin_messages", "Devin messages with its descendants"),
    ("family_prs", "pull requests with its descendants"),
    ("family_prs_merged", "merged pull requests with its descendants"),
    ("playbook_id", "the playbook it ran"),
    ("schedule_id", "the schedule that started it (empty: the API does not report one)"),
    ("org_id", "its organization"),
    ("org_name", "its organization's name, where known"),
)
EXPORT_COLUMNS = tuple(name for name, _ in SCHEMA)
LIST_COLUMNS = ("tags", "repositories", "child_session_ids")
LIST_SEPARATOR = "; "
# A spreadsheet reads a cell starting with one of these as a formula (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def schema_text() -> str:
    """The column list as the README shows it: one ``name: meaning`` line per column."""
    return "\n".join(f"{name}: {meaning}" for name, meaning in SCHEMA)


def _inert(value: object) -> object:
    """A text value a spreadsheet would run, behind a single quote; any other value as it is."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def neutralise_formulas(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell (and column name) that starts like a formula prefixed with
    ``'``; numbers stay numbers, so a negative amount is written as it is."""
    out = frame.rename(columns=_inert)
    for column in range(out.shape[1]):
        values = out.iloc[:, column]
        if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_datetime64_any_dtype(values):
            continue
        out.isetitem(column, [_inert(value) for value in values.astype("object")])
    return out


def _joined(value: object) -> object:
    """A list cell as ``a; b`` text (an empty list as an empty cell); any other value as it is."""
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(item) for item in value) or None
    return value


def csv_text(frame: pd.DataFrame) -> str:
    """``frame`` as CSV text, safe to open in a spreadsheet (see :func:`neutralise_formulas`);
    a list cell is ``a; b`` text.

    Lines end in CRLF (RFC 4180), which also makes the writer quote a cell holding a lone
    carriage return instead of letting it split the row."""
    out = frame.copy()
    for column in range(out.shape[1]):
        values = out.iloc[:, column]
        if values.dtype == object:
            out.isetitem(column, [_joined(value) for value in values])
    return neutralise_formulas(out).to_csv(index=False, lineterminator="\r\n")


def arrow_table(frame: pd.DataFrame, lists: Sequence[str] = LIST_COLUMNS) -> pa.Table:
    """``frame`` as an Arrow table whose list columns are lists of text, even when empty."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    for name in lists:
        if name in table.column_names:
            at = table.column_names.index(name)
            values = [list(v) if isinstance(v, list | tuple) else None for v in frame[name]]
            table = table.set_column(at, name, pa.array(values, pa.list_(pa.string())))
    return table


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    """``frame`` as a Parquet file in memory (see :func:`arrow_table`)."""
    buffer = io.BytesIO()
    pq.write_table(arrow_table(frame), buffer)
    return buffer.getvalue()


def iso_utc(values: pd.Series) -> pd.Series:
    """Aware timestamps as ISO-8601 strings in UTC with a ``Z`` suffix; NA stays NA."""
    text: pd.Series = values.dt.tz_convert("UTC").dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    return text.astype("object").where(values.notna(), None)


def write_export(frame: pd.DataFrame, path: Path, fmt: ExportFormat) -> None:
    """Write atomically: a half-written export never replaces a good one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        if fmt == "csv":
            tmp.write_text(csv_text(frame), encoding="utf-8", newline="")
        elif fmt == "parquet":
            tmp.write_bytes(parquet_bytes(frame))
        else:
            frame.to_json(tmp, orient="records", indent=1, force_ascii=False)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def empty_values(count: int, index: Any = None) -> pd.Series:
    """A column of ``count`` empty (null) cells."""
    return pd.Series([None] * count, index=index, dtype="object")
