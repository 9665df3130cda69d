"""People: who starts sessions, how much they use, and when they were last active."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from devin_data import analytics, charts
from devin_data.analytics.money import with_money
from devin_data.frames.availability import V1_REASON, api_reason, left_out_note
from ui.connection import current_settings
from ui.filters import current_filters, filtered_sessions
from ui.format import plain
from ui.loaders import sessions_frame
from ui.spend import price
from ui.widgets import chart, download_frame, empty_state, left_out_caption

_METRICS = {"Sessions": ("sessions", "sessions"), "ACUs": ("acus", "ACUs consumed")}
# People-table column -> the sessions-frame column it is built from, when the API may not report it.
# Decimals of the downloads, as the table shows them.
_DIGITS = {"acus": 1, "acus_usd": 2, "user_messages_per_session": 1, "share_large": 3}
_SOURCES = {"acus": "acus_consumed", "merged_prs": "prs_merged", "share_large": "session_size"}


def _column_config(who: str, tz: str) -> dict[str, Any]:
    """Readable headers and formats; shares as progress bars, times in the viewer's zone."""
    column = st.column_config
    return {
        "user_id": column.TextColumn(who),
        "sessions": column.NumberColumn("Sessions", format="%d"),
        "acus": column.NumberColumn("ACUs", format="%.1f"),
        "acus_usd": column.NumberColumn("ACUs in $", format="$%.2f"),
        "merged_prs": column.NumberColumn("Merged PRs", format="%d"),
        "share_large": column.ProgressColumn(
            "L/XL share", format="percent", min_value=0.0, max_value=1.0
        ),
        "user_messages_per_session": column.NumberColumn("User messages / session", format="%.1f"),
        "last_active": column.DatetimeColumn(
            f"Last active ({tz})", format="YYYY-MM-DD HH:mm", timezone=tz
        ),
    }


def _table(rows: pd.DataFrame, *, who: str, key: str, tz: str) -> None:
    """One people table and its CSV download, or a note when there is nobody of this kind."""
    st.subheader(f"{who}s")
    if rows.empty:
        empty_state(f"No {who.lower()} started a session matching these filters.")
        return
    shown = rows.drop(columns="is_service").reset_index(drop=True)
    st.dataframe(shown, hide_index=True, column_config=_column_config(who, tz), key=f"people_{key}")
    download_frame(
        shown, key=f"people_{key}_csv", filename=f"{key}.csv", label="Download CSV", digits=_DIGITS
    )


filters = current_filters()
api = current_settings().api_version
sessions = filtered_sessions(sessions_frame(current_settings()))

st.title("People")
if sessions.empty:
    empty_state("No sessions match these filters.")
    st.stop()

hidden = [column for column, source in _SOURCES.items() if api_reason(source, api)]
table = analytics.people(sessions).drop(columns=hidden)
table["last_active"] = table["last_active"].dt.tz_convert(filters.tz)
table = with_money(table, price(), ["acus"])
if hidden:
    names = ", ".join(_column_config("User", filters.tz)[column]["label"] for column in hidden)
    st.caption(plain(f"Columns not shown ({names}): {V1_REASON}."))
else:
    left_out_caption([left_out_note(sessions, source) for source in _SOURCES.values()])

ranks = [name for name, (value, _) in _METRICS.items() if value in table]
choice = st.segmented_control(
    "Rank by", ranks, default="Sessions", key="people_rank_by", selection_mode="single"
)
value, axis = _METRICS[choice or "Sessions"]
figure = charts.horizontal_bar(
    table, "user_id", value, title=f"Top users by {axis}", x_title=axis, top_n=15
)
top = table.sort_values(value, ascending=False, kind="stable").head(15)
chart(figure, top, key="people_top_users", filename=f"top_users_by_{value}.csv")

_table(table[~table["is_service"]], who="User", key="users", tz=filters.tz)
if api_reason("service_user_id", api):
    st.subheader("Service users")
    empty_state(f"Service users: {V1_REASON}.")
else:
    _table(table[table["is_service"]], who="Service user", key="service_users", tz=filters.tz)
