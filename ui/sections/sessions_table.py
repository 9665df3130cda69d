"""The sessions table: the columns a manager scans, in the viewer's time zone, and its exports.

The first columns (title, status, user, ACUs, PRs, merged, created, the Devin link) fit a laptop
screen without sideways scrolling; the rest follow. Codes read as labels, times carry their zone.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from devin_data.catalogue import Unit
from devin_data.config import ApiVersion
from devin_data.frames.availability import V1_REASON, left_out_note, unreported_columns
from devin_data.frames.roster import display_names
from devin_data.services.export import export_table
from devin_data.services.organizations import Organization
from devin_data.text.downloads import readable
from ui.components.format import number_column

MAX_ROWS = 10_000
# Tall enough to fill a laptop screen below the page title; Streamlit's default shows ten rows.
TABLE_HEIGHT = 640
# On a taller screen the table grows to the bottom of the window (the space above it is the
# page title, caption and download buttons); never shorter than TABLE_HEIGHT.
FILL_HEIGHT = f"max({TABLE_HEIGHT}px, calc(100vh - 300px))"
UNTITLED = "(untitled session)"
TITLE_WIDTH = 230
DURATION_WIDTH = 85
# The selection checkbox, the key columns and the duration: the table is exactly this wide, so at
# 1440 px no column is cut at its right edge and the rest scroll sideways into view.
TABLE_WIDTH = 36 + TITLE_WIDTH + 90 + 145 + 65 + 45 + 65 + 140 + 55 + DURATION_WIDTH
KEY_COLUMNS = ("title", "status", "user", "acus_consumed", "pr_count", "prs_merged", "created_at")
_LABELLED = ("status", "status_detail", "origin", "category", "session_size")
# Blank cells in these columns are values the API did not report for that session.
_UNREPORTED = "the API did not report it for this session"
_NO_STATE = "no pull request of this session has a state the API reported"
_MEASURED = ("acus_consumed", "prs_merged", "session_size", "num_user_messages")


def _columns(tz: str) -> dict[str, Any]:
    """Every column in the order shown; widths keep the key columns on one laptop screen."""
    column = st.column_config
    return {
        "title": column.TextColumn("Title", width=TITLE_WIDTH),
        "status": column.TextColumn("Status", width=90),
        "user": column.TextColumn(
            "User", width=145, help="The user or service user: by name, else by id"
        ),
        "acus_consumed": number_column("ACUs", Unit.ACUS, blank=_UNREPORTED, width=65),
        "pr_count": number_column("PRs", Unit.COUNT, width=45),
        "prs_merged": number_column("Merged", Unit.COUNT, blank=_NO_STATE, width=65),
        "created_at": column.DatetimeColumn(
            f"Created ({tz})", format="YYYY-MM-DD HH:mm", timezone=tz, width=140
        ),
        "url": column.LinkColumn("Devin", display_text="Open", width=55),
        "duration": number_column(
            "Duration",
            Unit.MINUTES,
            digits=0,
            help="From creation to the last update, in minutes",
            width=DURATION_WIDTH,
        ),
        "repositories": column.TextColumn("Repositories", help="Of its pull requests"),
        "family_sessions": number_column(
            "Sessions with children", Unit.COUNT, help="The session and its child sessions"
        ),
        "family_acus": number_column(
            "ACUs with children", Unit.ACUS, help="Its ACUs plus its child sessions' ACUs"
        ),
        "family_user_messages": number_column("User msgs with children", Unit.COUNT),
        "family_prs_merged": number_column("Merged with children", Unit.COUNT),
        "status_detail": column.TextColumn("Status detail"),
        "origin": column.TextColumn("Origin"),
        "category": column.TextColumn("Category"),
        "session_size": column.TextColumn("Size"),
        "num_user_messages": number_column("User msgs", Unit.COUNT, blank=_UNREPORTED),
        "num_devin_messages": number_column("Devin msgs", Unit.COUNT, blank=_UNREPORTED),
        "session_id": column.TextColumn("Session id"),
    }


def shown_columns(api: ApiVersion, tz: str = "UTC") -> dict[str, Any]:
    """The table's columns without those the API never reports (every API reports a user)."""
    columns = _columns(tz)
    hidden = set(unreported_columns(list(columns), api))
    return {name: config for name, config in columns.items() if name not in hidden}


def session_rows(frame: pd.DataFrame, tz: str, api: ApiVersion = "v3") -> pd.DataFrame:
    """The most recent sessions first, capped, as codes: the table and its download start here."""
    recent = frame.sort_values("created_at", ascending=False).head(MAX_ROWS)
    rows = recent.assign(
        title=recent["title"].astype("object").where(recent["title"].notna(), UNTITLED),
        user=display_names(recent),
        created_at=recent["created_at"].dt.tz_convert(tz),
        repositories=recent["pr_repos"].map(_repositories),
    )
    shown = [name for name in shown_columns(api, tz) if name in rows]  # roll-ups when joined
    return rows.loc[:, shown].reset_index(drop=True)


def _repositories(repos: tuple[str, ...]) -> str:
    return ", ".join(dict.fromkeys(repo for repo in repos if repo))


def shown_sessions(frame: pd.DataFrame, tz: str, api: ApiVersion = "v3") -> pd.DataFrame:
    """The table as shown: readable labels (blank where not reported), durations in minutes."""
    table = session_rows(frame, tz, api)
    for column in _LABELLED:
        if column in table:
            table[column] = readable(table[column])
    table["duration"] = table["duration"].dt.total_seconds() / 60
    return table


def sessions_download(
    frame: pd.DataFrame,
    api: ApiVersion = "v3",
    *,
    whole: pd.DataFrame | None = None,
    org: Organization | None = None,
) -> pd.DataFrame:
    """The table's rows (newest first, capped as shown) in the one export schema that
    ``devin-data export`` writes; child sessions come from ``whole`` (the whole cache)."""
    recent = frame.sort_values("created_at", ascending=False).head(MAX_ROWS)
    whole = frame if whole is None else whole
    return export_table(recent, whole, api, org=org, newest_first=True)


def unreported_caption(frame: pd.DataFrame, api: ApiVersion) -> str | None:
    """What the table leaves out or blank because the API did not report it, in one line."""
    parts = []
    columns = _columns("UTC")
    hidden = [name for name in columns if name not in shown_columns(api)]
    if hidden:
        names = ", ".join(columns[column]["label"] for column in hidden)
        parts.append(f"Columns not shown ({names}): {V1_REASON}")
    notes = [left_out_note(frame, column) for column in _MEASURED if column not in hidden]
    if any(notes):
        parts.append("Blank cells were not reported: " + "; ".join(n for n in notes if n))
    return ". ".join(parts) + "." if parts else None
