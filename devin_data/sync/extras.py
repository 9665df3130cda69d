"""What a sync keeps beside the sessions (names and teams, active users, organizations, billed
ACUs), fetched once the sessions are committed: each due extra runs on a thread of its own, on
one client, so the slowest of them, not their sum, is what they add to a sync.

Which extras are due is the schedule's (:mod:`devin_data.sync.schedule`); what each fetches is
its module's (:mod:`.people`, :mod:`.organizations`, :mod:`.spend`). Here: running them together,
and the activity of the synced window that bounds what the people refresh asks for.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from devin_data.api.client import DevinClient
from devin_data.errors import DevinError
from devin_data.store.store import Store

DAY = 86400
Extra = tuple[str, Callable[[], Sequence[str]]]  # a name for people, and work returning problems


@dataclass(frozen=True)
class ExtrasReport:
    """What the extras did: the ones fetched, the problems met, requests (retries among them)
    and seconds taken."""

    fetched: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    requests: int = 0
    retries: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        """One line for the command line."""
        if not self.fetched:
            return "Nothing else was due (names, teams, active users and organizations are daily)."
        failed = f", {len(self.problems)} problems" if self.problems else ""
        return (
            f"Also kept: {', '.join(self.fetched)}; {self.requests} requests, {self.retries} "
            f"retries, {self.seconds:.1f} s{failed}."
        )


def run_extras(client: DevinClient, extras: Sequence[Extra]) -> ExtrasReport:
    """Run every extra at once on the client's threads; an extra that fails to reach the API
    costs a problem named after it, never the others."""
    if not extras:
        return ExtrasReport()
    started, before = time.perf_counter(), client.stats
    work = dict(extras)
    problems: list[str] = []
    for name, outcome in client.map_concurrent(lambda name: list(work[name]()), list(work)):
        if isinstance(outcome, DevinError):
            problems.append(f"{name}: {outcome}")
        else:
            problems += outcome
    return ExtrasReport(
        fetched=tuple(work),
        problems=tuple(dict.fromkeys(problems)),
        requests=client.stats.requests - before.requests,
        retries=client.stats.retries - before.retries,
        seconds=time.perf_counter() - started,
    )


def active_since(store: Store, since: float) -> set[str]:
    """The user ids that created a session at ``since`` (epoch seconds) or later."""
    return {user for user, at in _creations(store) if user and at >= since}


def first_active_day(store: Store) -> int | None:
    """The start (UTC midnight, epoch seconds) of the day of the first stored session: nobody
    was active before it, so the active-user metrics need not be asked for earlier days."""
    first = min((at for _, at in _creations(store)), default=None)
    return None if first is None else int(first // DAY * DAY)


def _creations(store: Store) -> list[tuple[str | None, float]]:
    """(user id, created_at) of every stored session, from the snapshot's two columns (plain
    lists: a first call into Arrow's compute functions costs more than the whole pass)."""
    table = store.snapshot()
    users = table.column("user_id").to_pylist()
    created = table.column("created_at").to_pylist()
    return [(user, at) for user, at in zip(users, created, strict=True) if at is not None]
