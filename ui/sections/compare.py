"""Compare any two periods, or two teams, side by side: the KPIs of Overview and People.

The choice lives in the URL (``period_a``/``period_b`` as ``2026-02-01..2026-02-14``, or
``team_a``/``team_b``), so a copied link reproduces the comparison.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pandas as pd
import streamlit as st

from devin_data.analytics.compare import Side, compare
from devin_data.analytics.definitions import definition_of
from devin_data.catalogue import BLANK
from devin_data.config import Settings
from devin_data.query.filters import FilterSpec
from devin_data.query.registry import COMPARE_PARAMS, period_param
from devin_data.query.validate import LinkContext, parse_days
from ui.components.format import plain
from ui.components.widgets import empty_state

_MODES = ("Two periods", "Two teams")
Days = tuple[date, date]


def _linked(param: str, today: date) -> Days | None:
    """The period of the link, held inside the days offered (the link was checked on opening,
    with a notice; a date picker must never get a day it refuses)."""
    text = st.query_params.get(param)
    held = period_param(param, text, LinkContext(today))[0] if text else None
    return parse_days(held) if held else None


def _days(label: str, param: str, default: Days, today: date) -> Days | None:
    """The picker of one period: the selected range's default until the viewer picks days
    (or a link names them); only picked days are kept in the URL."""
    key, offered = f"people_{param}", f"people_{param}_offered"
    if key not in st.session_state:
        st.session_state[key] = _linked(param, today) or default
    elif _as_days(st.session_state[key]) == st.session_state.get(offered):
        st.session_state[key] = default  # never picked: it follows the range
    st.session_state[offered] = default
    picked = st.date_input(label, key=key, max_value=today)
    days = _as_days(picked)
    if days is None:
        st.caption("Pick both days of the period.")
        return None
    if days == default:  # only what differs from the defaults goes in the URL
        st.query_params.pop(param, None)
    else:
        st.query_params[param] = f"{days[0].isoformat()}..{days[1].isoformat()}"
    return days


def _as_days(picked: object) -> Days | None:
    """A date input's value as two days, None until both are picked."""
    values = picked if isinstance(picked, tuple | list) else [picked]
    days = [d for d in values if isinstance(d, date)]
    return (days[0], days[1]) if len(days) == 2 else None


def _defaults(spec: FilterSpec, today: date) -> tuple[Days, Days]:
    """The selected days as B and the equally long days right before them as A."""
    start, end = spec.window(datetime.now(UTC))
    if start is None or end is None:
        b = (today - timedelta(days=29), today)
    else:
        zone = spec.tz
        b = (start.tz_convert(zone).date(), (end - timedelta(seconds=1)).tz_convert(zone).date())
    length = b[1] - b[0] + timedelta(days=1)
    return (b[0] - length, b[0] - timedelta(days=1)), b


def _periods(everything: pd.DataFrame, spec: FilterSpec) -> tuple[Side, Side] | None:
    now = datetime.now(UTC)
    today = spec.today(now)
    default_a, default_b = _defaults(spec, today)
    left, right = st.columns(2)
    with left:
        a = _days("Period A", "period_a", default_a, today)
    with right:
        b = _days("Period B", "period_b", default_b, today)
    if a is None or b is None:
        return None

    def side(days: Days) -> Side:
        chosen = replace(spec, preset="custom", start_date=days[0], end_date=days[1])
        return Side(f"{days[0]:%d %b %Y} – {days[1]:%d %b %Y}", chosen.apply(everything, now))

    return side(a), side(b)


def _teams(sessions: pd.DataFrame, teams: list[str]) -> tuple[Side, Side] | None:
    if len(teams) < 2:
        empty_state("Comparing teams needs at least two teams (see Teams above).")
        return None
    left, right = st.columns(2)
    picks = []
    for column, param, fallback in ((left, "team_a", 0), (right, "team_b", 1)):
        wanted = st.query_params.get(param)
        index = teams.index(wanted) if wanted in teams else fallback
        with column:
            picks.append(st.selectbox(f"Team {param[-1].upper()}", teams, index=index, key=param))
        st.query_params[param] = picks[-1]  # the mode's own choice: kept so a link reopens it
    team = sessions["team"] if "team" in sessions else pd.Series(dtype="str")
    return tuple(  # type: ignore[return-value]
        Side(name, sessions[(team == name).to_numpy(dtype=bool, na_value=False)]) for name in picks
    )


def compare_section(
    settings: Settings, everything: pd.DataFrame, sessions: pd.DataFrame, spec: FilterSpec
) -> None:
    """Two periods (every other filter applies) or two teams (in the selected period)."""
    st.subheader("Compare")
    st.caption(plain(definition_of("Comparison")))
    initial = "Two teams" if "team_a" in st.query_params else "Two periods"
    mode = st.segmented_control("Compare", _MODES, default=initial, key="people_compare_mode")
    for param in COMPARE_PARAMS:
        if (mode == "Two teams") != param.startswith("team") and param in st.query_params:
            del st.query_params[param]
    teams = sorted({str(t) for t in sessions["team"].dropna()}) if "team" in sessions else []
    sides = _teams(sessions, teams) if mode == "Two teams" else _periods(everything, spec)
    if sides is None:
        return
    table = compare(*sides, api=settings.api_version)
    st.dataframe(
        table.rename(columns={"kpi": "", "change": "Change A → B"}),
        hide_index=True,
        placeholder=BLANK,
    )
