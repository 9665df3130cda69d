"""Sessions that failed to load, and why: one list in the key-value part of the store.

``failures`` maps a name to ``{"reason", "at", "kind"}``; the name is a session id, or for an
item without one a name drawn from its JSON (see :class:`~devin_data.models.intake.Rejected`).
Three kinds share the list, so a manager finds every problem in one place:

- ``fetch``: the session could not be fetched (v1 details); the next sync asks again;
- ``quarantined``: the API sent an item no model reads; it was set aside and the rest stored.
  The entry says where it was (``where``) and the start of its JSON is kept apart, under
  ``quarantine:<name>``, so the list stays small;
- ``suspect``: the session was stored as sent, but a value cannot be true (negative ACUs).

A quarantined or suspect entry leaves the list when its session arrives again and reads well.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from devin_data.models.intake import Rejected
from devin_data.store.base import StoreBase

FAILURES_KEY = "failures"
QUARANTINE_PREFIX = "quarantine:"
FETCH, QUARANTINED, SUSPECT = "fetch", "quarantined", "suspect"


class FailuresStore(StoreBase):
    """The failures part of a :class:`~devin_data.store.Store`."""

    def record_failure(self, session_id: str, reason: str) -> None:
        """Remember that a session could not be fetched, so the next sync retries it."""
        entry = {"reason": reason, "at": time.time(), "kind": FETCH}
        self._update_failures(lambda failures: failures.update({session_id: entry}))

    def clear_failure(self, session_id: str) -> None:
        if session_id not in self.failures():
            return
        self._update_failures(lambda failures: failures.pop(session_id, None))

    def failures(self) -> dict[str, dict[str, Any]]:
        """Every entry by name; an entry stored without a kind is a ``fetch`` failure."""
        return self._read(lambda: self._load(FAILURES_KEY, {}), {})

    def set_aside(self, rejects: Sequence[Rejected], at: float) -> None:
        """Quarantine items no model could read: an entry each, and the start of its JSON."""
        if not rejects:
            return

        def change(failures: dict[str, Any]) -> None:
            for rejected in rejects:
                where = rejected.where
                entry = {"reason": rejected.reason, "at": at, "kind": QUARANTINED, "where": where}
                failures[rejected.key] = entry
                self._save(QUARANTINE_PREFIX + rejected.key, rejected.raw)

        self._update_failures(change)

    def note_suspects(self, found: Mapping[str, str], cleared: Iterable[str], at: float) -> None:
        """Record stored sessions with suspect values (``found``: id to what is wrong) and drop
        the entries of sessions that now read well (``cleared``)."""
        gone = [key for key in cleared if key not in found]
        if not found and not gone:
            return

        def change(failures: dict[str, Any]) -> None:
            for key in [*gone, *found]:
                old = failures.pop(key, None) if key in gone else failures.get(key)
                if old is not None and old.get("kind") == QUARANTINED:
                    self._cache.delete(QUARANTINE_PREFIX + key)
            for key, reason in found.items():
                failures[key] = {"reason": reason, "at": at, "kind": SUSPECT}

        self._update_failures(change)

    def quarantined_json(self, key: str) -> str | None:
        """The start of the JSON of a quarantined item, as the API sent it; None when gone."""
        found: str | None = self._read(lambda: self._load(QUARANTINE_PREFIX + key, None), None)
        return found

    def _update_failures(self, change: Callable[[dict[str, Any]], object]) -> None:
        def write() -> None:
            failures = self._load(FAILURES_KEY, {})
            change(failures)
            self._save(FAILURES_KEY, failures)
            self._merge_meta({})

        self._write(write)
