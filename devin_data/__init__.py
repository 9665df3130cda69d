"""The data layer of Devin session analytics: read the API, cache it, shape it. Never Streamlit.

The public face, imported on first use so that ``import devin_data`` stays cheap for the CLI::

    from devin_data import Settings, client_for, store_for, sync

    settings = Settings.load(os.environ)
    with client_for(settings) as client:
        report = sync.sync(client, store_for(settings), sync.SyncOptions())

``sync`` is the sync package (``sync.sync``, ``sync.SyncOptions``, ``sync.parse_since``);
``services`` the use cases the app and the CLI share (a :class:`Workspace` is one credential's
store and client); ``frames``, ``analytics`` and ``charts`` are packages of pure functions over
records and frames.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_HOMES = {
    "Settings": "devin_data.config",
    "Secret": "devin_data.config",
    "DevinClient": "devin_data.api",
    "ClientStats": "devin_data.api",
    "RetryPolicy": "devin_data.api",
    "Store": "devin_data.store",
    "SyncOptions": "devin_data.sync",
    "SyncProgress": "devin_data.sync",
    "SyncReport": "devin_data.sync",
    "Workspace": "devin_data.services",
    "explain": "devin_data.hints",
    "client_for": "devin_data.connect",
    "store_for": "devin_data.connect",
    "DevinError": "devin_data.errors",
    "ConfigurationError": "devin_data.errors",
    "ApiConnectionError": "devin_data.errors",
    "ApiTimeoutError": "devin_data.errors",
    "MalformedResponseError": "devin_data.errors",
    "ApiStatusError": "devin_data.errors",
    "AuthenticationError": "devin_data.errors",
    "PermissionDeniedError": "devin_data.errors",
    "NotFoundError": "devin_data.errors",
    "RateLimitedError": "devin_data.errors",
    "ServerError": "devin_data.errors",
    "Session": "devin_data.models",
    "Message": "devin_data.models",
}

__all__ = [
    "ApiConnectionError",
    "ApiStatusError",
    "ApiTimeoutError",
    "AuthenticationError",
    "ClientStats",
    "ConfigurationError",
    "DevinClient",
    "DevinError",
    "MalformedResponseError",
    "Message",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitedError",
    "RetryPolicy",
    "Secret",
    "ServerError",
    "Session",
    "Settings",
    "Store",
    "SyncOptions",
    "SyncProgress",
    "SyncReport",
    "Workspace",
    "analytics",
    "charts",
    "client_for",
    "explain",
    "frames",
    "services",
    "store_for",
    "sync",
]


def __getattr__(name: str) -> Any:
    """Import a public name from its home the first time it is asked for."""
    home = _HOMES.get(name)
    if home is None:
        if name in __all__:
            return importlib.import_module(f"{__name__}.{name}")
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from devin_data import analytics, charts, frames, services, sync
    from devin_data.api import ClientStats, DevinClient, RetryPolicy
    from devin_data.config import Secret, Settings
    from devin_data.connect import client_for, store_for
    from devin_data.errors import (
        ApiConnectionError,
        ApiStatusError,
        ApiTimeoutError,
        AuthenticationError,
        ConfigurationError,
        DevinError,
        MalformedResponseError,
        NotFoundError,
        PermissionDeniedError,
        RateLimitedError,
        ServerError,
    )
    from devin_data.hints import explain
    from devin_data.models import Message, Session
    from devin_data.services import Workspace
    from devin_data.store import Store
