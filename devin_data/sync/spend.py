"""Bring the cached billed consumption, billing cycles and ACU limits up to date.

Incremental: a refresh asks only for the last few billing days again (usage is billed late and
a running session's ACUs grow) and the days after them; the first one asks for a year. A key
that may not read consumption (no ``ViewOrgConsumption``, a v1 key) leaves a reason in the cache
instead, and a key without enterprise billing leaves the reason why there are no cycles or limits.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from devin_data.api.client import DevinClient
from devin_data.api.consumption import (
    CONSUMPTION_PERMISSION,
    Consumption,
    acu_limits,
    billing_cycles,
    daily_consumption,
)
from devin_data.errors import DevinError, NotFoundError, PermissionDeniedError
from devin_data.models.billing import billing_day, day_start
from devin_data.store.spend import ORG, SpendStore

REFETCH_DAYS = 3
DAY = 86400
FIRST_DAYS = 366
V1_REASON = "the v1 API reports no billed consumption; use a v3 key (cog_…)"


@dataclass
class SpendRefresh:
    """What a refresh did: billing days fetched, users refreshed, and what could not be read."""

    days: int = 0
    users: int = 0
    problems: list[str] = field(default_factory=list)


def _first_day(days: Iterable[str], now: datetime) -> int:
    """``time_after`` of an incremental fetch: a few days before the newest cached one."""
    cached = [int(day) for day in days]
    if cached:
        return max(cached) - REFETCH_DAYS * DAY
    # The start of the billing day a year before now.
    return int(day_start(billing_day(now - timedelta(days=FIRST_DAYS))).timestamp())


def _as_days(body: Consumption) -> dict[str, dict[str, float]]:
    return {str(day.date): day.products() for day in body.consumption_by_date}


def refresh_owner(client: DevinClient, store: SpendStore, now: datetime, who: str = ORG) -> int:
    """Fetch the new and recent billing days of the organization or one user; days fetched."""
    after = _first_day(store.consumption(who), now)
    body = daily_consumption(client, time_after=after, user_id=None if who == ORG else who)
    days = _as_days(body)
    store.save_consumption(who, days, now.isoformat())
    return len(days)


def refresh_consumption(
    client: DevinClient, store: SpendStore, now: datetime, sync_id: str | None = None
) -> SpendRefresh:
    """The organization's billed days; a key that may not read them leaves the reason. The
    status names the sync (``sync_id``) the refresh was made for, so no process makes it again."""
    result = SpendRefresh()
    mark = {"checked_at": now.isoformat(), "sync_id": sync_id}
    if client.api_version == "v1":
        store.save_spend_status({"reason": V1_REASON, **mark})
        result.problems.append(V1_REASON)
        return result
    try:
        result.days = refresh_owner(client, store, now)
    except PermissionDeniedError as err:
        reason = f"{err} Billed ACUs need the {CONSUMPTION_PERMISSION} permission."
        store.save_spend_status({"reason": reason, "permission": CONSUMPTION_PERMISSION, **mark})
        result.problems.append(reason)
        return result
    store.save_spend_status(mark)
    return result


def refresh_users(
    client: DevinClient, store: SpendStore, user_ids: Iterable[str], now: datetime
) -> SpendRefresh:
    """The billed days of each user, on the client's threads; failures are counted, not fatal."""
    result = SpendRefresh()
    for user_id, outcome in client.map_concurrent(
        lambda user: refresh_owner(client, store, now, user), sorted(set(user_ids))
    ):
        if isinstance(outcome, DevinError):
            result.problems.append(f"{user_id}: {outcome}")
        else:
            result.users += 1
    return result


def refresh_billing(client: DevinClient, store: SpendStore, now: datetime) -> None:
    """The billing cycles and ACU limits of an enterprise key, or why there are none."""
    if client.api_version == "v1":
        store.save_billing({"reason": V1_REASON})
        return
    try:
        cycles = [c.model_dump(include={"after", "before"}) for c in billing_cycles(client)]
        limits = [
            lim.model_dump(include={"cycle_acu_limit", "scope", "org_id", "user_id"})
            for lim in acu_limits(client)
        ]
    except (PermissionDeniedError, NotFoundError):
        reason = (
            "Billing cycles and ACU limits need an enterprise key with the ManageBilling "
            "permission; a monthly budget can be set instead."
        )
        store.save_billing({"reason": reason, "fetched_at": now.isoformat()})
        return
    store.save_billing({"cycles": cycles, "limits": limits, "fetched_at": now.isoformat()})
