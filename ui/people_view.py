"""The People page's sections: adoption, the people tables, teams, learning curves, comparison.

Derived frames that depend only on the cache (replies to Devin, session ranks) are built once per
data version, like the loaders' frames; everything else is grouped per rerun with numpy.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pandas as pd
import streamlit as st

from devin_data import charts
from devin_data.analytics import adoption as adopt
from devin_data.analytics.definitions import definition_of
from devin_data.analytics.learning import learning_curves, session_ranks, team_rollup
from devin_data.analytics.person_table import person_table, replies
from devin_data.config import Settings
from devin_data.services import people
from ui.format import plain
from ui.loaders import messages_frame, roster, sessions_frame, workspace
from ui.widgets import download_frame, empty_state

_DIGITS = {"acus": 1, "acus_usd": 2, "user_messages_per_session": 1, "hours_waited": 1}
_DIGITS |= {"median_answer_minutes": 1, "merged_pr_rate": 3, "share_large": 3}
_KINDS: dict[str, adopt.Kind] = {"Day": "dau", "Week": "wau", "Month": "mau"}


@st.cache_resource(show_spinner=False, max_entries=8)
def _replies(path: str, version: str, _messages: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    return replies(_messages), _messages["session_id"].drop_duplicates()


@st.cache_resource(show_spinner=False, max_entries=8)
def _ranks(path: str, version: str, _frame: pd.DataFrame) -> pd.Series:
    return session_ranks(_frame)


def _key(settings: Settings) -> tuple[str, str]:
    current = workspace(settings)
    return current.key, current.data_version()


def ranks(settings: Settings) -> pd.Series:
    """Each cached session's rank among its creator's sessions."""
    return _ranks(*_key(settings), sessions_frame(settings))


def adoption_section(settings: Settings, undated: pd.DataFrame, spec: Any) -> None:
    """Active people, new, returning and inactive, and active users per day, week or month."""
    now = datetime.now(UTC)
    start, end = spec.window(now)
    found = adopt.adoption(undated, start, min(end or now, pd.Timestamp(now)))
    st.subheader("Adoption")
    cards = st.columns(4)
    names = {"active": "Active people", "new": "New", "returning": "Returning"}
    names |= {"inactive": "Inactive (30 days)"}
    helps = ["Active people", *["New, returning and inactive people"] * 3]
    for card, (key, count), help_name in zip(cards, found.counts().items(), helps, strict=True):
        card.metric(names[key], f"{count:,}", help=definition_of(help_name))
    grain = st.segmented_control(
        "Active users per",
        list(_KINDS),
        default="Week",
        key="people_au",
        help=definition_of("Daily, weekly and monthly active users"),
    )
    kind = _KINDS[grain or "Week"]
    known = workspace(settings).people()
    fetched = known.get(kind)
    why = people.metrics_reason(settings, known, kind)
    series = adopt.active_users(undated, kind, spec.tz, fetched if why is None else None, why)
    shown = series.frame
    if start is not None:
        shown = shown[shown["period"] >= adopt.period_start(pd.Series([start]), kind, spec.tz)[0]]
    figure = charts.active_users_chart(shown, adopt.KIND_NAMES[kind])
    st.plotly_chart(figure, key="people_active_users", width="stretch")
    note = f"Active users {series.source}"
    st.caption(plain(note + (f" ({series.why_computed})." if series.why_computed else ".")))


def _share(label: str, definition: str | None = None) -> Any:
    return st.column_config.ProgressColumn(
        label,
        format="percent",
        min_value=0.0,
        max_value=1.0,
        help=definition_of(definition) if definition else None,
    )


def _when(label: str, tz: str, definition: str) -> Any:
    return st.column_config.DatetimeColumn(
        label, format="YYYY-MM-DD HH:mm", timezone=tz, help=definition_of(definition)
    )


def _number(label: str, fmt: str, definition: str) -> Any:
    return st.column_config.NumberColumn(label, format=fmt, help=definition_of(definition))


def _column_config(who: str, tz: str) -> dict[str, Any]:
    """Readable headers, each with its definition as help; shares as bars, times in ``tz``."""
    column = st.column_config
    return {
        "person": column.TextColumn(who, help=definition_of("Name and email")),
        "email": column.TextColumn("Email", help=definition_of("Name and email")),
        "team": column.TextColumn("Team", help=definition_of("Team")),
        "sessions": _number("Sessions", "%d", "Sessions"),
        "acus": _number("ACUs", "%.1f", "ACUs"),
        "acus_usd": _number("ACUs in $", "$%.2f", "Money"),
        "merged_pr_rate": _share("Merged-PR rate", "Merged-PR rate"),
        "share_large": _share("L/XL share", "Share of L/XL sessions"),
        "user_messages_per_session": _number("User messages / session", "%.1f", "User messages"),
        "hours_waited": _number("Hours Devin waited", "%.1f", "Hours Devin waited"),
        "median_answer_minutes": _number(
            "Median answer (min)", "%.1f", "Median time to answer Devin"
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
    answers, cached = _replies(*_key(settings), messages_frame(settings))
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
    st.dataframe(shown, hide_index=True, column_config=config, key=f"people_{key}")
    download = shown.drop(columns="weekly_sessions").rename(columns={"person": "user_name"})
    download["user_name"] = table["user_name"]
    download_frame(download, key=f"people_{key}_csv", filename=f"{key}.csv", digits=_DIGITS)


def waits_caption(table: pd.DataFrame) -> str | None:
    """Why hours waited and answer times are not available for some people."""
    missing = int((table["sessions_with_messages"] == 0).sum())
    if not missing:
        return None
    return (
        f"Hours Devin waited and median answer: not available for {missing:,} of {len(table):,} "
        "people, none of whose sessions has its messages cached (open a session, or fetch "
        "messages on the Timelines page)."
    )


def _hide_v1(frame: pd.DataFrame, api: str) -> pd.DataFrame:
    unreported = ["acus", "merged_pr_rate", "share_large"] if api == "v1" else []
    return frame.drop(columns=[c for c in unreported if c in frame])


def _rates_config() -> dict[str, Any]:
    column = st.column_config
    return {
        "team": column.TextColumn("Team"),
        "bucket": column.TextColumn("Sessions of each person"),
        "people": column.NumberColumn("People", format="%d"),
        "sessions": column.NumberColumn("Sessions", format="%d"),
        "acus": column.NumberColumn("ACUs", format="%.1f"),
        "merged_pr_rate": _share("Merged-PR rate"),
        "share_large": _share("L/XL share"),
        "user_messages_per_session": column.NumberColumn("User messages / session", format="%.1f"),
    }


def teams_section(settings: Settings, sessions: pd.DataFrame, api: str) -> None:
    """Per-team roll-up of the filtered sessions, and where the teams come from."""
    st.subheader("Teams", help=definition_of("Team"))
    people = roster(settings)
    sources = " and ".join(people.team_sources) or "nowhere yet"
    note = f"Teams from {sources}."
    if people.mapping_source:
        note += f" Team mapping: {people.mapping_source}."
    if people.groups_missing and not people.mapping_source:
        note += (
            f" IdP groups need the {people.groups_missing} permission; upload a team mapping "
            "on the Data page or set DEVIN_TEAMS_FILE."
        )
    st.caption(plain(note))
    rollup = _hide_v1(team_rollup(sessions), api)
    st.dataframe(rollup, hide_index=True, column_config=_rates_config(), key="people_teams")
    download_frame(rollup, key="people_teams_csv", filename="teams.csv", digits=_DIGITS)


def learning_section(settings: Settings, undated: pd.DataFrame, api: str) -> None:
    """Merged-PR rate, L/XL share and user messages by session number, pooled and per team."""
    st.subheader("Learning curves")
    st.caption(plain(definition_of("Learning curve")))
    curves = _hide_v1(learning_curves(undated, ranks(settings)), api)
    measures = {"Merged-PR rate": "merged_pr_rate", "L/XL share": "share_large"}
    measures = {k: v for k, v in measures.items() if v in curves}
    measures["User messages / session"] = "user_messages_per_session"
    picked = st.segmented_control(
        "Measure", list(measures), default=next(iter(measures)), key="people_learning_measure"
    )
    label = picked or next(iter(measures))
    figure = charts.learning_chart(curves, measures[label], label)
    st.plotly_chart(figure, key="people_learning_chart", width="stretch")
    st.dataframe(curves, hide_index=True, column_config=_rates_config(), key="people_learning")
