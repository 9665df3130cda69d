"""The People page's adoption: active, new, returning and inactive people, and active users per
day, week or month (the API's figures when the key may read them, else computed)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pandas as pd
import streamlit as st

from devin_data import charts
from devin_data.analytics import adoption as adopt
from devin_data.analytics import periods
from devin_data.analytics.definitions import definition_of
from devin_data.config import Settings
from devin_data.services import roster
from ui.components.format import plain
from ui.components.widgets import chart, partial_caption
from ui.data.workspace import workspace

_KINDS: dict[str, adopt.Kind] = {"Day": "dau", "Week": "wau", "Month": "mau"}


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
    why = roster.metrics_reason(settings, known, kind)
    window = periods.window_to_now(start, end, now)
    series = adopt.active_users(
        adopt.within(undated, window), kind, spec.tz, fetched if why is None else None, why
    )
    shown = adopt.active_series(series, kind, spec.tz, window)
    unit = adopt.KIND_NAMES[kind]
    chart(
        charts.active_users_chart(shown, unit),
        shown,
        key="people_active_users",
        filename=f"active_users_per_{unit}.csv",
    )
    partial_caption(shown, unit, drawn="Hollow points on a dashed line")
    note = f"Active users {series.source}"
    st.caption(plain(note + (f" ({series.why_computed})." if series.why_computed else ".")))
