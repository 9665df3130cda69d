"""Insights on demand for many sessions: ask for the missing ones, throttled and resumable, and
bring those that have arrived into the store.

:func:`generate_missing` asks for the insights of a list of sessions on the client's few threads;
every answered request is remembered in the store, so a rerun (the next click, the next command)
resumes. :func:`collect_generated` keeps the analyses that have arrived since they were asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from devin_data.api import DevinClient
from devin_data.errors import DevinError, PermissionDeniedError
from devin_data.models import Session
from devin_data.services.sessions import merged
from devin_data.services.workspace import Workspace
from devin_data.store import Store

MANAGE_PERMISSION = "ManageOrgSessions"


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
    return dict(store.sync_state().insights_requested)


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
            store.update_sync_state(insights_requested={**requested_ids(store), **asked})
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


def collect(ws: Workspace, *, now: datetime) -> int:
    """:func:`collect_generated` on a client of ``ws``."""
    with ws.client() as client:
        return collect_generated(client, ws.store, now=now)


def ask_for_missing(
    ws: Workspace,
    session_ids: Sequence[str],
    *,
    now: datetime,
    limit: int | None = None,
    concurrency: int | None = None,
    progress: Callable[[FillProgress], None] | None = None,
) -> FillReport:
    """:func:`generate_missing` on a client of ``ws`` with ``concurrency`` requests at once."""
    overrides = {} if concurrency is None else {"concurrency": concurrency}
    with ws.client(**overrides) as client:
        return generate_missing(
            client, ws.store, session_ids, now=now, limit=limit, progress=progress
        )


def not_asked_for(ws: Workspace, session_ids: Sequence[str]) -> list[str]:
    """:func:`pending` in the store of ``ws``."""
    return pending(ws.store, session_ids)
