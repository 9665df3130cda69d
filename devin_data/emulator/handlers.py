"""Endpoint bodies of the emulated API; routing, auth and faults live in :mod:`api`."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from devin_data.emulator import payloads
from devin_data.emulator.keys import MANAGE_PERMISSION, VIEW_PERMISSION
from devin_data.emulator.listing import (
    MAX_FIRST,
    MAX_LIMIT,
    Filters,
    cursor_start,
    decode_offset,
    encode_cursor,
    encode_offset,
    read_filters,
    select,
)
from devin_data.emulator.org import DemoOrg
from devin_data.emulator.params import Query
from devin_data.emulator.timeline import View
from devin_data.models import SESSION_PREFIX

Body = dict[str, Any]


class Backend(Protocol):
    """What an endpoint reads of the emulator: the organization, analyses and insight requests."""

    @property
    def org(self) -> DemoOrg: ...

    @property
    def insight_jobs(self) -> InsightJobs: ...

    @property
    def org_id(self) -> str:
        """The id of ``org``."""
        ...

    @property
    def orgs(self) -> Mapping[str, DemoOrg]:
        """Every organization of the enterprise, by id; ``org`` is the one the path names."""
        ...

    def analysis(self, pos: int, view: View, now: float) -> dict[str, Any] | None: ...


Handler = Callable[[Backend, tuple[str, ...], Query, float], Body | list[Any]]


class NotFound(Exception):
    """A 404 with a ``detail`` string."""


class InsightJobs:
    """Insight generation requested through the API, keyed by session, with the request time."""

    def __init__(self) -> None:
        self._started: dict[str, float] = {}
        self._lock = threading.Lock()

    def start(self, hex_id: str, now: float) -> bool:
        """Record a request; False when one was already made."""
        with self._lock:
            if hex_id in self._started:
                return False
            self._started[hex_id] = now
            return True

    def requested(self, hex_id: str) -> float | None:
        with self._lock:
            return self._started.get(hex_id)


def _session(emu: Backend, session_id: str, now: float) -> tuple[int, View]:
    pos = emu.org.position(session_id)
    if pos is None or emu.org.plans[pos].created > now:
        raise NotFound(f"Session {session_id} not found")
    return pos, emu.org.view(pos, now)


def _page(emu: Backend, query: Query, now: float, insights: bool) -> Body:
    first = query.integer("first", 100, ge=1, le=MAX_FIRST) or 100
    filters = read_filters(query)
    after = query.text("after")
    start = cursor_start(emu.org, after, query) if after else 0
    query.check()
    matches = select(emu.org, filters, now)
    chunk = matches[int(np.searchsorted(matches, start)) :][: first + 1]
    positions = [int(p) for p in chunk[:first]]
    items = []
    for pos in positions:
        view = emu.org.view(pos, now)
        if insights:
            items.append(
                payloads.v3_insights(emu.org, pos, view, now, emu.analysis(pos, view, now))
            )
        else:
            items.append(payloads.v3_session(emu.org, pos, view, now))
    more = len(chunk) > first
    return {
        "items": items,
        "end_cursor": encode_cursor(emu.org, positions[-1]) if more else None,
        "has_next_page": more,
        "total": len(matches),
    }


def list_sessions(emu: Backend, _: tuple[str, ...], query: Query, now: float) -> Body:
    return _page(emu, query, now, insights=False)


def list_insights(emu: Backend, _: tuple[str, ...], query: Query, now: float) -> Body:
    return _page(emu, query, now, insights=True)


def get_session(emu: Backend, ids: tuple[str, ...], _: Query, now: float) -> Body:
    pos, view = _session(emu, ids[0], now)
    return payloads.v3_session(emu.org, pos, view, now)


def get_insights(emu: Backend, ids: tuple[str, ...], _: Query, now: float) -> Body:
    pos, view = _session(emu, ids[0], now)
    return payloads.v3_insights(emu.org, pos, view, now, emu.analysis(pos, view, now))


def generate_insights(emu: Backend, ids: tuple[str, ...], _: Query, now: float) -> Body:
    pos, view = _session(emu, ids[0], now)
    plan = emu.org.plans[pos]
    exists = emu.analysis(pos, view, now) is not None
    started = not exists and emu.insight_jobs.start(plan.hex, now)
    status = "started" if started else "already_exists"
    return {"session_id": SESSION_PREFIX + plan.hex, "status": status}


def list_messages(emu: Backend, ids: tuple[str, ...], query: Query, now: float) -> Body:
    pos, _ = _session(emu, ids[0], now)
    first = query.integer("first", 100, ge=1, le=MAX_FIRST) or 100
    after = query.text("after")
    start = _message_cursor(after, query) if after else 0
    query.check()
    messages = payloads.v3_messages(emu.org, pos, now)
    page = messages[start : start + first]
    more = start + first < len(messages)
    cursor = encode_offset(start + first) if more else None
    return {"items": page, "end_cursor": cursor, "has_next_page": more, "total": len(messages)}


def _message_cursor(after: str, query: Query) -> int:
    index = decode_offset(after)
    if index is None:
        query.invalid("after", "Invalid cursor", after)
        return 0
    return index


def v1_list(emu: Backend, _: tuple[str, ...], query: Query, now: float) -> Body:
    limit = query.integer("limit", 100, ge=1, le=MAX_LIMIT) or 100
    offset = query.integer("offset", 0, ge=0) or 0
    filters = Filters(tags=query.many("tags"), user_email=query.text("user_email"))
    query.check()
    newest_first = select(emu.org, filters, now)[::-1][offset : offset + limit]
    sessions = [
        payloads.v1_summary(emu.org, int(p), emu.org.view(int(p), now)) for p in newest_first
    ]
    return {"sessions": sessions}


def v1_details(emu: Backend, ids: tuple[str, ...], _: Query, now: float) -> Body:
    pos, view = _session(emu, ids[0], now)
    return payloads.v1_details(emu.org, pos, view, now)


@dataclass(frozen=True)
class Route:
    kind: str
    method: str
    pattern: re.Pattern[str]
    version: str
    permission: str
    handler: Handler


def route(
    kind: str, method: str, path: str, handler: Handler, perm: str = VIEW_PERMISSION
) -> Route:
    version = "v3" if path.startswith("/v3") else path.split("/")[1]  # v3beta1 takes v3 keys
    pattern = re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", path)
    return Route(kind, method, re.compile(f"^{pattern}$"), version, perm, handler)


_ORG = "/v3/organizations/{org}/sessions"
ROUTES = (
    route("v3_list", "GET", _ORG, list_sessions),
    route("v3_list_insights", "GET", _ORG + "/insights", list_insights),
    route("v3_get", "GET", _ORG + "/{id}", get_session),
    route("v3_get_insights", "GET", _ORG + "/{id}/insights", get_insights),
    route("v3_messages", "GET", _ORG + "/{id}/messages", list_messages),
    route(
        "v3_generate",
        "POST",
        _ORG + "/{id}/insights/generate",
        generate_insights,
        MANAGE_PERMISSION,
    ),
    route("v1_list", "GET", "/v1/sessions", v1_list),
    route("v1_get", "GET", "/v1/sessions/{id}", v1_details),
)
