"""The People page's teams: a roll-up per team and where the teams come from, and the learning
curves (measures by session number, pooled and per team)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from devin_data import charts
from devin_data.analytics.definitions import definition_of
from devin_data.analytics.learning import learning_curves, team_rollup
from devin_data.catalogue import BLANK, Unit
from devin_data.config import Settings
from ui.components.format import number_column, plain
from ui.components.widgets import download_frame
from ui.data.frames import ranks, roster
from ui.sections.people_tables import DIGITS, UNREPORTED, share_column


def _hide_v1(frame: pd.DataFrame, api: str) -> pd.DataFrame:
    unreported = ["acus", "merged_pr_rate", "share_large"] if api == "v1" else []
    return frame.drop(columns=[c for c in unreported if c in frame])


def _rates_config() -> dict[str, Any]:
    column = st.column_config
    return {
        "team": column.TextColumn("Team"),
        "bucket": column.TextColumn("Sessions of each person"),
        "people": number_column("People", Unit.COUNT),
        "sessions": number_column("Sessions", Unit.COUNT),
        "acus": number_column("ACUs", Unit.ACUS, blank=UNREPORTED),
        "merged_pr_rate": share_column("Merged-PR rate"),
        "share_large": share_column("L/XL share"),
        "user_messages_per_session": number_column(
            "User messages / session", Unit.RATIO, blank=UNREPORTED
        ),
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
    st.dataframe(
        rollup,
        hide_index=True,
        column_config=_rates_config(),
        key="people_teams",
        placeholder=BLANK,
    )
    download_frame(rollup, key="people_teams_csv", filename="teams.csv", digits=DIGITS)


# Session numbers count from each person's first session ever: the curves ignore the range.
LEARNING_TITLE = "Learning curves (all time, not the selected range)"


def learning_section(settings: Settings, undated: pd.DataFrame, api: str) -> None:
    """Merged-PR rate, L/XL share and user messages by session number, pooled and per team."""
    st.subheader(LEARNING_TITLE)
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
    st.dataframe(
        curves,
        hide_index=True,
        column_config=_rates_config(),
        key="people_learning",
        placeholder=BLANK,
    )
