"""The digest of a period, from the cache: what ``devin-data report`` writes for those who never
open the app.

The sessions come from the cache (a sync fills it); billed consumption, cycles and limits are
refreshed first unless ``offline``, and a refresh that fails only costs a note. Spend is read
through the same view and budget rule as the app's (:mod:`devin_data.services.spend`). Nothing
here knows the API key, so no digest can contain it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from devin_data.analytics.digest import DigestInput, digest
from devin_data.config import Settings, SpendSettings
from devin_data.errors import DevinError
from devin_data.frames import build_messages_frame, build_sessions_frame
from devin_data.models import to_utc
from devin_data.services import budget
from devin_data.services import spend as spending
from devin_data.services.workspace import Workspace
from devin_data.text.render import Block


@dataclass(frozen=True)
class Digest:
    """A digest's title and blocks (see :mod:`devin_data.text.render`), and the notes of what
    could not be refreshed."""

    title: str
    blocks: list[Block]
    notes: list[str] = field(default_factory=list)


def digest_input(
    ws: Workspace, spend: SpendSettings, *, now: datetime, days: int, offline: bool = False
) -> tuple[DigestInput, list[str]]:
    """Everything the digest of the ``days`` up to ``now`` needs, and the notes to print."""
    settings = ws.settings
    records = ws.store.session_records()
    if not records:
        raise ValueError(
            f"no sessions are cached for {settings.describe()}; run `devin-data sync` first"
        )
    notes = [] if offline else _refresh(ws, now)
    view = budget.view(ws, spend, now)
    messages = ws.all_messages()
    coverage = ws.state().coverage_start
    return (
        DigestInput(
            org=settings.effective_org_id or "the organization",
            frame=build_sessions_frame(records),
            messages=build_messages_frame(messages) if messages else None,
            view=view,
            spend=spend,
            now=now,
            days=days,
            coverage_start=to_utc(coverage) if coverage else None,
            api=settings.api_version,
        ),
        notes,
    )


def _refresh(ws: Workspace, now: datetime) -> list[str]:
    try:
        spending.refresh(ws, now)
    except DevinError as err:
        return [f"billed ACUs could not be refreshed ({err}); the cached ones are used"]
    return []


def report(
    settings: Settings,
    spend: SpendSettings,
    *,
    now: datetime,
    days: int,
    offline: bool = False,
) -> Digest:
    """The digest of the cache of ``settings``: its title, blocks and notes."""
    with Workspace.open(settings, now=now) as ws:
        found, notes = digest_input(ws, spend, now=now, days=days, offline=offline)
    title, blocks = digest(found)
    return Digest(title, blocks, notes)
