"""The sync state as the store keeps it, typed: where the next sync starts, what the last one did.

The store holds it as JSON beside the sessions (see :mod:`devin_data.store`) and reads and writes
it as a :class:`SyncState` (``store.sync_state()``, ``store.update_sync_state(...)``), so no layer
reads the state by string key. A report written by an older version may lack fields: they read
as None, and the Data page says "–" for them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, TypedDict

Plan = dict[str, Any]  # a cold or backfill plan, see devin_data.sync.plan
_COUNTS = (
    "sessions_total",
    "fetched",
    "new",
    "changed",
    "unchanged",
    "requests",
    "retries",
    "failures",
    "quarantined_count",
    "suspect_count",
)


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _epochs(value: object) -> dict[str, float]:
    """``{session_id: epoch}`` kept as JSON; anything unreadable is left out."""
    if not isinstance(value, Mapping):
        return {}
    return {str(k): float(v) for k, v in value.items() if _number(v) is not None}


def _count(value: object) -> int | None:
    found = _number(value)
    return None if found is None else int(found)


@dataclass(frozen=True)
class LastSync:
    """The report of the last finished sync (epoch seconds for moments, None where unknown).

    ``clock_checked`` tells whether the report says anything of the API's clock (a report of an
    older version does not); ``clock_skew`` is None when the API sent no ``Date`` header.
    """

    finished_at: float
    mode: str | None = None
    sessions_total: int | None = None
    fetched: int | None = None
    new: int | None = None
    changed: int | None = None
    unchanged: int | None = None
    requests: int | None = None
    retries: int | None = None
    seconds: float | None = None
    failures: int | None = None
    coverage_start: float | None = None
    clock_skew: float | None = None
    clock_checked: bool = False
    quarantined: tuple[str, ...] = ()
    quarantined_count: int | None = None
    suspect: tuple[str, ...] = ()
    suspect_count: int | None = None
    # Sessions first seen by that sync with an updated_at past the API's clock: id -> epoch.
    future_updates: Mapping[str, float] = field(default_factory=dict)
    # Names this sync among all others (every process, every clock): what was refreshed for it.
    sync_id: str | None = None

    @classmethod
    def from_json(cls, value: object) -> LastSync | None:
        """The report kept as JSON; None when there is none (never synced)."""
        if not isinstance(value, Mapping) or _number(value.get("finished_at")) is None:
            return None
        counts = {name: _count(value.get(name)) for name in _COUNTS}
        return cls(
            finished_at=float(value["finished_at"]),
            mode=str(value["mode"]) if value.get("mode") is not None else None,
            seconds=_number(value.get("seconds")),
            coverage_start=_number(value.get("coverage_start")),
            clock_skew=_number(value.get("clock_skew")),
            clock_checked="clock_skew" in value,
            quarantined=tuple(str(v) for v in value.get("quarantined") or ()),
            suspect=tuple(str(v) for v in value.get("suspect") or ()),
            future_updates=_epochs(value.get("future_updates")),
            sync_id=str(value["sync_id"]) if value.get("sync_id") else None,
            **counts,
        )

    def to_json(self) -> dict[str, Any]:
        """The JSON the store keeps: every known field (the clock only once it was checked)."""
        values = {k: v for k, v in asdict(self).items() if v is not None}
        values["quarantined"] = list(self.quarantined)
        values["suspect"] = list(self.suspect)
        values["future_updates"] = dict(self.future_updates)
        if self.clock_checked:
            values["clock_skew"] = self.clock_skew
        del values["clock_checked"]
        return values


@dataclass(frozen=True)
class SyncState:
    """Where the next sync starts and what the last one did.

    ``watermark``: sessions updated after it are fetched next (see
    :mod:`devin_data.sync.watermark`); ``coverage_start``: the synced data covers sessions created
    since; ``plan``: an unfinished cold or backfill plan; ``generation`` changes when the cache is
    rebuilt; ``refreshed``: sessions that opening them brought up to date, with when;
    ``insights_requested``: sessions whose insights were asked for, with when;
    ``future_updates``: sessions whose ``updated_at`` lies past the API's clock, with it;
    ``groups_checked``: members whose IdP groups were fetched, with when (at most daily).
    """

    watermark: float | None = None
    coverage_start: float | None = None
    last_sync: LastSync | None = None
    plan: Plan | None = None
    generation: str = ""
    messages_version: int = 0
    refreshed: Mapping[str, float] = field(default_factory=dict)
    insights_requested: Mapping[str, str] = field(default_factory=dict)
    future_updates: Mapping[str, float] = field(default_factory=dict)
    groups_checked: Mapping[str, float] = field(default_factory=dict)

    @classmethod
    def from_meta(cls, meta: Mapping[str, Any]) -> SyncState:
        """The state of the store's meta JSON; anything unreadable reads as absent."""
        plan, refreshed, requested = (
            meta.get(k) for k in ("plan", "refreshed", "insights_requested")
        )
        return cls(
            watermark=_number(meta.get("watermark")),
            coverage_start=_number(meta.get("coverage_start")),
            last_sync=LastSync.from_json(meta.get("last_sync")),
            plan=plan if isinstance(plan, dict) and plan else None,
            generation=str(meta.get("generation") or ""),
            messages_version=_count(meta.get("messages_version")) or 0,
            refreshed=dict(refreshed) if isinstance(refreshed, dict) else {},
            insights_requested=dict(requested) if isinstance(requested, dict) else {},
            future_updates=_epochs(meta.get("future_updates")),
            groups_checked=_epochs(meta.get("groups_checked")),
        )

    @property
    def sync_id(self) -> str | None:
        """The id of the last finished sync, None before the first (or from an older version)."""
        return None if self.last_sync is None else self.last_sync.sync_id

    @property
    def finished_at(self) -> float | None:
        """When the last sync finished (epoch seconds), None before the first."""
        return None if self.last_sync is None else self.last_sync.finished_at

    def refreshed_since_sync(self) -> dict[str, float]:
        """The sessions opening them brought up to date after the last sync finished."""
        since = self.finished_at or 0.0
        return {sid: float(at) for sid, at in self.refreshed.items() if float(at) > since}


class StateChange(TypedDict, total=False):
    """What a writer may change of the state; None removes a value."""

    watermark: float | None
    coverage_start: float | None
    last_sync: LastSync | None
    plan: Plan | None
    refreshed: dict[str, float]
    insights_requested: dict[str, str]
    future_updates: dict[str, float]
    groups_checked: dict[str, float]


def state_meta(change: StateChange) -> dict[str, Any]:
    """A change as the store's meta JSON keeps it."""
    meta: dict[str, Any] = dict(change)
    last = change.get("last_sync")
    if last is not None:
        meta["last_sync"] = last.to_json()
    return meta
