"""The sessions table: the columns a manager scans, in the viewer's time zone, and its exports."""

from __future__ import annotations

import io

import pandas as pd
import streamlit as st

MAX_ROWS = 10_000
COLUMNS = {
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


def shown_sessions(frame: pd.DataFrame, tz: str) -> pd.DataFrame:
    """The most recent sessions first, capped, with plain text and local times."""
    recent = frame.sort_values("created_at", ascending=False).head(MAX_ROWS)
    table = recent.loc[:, list(COLUMNS)].reset_index(drop=True)
    for column in ("status", "origin", "category", "session_size"):
        table[column] = table[column].astype("object").where(table[column].notna(), None)
    table["created_at"] = table["created_at"].dt.tz_convert(tz)
    return table


def parquet_bytes(table: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    table.to_parquet(buffer, index=False)
    return buffer.getvalue()
