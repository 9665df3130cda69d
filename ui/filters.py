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

import pandas as pd
import streamlit as st

from devin_data.analytics.drilldown import DRILLS, known_keys
from devin_data.config import Settings
from devin_data.frames.availability import V1_REASON, api_reason
from devin_data.query.filters import DEFAULT_PRESET, FILTER_PARAMS, PRESETS, FilterSpec, valid_zone
from devin_data.query.parse import drop_unknown, parse_query
from devin_data.query.validate import LinkContext, check_page_params
from ui import date_range, loaders
from ui.format import label

_SPEC = "filter_spec"
_PENDING = "filter_pending"
_NOTICES = "filter_notices"
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
_DRILL_LOADERS = {
    "issues": loaders.issues_frame,
    "action_items": loaders.action_items_frame,
    "languages": loaders.languages_frame,
    "tools": loaders.tools_frame,
}


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


def drill_frames(settings: Settings) -> dict[str, pd.DataFrame]:
    """The insights frames that drill-downs are matched against."""
    return {drill.frame: _DRILL_LOADERS[drill.frame](settings) for drill in DRILLS}


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


def _initial_spec(settings: Settings, keep: tuple[str, ...]) -> FilterSpec:
    """On a browser session's first run the URL decides; later, a page's request does. The
    page's own parameters (``keep``) are checked too; what cannot be used leaves the URL."""
    pending = st.session_state.pop(_PENDING, None)
    notices: list[str]
    if isinstance(pending, FilterSpec):
        spec, notices = pending, []
    else:
        params = {name: st.query_params[name] for name in FILTER_PARAMS if name in st.query_params}
        spec, notices = parse_query(params, default_tz=browser_zone(), now=datetime.now(UTC))
    known: dict[str, set[Any]] = {k: set(v) for k, v in loaders.options(settings).items()}
    if spec.drills():
        frames = drill_frames(settings)
        known |= {drill.attribute: known_keys(drill, frames[drill.frame]) for drill in DRILLS}
    spec, unknown = drop_unknown(spec, known)
    context = LinkContext(spec.today(datetime.now(UTC)), known.get("teams", set()))
    changes, page = check_page_params(st.query_params.to_dict(), keep, context)
    for name, value in changes.items():
        if value is None:
            del st.query_params[name]
        else:
            st.query_params[name] = value
    st.session_state[_NOTICES] = notices + unknown + page
    return spec


def _name_or_id(names: dict[str, str], user_id: str) -> str:
    return names.get(user_id, user_id)


def _formatter(attribute: str, settings: Settings) -> Callable[[str], str]:
    """Users read by name (the URL keeps the id); teams and repositories as written; else labels."""
    if attribute == "users":
        return partial(_name_or_id, loaders.roster(settings).names)
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
    if not st.session_state.get(_SEEDED) or _PENDING in st.session_state:
        _seed(_initial_spec(settings, keep))
        st.session_state[_SEEDED] = True
    known = loaders.options(settings)
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
    _write_url(spec, keep)
    return spec


def _resolved(spec: FilterSpec, settings: Settings) -> FilterSpec:
    """``spec`` with its drill-down matches, found again only when they or the data change."""
    current = loaders.workspace(settings)
    key = (spec.drills(), current.key, current.data_version())
    cached = st.session_state.get(_MATCHES)
    if cached is not None and cached[0] == key:
        return replace(spec, matches=cached[1])
    spec = spec.resolve(drill_frames(settings))
    st.session_state[_MATCHES] = (key, spec.matches)
    return spec


def _write_url(spec: FilterSpec, keep: tuple[str, ...]) -> None:
    """Rewrite the parameters on every run: a page switch may have dropped or left some."""
    kept = {name: st.query_params[name] for name in keep if name in st.query_params}
    st.query_params.from_dict(kept | spec.query_params())


def show_notices() -> None:
    for notice in st.session_state.pop(_NOTICES, []):
        st.warning(notice, icon=":material/link_off:")
