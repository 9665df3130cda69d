"""The Spend page's people: billed ACUs per person in the period and in the cycle, what their
sessions report, and their ACU limit where one exists."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from devin_data.analytics.spend import SpendView, reported_per_user, with_money
from devin_data.catalogue import BLANK, person_labels
from devin_data.config import Settings, SpendSettings
from devin_data.services import budget
from ui.components.format import plain
from ui.components.widgets import download_frame, empty_state
from ui.data.remote import refresh_people
from ui.data.workspace import workspace
from ui.sections.spend_days import SPEND_COLUMNS


def people_table(
    settings: Settings,
    sessions: pd.DataFrame,
    view: SpendView,
    spend: SpendSettings,
    period: tuple[date, date],
) -> None:
    """Billed ACUs per person (by name, else id) of ``sessions`` in the period and in the
    cycle, against their limit if any."""
    users = tuple(sorted(sessions["user_id"].dropna().unique().tolist()))
    if not users:
        empty_state("No person started a cached session.")
        return
    failed = refresh_people(settings, users)
    reported = reported_per_user(sessions, *period)
    table = budget.billed_per_person(
        workspace(settings), users, view.budget.cycle, period, reported
    )
    table = table.sort_values("billed_in_period", ascending=False)
    names = dict(zip(sessions["creator_id"], person_labels(sessions), strict=True))
    table.insert(0, "person", [names.get(user, user) for user in table["user_id"]])
    table = with_money(table, spend.acu_price, ["billed_in_period", "billed_this_cycle"])
    st.dataframe(
        table, hide_index=True, key="spend_people", column_config=SPEND_COLUMNS, placeholder=BLANK
    )
    download_frame(table, key="spend_people_csv", filename="billed_per_person.csv")
    if failed:
        st.caption(plain(f"The billed ACUs of {failed} people could not be read just now."))
