"""Wire settings to a client and a store: a real API, or the demo organization in-process.

A base URL typed in the Connection form is judged (:mod:`devin_data.api.address`) each time a
client is made for it, and that client connects only to the judged address. Such a credential
gets a store scope only once :func:`first_contact` has seen the API accept it.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import httpx

from devin_data.api.address import PinnedTransport, Resolver, judge_base_url, resolve
from devin_data.api.client import DevinClient
from devin_data.config import ENV_BASE_URL, SOURCE_FORM, Settings
from devin_data.errors import ConfigurationError
from devin_data.store.store import Store

if TYPE_CHECKING:
    import sqlalchemy as sa

    from devin_data.emulator import Emulator

_demo_lock = threading.Lock()
# A database that does not answer fails in seconds with a message, instead of hanging a page.
SHARED_CONNECT_ARGS = {"connect_timeout": 5}
_demo_by_day: dict[str, Emulator] = {}


def _now(now: datetime | None) -> datetime:
    """The injected instant; the real clock only when the caller (the app, the CLI) gives none."""
    return now if now is not None else datetime.now(UTC)


def demo_day(now: datetime) -> str:
    """The demo organization is generated afresh each UTC day, anchored at its midnight."""
    return now.astimezone(UTC).strftime("%Y-%m-%d")


def shared_demo_emulator(now: datetime | None = None) -> Emulator:
    """One demo emulator per process and day, shared by every client and browser session."""
    from devin_data.emulator import demo_emulator  # numpy loads only for the demo

    at = _now(now)
    day = demo_day(at)
    with _demo_lock:
        emulator = _demo_by_day.get(day)
        if emulator is None:
            emulator = demo_emulator(at)
            _demo_by_day.clear()
            _demo_by_day[day] = emulator
        return emulator


def client_for(
    settings: Settings,
    *,
    transport: httpx.BaseTransport | None = None,
    now: datetime | None = None,
    resolver: Resolver = resolve,
    **overrides: Any,
) -> DevinClient:
    """A client for these settings; the demo organization of ``now`` is served in-process, and a
    base URL typed in the form is reached only at the address judged fit for it (see
    :func:`typed_in_form`), or refused with :class:`~devin_data.api.address.AddressRefused`.

    A key or an org id that cannot be sent is a :class:`ConfigurationError` naming the setting."""
    settings = replace(settings, **overrides)
    refused = settings.unsendable()
    if refused is not None:
        raise ConfigurationError(refused[0], setting=refused[1])
    if transport is None:
        transport = settings.transport
    if settings.demo and transport is None:
        from devin_data.emulator import EmulatorTransport

        transport = EmulatorTransport(shared_demo_emulator(now))
    if transport is None and typed_in_form(settings):
        transport = _pinned(settings, resolver)
    return DevinClient(replace(settings, transport=transport))


def typed_in_form(settings: Settings) -> bool:
    """The base URL came from a viewer (the Connection form), not from the operator."""
    return not settings.demo and settings.sources.get(ENV_BASE_URL) == SOURCE_FORM


def _pinned(settings: Settings, resolver: Resolver) -> PinnedTransport:
    judged = judge_base_url(
        settings.base_url, allow_private=settings.allow_private_base_url, resolver=resolver
    )
    pool = settings.concurrency  # the client's own limits apply only to a transport it makes
    limits = httpx.Limits(max_connections=pool, max_keepalive_connections=pool)
    return PinnedTransport(judged, httpx.HTTPTransport(limits=limits))


def first_contact(settings: Settings, **options: Any) -> None:
    """One cheap authenticated request (the first session of the sessions list), so a key
    typed in the form is known to be accepted before anything is stored for it; raises the
    :class:`~devin_data.errors.DevinError` that says why not (see
    :func:`devin_data.hints.refuses_key`)."""
    with client_for(settings, **options) as client:
        if client.api_version == "v1":
            client.list_sessions_v1_page(limit=1)
        else:
            client.list_sessions_page(first=1)


def store_scope(settings: Settings, now: datetime | None = None) -> str:
    """The cache folder name: the credential fingerprint, plus ``now``'s day for the demo."""
    scope = settings.fingerprint()
    return f"demo-{demo_day(_now(now))}-{scope[:8]}" if settings.demo else scope


def store_for(
    settings: Settings, now: datetime | None = None, *, engine: sa.Engine | None = None
) -> Store:
    """The embedded store in the cache folder, or with ``DEVIN_STORE_URL`` the shared one (on
    ``engine`` when the caller has one, such as the app's connection); the demo is never shared."""
    scope = store_scope(settings, now)
    url = settings.shared_store_url
    if url is None:
        return Store.open(settings.cache_dir, scope)
    from devin_data.store.shared.store import SharedStore  # SQLAlchemy loads only when used

    if engine is not None:
        return SharedStore(engine, settings.cache_dir, scope)
    owned = shared_engine(url.get())
    try:
        return SharedStore(owned, settings.cache_dir, scope, owns_engine=True)
    except BaseException:
        owned.dispose()
        raise


def shared_engine(url: str) -> sa.Engine:
    """A SQLAlchemy engine for a store URL (``postgres://`` forms use psycopg 3)."""
    import sqlalchemy

    from devin_data.store.shared.url import normalize_url

    return sqlalchemy.create_engine(
        normalize_url(url), pool_pre_ping=True, connect_args=SHARED_CONNECT_ARGS
    )
