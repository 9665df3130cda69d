"""``--org all`` (or ``--org org-a,org-b``): an enterprise key's organizations, each synced into
its own cache scope and exported into one file whose every row names its organization.

The organizations are listed and scoped by :mod:`devin_data.services.organizations`, as the app's
organization selector and comparison do.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime
from types import SimpleNamespace

import pandas as pd

from devin_data.config import Settings
from devin_data.services import export, organizations
from devin_data.services.organizations import Organization
from devin_data.services.workspace import Workspace


def chosen(settings: Settings, wanted: str, now: datetime) -> tuple[Organization, ...]:
    """The organizations ``--org`` names, refused in words when the key cannot read them."""
    with Workspace.open(settings) as ws:
        return organizations.selected(ws, wanted, now)


def sync_each(
    args: SimpleNamespace,
    settings: Settings,
    now: datetime,
    sync_one: Callable[[SimpleNamespace, Settings], int],
) -> int:
    """Sync every chosen organization in turn, each into its own cache scope; the exit code is
    the first failure's, after every organization was tried."""
    code = 0
    for org in chosen(settings, args.org, now):
        print(f"Organization {org.name} ({org.org_id})", flush=True)
        code = code or sync_one(args, organizations.scoped(settings, org))
    return code


def export_rows(settings: Settings, wanted: str, now: datetime) -> pd.DataFrame:
    """The cached sessions of every chosen organization, each row naming its organization."""
    tables = []
    for org in chosen(settings, wanted, now):
        scoped = organizations.scoped(settings, org)
        with Workspace.open(scoped) as ws:
            if not ws.count():
                print(f"note: nothing is cached for {org.name} ({org.org_id})", file=sys.stderr)
                continue
            tables.append(export.cached_export(ws, scoped, org))
    return export.combined(tables)
