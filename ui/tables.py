"""The sessions table: the columns a manager scans, in the viewer's time zone, and its exports."""

from __future__ import annotations

import io
from typing import Any

import pandas as pd
import streamlit as st

from devin_data.config import ApiVersion
from devin_data.frames.availability import V1_REASON, left_out_note, unreported_columns

MAX_ROWS = 10_000
COLUMNS: dict[str, Any] = {
    "title": st.column_config.TextColumn("Title", width="large"),
    "status": st.column_config.TextColumn("Status"),
    "origin": st.column_config.TextColumn("Origin"),
    "category": st.column_config.TextColumn("Category"),
    "session_size": st.column_config.TextColumn("Size"),
    "num_user_messages": st.column_config.NumberColumn("User msgs", format="%d"),
    "num_devin_messages": st.column_config.NumberColumn("Devin msgs", format="%d"),
    "acus_consumed": st.column_config.NumberColumn("ACUs", format="%.2f"),
    "pr_count": st.column_config.NumberColumn("PRs", format="%d"),
    "prs_merged": st.column_config.NumberColumn("Merged", format="%d"),
    "created_at": st.column_config.DatetimeColumn("Created", format="YYYY-MM-DD HH:mm"),
    "url": st.column_config.LinkColumn("Devin", display_text="Open"),
    "session_id": st.column_config.TextColumn("Session id"),
}
# Blank cells in these columns are values the API did not report for that session.
_MEASURED = ("acus_consumed", "prs_merged", "session_size", "num_user_messages")


def shown_columns(api: ApiVersion) -> dict[str, Any]:
    """The table's columns without those the API never reports."""
    hidden = set(unreported_columns(list(COLUMNS), api))
    return {name: config for name, config in COLUMNS.items() if name not in hidden}


def shown_sessions(frame: pd.DataFrame, tz: str, api: ApiVersion = "v3") -> pd.DataFrame:
    """The most recent sessions first, capped, with plain text and local times."""
    recent = frame.sort_values("created_at", ascending=False).head(MAX_ROWS)
    table = recent.loc[:, list(shown_columns(api))].reset_index(drop=True)
    for column in ("status", "origin", "category", "session_size"):
        if column in table:
            table[column] = table[column].astype("object").where(table[column].notna(), None)
    table["created_at"] = table["created_at"].dt.tz_convert(tz)
    return table


def unreported_caption(frame: pd.DataFrame, api: ApiVersion) -> str | None:
    """What the table leaves out or blank because the API did not report it, in one line."""
    parts = []
    hidden = unreported_columns(list(COLUMNS), api)
    if hidden:
        names = ", ".join(COLUMNS[column]["label"] for column in hidden)
        parts.append(f"Columns not shown ({names}): {V1_REASON}")
    notes = [left_out_note(frame, column) for column in _MEASURED if column not in hidden]
    if any(notes):
        parts.append("Blank cells were not reported: " + "; ".join(n for n in notes if n))
    return ". ".join(parts) + "." if parts else None


def parquet_bytes(table: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    table.to_parquet(buffer, index=False)
    return buffer.getvalue()
