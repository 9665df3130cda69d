"""Enterprise-scope endpoints: the organizations, the billing cycles and the ACU limits.

Shapes the public docs leave open are chosen here: an organization is ``{org_id, name}``; billing
cycles are calendar months starting on the 1st at 08:00 UTC (the consumption day boundary), oldest
first, up to the cycle holding the request's clock; the ACU limits are one for the enterprise,
one per organization (1.5 times its average monthly session ACUs, rounded up to 500) and one for
each of the two busiest members of the demo organization (rounded up to 50). Limits are settings,
so they do not depend on the clock.
"""

from __future__ import annotations

import math
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from devin_data.emulator.active_users import periods
from devin_data.emulator.consumption import DAY_START
from devin_data.emulator.handlers import Backend, Body, route
from devin_data.emulator.keys import BILLING_PERMISSION, ORG_ID, ORGANIZATIONS_PERMISSION
from devin_data.emulator.listing import offset_page
from devin_data.emulator.org import DemoOrg
from devin_data.emulator.params import Query

ORG_NAMES = {ORG_ID: "Acme Engineering"}
_HEADROOM = 1.5
_BUSIEST = 2


def _cycle_floor(t: datetime) -> datetime:
    shifted = datetime.fromtimestamp(t.timestamp() - DAY_START, UTC)
    start = shifted.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    return datetime.fromtimestamp(start.timestamp() + DAY_START, UTC)


def _next_cycle(t: datetime) -> datetime:
    return t.replace(year=t.year + t.month // 12, month=t.month % 12 + 1)


def cycles(orgs: dict[str, DemoOrg], now: float) -> list[dict[str, int]]:
    """Every billing cycle from the first session of any organization to the one holding now."""
    first = min(int(org.columns.created[0]) for org in orgs.values() if len(org))
    return [
        {"after": start, "before": end}
        for start, end in periods(_cycle_floor, _next_cycle, first, int(now) + 1)
    ]


def _monthly(acus: float, org: DemoOrg) -> float:
    return acus / (org.days / 30)


def _round_up(value: float, step: int) -> int:
    return max(step, math.ceil(value * _HEADROOM / step) * step)


def acu_limits(orgs: dict[str, DemoOrg]) -> list[dict[str, Any]]:
    """The ACU limit per cycle of the enterprise, of each organization and of the busiest users."""
    per_org = {
        org_id: _round_up(_monthly(sum(p.acus for p in org.plans), org), 500)
        for org_id, org in orgs.items()
    }
    demo = orgs[ORG_ID]
    by_user: Counter[int] = Counter()  # hundredths of an ACU
    for plan in demo.plans:
        if plan.user >= 0:
            by_user[plan.user] += round(plan.acus * 100)
    limits: list[dict[str, Any]] = [_limit(sum(per_org.values()), "enterprise", None, None)]
    limits += [_limit(value, "org", org_id, None) for org_id, value in per_org.items()]
    for user, acus in by_user.most_common(_BUSIEST):
        value = _round_up(_monthly(acus / 100, demo), 50)
        limits.append(_limit(value, "user", ORG_ID, demo.users[user].user_id))
    return limits


def _limit(value: int, scope: str, org_id: str | None, user_id: str | None) -> dict[str, Any]:
    return {"cycle_acu_limit": value, "scope": scope, "org_id": org_id, "user_id": user_id}


def list_organizations(emu: Backend, _: tuple[str, ...], query: Query, now: float) -> Body:
    items = [{"org_id": org_id, "name": ORG_NAMES.get(org_id, "Acme Labs")} for org_id in emu.orgs]
    return offset_page(items, query)


def list_cycles(emu: Backend, _: tuple[str, ...], query: Query, now: float) -> Body:
    return offset_page(cycles(dict(emu.orgs), now), query)


def list_acu_limits(emu: Backend, _: tuple[str, ...], query: Query, now: float) -> Body:
    return offset_page(acu_limits(dict(emu.orgs)), query)


_ENTERPRISE = "/v3/enterprise/"
ROUTES = (
    route(
        "enterprise_orgs",
        "GET",
        _ENTERPRISE + "organizations",
        list_organizations,
        ORGANIZATIONS_PERMISSION,
    ),
    route("cycles", "GET", _ENTERPRISE + "consumption/cycles", list_cycles, BILLING_PERMISSION),
    route(
        "acu_limits",
        "GET",
        _ENTERPRISE + "consumption/acu-limits/devin",
        list_acu_limits,
        BILLING_PERMISSION,
    ),
)
