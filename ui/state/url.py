"""URL state: the filters and a page's own parameters read from ``st.query_params`` through the
registry of :mod:`devin_data.query.registry` (what cannot be used leaves the URL with a notice),
and written back on every run (the filters, then what the page keeps)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import streamlit as st

from devin_data.analytics.drilldown import DRILLS, known_keys
from devin_data.config import Settings
from devin_data.query.filters import FilterSpec, valid_zone
from devin_data.query.parse import drop_unknown, parse_query
from devin_data.query.registry import FILTER_PARAMS, check_page_params
from devin_data.query.validate import LinkContext
from ui.data import frames

PENDING = "filter_pending"  # filters a page asked for, applied on the next run
_NOTICES = "filter_notices"


def browser_zone() -> str:
    zone = st.context.timezone
    return zone if zone and valid_zone(zone) else "UTC"


def request_filters(spec: FilterSpec) -> None:
    """Apply ``spec`` to the widgets on the next run (used by links between pages)."""
    st.session_state[PENDING] = spec


def initial_spec(settings: Settings, keep: tuple[str, ...]) -> FilterSpec:
    """On a browser session's first run the URL decides; later, a page's request does. The
    page's own parameters (``keep``) are checked too; what cannot be used leaves the URL."""
    pending = st.session_state.pop(PENDING, None)
    notices: list[str]
    if isinstance(pending, FilterSpec):
        spec, notices = pending, []
    else:
        params = {name: st.query_params[name] for name in FILTER_PARAMS if name in st.query_params}
        spec, notices = parse_query(params, default_tz=browser_zone(), now=datetime.now(UTC))
    known: dict[str, set[Any]] = {k: set(v) for k, v in frames.options(settings).items()}
    if spec.drills():
        items = frames.drill_frames(settings)
        known |= {drill.attribute: known_keys(drill, items[drill.frame]) for drill in DRILLS}
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


def write_url(spec: FilterSpec, keep: tuple[str, ...]) -> None:
    """Rewrite the parameters on every run: a page switch may have dropped or left some."""
    kept = {name: st.query_params[name] for name in keep if name in st.query_params}
    st.query_params.from_dict(kept | spec.query_params())


def show_notices() -> None:
    for notice in st.session_state.pop(_NOTICES, []):
        st.warning(notice, icon=":material/link_off:")
