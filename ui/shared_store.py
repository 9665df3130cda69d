"""The shared store the Streamlit way: one SQLAlchemy engine from ``st.connection``, shared by
every browser session and rerun, and its URL as the Data page shows it."""

from __future__ import annotations

import hashlib
from pathlib import Path

import streamlit as st

from devin_data.config import Settings
from devin_data.connect import SHARED_CONNECT_ARGS
from devin_data.errors import DevinError
from devin_data.store.shared.store import SharedStore, unavailable
from devin_data.store.shared.url import mask_url, normalize_url

CONNECTION_NAME = "devin_store"


def url_digest(url: str | None) -> str:
    """A stand-in for the URL in cache keys: the URL itself is a secret."""
    return "" if url is None else hashlib.sha256(url.encode()).hexdigest()[:16]


def open_shared(url: str, cache_dir: Path, scope: str) -> SharedStore:
    """The shared store of ``scope`` on the app's connection; a failure to connect is a
    :class:`StoreUnavailable` whose message masks the password, a URL of another kind a
    :class:`~devin_data.errors.StoreUrlError`."""
    try:
        normalized = normalize_url(url)
        connection = st.connection(
            CONNECTION_NAME,
            type="sql",
            url=normalized,
            pool_pre_ping=True,
            connect_args=SHARED_CONNECT_ARGS,
        )
        engine = connection.engine
    except DevinError:  # a URL of another kind says so itself
        raise
    except Exception as exc:
        raise unavailable(exc, url) from None
    return SharedStore(engine, cache_dir, scope)


def masked_store_url(settings: Settings) -> str:
    """The store URL with its password masked, for the Data page."""
    if settings.store_url is None:
        return "none (each app keeps its own cache folder)"
    if settings.shared_store_url is None:
        return (
            f"not used: {mask_url(settings.store_url.get())} is set, but the demo organization "
            "is kept in this app's own cache folder only (set an API key to use the shared store)"
        )
    return mask_url(settings.store_url.get())
