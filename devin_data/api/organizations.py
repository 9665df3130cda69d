"""The organizations of an enterprise and the pull-request metrics of one organization.

``GET /v3/enterprise/organizations`` answers only to an enterprise key; an organization key gets
403, which the caller reads as "one organization". ``GET /v3/organizations/{org_id}/metrics/prs``
needs ``ViewOrgMetrics``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote

from devin_data.api.client import DevinClient
from devin_data.api.pagination import epoch_seconds
from devin_data.errors import MalformedResponseError

ORGANIZATIONS_PERMISSION = "ViewAccountOrganizations"
METRICS_PERMISSION = "ViewOrgMetrics"
PR_METRICS = ("prs_created_count", "prs_opened_count", "prs_merged_count", "prs_closed_count")
_MAX_PAGES = 50


@dataclass(frozen=True)
class Organization:
    """One organization of the enterprise: its id and its name (the id when it has none)."""

    org_id: str
    name: str


def list_organizations(client: DevinClient) -> list[Organization]:
    """Every organization of the enterprise, in the API's order."""
    found: list[Organization] = []
    after: str | None = None
    for _ in range(_MAX_PAGES):
        params = [("first", "200")] + ([("after", after)] if after else [])
        body = client.get_json("/v3/enterprise/organizations", params, ORGANIZATIONS_PERMISSION)
        if not isinstance(body, dict) or not isinstance(body.get("items"), list):
            raise MalformedResponseError("The organizations list has no items.")
        found += [_organization(item) for item in body["items"] if _org_id(item)]
        after = body.get("end_cursor")
        if not body.get("has_next_page") or not after:
            break
    return found


def _org_id(item: Any) -> str | None:
    value = item.get("org_id") if isinstance(item, dict) else None
    return value if isinstance(value, str) and value else None


def _organization(item: dict[str, Any]) -> Organization:
    org_id = str(item["org_id"])
    name = item.get("name")
    return Organization(org_id, name if isinstance(name, str) and name.strip() else org_id)


def pr_metrics(client: DevinClient, start: datetime, end: datetime) -> dict[str, int]:
    """PRs created, open, merged and closed for the sessions created in ``[start, end)``."""
    org = quote(client.config.effective_org_id or "", safe="")
    params = [("time_after", str(epoch_seconds(start))), ("time_before", str(epoch_seconds(end)))]
    body = client.get_json(f"/v3/organizations/{org}/metrics/prs", params, METRICS_PERMISSION)
    if not isinstance(body, dict):
        raise MalformedResponseError("The PR metrics are not an object.")
    return {name: int(body.get(name) or 0) for name in PR_METRICS}
