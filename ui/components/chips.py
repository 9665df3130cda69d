"""Drill-down chips: what a click on Insights keeps, in words, with a button that removes it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from devin_data.analytics.drilldown import BY_ATTRIBUTE, describe
from ui.components.format import plain
from ui.state.filters import DRILLS_KEY, current_filters


def _remove(attribute: str) -> None:
    drills: Mapping[str, Any] = st.session_state.get(DRILLS_KEY, {})
    st.session_state[DRILLS_KEY] = {k: v for k, v in drills.items() if k != attribute}


def drill_chips() -> None:
    """One chip per drill-down in force, above the page it narrows; a click removes it."""
    drills = current_filters().drills()
    if not drills:
        return
    with st.container(horizontal=True, vertical_alignment="center", key="drill-chips"):
        st.markdown(":material/filter_alt: **Drill-down from Insights:**")
        for attribute, keys in drills.items():
            st.button(
                plain(describe(BY_ATTRIBUTE[attribute], keys)),
                icon=":material/close:",
                key=f"drill-chip-{attribute}",
                help="Remove this filter",
                on_click=_remove,
                args=(attribute,),
            )
