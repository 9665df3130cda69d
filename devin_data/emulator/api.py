"""The emulated Devin API: authentication, routing, latency, faults, drift and request counters.

``Emulator.handle`` takes a method, a path, the query pairs and the headers and returns
``(status, headers, body)`` with a JSON body; the in-process transport and the HTTP server both
call it. Every answer carries a ``Date`` header from the emulator's own clock, which tests and
``devin-data emulator --clock-offset`` set apart from the machine's.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from email.utils import formatdate
from typing import Any

from devin_data.emulator import (
    active_users,
    consumption,
    drift,
    enterprise,
    handlers,
    members,
    metrics,
    payloads,
    unstated,
)
from devin_data.emulator.auth import authorize
from devin_data.emulator.faults import FaultInjector, Response, json_response
from devin_data.emulator.handlers import InsightJobs, NotFound, Route
from devin_data.emulator.keys import ORG_ID, ORG_IDS, SECOND_ORG_ID
from devin_data.emulator.org import DemoOrg, SessionRef
from devin_data.emulator.params import Query, ValidationFailure
from devin_data.emulator.poison import Poison, poisoned
from devin_data.emulator.timeline import View

Pairs = Sequence[tuple[str, str]]  # query parameters, in order, repeats kept
ROUTES = (
    handlers.ROUTES
    + members.ROUTES
    + consumption.ROUTES
    + active_users.ROUTES
    + metrics.ROUTES
    + enterprise.ROUTES
)


@dataclass(frozen=True)
class EmulatorStats:
    """Requests served so far: in total, by route kind, how many were injected faults and how
    many were answered late by a latency spike."""

    total: int = 0
    by_kind: Mapping[str, int] = field(default_factory=dict)
    faults: int = 0
    spikes: int = 0


class Emulator:
    """A fake Devin API over a :class:`DemoOrg`, thread-safe and driven by an injectable clock.

    The enterprise holds a second organization (:data:`SECOND_ORG_ID`), generated on first use
    from the same anchor with another seed and a third of the sessions; only the enterprise key
    reaches it. With ``drift`` its sessions are served bent as :mod:`.drift` describes; the
    sessions named in ``poison`` are served malformed as :mod:`.poison` describes; with
    ``unstated_prs`` some pull requests are served without a state as :mod:`.unstated` describes.
    """

    def __init__(
        self,
        org: DemoOrg,
        *,
        clock: Callable[[], float] = time.time,
        latency_ms: float = 0,
        fault_rate: float = 0.0,
        retry_after: float = 1.0,
        spike_rate: float = 0.0,
        spike_ms: float = 0.0,
        drift: bool = False,
        poison: Poison | None = None,
        unstated_prs: bool = False,
        insight_delay: float = 2.0,
        seed: int = 0,
    ) -> None:
        self.org = org
        self.clock = clock
        self.latency_ms = latency_ms
        self.insight_delay = insight_delay
        self.insight_jobs = InsightJobs()
        self.drift = drift
        self.unstated_prs = unstated_prs
        self.poison = dict(poison or {})
        self._faults = FaultInjector(
            fault_rate, retry_after, seed, spike_rate=spike_rate, spike_ms=spike_ms
        )
        self._lock = threading.Lock()
        self._counts: Counter[str] = Counter()
        self._events: Counter[str] = Counter()  # injected faults and latency spikes
        self._orgs: dict[str, DemoOrg] = {ORG_ID: org}
        self._revoked: set[str] = set()

    @property
    def orgs(self) -> Mapping[str, DemoOrg]:
        """The organizations of the enterprise by id, the demo organization first."""
        return {org_id: self.org_by_id(org_id) for org_id in ORG_IDS}

    def org_by_id(self, org_id: str) -> DemoOrg:
        """One organization of the enterprise; the second one is generated when first asked for."""
        with self._lock:
            if org_id == SECOND_ORG_ID and org_id not in self._orgs:
                org, size = self.org, max(60, len(self.org) // 3)
                self._orgs[org_id] = DemoOrg.generate(
                    size, org.seed + 1009, org.anchor, org.days, org_id
                )
            return self._orgs[org_id]

    def scoped(self, org_id: str = ORG_ID) -> Scoped:
        """What the endpoints of one organization read."""
        return Scoped(self, self.org_by_id(org_id), org_id)

    @property
    def stats(self) -> EmulatorStats:
        with self._lock:
            total, events = sum(self._counts.values()), self._events
            return EmulatorStats(total, dict(self._counts), events["faults"], events["spikes"])

    def revoke(self, key: str) -> None:
        """From now on ``key`` is refused (401), as the API refuses a key deleted in Devin."""
        with self._lock:
            self._revoked.add(key)

    def reset_stats(self) -> None:
        with self._lock:
            self._counts.clear()
            self._events.clear()

    def handle(self, method: str, path: str, query: Pairs, headers: Mapping[str, str]) -> Response:
        """Serve one request; never raises for anything a client sends."""
        status, out_headers, body = self._answer(method, path, query, headers)
        return status, {**out_headers, "date": formatdate(self.clock(), usegmt=True)}, body

    def _answer(self, method: str, path: str, query: Pairs, headers: Mapping[str, str]) -> Response:
        spike = self._faults.spike()
        if self.latency_ms > 0 or spike:
            time.sleep(self.latency_ms / 1000 + spike)
        route, groups, allowed = _match(method.upper(), path.rstrip("/") or "/")
        fault = self._faults.draw()
        with self._lock:
            self._counts[route.kind if route else "unknown"] += 1
            self._events.update(faults=fault is not None, spikes=spike > 0)
        if fault is not None:
            return fault
        if route is None:
            if allowed:
                return json_response(405, {"detail": "Method Not Allowed"}, {"allow": allowed})
            return json_response(404, {"detail": "Not Found"})
        return self._dispatch(route, groups, query, headers)

    def _dispatch(
        self,
        route: Route,
        groups: dict[str, str],
        query: Sequence[tuple[str, str]],
        headers: Mapping[str, str],
    ) -> Response:
        org_id = groups.get("org")
        denied = authorize(route, org_id, headers, self._revoked)
        if denied is not None:
            return denied
        ids = tuple(value for key, value in groups.items() if key != "org")
        try:
            body = route.handler(self.scoped(org_id or ORG_ID), ids, Query(query), self.clock())
        except ValidationFailure as failure:
            return json_response(422, {"detail": failure.errors})
        except NotFound as missing:
            return json_response(404, {"detail": str(missing)})
        body = unstated.unstated(route.kind, body) if self.unstated_prs else body
        body = drift.drifted(route.kind, body) if self.drift else body
        return json_response(200, poisoned(route.kind, body, self.poison))

    def session_payload(
        self,
        session: SessionRef | str,
        *,
        insights: bool = False,
        now: float | None = None,
        org_id: str = ORG_ID,
    ) -> dict[str, Any]:
        """The JSON the v3 get (or get-insights) endpoint of ``org_id`` would return, without a
        request."""
        now = self.clock() if now is None else now
        org = self.org_by_id(org_id)
        pos = session.pos if isinstance(session, SessionRef) else org.position(session)
        if pos is None:
            raise KeyError(session)
        view = org.view(pos, now)
        if insights:
            return payloads.v3_insights(org, pos, view, now, self.analysis_in(org, pos, view, now))
        return payloads.v3_session(org, pos, view, now)

    def analysis(self, pos: int, view: View, now: float) -> dict[str, Any] | None:
        """The session's analysis if it has ended and insights exist (or were generated)."""
        return self.analysis_in(self.org, pos, view, now)

    def analysis_in(self, org: DemoOrg, pos: int, view: View, now: float) -> dict[str, Any] | None:
        """As :meth:`analysis`, for a session of any organization of the enterprise."""
        if not view.terminal:
            return None
        plan = org.plans[pos]
        requested = self.insight_jobs.requested(plan.hex)
        if plan.analysed or (requested is not None and now >= requested + self.insight_delay):
            return org.analysis(pos)
        return None

    def consumption_truth(
        self,
        day: int,
        *,
        org_id: str = ORG_ID,
        who: str | None = None,
        now: float | None = None,
    ) -> dict[str, float]:
        """Billed ACUs by product of the consumption day starting at ``day`` (08:00 UTC), of the
        organization or of one user or service user (``who``)."""
        now = self.clock() if now is None else now
        return consumption.day_truth(self.org_by_id(org_id), day, now, who)

    def active_users_truth(
        self, start: int, end: int, *, org_id: str = ORG_ID, now: float | None = None
    ) -> int:
        """Distinct human users who created a session in ``[start, end)`` by ``now``."""
        now = self.clock() if now is None else now
        return active_users.active_users(self.org_by_id(org_id), start, end, now)

    def members_truth(self, *, org_id: str = ORG_ID, now: float | None = None) -> dict[str, str]:
        """Email by user id of every member who had joined the organization by ``now``."""
        now = self.clock() if now is None else now
        return {u.user_id: u.email for u in members.members_at(self.org_by_id(org_id), now)}

    def groups_truth(
        self, *, org_id: str = ORG_ID, now: float | None = None
    ) -> dict[str, str | None]:
        """The IdP group (None: none) by user id of every member who had joined by ``now``."""
        now = self.clock() if now is None else now
        return members.groups_at(self.org_by_id(org_id), now)


@dataclass(frozen=True)
class Scoped:
    """The emulator seen from one organization: what a path's ``{org_id}`` selects."""

    emulator: Emulator
    org: DemoOrg
    org_id: str

    @property
    def insight_jobs(self) -> InsightJobs:
        return self.emulator.insight_jobs

    @property
    def orgs(self) -> Mapping[str, DemoOrg]:
        return self.emulator.orgs

    def analysis(self, pos: int, view: View, now: float) -> dict[str, Any] | None:
        return self.emulator.analysis_in(self.org, pos, view, now)


def _match(method: str, path: str) -> tuple[Route | None, dict[str, str], str]:
    """The route for a request, its path groups, and the allowed methods if only those differ."""
    methods = []
    for route in ROUTES:
        found = route.pattern.match(path)
        if found is None:
            continue
        if route.method == method:
            return route, found.groupdict(), ""
        methods.append(route.method)
    return None, {}, ", ".join(sorted(set(methods)))
