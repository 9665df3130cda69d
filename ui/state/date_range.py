"""The custom range picker: a picked range applies only once both of its ends are chosen.

A range picker reports its first click alone; taken as it is, that half range would show one
day's figures until the end is picked. The range applied last stays in force meanwhile.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import streamlit as st

from devin_data.query.filters import EARLIEST_DAY, hold_day

WIDGET = "f_dates"
_APPLIED = "filter_days"  # the (start, end) in force; an end is None in "from that day on" links
_SESSION: Any = "session"  # persist_state: the picker keeps its value on every page

Days = tuple[date | None, date | None]


def seed(start: date | None, end: date | None) -> None:
    """Apply the days of a link or of a page's request; the picker shows them on its next run."""
    state = st.session_state
    state.pop(WIDGET, None)
    state.pop(_APPLIED, None)
    if start or end:
        state[_APPLIED] = (start, end)


def _picked_days() -> list[date]:
    value = st.session_state.get(WIDGET)
    return [d for d in (value if isinstance(value, tuple | list) else [value]) if d]


def _apply_complete_pick() -> None:
    """A pick becomes the range in force only when it has both ends."""
    days = _picked_days()
    if len(days) == 2:
        st.session_state[_APPLIED] = (days[0], days[1])


def _shown(day: date | None) -> str:
    return f"{day:%d %b %Y}" if day else ""


def _in_force(days: Days) -> str:
    start, end = days
    if start and end:
        return f"{_shown(start)} – {_shown(end)}"
    return f"from {_shown(start)} on" if start else f"up to {_shown(end)}"


def custom_days(today: date) -> Days:
    """Render the picker and return the days in force, each held inside [EARLIEST_DAY, today]."""
    state = st.session_state
    applied = state.get(_APPLIED) or (today - timedelta(days=29), today)
    # In a zone behind the one the days were picked in, "today" is earlier: hold them inside.
    applied = (hold_day(applied[0], today), hold_day(applied[1], today))
    state[_APPLIED] = applied
    shown = tuple(state.get(WIDGET) or (applied[0] or EARLIEST_DAY, applied[1] or today))
    held = tuple(hold_day(day, today) for day in shown)
    if held != state.get(WIDGET):
        state[WIDGET] = held
    st.date_input(
        "Days (in your time zone)",
        key=WIDGET,
        min_value=EARLIEST_DAY,
        max_value=today,
        on_change=_apply_complete_pick,
        persist_state=_SESSION,
    )
    missing = {0: "a start and an end date", 1: "the end date"}.get(len(_picked_days()))
    if missing:
        st.caption(
            f"Pick {missing} to apply the range; until then the figures show {_in_force(applied)}."
        )
    return applied
