"""Jumps between pages that carry filters with them."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import streamlit as st

from ui.state.filters import current_filters
from ui.state.url import request_filters

SESSIONS_PAGE = "app_pages/sessions.py"
DETAIL_PAGE = "app_pages/session_detail.py"


def open_sessions(**changes: Any) -> None:
    """Show the Sessions page with the current filters narrowed by ``changes``.

    ``changes`` are FilterSpec fields (origins, categories, sizes, statuses, users, tags, or the
    drill-downs issues, actions, languages, tools); tuples replace the current values.
    """
    fields: dict[str, Any] = {k: tuple(v) for k, v in changes.items()}
    spec = replace(current_filters(), **fields)
    request_filters(spec)
    st.switch_page(SESSIONS_PAGE, query_params=spec.query_params())


def open_session(session_id: str) -> None:
    params = {"session": session_id} | current_filters().query_params()
    st.switch_page(DETAIL_PAGE, query_params=params)
