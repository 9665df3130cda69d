"""Sessions on demand: one session's details from the API merged with the cache, its insights,
and the messages of chosen sessions.

What the Session detail page needs that is not Streamlit: fetch a session (v1 details with a v1
key, otherwise v3 insights and messages), merge it with the cached record, keep its messages in
the store, and ask for insights, then poll until the analysis arrives. What the Timelines page
needs: how many sessions' messages are cached, and fetching the missing or stale ones. For many
sessions' insights at once, see :mod:`devin_data.services.insights`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from devin_data.api import DevinClient
from devin_data.models import Session
from devin_data.models.state import SyncState
from devin_data.services.workspace import Workspace
from devin_data.store import Store
from devin_data.sync import messages


def fetch(client: DevinClient, session_id: str) -> Session:
    """The session with its messages, from the endpoints this key can read."""
    if client.api_version == "v1":
        return client.get_session_details_v1(session_id)
    session = client.get_session_insights(session_id)
    return session.model_copy(update={"messages": client.list_messages(session_id)})


def merged(record: dict[str, Any] | None, fresh: Session) -> Session:
    """The fresh session, keeping cached values for fields the endpoint leaves out."""
    update = {k: v for k, v in fresh.to_record().items() if v is not None}
    return Session.model_validate({**(record or {}), **update, "analysis": fresh.analysis})


_CHANGES = ("updated_at", "status", "status_detail")


def refresh(client: DevinClient, store: Store, session_id: str, *, now: datetime) -> dict[str, Any]:
    """Fetch the session and keep what is new in the store: its messages, and the session itself
    when the API has a newer version or a first analysis (so every page's figures follow).

    Returns what the page shows: the merged ``record``, the ``analysis`` and the ``messages``.
    """
    fresh = fetch(client, session_id)
    record = store.get_record(session_id)
    if record is not None:
        store.set_messages(session_id, fresh.messages)
        first_analysis = fresh.analysis is not None and store.get_analysis(session_id) is None
        if first_analysis or _changed(record, fresh):
            result = store.write_batch([merged(record, fresh)], observed_at=now)
            if result.changed:
                _note_refreshed(store, session_id, now)
    return {
        "record": merged(record, fresh).to_record(),
        "analysis": fresh.analysis_record(),
        "messages": [m.to_record() for m in fresh.messages],
    }


def _changed(record: dict[str, Any], fresh: Session) -> bool:
    """The API's version differs from the cached one (a field it leaves out is no change)."""
    update = fresh.to_record()
    return any(update.get(k) is not None and update.get(k) != record.get(k) for k in _CHANGES)


def _note_refreshed(store: Store, session_id: str, now: datetime) -> None:
    """Remember the refresh in the store, forgetting those an earlier sync already covered."""
    kept = store.sync_state().refreshed_since_sync()
    store.update_sync_state(refreshed=kept | {session_id: now.timestamp()})


def refreshed_since_sync(state: SyncState) -> int:
    """How many sessions opening them brought up to date after the last sync finished."""
    return len(state.refreshed_since_sync())


def generate_insights(
    client: DevinClient,
    session_id: str,
    *,
    timeout: float,
    interval: float,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> Session | None:
    """Ask for insights, then poll until the analysis arrives; None when ``timeout`` ran out."""
    client.generate_insights(session_id)
    deadline = clock() + timeout
    while True:
        session = client.get_session_insights(session_id)
        if session.analysis is not None or clock() >= deadline:
            return session if session.analysis is not None else None
        sleep(interval)


def keep_insights(store: Store, session_id: str, fresh: Session, *, now: datetime) -> None:
    """Store a generated analysis with the cached session it belongs to."""
    store.write_batch([merged(store.get_record(session_id), fresh)], observed_at=now)


def open_session(ws: Workspace, session_id: str, *, now: datetime) -> dict[str, Any]:
    """:func:`refresh` on a client of ``ws``: what the Session detail page shows."""
    with ws.client() as client:
        return refresh(client, ws.store, session_id, now=now)


def cached_session(ws: Workspace, session_id: str) -> dict[str, Any] | None:
    """The cached record, analysis and messages of a session; None when it is not cached."""
    record = ws.store.get_record(session_id)
    if record is None:
        return None
    return {"record": record, "analysis": None, "messages": ws.store.messages(session_id)}


def cached_record(ws: Workspace, session_id: str) -> dict[str, Any] | None:
    return ws.store.get_record(session_id)


def cached_analysis(ws: Workspace, session_id: str) -> dict[str, Any] | None:
    return ws.store.get_analysis(session_id)


def ask_for_insights(
    ws: Workspace, session_id: str, *, timeout: float, interval: float
) -> Session | None:
    """:func:`generate_insights` on a client of ``ws``."""
    with ws.client() as client:
        return generate_insights(client, session_id, timeout=timeout, interval=interval)


def keep_generated(ws: Workspace, session_id: str, fresh: Session, *, now: datetime) -> None:
    """:func:`keep_insights` in the store of ``ws``."""
    keep_insights(ws.store, session_id, fresh, now=now)


def messages_coverage(ws: Workspace, ids: Sequence[str]) -> messages.MessagesCoverage:
    """Of ``ids``: how many have their messages cached, and how many of those are current."""
    return messages.coverage(ws.store, ids)


def stale_messages(ws: Workspace, ids: Sequence[str]) -> list[str]:
    """The ``ids`` whose messages were never cached or predate the session's last update."""
    return messages.stale_ids(ws.store, ids)


def fetch_messages(
    ws: Workspace, ids: Sequence[str], progress: messages.Progress | None = None
) -> messages.FetchResult:
    """Fetch and keep the messages of ``ids``, a batch at a time (see
    :func:`devin_data.sync.messages.fetch_messages`)."""
    with ws.client() as client:
        return messages.fetch_messages(client, ws.store, ids, progress)
