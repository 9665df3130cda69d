"""The digest of a period, from the cache: what ``devin-data report`` writes for those who never
open the app.

The sessions come from the cache (a sync fills it); billed consumption, cycles and limits are
refreshed first unless ``offline``, and a refresh that fails only costs a note. Spend is read
through the same view and budget rule as the app's (:mod:`devin_data.services.spend`). Nothing
here knows the API key, so no digest can contain it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from devin_data.analytics.digest import DigestInput, digest
from devin_data.config import Settings, SpendSettings
from devin_data.errors import DevinError
from devin_data.frames import build_messages_frame, frame_from_table
from devin_data.frames.roster import with_people
from devin_data.models import to_utc
from devin_data.query.filters import PRESETS, FilterSpec
from devin_data.services import budget
from devin_data.services import spend as spending
from devin_data.services.reconcile import reconciliation
from devin_data.services.roster import roster
from devin_data.services.workspace import Workspace
from devin_data.text.render import Block


@dataclass(frozen=True)
class Digest:
    """A digest's title and blocks (see :mod:`devin_data.text.render`), and the notes of what
    could not be refreshed."""

    title: str
    blocks: list[Block]
    notes: list[str] = field(default_factory=list)


def period_spec(days: int, tz: str, now: datetime) -> FilterSpec:
    """The ``days`` local days up to today in ``tz``: the Overview's preset of as many days
    (7d, 30d, 90d), else the same days picked as a custom range."""
    if f"{days}d" in PRESETS:
        return FilterSpec(preset=f"{days}d", tz=tz)
    today = FilterSpec(tz=tz).today(now)
    first = today - timedelta(days=days - 1)
    return FilterSpec(preset="custom", start_date=first, end_date=today, tz=tz)


def digest_input(
    ws: Workspace,
    spend: SpendSettings,
    *,
    now: datetime,
    days: int,
    tz: str = "UTC",
    offline: bool = False,
    teams_file: Path | None = None,
) -> tuple[DigestInput, list[str]]:
    """Everything the digest of the ``days`` local days up to ``now`` in ``tz`` needs (the
    sessions with their creators' names, as the app has them), and the notes to print."""
    settings = ws.settings
    if not ws.count():
        raise ValueError(
            f"no sessions are cached for {settings.describe()}; run `devin-data sync` first"
        )
    notes = [] if offline else _refresh(ws, now)
    view = budget.view(ws, spend, now)
    messages = ws.all_messages()
    coverage = ws.state().coverage_start
    frame = with_people(frame_from_table(ws.snapshot()), roster(ws, teams_file))
    spec = period_spec(days, tz, now)
    start, end = spec.window(now)
    if start is None or end is None:  # never: a period of days has both bounds
        raise ValueError(f"a period of {days} days has no bounds")
    selected = spec.apply(frame, now)
    found = reconciliation(ws, spec, frame, selected, now, billed_available=view.reason is None)
    return (
        DigestInput(
            org=settings.effective_org_id or "the organization",
            frame=frame,
            messages=build_messages_frame(messages) if messages else None,
            view=view,
            spend=spend,
            now=now,
            days=days,
            coverage_start=to_utc(coverage) if coverage else None,
            api=settings.api_version,
            window=(start, end),
            tz=tz,
            reconciled=found,
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
    tz: str = "UTC",
    offline: bool = False,
    teams_file: Path | None = None,
) -> Digest:
    """The digest of the cache of ``settings`` for ``days`` local days in ``tz``: its title,
    blocks and notes."""
    with Workspace.open(settings, now=now) as ws:
        found, notes = digest_input(
            ws, spend, now=now, days=days, tz=tz, offline=offline, teams_file=teams_file
        )
    title, blocks = digest(found)
    return Digest(title, blocks, notes)
