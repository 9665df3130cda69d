"""The messages of chosen sessions, fetched only when new or changed since they were cached.

A session's stored messages carry the ``updated_at`` the session had when they were stored; when
the session has moved on (or they were never fetched) they are stale. Stale messages are fetched
concurrently on the client's threads (v3 ``…/messages``, or the v1 details that carry them) and
stored in batches, so an interrupted run keeps what it fetched and the next one resumes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from devin_data.api import DevinClient
from devin_data.errors import (
    ApiConnectionError,
    AuthenticationError,
    ConfigurationError,
    DevinError,
    PermissionDeniedError,
)
from devin_data.models import Message
from devin_data.store import Store

BATCH = 50
_MISSING = object()
# Errors that fail every request alike: stop at once instead of trying each session.
_FATAL = (AuthenticationError, PermissionDeniedError, ApiConnectionError, ConfigurationError)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class MessagesCoverage:
    """How many of some sessions have their messages cached, and up to date."""

    sessions: int
    cached: int
    current: int

    @property
    def stale(self) -> int:
        """Sessions cached before their last update: their messages are fetched again."""
        return self.cached - self.current


@dataclass(frozen=True)
class FetchResult:
    fetched: int
    failed: int
    error: DevinError | None = None


def coverage(store: Store, ids: Iterable[str]) -> MessagesCoverage:
    """Of ``ids``: how many have messages cached, and how many of those are up to date."""
    index, updated = store.messages_index(), store.updated_at_by_id()
    wanted = list(ids)
    cached = [sid for sid in wanted if sid in index]
    current = [sid for sid in cached if index[sid] == updated.get(sid, _MISSING)]
    return MessagesCoverage(len(wanted), len(cached), len(current))


def stale_ids(store: Store, ids: Iterable[str]) -> list[str]:
    """The ``ids`` whose messages were never stored, or stored before the session's update."""
    index, updated = store.messages_index(), store.updated_at_by_id()
    return [sid for sid in ids if index.get(sid, _MISSING) != updated.get(sid, _MISSING)]


def _reader(client: DevinClient) -> Callable[[str], list[Message]]:
    if client.api_version == "v1":
        return lambda sid: list(client.get_session_details_v1(sid).messages)
    return client.list_messages


def fetch_messages(
    client: DevinClient, store: Store, ids: Sequence[str], progress: Progress | None = None
) -> FetchResult:
    """Fetch and store the messages of ``ids``, ``BATCH`` at a time, concurrently.

    A session the API no longer knows or that fails is counted as failed and left for the next
    run; a rejected key or missing permission stops the run and is returned.
    """
    read, stored, failed = _reader(client), 0, 0
    for at in range(0, len(ids), BATCH):
        batch = ids[at : at + BATCH]
        fetched: dict[str, list[Message]] = {}
        error: DevinError | None = None
        for session_id, result in client.map_concurrent(read, batch):
            if isinstance(result, _FATAL):
                error = result
            elif isinstance(result, DevinError):
                failed += 1
            else:
                fetched[session_id] = result
        store.write_messages(fetched)
        stored += len(fetched)
        if progress is not None:
            progress(at + len(batch), len(ids))
        if error is not None:
            return FetchResult(stored, failed, error)
    return FetchResult(stored, failed)
