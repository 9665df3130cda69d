"""Billed consumption, billing cycles and ACU limits: the endpoints beside the sessions.

``daily_consumption`` reads ``/v3/organizations/{org_id}/consumption/daily`` (or its per-user
variant; ``ViewOrgConsumption``); ``billing_cycles`` and ``acu_limits`` the enterprise endpoints
(an enterprise key with ``ManageBilling``). Answers are lenient: a missing product is 0, an
unknown one is kept. They go through the client's one request loop, so retries, error messages
and key redaction are the sessions' own.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeVar
from urllib.parse import quote

from pydantic import BaseModel, Field

from devin_data.api.call import Call
from devin_data.api.client import DevinClient
from devin_data.api.pagination import iter_cursor
from devin_data.models import Page
from devin_data.models.schema import Lenient

CONSUMPTION_PERMISSION = "ViewOrgConsumption"
BILLING_PERMISSION = "ManageBilling"
PRODUCTS = ("devin", "cascade", "terminal", "review")

M = TypeVar("M", bound=BaseModel)


class DayConsumption(Lenient):
    """One billing day (its 08:00 UTC start, epoch seconds): total and per-product ACUs."""

    date: int
    acus: float = 0.0
    acus_by_product: dict[str, float | None] = Field(default_factory=dict)

    def products(self) -> dict[str, float]:
        """ACUs per product, every known product present (absent or null is 0)."""
        known = {name: float(self.acus_by_product.get(name) or 0.0) for name in PRODUCTS}
        extra = {k: float(v or 0.0) for k, v in self.acus_by_product.items() if k not in known}
        return known | extra


class Consumption(Lenient):
    total_acus: float | None = None
    consumption_by_date: list[DayConsumption] = Field(default_factory=list)


class Cycle(Lenient):
    """A billing cycle from ``after`` to ``before`` (epoch seconds)."""

    after: int
    before: int


class AcuLimit(Lenient):
    """An ACU limit per cycle for the enterprise, an organization or a user."""

    cycle_acu_limit: float
    scope: str = "enterprise"
    org_id: str | None = None
    user_id: str | None = None


def _get(
    client: DevinClient, path: str, params: list[tuple[str, str]], permission: str
) -> tuple[Call, Any]:
    # The client's own request loop: retries, error messages and redaction stay in one place.
    call = Call("GET", path, params, permission, client.config.effective_org_id)
    return call, client._requester.send(call)


def _parse(client: DevinClient, model: type[M], data: Any, call: Call) -> M:
    return client._parse(model, data, call)


def daily_consumption(
    client: DevinClient, *, time_after: int | None = None, user_id: str | None = None
) -> Consumption:
    """Billed ACUs per billing day from ``time_after`` on, of the organization or one user."""
    org = client._org()
    path = f"/v3/organizations/{quote(org, safe='')}/consumption/daily"
    if user_id is not None:
        path += f"/users/{quote(user_id, safe='')}"
    params = [("time_after", str(time_after))] if time_after is not None else []
    call, data = _get(client, path, params, CONSUMPTION_PERMISSION)
    return _parse(client, Consumption, data, call)


def _walk(client: DevinClient, path: str, model: type[M]) -> Iterator[M]:
    def fetch(cursor: str | None) -> Page[M]:
        params = [("first", "200")] + ([("after", cursor)] if cursor else [])
        call, data = _get(client, path, params, BILLING_PERMISSION)
        return _parse(client, Page[model], data, call)  # type: ignore[valid-type]

    return iter_cursor(fetch, f"GET {path}")


def billing_cycles(client: DevinClient) -> list[Cycle]:
    """Every billing cycle of the enterprise (an enterprise key with ManageBilling)."""
    return list(_walk(client, "/v3/enterprise/consumption/cycles", Cycle))


def acu_limits(client: DevinClient) -> list[AcuLimit]:
    """The Devin ACU limits per cycle of the enterprise, its organizations and users."""
    return list(_walk(client, "/v3/enterprise/consumption/acu-limits/devin", AcuLimit))
