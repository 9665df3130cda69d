"""The last line of defence: a page that fails says so in words, never with a traceback."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from devin_data.errors import DevinError
from devin_data.query.filters import FilterSpec
from devin_data.services import explain
from ui.state.url import browser_zone, request_filters

_LOG = logging.getLogger(__name__)


def _reset_filters() -> None:
    request_filters(FilterSpec(tz=browser_zone()))


@contextmanager
def page_guard() -> Iterator[None]:
    """Turn an unexpected error into a message with a way out (Streamlit's own stop and rerun
    signals are not Exceptions and pass through)."""
    try:
        yield
    except DevinError as err:  # says what is wrong and what to do, such as a full disk
        _LOG.warning("page stopped: %s", err)
        st.error(f"This page could not be shown: {explain(err)}", icon=":material/error:")
    except Exception as err:
        _LOG.exception("page failed")
        st.error(
            f"This page could not be shown ({type(err).__name__}). The details are in the "
            "server log. Resetting the filters shows the page with the default ones.",
            icon=":material/error:",
        )
        st.button("Reset the filters", icon=":material/restart_alt:", on_click=_reset_filters)
