"""The Spend page's billing days: where a billing day starts in the viewer's zone, and the
period's totals billed beside what the sessions report."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from devin_data.catalogue import Unit
from devin_data.models.billing import day_start
from ui.components.format import number_column, person_column, plain, share_bar


def day_boundary_caption(tz: str, today: date) -> None:
    """Which day boundary the billed figures use, and that it is not the viewer's day."""
    local = pd.Timestamp(day_start(today)).tz_convert(tz).strftime("%H:%M")
    st.caption(
        plain(
            "Billing days run from 08:00 UTC (midnight Pacific standard time) to 08:00 UTC the "
            f"next day and are named by the date they start; in your time zone ({tz}) that is "
            f"{local} today, so a billing day is not the day the other pages count in. "
            "Session ACUs are put on the billing day of the session's creation and follow every "
            "sidebar filter; the bill covers the whole organization (or, with a person or team "
            "filter, those people's own bill), and the table below names the filters that apply "
            "to the sessions only."
        )
    )


_ACUS = {
    "acus": "ACUs",
    "billed_in_period": "Billed in the period",
    "sessions_report": "Sessions report",
    "billed_this_cycle": "Billed this cycle",
    "cycle_limit": "ACU limit per cycle",
}


SPEND_COLUMNS = {
    "figure": st.column_config.TextColumn("Figure"),
    "person": person_column(),
    "user_id": st.column_config.TextColumn("Id"),
    "share_of_limit": share_bar("Share of the limit", blank="the person has no ACU limit"),
    **{k: number_column(v, Unit.ACUS) for k, v in _ACUS.items()},
    **{f"{k}_usd": number_column(f"{v} in $", Unit.MONEY) for k, v in _ACUS.items()},
}
