"""One session on demand: its details from the API merged with the cache, and its insights.

What the Session detail page needs that is not Streamlit: fetch a session (v1 details with a v1
key, otherwise v3 insights and messages), merge it with the cached record, keep its messages in
the store, and ask for insights, then poll until the analysis arrives. For many sessions at once,
:func:`generate_missing` asks for the insights of a list of sessions, throttled and resumable, and
:func:`collect_generated` brings the analyses that have arrived into the store.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from devin_data.api import DevinClient
from devin_data.errors import DevinError, PermissionDeniedError
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


MANAGE_PERMISSION = "ManageOrgSessions"
REQUESTED_META = "insights_requested"  # {session_id: ISO time asked}, so a rerun skips them


@dataclass(frozen=True)
class FillProgress:
    """One answered request: how many of ``total`` are done, and what became of this one."""

    done: int
    total: int
    session_id: str
    outcome: str  # "requested", "already_exists" or "failed"


@dataclass
class FillReport:
    """What a run asked for: requested, already generated, skipped as asked before, failed."""

    requested: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    left: int = 0  # missing sessions kept for a later run by ``limit``


class MissingPermissionError(PermissionDeniedError):
    """The key may not generate insights; says which permission is missing."""


def requested_ids(store: Store) -> dict[str, str]:
    """Sessions whose insights were asked for by an earlier run, with when."""
    value = store.meta().get(REQUESTED_META)
    return dict(value) if isinstance(value, dict) else {}


def pending(store: Store, session_ids: Sequence[str]) -> list[str]:
    """The ``session_ids`` not yet asked for, in their order."""
    asked = requested_ids(store)
    return [sid for sid in session_ids if sid not in asked]


def generate_missing(
    client: DevinClient,
    store: Store,
    session_ids: Sequence[str],
    *,
    now: datetime,
    limit: int | None = None,
    progress: Callable[[FillProgress], None] | None = None,
) -> FillReport:
    """Ask for the insights of ``session_ids`` on the client's few threads, at most ``limit``.

    Sessions asked for before are skipped, and every answered request is remembered even when
    the run stops, so a rerun resumes. A missing permission stops the run at once.
    """
    todo = pending(store, session_ids)
    batch = todo if limit is None else todo[:limit]
    kept = set(todo)
    report = FillReport(skipped=[sid for sid in session_ids if sid not in kept])
    report.left = len(todo) - len(batch)
    asked: dict[str, str] = {}
    try:
        with closing(_stoppable(client.map_concurrent(client.generate_insights, batch))) as answers:
            for sid, answer in answers:
                outcome = _record(report, sid, answer)
                if outcome != "failed":
                    asked[sid] = now.isoformat()
                done = len(asked) + len(report.failed)
                if progress is not None:
                    progress(FillProgress(done, len(batch), sid, outcome))
    finally:
        if asked:
            store.update_meta(**{REQUESTED_META: {**requested_ids(store), **asked}})
    return report


def _stoppable(answers: Iterator[Any]) -> Generator[Any]:
    """The client's answers as the generator they are, so leaving early cancels what is queued."""
    return cast(Generator[Any], answers)


def _record(report: FillReport, session_id: str, answer: object) -> str:
    """File one answer in the report; a missing permission ends the run."""
    if isinstance(answer, PermissionDeniedError):
        raise MissingPermissionError(
            f"Generating insights needs the {MANAGE_PERMISSION} permission, which this key "
            f"does not have; {len(report.requested)} sessions were asked for before it stopped.",
            permission=MANAGE_PERMISSION,
        ) from answer
    if isinstance(answer, DevinError):
        report.failed[session_id] = str(answer)
        return "failed"
    status = str(getattr(answer, "status", "") or "requested")
    (report.already if status == "already_exists" else report.requested).append(session_id)
    return "already_exists" if status == "already_exists" else "requested"


def collect_generated(client: DevinClient, store: Store, *, now: datetime) -> int:
    """Store the analyses that have arrived for sessions asked for earlier; returns how many."""
    waiting = [sid for sid in requested_ids(store) if store.get_analysis(sid) is None]
    arrived = []
    with closing(
        _stoppable(client.map_concurrent(client.get_session_insights, waiting))
    ) as answers:
        for sid, answer in answers:
            if isinstance(answer, Session) and answer.analysis is not None:
                arrived.append(merged(store.get_record(sid), answer))
    if arrived:
        store.write_batch(arrived, observed_at=now)
    return len(arrived)
