"""The People page's tables of users and service users, and why people are shown by id.

The answers to Devin behind the waiting columns are built once per data version (see
:mod:`ui.data.frames`); everything else is grouped per rerun with numpy."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from devin_data import charts
from devin_data.analytics.definitions import definition_of
from devin_data.analytics.person_table import person_table, without_messages
from devin_data.analytics.spend import with_money
from devin_data.catalogue import BLANK, Unit
from devin_data.config import Settings
from devin_data.frames.availability import V1_REASON, api_reason, left_out_note
from devin_data.services import roster as people_roster
from ui.components.format import number_column, person_column, plain, share_bar
from ui.components.widgets import chart, download_frame, empty_state, left_out_caption
from ui.data.frames import replies_frame, roster
from ui.shell.config import price
from ui.state.context import PageContext

# Columns built on fields a v1 key never reports.
_V1_HIDDEN = ["acus", "acus_usd", "merged_pr_rate", "share_large"]
_SOURCES = ("acus_consumed", "prs_merged", "session_size")
_METRICS = {"Sessions": ("sessions", "sessions"), "ACUs": ("acus", "ACUs consumed")}
DIGITS = {"acus": 2, "acus_usd": 2, "user_messages_per_session": 1, "hours_waited": 1}
DIGITS |= {"median_answer_minutes": 1, "merged_pr_rate": 3, "share_large": 3}
UNREPORTED = "none of the person's sessions reports it"
NO_MESSAGES = "none of the person's sessions has its messages cached"


def share_column(label: str, definition: str | None = None) -> Any:
    help = definition_of(definition) if definition else None
    return share_bar(label, help=help, blank=UNREPORTED)


def _when(label: str, tz: str, definition: str) -> Any:
    return st.column_config.DatetimeColumn(
        label, format="YYYY-MM-DD HH:mm", timezone=tz, help=definition_of(definition)
    )


def _number(label: str, unit: Unit, definition: str, blank: str | None = None) -> Any:
    return number_column(label, unit, help=definition_of(definition), blank=blank)


def _column_config(who: str, tz: str) -> dict[str, Any]:
    """Readable headers, each with its definition as help; shares as bars, times in ``tz``."""
    column = st.column_config
    return {
        "person": person_column(who, help=definition_of("Name and email")),
        "email": column.TextColumn("Email", help=definition_of("Name and email")),
        "team": column.TextColumn("Team", help=definition_of("Team")),
        "sessions": _number("Sessions", Unit.COUNT, "Sessions"),
        "acus": _number("ACUs", Unit.ACUS, "ACUs", UNREPORTED),
        "acus_usd": _number("ACUs in $", Unit.MONEY, "Money", UNREPORTED),
        "merged_pr_rate": share_column("Merged-PR rate", "Merged-PR rate"),
        "share_large": share_column("L/XL share", "Share of L/XL sessions"),
        "user_messages_per_session": _number(
            "User messages / session", Unit.RATIO, "User messages", UNREPORTED
        ),
        "hours_waited": _number(
            "Hours Devin waited", Unit.HOURS, "Hours Devin waited", NO_MESSAGES
        ),
        "median_answer_minutes": _number(
            "Median answer", Unit.MINUTES, "Median time to answer Devin", NO_MESSAGES
        ),
        "first_active": _when(f"First active ({tz})", tz, "First active"),
        "last_active": _when(f"Last active ({tz})", tz, "Last active"),
        "weekly_sessions": column.LineChartColumn(
            "Weekly sessions", y_min=0, help=definition_of("Weekly sessions")
        ),
        "user_id": column.TextColumn("Id"),
    }


def people_table(settings: Settings, sessions: pd.DataFrame, start: Any, tz: str) -> pd.DataFrame:
    """The per-person table of the filtered sessions, with emails and times in ``tz``."""
    answers, cached = replies_frame(settings)
    table = person_table(sessions, answers, cached, start=start, tz=tz)
    emails = dict(
        zip(roster(settings).frame["user_id"], roster(settings).frame["email"], strict=True)
    )
    table.insert(0, "person", table["user_name"].fillna(table["user_id"]))
    table.insert(1, "email", table["user_id"].map(emails))
    for column in ("first_active", "last_active"):
        table[column] = table[column].dt.tz_convert(tz)
    return table


def show_people(table: pd.DataFrame, *, who: str, key: str, tz: str, hidden: list[str]) -> None:
    """One people table and its CSV download, or a note when there is nobody of this kind."""
    st.subheader(f"{who}s")
    if table.empty:
        empty_state(f"No {who.lower()} started a session matching these filters.")
        return
    config = _column_config(who, tz)
    shown = table.loc[:, [c for c in config if c in table and c not in hidden]]
    st.dataframe(
        shown, hide_index=True, column_config=config, key=f"people_{key}", placeholder=BLANK
    )
    download = shown.drop(columns="weekly_sessions").rename(columns={"person": "user_name"})
    download["user_name"] = table["user_name"]
    download_frame(download, key=f"people_{key}_csv", filename=f"{key}.csv", digits=DIGITS)


def waits_caption(table: pd.DataFrame) -> str | None:
    """Why hours waited and answer times are not available for some people."""
    missing = without_messages(table)
    if not missing:
        return None
    return (
        f"Hours Devin waited and median answer: not available for {missing:,} of {len(table):,} "
        "people, none of whose sessions has its messages cached (open a session, or fetch "
        "messages on the Timelines page)."
    )


def show_names_notice(settings: Settings) -> None:
    """Why people are shown by id, when they are."""
    notice = people_roster.names_notice(settings, roster(settings))
    if notice:
        st.info(notice, icon=":material/badge:")


def people_section(ctx: PageContext) -> None:
    """The per-person table of the filtered sessions: what it leaves out, the top users by a
    measure the viewer picks, then users and service users each in a table of their own."""
    sessions, api = ctx.filtered, ctx.api
    table = people_table(ctx.settings, sessions, ctx.window[0], ctx.tz)
    table = with_money(table, price(), ["acus"])
    hidden = _V1_HIDDEN if api_reason("acus_consumed", api) else []
    if hidden:
        st.caption(plain(f"Columns not shown (ACUs, merged-PR rate, L/XL share): {V1_REASON}."))
    else:
        left_out_caption([left_out_note(sessions, source) for source in _SOURCES])
    waits = waits_caption(table)
    if waits:
        st.caption(plain(waits))
    _top_users(table, hidden)
    show_people(table[~table["is_service"]], who="User", key="users", tz=ctx.tz, hidden=hidden)
    if api_reason("service_user_id", api):
        st.subheader("Service users")
        empty_state(f"Service users: {V1_REASON}.")
        return
    show_people(
        table[table["is_service"]],
        who="Service user",
        key="service_users",
        tz=ctx.tz,
        hidden=[*hidden, "email"],
    )


def _top_users(table: pd.DataFrame, hidden: list[str]) -> None:
    """The 15 people ranked first by sessions or by ACUs."""
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
