"""One row per session, written as CSV, Parquet or JSON with fixed column names.

Every CSV the project writes (this export, the page and chart downloads) goes through
:func:`csv_text`, so a text cell a spreadsheet would run as a formula is written inert.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from devin_data.config import ApiVersion
from devin_data.frames.availability import api_reason, unreported_columns
from devin_data.frames.sessions import EXPORT_COLUMNS as SESSION_EXPORT_COLUMNS
from devin_data.frames.sessions import build_sessions_frame

ExportFormat = Literal["csv", "parquet", "json"]
FORMATS: tuple[ExportFormat, ...] = ("csv", "parquet", "json")

# The file's columns: the session's, with the creator's name right after their id.
EXPORT_COLUMNS = tuple(
    name
    for column in SESSION_EXPORT_COLUMNS
    for name in (column, "user_name")
    if name != "user_name" or column == "user_id"
)
_TIMESTAMPS = ("created_at", "updated_at")
_TEXT = ("title", "status", "status_detail", "origin", "category", "subcategory", "session_size")
# A spreadsheet reads a cell starting with one of these as a formula (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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


def csv_text(frame: pd.DataFrame) -> str:
    """``frame`` as CSV text, safe to open in a spreadsheet (see :func:`neutralise_formulas`).

    Lines end in CRLF (RFC 4180), which also makes the writer quote a cell holding a lone
    carriage return instead of letting it split the row."""
    return neutralise_formulas(frame).to_csv(index=False, lineterminator="\r\n")


def iso_utc(values: pd.Series) -> pd.Series:
    """Aware timestamps as ISO-8601 strings in UTC with a ``Z`` suffix; NA stays NA."""
    text: pd.Series = values.dt.tz_convert("UTC").dt.strftime("%Y-%m-%dT%H:%M:%SZ")
    return text.astype("object").where(values.notna(), None)


def export_frame(
    records: Iterable[Mapping[str, Any]],
    api: ApiVersion = "v3",
    names: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """The export table: plain strings for categories and ISO-8601 UTC strings for times.

    A value the API did not report is empty (null), never 0; with a v1 key (``api``) so is every
    column that API never reports, has_analysis included. ``user_name`` is the creator's name
    from the members list (``names`` by user id), empty where it is not known.
    """
    frame = build_sessions_frame(records).loc[:, list(SESSION_EXPORT_COLUMNS)]
    out = frame.copy()
    known = dict(names or {})
    out.insert(
        list(out.columns).index("user_id") + 1,
        "user_name",
        pd.Series(
            [known.get(u) for u in frame["user_id"].astype("object")],
            index=out.index,
            dtype="object",
        ),
    )
    for column in unreported_columns(list(SESSION_EXPORT_COLUMNS), api):
        out[column] = pd.Series([None] * len(out), index=out.index, dtype="object")
    for column in _TIMESTAMPS:
        out[column] = iso_utc(frame[column])
    for column in _TEXT:
        if not api_reason(column, api):
            out[column] = frame[column].astype("object").where(frame[column].notna(), None)
    return out.sort_values("created_at", kind="stable").reset_index(drop=True)


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
            frame.to_parquet(tmp, index=False)
        else:
            frame.to_json(tmp, orient="records", indent=1, force_ascii=False)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
