"""Fetch who the user ids are and how many people are active, when due (once a day: see
:mod:`devin_data.sync.schedule`) or on demand.

Members (names, emails), their IdP groups and the daily, weekly and monthly active users are
fetched together and kept in the store's ``people`` value. A missing permission is recorded by
name instead of failing, so the pages keep working with ids and say which permission would give
names; any other failure keeps what was fetched before and records the message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any, TypeVar

from devin_data.api import members as api
from devin_data.api.client import DevinClient
from devin_data.errors import DevinError, PermissionDeniedError
from devin_data.store import Store
from devin_data.sync.schedule import people_due

T = TypeVar("T")


@dataclass(frozen=True)
class PeopleRefresh:
    """What a refresh did: whether it fetched, and the problems it recorded (empty when none)."""

    fetched: bool
    problems: tuple[str, ...] = ()


def refresh_people(
    client: DevinClient, store: Store, *, now: datetime, force: bool = False
) -> PeopleRefresh:
    """Fetch members, IdP groups and active users when due (or ``force``); v1 keys have none."""
    if client.api_version != "v3" or not (force or people_due(store, now)):
        return PeopleRefresh(False)
    before = store.people()
    people: dict[str, Any] = {"fetched_at": now.timestamp()}
    members = _attempt(lambda: [m.model_dump() for m in api.iter_members(client)])
    _record(people, "members", members, before)
    if isinstance(members.value, list):
        ids = [member["user_id"] for member in members.value]
        _record(people, "groups", _attempt(lambda: api.member_groups(client, ids)), before)
    else:
        people["groups_missing"] = people.get("members_missing")
    window = _window(store, now)
    for kind in api.ACTIVE_KINDS:
        _record(people, kind, _attempt(partial(_periods, client, kind, window)), before)
    store.save_people(people)
    problems = tuple(str(v) for k, v in people.items() if k.endswith("_error"))
    return PeopleRefresh(True, tuple(dict.fromkeys(problems)))


@dataclass(frozen=True)
class _Outcome:
    value: Any = None
    missing: str | None = None  # the permission the key lacks
    error: str | None = None


def _attempt(fetch: Callable[[], T]) -> _Outcome:
    try:
        return _Outcome(fetch())
    except PermissionDeniedError as denied:
        return _Outcome(missing=denied.permission or "a permission")
    except DevinError as err:
        return _Outcome(error=str(err))


def _record(people: dict[str, Any], name: str, outcome: _Outcome, before: dict[str, Any]) -> None:
    """The value, or the missing permission, or the error beside the value fetched before."""
    if outcome.missing is not None:
        people[f"{name}_missing"] = outcome.missing
    elif outcome.error is not None:
        people[f"{name}_error"] = outcome.error
        if name in before:
            people[name] = before[name]
    else:
        people[name] = outcome.value


def _window(store: Store, now: datetime) -> tuple[int, int]:
    """From the start of the synced data (or 30 days back) to ``now``."""
    coverage = store.sync_state().coverage_start
    end = int(now.timestamp())
    start = int(coverage) if isinstance(coverage, int | float) else end - 30 * 86400
    return min(start, end - 1), end


def _periods(client: DevinClient, kind: api.ActiveKind, window: tuple[int, int]) -> list[Any]:
    periods = api.active_users(client, kind, *window)
    return [[p.start_time, p.end_time, p.active_users] for p in periods]
