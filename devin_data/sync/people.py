"""Fetch who the user ids are and how many people are active, when due (once a day: see
:mod:`devin_data.sync.schedule`) or on demand.

Members (names, emails), their IdP groups and the daily, weekly and monthly active users are
fetched at once and kept in the store's ``people`` value. The API gives IdP groups one member at
a time, so they are asked only for members who created a session since the last refresh (since
the synced data begins, the first time), at most once a day each (``groups_checked`` in the typed
sync state); the others keep the groups kept before. A missing permission is recorded by
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
from devin_data.sync.extras import active_since, first_active_day
from devin_data.sync.schedule import PEOPLE_MAX_AGE, people_due

T = TypeVar("T")


@dataclass(frozen=True)
class PeopleRefresh:
    """What a refresh did: whether it fetched, and the problems it recorded (empty when none)."""

    fetched: bool
    problems: tuple[str, ...] = ()


def refresh_people(
    client: DevinClient, store: Store, *, now: datetime, force: bool = False
) -> PeopleRefresh:
    """Fetch members, IdP groups and active users when due (or ``force``); v1 keys have none.
    The members list, the groups and the three metrics are fetched at once."""
    if client.api_version != "v3" or not (force or people_due(store, now)):
        return PeopleRefresh(False)
    before = store.people()
    people: dict[str, Any] = {"fetched_at": now.timestamp()}
    window, ask = _window(store, now), sorted(_active_unchecked(store, before, now))
    fetches: dict[str, Callable[[], Any]] = {
        "members": lambda: [m.model_dump() for m in api.iter_members(client)],
        "groups": lambda: api.member_groups(client, ask),
        **{kind: partial(_periods, client, kind, window) for kind in api.ACTIVE_KINDS},
    }
    outcomes: dict[str, _Outcome] = {}
    for name, outcome in client.map_concurrent(lambda name: _attempt(fetches[name]), fetches):
        outcomes[name] = outcome if isinstance(outcome, _Outcome) else _Outcome(error=str(outcome))
    outcomes["groups"] = _groups_of(outcomes["members"], outcomes["groups"], before)
    for name, outcome in outcomes.items():
        _record(people, name, outcome, before)
    if outcomes["groups"].value is not None:
        checked = {**store.sync_state().groups_checked, **dict.fromkeys(ask, now.timestamp())}
        store.update_sync_state(groups_checked=checked)
    store.save_people(people)
    problems = tuple(str(v) for k, v in people.items() if k.endswith("_error"))
    return PeopleRefresh(True, tuple(dict.fromkeys(problems)))


def _groups_of(members: _Outcome, fetched: _Outcome, before: dict[str, Any]) -> _Outcome:
    """The IdP groups of every member: those just fetched (for the members active in the synced
    window: the API gives groups one member at a time), else those kept before."""
    if not isinstance(members.value, list):  # the groups keep what was kept, with the reason
        return _Outcome(missing=members.missing, error=members.error)
    if fetched.value is None:
        return fetched
    ids = {member["user_id"] for member in members.value}
    kept = {uid: groups for uid, groups in (before.get("groups") or {}).items() if uid in ids}
    return _Outcome({**kept, **{uid: g for uid, g in fetched.value.items() if uid in ids}})


def _active_unchecked(store: Store, before: dict[str, Any], now: datetime) -> set[str]:
    """Who created a session since the last refresh (since the synced data begins, the first
    time), less those whose groups were checked within a day."""
    last = before.get("fetched_at") if "groups" in before else None
    since = float(last) if isinstance(last, int | float) else _window(store, now)[0]
    checked = store.sync_state().groups_checked
    fresh = {uid for uid, at in checked.items() if now.timestamp() - at < PEOPLE_MAX_AGE}
    return active_since(store, since) - fresh


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
    """From the start of the synced data (or 30 days back), or the day of its first session
    when later, to ``now``: one request per metric unless the sessions span over 400 days."""
    coverage = store.sync_state().coverage_start
    end = int(now.timestamp())
    start = int(coverage) if isinstance(coverage, int | float) else end - 30 * 86400
    first = first_active_day(store)
    start = max(start, first) if first is not None else start
    return min(start, end - 1), end


def _periods(client: DevinClient, kind: api.ActiveKind, window: tuple[int, int]) -> list[Any]:
    periods = api.active_users(client, kind, *window)
    return [[p.start_time, p.end_time, p.active_users] for p in periods]
