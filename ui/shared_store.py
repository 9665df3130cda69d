"""The shared store the Streamlit way: one SQLAlchemy engine from ``st.connection``, shared by
every browser session and rerun."""

from __future__ import annotations

import hashlib
from typing import Any

import streamlit as st

from devin_data.errors import DevinError
from devin_data.services.workspace import (
    SHARED_CONNECT_ARGS,
    shared_store_url,
    store_unavailable,
)

CONNECTION_NAME = "devin_store"


def url_digest(url: str | None) -> str:
    """A stand-in for the URL in cache keys: the URL itself is a secret."""
    return "" if url is None else hashlib.sha256(url.encode()).hexdigest()[:16]


def shared_engine(url: str) -> Any:
    """The app's engine of the shared store; a failure to connect is a
    :class:`~devin_data.errors.StoreUnavailable` whose message masks the password, a URL of
    another kind a :class:`~devin_data.errors.StoreUrlError`."""
    try:
        normalized = shared_store_url(url)
        connection = st.connection(
            CONNECTION_NAME,
            type="sql",
            url=normalized,
            pool_pre_ping=True,
            connect_args=SHARED_CONNECT_ARGS,
        )
        return connection.engine
    except DevinError:  # a URL of another kind says so itself
        raise
    except Exception as exc:
        raise store_unavailable(exc, url) from None
