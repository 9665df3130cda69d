"""One credential scope: its settings, its store, and a client opened on demand.

What every service takes, what the CLI opens per command and what the app keeps per scope (the
store opened once, bound to each run's settings with :meth:`Workspace.bound`, so a client is
always made from the settings of the viewer who asks). Screens read the cache through its
methods and never touch the store or the API themselves.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, Self

from devin_data.api.client import DevinClient
from devin_data.config import Settings
from devin_data.connect import SHARED_CONNECT_ARGS, client_for, store_for, store_scope
from devin_data.errors import DevinError
from devin_data.models import SESSION_PREFIX
from devin_data.models.state import SyncState
from devin_data.store.failures import QUARANTINED
from devin_data.store.shared.url import mask_url, normalize_url
from devin_data.store.store import Store

if TYPE_CHECKING:
    import pyarrow as pa
    import sqlalchemy as sa

__all__ = [
    "SHARED_CONNECT_ARGS",
    "Workspace",
    "masked_store_url",
    "scope_of",
    "shared_store_url",
    "store_unavailable",
]


def scope_of(settings: Settings, now: datetime | None = None) -> str:
    """The key of everything kept for one credential (and, for the demo, the day of ``now``)."""
    return store_scope(settings, now)


def shared_store_url(url: str) -> str:
    """The store URL as SQLAlchemy reads it; a URL of another kind is a ``StoreUrlError``."""
    return normalize_url(url)


def store_unavailable(exc: BaseException, url: str) -> DevinError:
    """The error to show when the shared store's driver fails: where (masked) and why."""
    from devin_data.store.shared.store import unavailable  # SQLAlchemy loads only when used

    return unavailable(exc, url)


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


@dataclass(frozen=True)
class Workspace:
    """The store of one scope with the settings of whoever uses it now."""

    settings: Settings
    store: Store

    @classmethod
    def open(
        cls, settings: Settings, *, now: datetime | None = None, engine: sa.Engine | None = None
    ) -> Workspace:
        """The embedded store in the cache folder, or the shared one (on ``engine`` when the
        caller has one, such as the app's connection)."""
        return cls(settings, store_for(settings, now, engine=engine))

    def bound(self, settings: Settings) -> Workspace:
        """The same store with ``settings``: those of this run, whatever opened the store."""
        return self if settings is self.settings else replace(self, settings=settings)

    def client(self, **overrides: Any) -> DevinClient:
        """A client of these settings (closed by its ``with`` block)."""
        return client_for(self.settings, **overrides)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # What the screens read: the cache keys, the raw material of the frames, the Data page.

    @property
    def key(self) -> str:
        """Where this scope's data lives: the cache key of everything built from it."""
        return str(self.store.path)

    @property
    def location(self) -> str:
        return self.store.location

    @property
    def warnings(self) -> list[str]:
        return self.store.warnings

    def data_version(self) -> str:
        return self.store.data_version()

    def people_version(self) -> str:
        return self.store.people_version()

    def check(self) -> None:
        """Read the store once: a store that cannot serve raises the error that says why."""
        self.store.sync_state()

    def state(self) -> SyncState:
        """Where the next sync starts and what the last one did."""
        return self.store.sync_state()

    def count(self) -> int:
        return self.store.count()

    def size_bytes(self) -> int:
        return self.store.size_bytes()

    def clear(self) -> None:
        self.store.clear()

    def snapshot(self) -> pa.Table:
        return self.store.snapshot()

    def people(self) -> dict[str, Any]:
        return self.store.people()

    def analysis_chunks(self) -> Iterator[list[tuple[str, Any]]]:
        return self.store.iter_chunks("analysis")

    def status_history(self) -> dict[str, list[dict[str, Any]]]:
        return self.store.status_history()

    def all_messages(self) -> dict[str, list[dict[str, Any]]]:
        return self.store.all_messages()

    def failures(self) -> dict[str, dict[str, Any]]:
        return self.store.failures()

    def malformed(self) -> dict[str, str]:
        """The sessions set aside as malformed, by session id (or where they were, when they
        came without one), each with the key of what the API sent for it."""
        return {
            key if key.startswith(SESSION_PREFIX) else str(entry.get("where") or key): key
            for key, entry in sorted(self.failures().items())
            if entry.get("kind") == QUARANTINED
        }

    def quarantined_json(self, key: str) -> str | None:
        return self.store.quarantined_json(key)
