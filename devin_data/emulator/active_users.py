"""Active users per UTC day, week and month: ``metrics/dau``, ``metrics/wau``, ``metrics/mau``.

A member is active in a period if they created at least one session in it (by the request's
clock); service users are not members and are never counted. Days and months are UTC calendar
days and months, weeks start on Monday 00:00 UTC. ``time_after`` and ``time_before`` (epoch
seconds, both required) select every period that overlaps ``[time_after, time_before)``; each
entry counts its whole period, ``end_time`` exclusive, and periods starting after the clock are left
out. A window may span at most 400 days.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np

from devin_data.emulator.handlers import Backend, Handler, route
from devin_data.emulator.keys import METRICS_PERMISSION
from devin_data.emulator.org import DemoOrg
from devin_data.emulator.params import Query
from devin_data.emulator.rhythm import DAY

MAX_WINDOW = 400 * DAY


def active_users(org: DemoOrg, start: int, end: int, now: float) -> int:
    """Distinct members who created a session in ``[start, end)`` by ``now``."""
    cols = org.columns
    visible = org.visible_count(now)
    created, users = cols.created[:visible], cols.user[:visible]
    return len(np.unique(users[(created >= start) & (created < end) & (users >= 0)]))


def _day(t: datetime) -> datetime:
    return t.replace(hour=0, minute=0, second=0, microsecond=0)


def _next_day(t: datetime) -> datetime:
    return t + timedelta(days=1)


def _week(t: datetime) -> datetime:
    return _day(t) - timedelta(days=t.weekday())


def _next_week(t: datetime) -> datetime:
    return t + timedelta(days=7)


def _month(t: datetime) -> datetime:
    return _day(t).replace(day=1)


def _next_month(t: datetime) -> datetime:
    return (t.replace(day=28) + timedelta(days=4)).replace(day=1)


Floor = Callable[[datetime], datetime]


def periods(floor: Floor, step: Floor, after: int, before: int) -> Iterator[tuple[int, int]]:
    """``(start, end)`` epoch seconds of every period overlapping ``[after, before)``."""
    start = floor(datetime.fromtimestamp(after, UTC))
    while start.timestamp() < before:
        end = step(start)
        yield int(start.timestamp()), int(end.timestamp())
        start = end


def _window(query: Query) -> tuple[int, int]:
    after = query.integer("time_after", None, ge=0)
    before = query.integer("time_before", None, ge=0)
    for name, value in (("time_after", after), ("time_before", before)):
        if value is None and not query.raw(name):
            query.errors.append(
                {"type": "missing", "loc": ["query", name], "msg": "Field required", "input": None}
            )
    if after is not None and before is not None and not 0 < before - after <= MAX_WINDOW:
        query.invalid(
            "time_before", "time_before must be after time_after, within 400 days", before
        )
    query.check()
    return after or 0, before or 0  # both present: check() raised otherwise


def _active(floor: Floor, step: Floor) -> Handler:
    def handler(emu: Backend, _: tuple[str, ...], query: Query, now: float) -> list[Any]:
        after, before = _window(query)
        return [
            {"active_users": active_users(emu.org, start, end, now), "start_time": start}
            | {"end_time": end}
            for start, end in periods(floor, step, after, before)
            if start <= now
        ]

    return handler


_METRICS = "/v3/organizations/{org}/metrics/"
ROUTES = (
    route("metrics_dau", "GET", _METRICS + "dau", _active(_day, _next_day), METRICS_PERMISSION),
    route("metrics_wau", "GET", _METRICS + "wau", _active(_week, _next_week), METRICS_PERMISSION),
    route("metrics_mau", "GET", _METRICS + "mau", _active(_month, _next_month), METRICS_PERMISSION),
)
