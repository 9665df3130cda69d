"""People: who uses Devin, how well, how that changes, and how teams and periods compare."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import streamlit as st

from devin_data import charts
from devin_data.analytics.spend import with_money
from devin_data.frames.availability import V1_REASON, api_reason, left_out_note
from ui import compare_view, people_view
from ui.connection import current_settings
from ui.filters import current_filters, filtered_sessions
from ui.format import plain
from ui.loaders import sessions_frame
from ui.org_figures import people_comparison
from ui.people import ensure_people, show_names_notice
from ui.spend import price
from ui.widgets import chart, empty_state, left_out_caption

# Columns built on fields a v1 key never reports.
_V1_HIDDEN = ["acus", "acus_usd", "merged_pr_rate", "share_large"]
_SOURCES = ("acus_consumed", "prs_merged", "session_size")
_METRICS = {"Sessions": ("sessions", "sessions"), "ACUs": ("acus", "ACUs consumed")}

settings = current_settings()
filters = current_filters()
api = settings.api_version
everything = sessions_frame(settings)
sessions = filtered_sessions(everything)
undated = replace(filters, preset="all").apply(everything, datetime.now(UTC))

st.title("People")
show_names_notice(settings)
if api == "v3" and st.button("Refresh names, teams and active users", icon=":material/sync:"):
    ensure_people(settings, force=True)
    st.rerun()
if sessions.empty:
    empty_state("No sessions match these filters.")
    st.stop()

people_view.adoption_section(settings, undated, filters)
people_comparison(settings, filters, datetime.now(UTC))

start = filters.window(datetime.now(UTC))[0]
table = people_view.people_table(settings, sessions, start, filters.tz)
table = with_money(table, price(), ["acus"])
hidden = _V1_HIDDEN if api_reason("acus_consumed", api) else []
if hidden:
    st.caption(plain(f"Columns not shown (ACUs, merged-PR rate, L/XL share): {V1_REASON}."))
else:
    left_out_caption([left_out_note(sessions, source) for source in _SOURCES])
waits = people_view.waits_caption(table)
if waits:
    st.caption(plain(waits))

ranks = [name for name, (value, _) in _METRICS.items() if value not in hidden]
choice = st.segmented_control(
    "Rank by", ranks, default="Sessions", key="people_rank_by", selection_mode="single"
)
value, axis = _METRICS[choice or "Sessions"]
top = table.sort_values(value, ascending=False, kind="stable").head(15)
figure = charts.horizontal_bar(
    table, "person", value, title=f"Top users by {axis}", x_title=axis, top_n=15
)
chart(
    figure,
    top[["person", "user_id", value]],
    key="people_top_users",
    filename=f"top_users_by_{value}.csv",
)

people_view.show_people(
    table[~table["is_service"]], who="User", key="users", tz=filters.tz, hidden=hidden
)
if api_reason("service_user_id", api):
    st.subheader("Service users")
    empty_state(f"Service users: {V1_REASON}.")
else:
    people_view.show_people(
        table[table["is_service"]],
        who="Service user",
        key="service_users",
        tz=filters.tz,
        hidden=[*hidden, "email"],
    )
people_view.teams_section(settings, sessions, api)
people_view.learning_section(settings, undated, api)
compare_view.compare_section(settings, everything, sessions, filters)
