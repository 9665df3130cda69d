"""The workspace of this connection, opened once per credential scope and shared by every
browser session and rerun; the shared store's engine the Streamlit way, from ``st.connection``."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

import streamlit as st

from devin_data.config import CONNECTION_NAME, Settings
from devin_data.errors import DevinError
from devin_data.services.workspace import (
    SHARED_CONNECT_ARGS,
    Workspace,
    scope_of,
    shared_store_url,
    store_unavailable,
)


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


@st.cache_resource(show_spinner=False, max_entries=16)
def _opened(
    scope: str, cache_dir: str, store_id: str, _settings: Settings, _now: datetime
) -> Workspace:
    url = _settings.shared_store_url
    engine = None if url is None else shared_engine(url.get())
    return Workspace.open(_settings, now=_now, engine=engine)


def workspace(settings: Settings) -> Workspace:
    """This connection's workspace, its store shared by every browser session with the same
    credential: the embedded one, or the shared one when ``DEVIN_STORE_URL`` is set (keyed by a
    digest of the URL, which is itself never a cache key); bound to this run's ``settings``.

    The scope is computed once, so the demo's day is read from the clock once per call.
    """
    now = datetime.now(UTC)
    url = settings.shared_store_url.get() if settings.shared_store_url else None
    key = (scope_of(settings, now), str(settings.cache_dir), url_digest(url))
    return _opened(*key, settings, now).bound(settings)
