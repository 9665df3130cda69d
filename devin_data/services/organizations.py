"""Several organizations of an enterprise key: the list (read from the API once a day, else as
kept), and each organization's own cache, synced once when it was never synced.

Each organization is its own connection (its own settings, so its own scope): two organizations
never share a row.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from devin_data.api.organizations import METRICS_PERMISSION, Organization, pr_metrics
from devin_data.config import Settings, valid_org_id
from devin_data.errors import DevinError, OptionError
from devin_data.services.workspace import Workspace
from devin_data.sync import sync
from devin_data.sync.organizations import refresh_organizations
from devin_data.sync.schedule import organizations_due

__all__ = [
    "METRICS_PERMISSION",
    "Organization",
    "ensure_synced",
    "kept",
    "listed",
    "may_list",
    "pr_counts",
    "scoped",
    "selected",
]

ALL = "all"


def kept(ws: Workspace) -> tuple[Organization, ...]:
    """The organizations as last listed (a key of one organization keeps none)."""
    return tuple(Organization(o["org_id"], o["name"]) for o in ws.store.organizations())


def may_list(settings: Settings) -> bool:
    """Only a v3 key of a real organization may read an enterprise's organizations."""
    return not settings.demo and settings.api_version == "v3"


def listed(ws: Workspace, now: datetime) -> tuple[Organization, ...]:
    """As kept when listed within a day (by a scheduled sync or another replica), else listed
    by the API and kept; the kept list when the API cannot answer."""
    if not organizations_due(ws.store, now):
        return kept(ws)
    try:
        with ws.client() as client:
            return tuple(refresh_organizations(client, ws.store, now))
    except DevinError:
        return kept(ws)


def scoped(base: Settings, org: Organization) -> Settings:
    """The connection of one organization of the enterprise: its own settings, so its own cache."""
    return replace(base, org_id=org.org_id)


def selected(ws: Workspace, wanted: str, now: datetime) -> tuple[Organization, ...]:
    """The organizations ``wanted`` names (``all``, or ids separated by commas), in the order
    listed; an unknown id or a key that reads a single organization is refused in words."""
    asked = list(dict.fromkeys(part.strip() for part in wanted.split(",") if part.strip()))
    if not asked:
        raise OptionError("--org needs 'all' or organization ids separated by commas")
    found = listed(ws, now) if may_list(ws.settings) else ()
    if not found:
        raise OptionError(
            "--org reads several organizations and needs an enterprise key; this key reads "
            "one organization (leave --org out)"
        )
    if asked == [ALL]:
        return found
    known = {org.org_id: org for org in found}
    unknown = [org_id for org_id in asked if org_id not in known]
    if unknown:
        shown = ", ".join(repr(o if valid_org_id(o) else o[:40]) for o in unknown)
        raise OptionError(
            f"unknown organization {shown}; this key reads {', '.join(known)} (or use --org all)"
        )
    return tuple(known[org_id] for org_id in asked)


def ensure_synced(ws: Workspace) -> bool:
    """An organization's sessions, synced once when nothing was synced for it yet; False when
    that sync failed (its figures are then not available)."""
    if ws.state().last_sync is not None:
        return True
    try:
        with ws.client() as client:
            sync(client, ws.store)
    except DevinError:
        return False
    return True


def pr_counts(ws: Workspace, start: datetime, end: datetime) -> dict[str, int]:
    """The API's own pull-request counts for the sessions created in ``[start, end)``."""
    with ws.client() as client:
        return pr_metrics(client, start, end)
