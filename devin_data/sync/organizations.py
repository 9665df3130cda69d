"""The organizations an enterprise key reads, listed and kept in the store (when they are due:
see :mod:`devin_data.sync.schedule`), so the organization selector still offers them when the API
cannot be reached and app replicas never ask for them again."""

from __future__ import annotations

from datetime import datetime

from devin_data.api.client import DevinClient
from devin_data.api.organizations import Organization, list_organizations
from devin_data.errors import AuthenticationError, NotFoundError, PermissionDeniedError
from devin_data.store.store import Store


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
