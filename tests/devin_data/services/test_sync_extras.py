"""What a sync asks beside the sessions, counted per endpoint by the emulator on loopback, and the
once-per-sync refresh of billed ACUs judged by the sync's id rather than by clocks."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from devin_data.config import Settings
from devin_data.emulator import ENTERPRISE_KEY, ORG_ID, DemoOrg, Emulator, serve
from devin_data.emulator.server import EmulatorServer
from devin_data.frames import frame_from_table
from devin_data.services import spend, syncing
from devin_data.services.workspace import Workspace
from devin_data.sync import SyncOptions

SESSION_KINDS = {"v3_list", "v3_list_insights", "v3_get", "v3_get_insights", "v3_messages"}
ONCE_A_DAY = {"members": 1, "metrics_dau": 1, "metrics_wau": 1, "metrics_mau": 1}
ONCE_A_SYNC = {"consumption": 1, "cycles": 1, "acu_limits": 1}


@pytest.fixture
def emulator(frozen_now: datetime) -> Emulator:
    return Emulator(DemoOrg.generate(400, 5, frozen_now, days=90), clock=frozen_now.timestamp)


@pytest.fixture
def server(emulator: Emulator) -> Iterator[EmulatorServer]:
    with serve(emulator) as running:
        yield running


@pytest.fixture
def ws(server: EmulatorServer, tmp_path: Path) -> Iterator[Workspace]:
    settings = Settings(
        api_key=ENTERPRISE_KEY, org_id=ORG_ID, base_url=server.url, cache_dir=tmp_path
    )
    with Workspace.open(settings) as opened:
        yield opened


def _sync(ws: Workspace, emulator: Emulator, now: datetime, **options: object) -> dict[str, int]:
    """A sync then its extras, as ``devin-data sync`` runs them; the requests per endpoint."""
    emulator.reset_stats()
    report = syncing.sync_now(ws, SyncOptions(**options), now=now)  # type: ignore[arg-type]
    assert report is not None
    sessions = sum(n for kind, n in emulator.stats.by_kind.items() if kind in SESSION_KINDS)
    assert sessions == report.requests
    extras = syncing.refresh_extras(ws, now)
    assert extras.problems == ()
    counts = {k: n for k, n in emulator.stats.by_kind.items() if k not in SESSION_KINDS}
    assert extras.requests == sum(counts.values())
    return {"sessions": sessions, "retries": extras.retries, **counts}


def test_each_extra_is_one_request_and_groups_only_for_active_members(
    ws: Workspace, emulator: Emulator, frozen_now: datetime
) -> None:
    cold = _sync(ws, emulator, frozen_now, since=frozen_now - timedelta(days=30))
    frame = frame_from_table(ws.store.snapshot())
    members, creators = set(emulator.members_truth()), set(frame["user_id"].dropna())
    active = creators & members
    assert active < members  # some members created no session in the synced window
    asked = cold.pop("member") - cold.pop("retries")  # a loaded machine may retry one
    assert asked == len(creators)  # the API gives groups one member at a time
    assert cold.pop("sessions") > 0
    assert cold == {**ONCE_A_DAY, **ONCE_A_SYNC, "enterprise_orgs": 1}
    teams = ws.people()["groups"]
    assert set(teams) == active

    warm = _sync(ws, emulator, frozen_now + timedelta(hours=1))
    assert warm.pop("retries") == 0
    assert warm.pop("sessions") <= 2  # an unchanged organization
    assert warm == ONCE_A_SYNC  # names, teams, active users and organizations are daily

    next_day = _sync(ws, emulator, frozen_now + timedelta(hours=25))
    assert next_day.pop("retries") == 0
    assert next_day.pop("sessions") <= 2
    # Nobody created a session since the last refresh: no member is asked for groups again.
    assert next_day == {**ONCE_A_DAY, **ONCE_A_SYNC, "enterprise_orgs": 1}
    assert ws.people()["groups"] == teams
    checked = ws.state().groups_checked
    assert set(checked) == creators
    assert set(checked.values()) == {frozen_now.timestamp()}


def test_a_full_sync_asks_each_active_user_metric_once(
    ws: Workspace, emulator: Emulator, frozen_now: datetime
) -> None:
    counts = _sync(ws, emulator, frozen_now, full=True)  # coverage from 2024: over 400 days
    assert {kind: counts[kind] for kind in ONCE_A_DAY} == ONCE_A_DAY
    first = min(ref.created_at for ref in emulator.org.visible_sessions(frozen_now.timestamp()))
    dau = ws.people()["dau"]
    assert dau[0][0] <= first < dau[0][1]  # from the day of the first session


def test_billed_acus_refresh_once_per_sync_whatever_each_process_clock(
    ws: Workspace, emulator: Emulator, frozen_now: datetime
) -> None:
    syncing.sync_now(ws, SyncOptions(), now=frozen_now)
    assert spend.due(ws)
    # Another process (an app replica) whose clock is an hour behind the syncing one refreshes.
    assert spend.refresh(ws, frozen_now - timedelta(hours=1)) == []
    assert not spend.due(ws)
    emulator.reset_stats()
    assert "billed ACUs" not in syncing.refresh_extras(ws, frozen_now).fetched
    assert not set(emulator.stats.by_kind) & set(ONCE_A_SYNC)
    # A later sync, stamped by a clock behind the refresh's, makes billed ACUs due again.
    syncing.sync_now(ws, SyncOptions(), now=frozen_now - timedelta(hours=2))
    assert spend.due(ws)
