"""What a scheduled sync keeps beside the sessions: names, teams and active users (daily), and
billed ACUs, billing cycles and limits (every sync). With a shared store, app replicas then read
them without asking the API themselves."""

from __future__ import annotations

from datetime import UTC, datetime

from devin_data.api.client import DevinClient
from devin_data.errors import DevinError
from devin_data.store.store import Store
from devin_data.sync.people import refresh_people
from devin_data.sync.spend import refresh_billing, refresh_consumption


def refresh_extras(client: DevinClient, store: Store, now: datetime) -> list[str]:
    """Refresh people (when a day old) and spend; the problems met, none of them fatal."""
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
        problems += refresh_consumption(client, store, now).problems
        refresh_billing(client, store, now)
    except DevinError as err:
        problems.append(f"billed ACUs: {err}")
    return problems
