"""Billed ACUs per consumption day, by product, for an organization, a user or a service user.

A consumption day starts at 08:00 UTC (midnight Pacific standard time), as the API documents.
The ``devin`` product of a day is the sum of the ``acus_consumed`` of the sessions *created* in
that day, as they stand at the request's clock (a running session's ACUs keep growing and stay on
its creation day), and nothing else. ``cascade``, ``terminal`` and ``review`` are usage outside
sessions: deterministic events per human member and day, each counted once the clock passes its
instant and only after the member joined. Amounts are whole hundredths of an ACU, so the
per-user and per-service-user answers add up exactly to the organization's.

Query: ``time_after`` and ``time_before`` (epoch seconds, optional) select the days starting at or
after ``time_after`` and before ``time_before``; by default from the organization's first day to
the day of the request. Days with no usage are listed with zeros.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from devin_data.emulator.columns import IntArray
from devin_data.emulator.handlers import Backend, Body, NotFound, route
from devin_data.emulator.keys import CONSUMPTION_PERMISSION
from devin_data.emulator.org import DemoOrg
from devin_data.emulator.params import Query
from devin_data.emulator.rhythm import DAY

DAY_START = 8 * 3600  # consumption days start at 08:00 UTC
PRODUCTS = ("devin", "cascade", "terminal", "review")
_CHANCE = (0.35, 0.15, 0.25)  # of a member using cascade, terminal, review on a given day
_CENTS = ((10, 90), (5, 40), (10, 60))  # hundredths of an ACU per use, low and high
_SALT = 0xC0_0001


def day_of(t: float) -> int:
    """Start (epoch seconds) of the consumption day holding ``t``."""
    return (int(t) - DAY_START) // DAY * DAY + DAY_START


def _days_of(times: IntArray) -> IntArray:
    return (times - DAY_START) // DAY * DAY + DAY_START


@dataclass(frozen=True)
class Ledger:
    """Per session: its day and final hundredths; per non-session event: instant, user, product."""

    first_day: int
    session_day: IntArray
    session_cents: IntArray
    event_at: IntArray
    event_user: IntArray
    event_product: IntArray  # 1..3, an index into PRODUCTS
    event_cents: IntArray


@lru_cache(maxsize=8)
def ledger(org: DemoOrg) -> Ledger:
    """The organization's usage, drawn once from its seed."""
    created = org.columns.created
    first = day_of(int(created[0]) if len(created) else org.anchor.timestamp() - org.days * DAY)
    days = np.arange(first, day_of(org.anchor.timestamp()) + 2 * DAY, DAY, dtype=np.int64)
    rng = np.random.default_rng([org.seed, _SALT])
    shape = (len(days), len(org.users), len(_CHANCE))
    used = rng.random(shape) < np.array(_CHANCE)
    lows, highs = (np.array(bound) for bound in zip(*_CENTS, strict=True))
    cents = lows + (rng.random(shape) * (highs - lows)).astype(np.int64)
    at = days[:, None, None] + rng.integers(0, DAY, shape)
    joined = np.array([user.joined for user in org.users])
    used &= at >= joined[None, :, None]
    _, user, product = np.nonzero(used)
    acus = np.array([plan.acus for plan in org.plans])
    return Ledger(
        first, _days_of(created), np.round(acus * 100).astype(np.int64),
        at[used], user, product + 1, cents[used],
    )  # fmt: skip


def _session_cents(org: DemoOrg, book: Ledger, now: float) -> IntArray:
    """Hundredths of an ACU each visible session has used by ``now``."""
    visible = org.visible_count(now)
    cents = book.session_cents[:visible].copy()
    for pos in np.nonzero(org.columns.end[:visible] > now)[0]:
        cents[pos] = round(org.view(int(pos), now).acus * 100)
    return cents


@dataclass(frozen=True)
class Who:
    """Whose usage to count: everyone (both None), one member or one service user (indexes)."""

    user: int | None = None
    service_user: int | None = None


def table(org: DemoOrg, now: float, who: Who) -> tuple[int, IntArray]:
    """First day and hundredths of an ACU per (day, product) up to the day of ``now``."""
    book = ledger(org)
    rows = max(0, (day_of(now) - book.first_day) // DAY + 1)
    out = np.zeros((rows, len(PRODUCTS)), dtype=np.int64)
    cents = _session_cents(org, book, now)
    keep = np.ones(len(cents), dtype=np.bool_)
    if who.user is not None or who.service_user is not None:
        keep = (org.columns.user[: len(cents)] == (-2 if who.user is None else who.user)) | (
            org.columns.service_user[: len(cents)]
            == (-2 if who.service_user is None else who.service_user)
        )
    index = (book.session_day[: len(cents)][keep] - book.first_day) // DAY
    out[:, 0] = _sum_by_row(index, cents[keep], rows)
    events = book.event_at <= now
    if who.service_user is not None:
        events &= False
    elif who.user is not None:
        events &= book.event_user == who.user
    event_rows = (_days_of(book.event_at[events]) - book.first_day) // DAY
    for product in range(1, len(PRODUCTS)):
        mine = book.event_product[events] == product
        out[:, product] = _sum_by_row(event_rows[mine], book.event_cents[events][mine], rows)
    return book.first_day, out


def _sum_by_row(rows: IntArray, cents: IntArray, size: int) -> IntArray:
    """Hundredths summed per row index (exact: float64 holds these integers without loss)."""
    summed = np.bincount(rows, weights=cents, minlength=size)[:size]
    return np.rint(summed).astype(np.int64)


def _window(query: Query, first_day: int, now: float) -> tuple[int, float]:
    """First day start and the exclusive end of the days a request asks for."""
    after = query.integer("time_after", None, ge=0)
    before = query.integer("time_before", None, ge=0)
    if after is not None and before is not None and after > before:
        query.invalid("time_before", "time_before must not be earlier than time_after", before)
    query.check()
    start = first_day if after is None else max(first_day, day_of(after - 1) + DAY)
    return start, min(now + 1, float("inf") if before is None else before)


def consumption(org: DemoOrg, query: Query, now: float, who: Who) -> Body:
    """The ``Consumption`` body: ``total_acus`` and one entry per day, by product."""
    first_day, cents = table(org, now, who)
    start, end = _window(query, first_day, now)
    days: list[dict[str, Any]] = []
    total = 0
    for row in range((start - first_day) // DAY, len(cents)):
        day = first_day + row * DAY
        if day >= end:
            break
        by_product = {name: int(cents[row, k]) / 100 for k, name in enumerate(PRODUCTS)}
        total += int(cents[row].sum())
        days.append(
            {"date": day, "acus": int(cents[row].sum()) / 100, "acus_by_product": by_product}
        )
    return {"total_acus": total / 100, "consumption_by_date": days}


def day_truth(org: DemoOrg, day: int, now: float, user_id: str | None = None) -> dict[str, float]:
    """Billed ACUs by product of one day, summed session by session and event by event."""
    cents = dict.fromkeys(PRODUCTS, 0)
    for pos in range(org.visible_count(now)):
        plan = org.plans[pos]
        mine = user_id is None or _owner(org, pos) == user_id
        if mine and day_of(plan.created) == day:
            cents["devin"] += round(org.view(pos, now).acus * 100)
    book = ledger(org)
    for at, user, product, amount in zip(
        book.event_at, book.event_user, book.event_product, book.event_cents, strict=True
    ):
        mine = user_id is None or org.users[int(user)].user_id == user_id
        if mine and at <= now and day_of(int(at)) == day:
            cents[PRODUCTS[int(product)]] += int(amount)
    return {name: value / 100 for name, value in cents.items()}


def _owner(org: DemoOrg, pos: int) -> str | None:
    plan = org.plans[pos]
    if plan.user >= 0:
        return org.users[plan.user].user_id
    return org.service_users[plan.service_user].service_user_id if plan.service_user >= 0 else None


def org_daily(emu: Backend, _: tuple[str, ...], query: Query, now: float) -> Body:
    return consumption(emu.org, query, now, Who())


def user_daily(emu: Backend, ids: tuple[str, ...], query: Query, now: float) -> Body:
    code = emu.org.columns.user_codes.get(ids[0])
    if code is None:
        raise NotFound(f"User {ids[0]} not found")
    return consumption(emu.org, query, now, Who(user=code))


def service_user_daily(emu: Backend, ids: tuple[str, ...], query: Query, now: float) -> Body:
    code = emu.org.columns.service_codes.get(ids[0])
    if code is None:
        raise NotFound(f"Service user {ids[0]} not found")
    return consumption(emu.org, query, now, Who(service_user=code))


_DAILY = "/v3/organizations/{org}/consumption/daily"
ROUTES = (
    route("consumption", "GET", _DAILY, org_daily, CONSUMPTION_PERMISSION),
    route("consumption_user", "GET", _DAILY + "/users/{user}", user_daily, CONSUMPTION_PERMISSION),
    route(
        "consumption_service_user",
        "GET",
        _DAILY + "/service-users/{service_user}",
        service_user_daily,
        CONSUMPTION_PERMISSION,
    ),
)
