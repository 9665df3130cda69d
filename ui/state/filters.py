"""The global filters: sidebar widgets that read from and write to the URL query parameters.

The URL decides on a browser session's first run (or when a page asks for new filters); after
that the widgets do. Their values live for the whole browser session (``persist_state``), so a
page switch, a page link or the navigation menu never drops or resets them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

import streamlit as st

from devin_data.config import Settings
from devin_data.frames.availability import V1_REASON, api_reason
from devin_data.query.filters import DEFAULT_PRESET, PRESETS, FilterSpec, valid_zone
from ui.components.format import label
from ui.data import frames
from ui.data.workspace import workspace
from ui.state import date_range
from ui.state.url import PENDING, browser_zone, initial_spec, write_url

_SPEC = "filter_spec"
_SEEDED = "filter_seeded"
DRILLS_KEY = "f_drills"
_TZ_CHOSEN = "f_tz_chosen"
_MATCHES = "filter_drill_matches"
_PRESET_LABELS = {"7d": "7 d", "30d": "30 d", "90d": "90 d", "all": "All", "custom": "Custom"}
_LISTS = ("origins", "categories", "sizes", "statuses", "users", "tags", "teams", "repositories")
_COLUMNS = {"categories": "category", "sizes": "session_size"}  # the frame column a list filters
_SESSION: Any = "session"  # persist_state: a widget keeps its value on every page
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


def current_filters() -> FilterSpec:
    spec = st.session_state.get(_SPEC)
    return spec if isinstance(spec, FilterSpec) else FilterSpec(tz=browser_zone())


def _seed(spec: FilterSpec) -> None:
    state = st.session_state
    state["f_range"] = spec.preset
    date_range.seed(spec.start_date, spec.end_date)
    for attribute in _LISTS:
        state[f"f_{attribute}"] = list(getattr(spec, attribute))
    state["f_q"] = spec.search
    state["f_tz"] = spec.tz
    state[_TZ_CHOSEN] = spec.tz_chosen
    state[DRILLS_KEY] = spec.drills()


def _name_or_id(names: dict[str, str], user_id: str) -> str:
    return names.get(user_id, user_id)


def _formatter(attribute: str, settings: Settings) -> Callable[[str], str]:
    """Users read by name (the URL keeps the id); teams and repositories as written; else labels."""
    if attribute == "users":
        return partial(_name_or_id, frames.roster(settings).names)
    return str if attribute in ("teams", "repositories") else label


def _date_widgets(today: date) -> tuple[str, date | None, date | None]:
    preset = (
        st.segmented_control(
            "Created",
            PRESETS,
            format_func=_PRESET_LABELS.__getitem__,
            key="f_range",
            persist_state=_SESSION,
        )
        or DEFAULT_PRESET
    )
    if preset != "custom":
        return preset, None, None
    first, last = date_range.custom_days(today)
    return preset, first, last


def _zone_chosen() -> None:
    st.session_state[_TZ_CHOSEN] = True


def _settled_zone() -> str:
    """The zone of this run: the one chosen (in the link or the sidebar), else the browser's."""
    state = st.session_state
    if not state.get(_TZ_CHOSEN) or not valid_zone(str(state.get("f_tz"))):
        state["f_tz"] = browser_zone()
    return str(state["f_tz"])


def _zone_widget(tz: str) -> str:
    zones = sorted({*_COMMON_ZONES, browser_zone(), tz}) + sorted(available_timezones())
    zone: str = st.selectbox(
        "Time zone",
        list(dict.fromkeys(zones)),
        key="f_tz",
        on_change=_zone_chosen,
        persist_state=_SESSION,
    )
    return zone


def sidebar_filters(settings: Settings, *, keep: tuple[str, ...] = ()) -> FilterSpec:
    """Render the filters, remember them for the pages and mirror them in the URL.

    ``keep`` names the page's own parameters (such as ``session``) that stay in the URL.
    """
    if not st.session_state.get(_SEEDED) or PENDING in st.session_state:
        _seed(initial_spec(settings, keep))
        st.session_state[_SEEDED] = True
    known = frames.options(settings)
    tz = _settled_zone()
    with st.sidebar:
        st.markdown("**Filters**")
        preset, first, last = _date_widgets(datetime.now(UTC).astimezone(ZoneInfo(tz)).date())
        unreported = [a for a in _LISTS if api_reason(_COLUMNS.get(a, a), settings.api_version)]
        chosen: dict[str, Any] = {
            attribute: tuple(
                st.multiselect(
                    label(attribute),
                    known[attribute],
                    key=f"f_{attribute}",
                    format_func=_formatter(attribute, settings),
                    placeholder="All",
                    persist_state=_SESSION,
                )
            )
            for attribute in _LISTS
            if attribute not in unreported
        }
        if unreported:
            names = " and ".join(label(a) for a in unreported)
            st.caption(f"{names} filters: {V1_REASON}.")
        search = st.text_input(
            "Title or id contains", key="f_q", max_chars=200, persist_state=_SESSION
        )
        with st.expander("Display", icon=":material/schedule:"):
            tz = _zone_widget(tz)
    spec = FilterSpec(
        preset=preset,
        start_date=first,
        end_date=last,
        search=search.strip(),
        tz=tz,
        tz_chosen=bool(st.session_state.get(_TZ_CHOSEN)),
        **chosen,
        **st.session_state.get(DRILLS_KEY, {}),
    )
    if spec.drills():
        spec = _resolved(spec, settings)
    st.session_state[_SPEC] = spec
    write_url(spec, keep)
    return spec


def _resolved(spec: FilterSpec, settings: Settings) -> FilterSpec:
    """``spec`` with its drill-down matches, found again only when they or the data change."""
    current = workspace(settings)
    key = (spec.drills(), current.key, current.data_version())
    cached = st.session_state.get(_MATCHES)
    if cached is not None and cached[0] == key:
        return replace(spec, matches=cached[1])
    spec = spec.resolve(frames.drill_frames(settings))
    st.session_state[_MATCHES] = (key, spec.matches)
    return spec
