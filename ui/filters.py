"""The global filters: sidebar widgets that read from and write to the URL query parameters."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, available_timezones

import pandas as pd
import streamlit as st

from devin_data.analytics.filters import (
    DEFAULT_PRESET,
    FILTER_PARAMS,
    PRESETS,
    FilterSpec,
    drop_unknown,
    parse_query,
    valid_zone,
)
from ui.format import label

_SPEC = "filter_spec"
_PENDING = "filter_pending"
_NOTICES = "filter_notices"
_SEEDED = "filter_seeded"
_PRESET_LABELS = {"7d": "7 d", "30d": "30 d", "90d": "90 d", "all": "All", "custom": "Custom"}
_LISTS = ("origins", "categories", "sizes", "statuses", "users", "tags")
_COMMON_ZONES = (
    "UTC",
    "America/Los_Angeles",
    "America/New_York",
    "Europe/London",
    "Europe/Berlin",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Australia/Sydney",
)


def browser_zone() -> str:
    zone = st.context.timezone
    return zone if zone and valid_zone(zone) else "UTC"


def current_filters() -> FilterSpec:
    spec = st.session_state.get(_SPEC)
    return spec if isinstance(spec, FilterSpec) else FilterSpec(tz=browser_zone())


def request_filters(spec: FilterSpec) -> None:
    """Apply ``spec`` to the widgets on the next run (used by links between pages)."""
    st.session_state[_PENDING] = spec


def filtered_sessions(frame: pd.DataFrame) -> pd.DataFrame:
    return current_filters().apply(frame, datetime.now(UTC))


def _seed(spec: FilterSpec) -> None:
    state = st.session_state
    state["f_range"] = spec.preset
    if spec.start_date or spec.end_date:
        state["f_dates"] = tuple(d for d in (spec.start_date, spec.end_date) if d)
    for attribute in _LISTS:
        state[f"f_{attribute}"] = list(getattr(spec, attribute))
    state["f_q"] = spec.search
    state["f_tz"] = spec.tz
    state["f_ids"] = list(spec.ids)


def _initial_spec(known: dict[str, list[str]]) -> FilterSpec:
    """On a browser session's first run the URL decides; later, a page's request does."""
    pending = st.session_state.pop(_PENDING, None)
    notices: list[str]
    if isinstance(pending, FilterSpec):
        spec, notices = pending, []
    else:
        params = {name: st.query_params[name] for name in FILTER_PARAMS if name in st.query_params}
        spec, notices = parse_query(params, default_tz=browser_zone())
    spec, unknown = drop_unknown(spec, {k: set(v) for k, v in known.items()})
    st.session_state[_NOTICES] = notices + unknown
    return spec


def _date_widgets(tz: str) -> tuple[str, date | None, date | None]:
    preset = (
        st.segmented_control(
            "Created", PRESETS, format_func=_PRESET_LABELS.__getitem__, key="f_range"
        )
        or DEFAULT_PRESET
    )
    if preset != "custom":
        return preset, None, None
    today = datetime.now(UTC).astimezone(ZoneInfo(tz)).date()
    if "f_dates" not in st.session_state:
        st.session_state["f_dates"] = (today - timedelta(days=29), today)
    picked = st.date_input("Days (in your time zone)", key="f_dates", max_value=today)
    days = [d for d in (picked if isinstance(picked, tuple | list) else [picked]) if d]
    if not days:
        return DEFAULT_PRESET, None, None
    return preset, days[0], days[-1]


def sidebar_filters(known: dict[str, list[str]], *, keep: tuple[str, ...] = ()) -> FilterSpec:
    """Render the filters, remember them for the pages and mirror them in the URL.

    ``keep`` names the page's own parameters (such as ``session``) that stay in the URL.
    """
    if not st.session_state.get(_SEEDED) or _PENDING in st.session_state:
        _seed(_initial_spec(known))
        st.session_state[_SEEDED] = True
    with st.sidebar:
        st.markdown("**Filters**")
        tz = st.session_state.get("f_tz", "UTC")
        preset, first, last = _date_widgets(tz)
        chosen = {
            attribute: tuple(
                st.multiselect(
                    label(attribute),
                    known[attribute],
                    key=f"f_{attribute}",
                    format_func=label if attribute != "users" else str,
                    placeholder="All",
                )
            )
            for attribute in _LISTS
        }
        search = st.text_input("Title or id contains", key="f_q", max_chars=200)
        ids = tuple(st.session_state.get("f_ids", []))
        if ids and st.button(
            f"Clear the selection of {len(ids)} sessions", icon=":material/close:"
        ):
            st.session_state["f_ids"] = []
            ids = ()
        with st.expander("Display", icon=":material/schedule:"):
            zones = sorted({*_COMMON_ZONES, browser_zone(), tz}) + sorted(available_timezones())
            tz = st.selectbox("Time zone", list(dict.fromkeys(zones)), key="f_tz")
    spec = FilterSpec(
        preset=preset,
        start_date=first,
        end_date=last,
        search=search.strip(),
        tz=tz,
        ids=ids,
        **chosen,
    )
    st.session_state[_SPEC] = spec
    _write_url(spec, keep)
    return spec


def _write_url(spec: FilterSpec, keep: tuple[str, ...]) -> None:
    """Rewrite the parameters on every run: a page switch may have dropped or left some."""
    kept = {name: st.query_params[name] for name in keep if name in st.query_params}
    st.query_params.from_dict(kept | spec.query_params())


def show_notices() -> None:
    for notice in st.session_state.pop(_NOTICES, []):
        st.warning(notice, icon=":material/link_off:")
