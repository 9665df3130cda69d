"""One session on demand: its details from the API merged with the cache, and its insights.

What the Session detail page needs that is not Streamlit: fetch a session (v1 details with a v1
key, otherwise v3 insights and messages), merge it with the cached record, keep its messages in
the store, and ask for insights, then poll until the analysis arrives.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from devin_data.api import DevinClient
from devin_data.models import Session
from devin_data.store import Store


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


REFRESHED = "refreshed"  # store meta: session id → when opening it brought a newer version
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


def _last_sync(meta: dict[str, Any]) -> float:
    return float((meta.get("last_sync") or {}).get("finished_at") or 0.0)


def _note_refreshed(store: Store, session_id: str, now: datetime) -> None:
    """Remember the refresh in the store, forgetting those an earlier sync already covered."""
    meta = store.meta()
    since = _last_sync(meta)
    kept = {k: t for k, t in (meta.get(REFRESHED) or {}).items() if float(t) > since}
    store.update_meta(**{REFRESHED: kept | {session_id: now.timestamp()}})


def refreshed_since_sync(meta: dict[str, Any]) -> int:
    """How many sessions opening them brought up to date after the last sync finished."""
    since = _last_sync(meta)
    return sum(1 for t in (meta.get(REFRESHED) or {}).values() if float(t) > since)


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
