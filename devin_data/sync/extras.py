"""What a scheduled sync keeps beside the sessions: names, teams and active users (daily), and
billed ACUs, billing cycles and limits (every sync). With a shared store, app replicas then read
them without asking the API themselves."""

from __future__ import annotations

from datetime import UTC, datetime

from devin_data.api.client import DevinClient
from devin_data.api.organizations import Organization, list_organizations
from devin_data.errors import AuthenticationError, DevinError, NotFoundError, PermissionDeniedError
from devin_data.store.store import Store
from devin_data.sync.people import refresh_people
from devin_data.sync.spend import refresh_billing, refresh_consumption

ORGANIZATIONS_MAX_AGE = 86400.0  # the organizations of an enterprise change rarely


def organizations_due(store: Store, now: datetime) -> bool:
    """True when the enterprise's organizations were never listed, or a day ago or more."""
    at = store.organizations_fetched_at()
    return at is None or now.timestamp() - at >= ORGANIZATIONS_MAX_AGE


def refresh_organizations(client: DevinClient, store: Store, now: datetime) -> list[Organization]:
    """List the enterprise's organizations and keep them; a key of one organization (refused)
    keeps an empty list, so nobody asks again for a day."""
    try:
        found = list_organizations(client)
    except (PermissionDeniedError, AuthenticationError, NotFoundError):
        found = []
    kept = [{"org_id": org.org_id, "name": org.name} for org in found]
    store.save_organizations(kept, fetched_at=now.timestamp())
    return found


def refresh_extras(client: DevinClient, store: Store, now: datetime) -> list[str]:
    """Refresh people and organizations (when a day old) and spend; the problems met, none of
    them fatal."""
    if client.api_version != "v3":
        return []
    finished = (store.meta().get("last_sync") or {}).get("finished_at")
    if isinstance(finished, int | float):  # stamped after the sync, so no replica refreshes again
        now = max(now, datetime.fromtimestamp(finished, UTC))
    problems: list[str] = []
    try:
        problems += refresh_people(client, store, now=now).problems
    except DevinError as err:
        problems.append(f"names, teams and active users: {err}")
    try:
        if organizations_due(store, now):
            refresh_organizations(client, store, now)
    except DevinError as err:
        problems.append(f"organizations: {err}")
    try:
        problems += refresh_consumption(client, store, now).problems
        refresh_billing(client, store, now)
    except DevinError as err:
        problems.append(f"billed ACUs: {err}")
    return problems
