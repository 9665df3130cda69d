"""Names, teams and active users fetched from the emulator on loopback, and what a key without
the permission gets: ids, and the permission named."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest

from devin_data.analytics.adoption import computed_active
from devin_data.api.client import DevinClient
from devin_data.config import Settings
from devin_data.emulator import ADMIN_KEY, ANALYST_KEY, ORG_ID, VIEWER_KEY, DemoOrg, Emulator, serve
from devin_data.emulator.server import EmulatorServer
from devin_data.frames import frame_from_table
from devin_data.frames.roster import build_roster, with_people
from devin_data.frames.teams import parse_teams_csv
from devin_data.store import Store
from devin_data.sync import SyncOptions, sync
from devin_data.sync.people import refresh_people

ANCHOR = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)
NOW = ANCHOR + timedelta(days=1)


@pytest.fixture(scope="module")
def emulator() -> Emulator:
    return Emulator(DemoOrg.generate(700, 3, ANCHOR, days=60), clock=NOW.timestamp)


@pytest.fixture(scope="module")
def server(emulator: Emulator) -> Iterator[EmulatorServer]:
    with serve(emulator) as running:
        yield running


def _synced(server: EmulatorServer, key: str, tmp: Path) -> tuple[DevinClient, Store]:
    settings = Settings(api_key=key, org_id=ORG_ID, base_url=server.url, cache_dir=tmp)
    client = DevinClient(settings)
    store = Store.open(tmp, key.replace("_", "-"))
    sync(client, store, SyncOptions(since=ANCHOR - timedelta(days=70)), now=NOW)
    return client, store


def test_every_member_is_named_with_email_and_idp_team(
    server: EmulatorServer, emulator: Emulator, tmp_path: Path
) -> None:
    client, store = _synced(server, ADMIN_KEY, tmp_path)
    with client:
        assert refresh_people(client, store, now=NOW).fetched
        assert not refresh_people(client, store, now=NOW + timedelta(hours=23)).fetched
        assert refresh_people(client, store, now=NOW, force=True).fetched
    roster = build_roster(store.people())
    shown = roster.frame.set_index("user_id")
    assert shown["email"].to_dict() == emulator.members_truth(now=NOW.timestamp())
    assert shown["user_name"].notna().all()
    # IdP groups come one member at a time, so only for members who created a synced session.
    active = set(frame_from_table(store.snapshot())["user_id"].dropna())
    groups = emulator.groups_truth(now=NOW.timestamp())
    assert set(groups) - active  # a member without a session here: not asked, no team
    assert {k: v for k, v in shown["team"].items() if pd.notna(v)} == {
        k: v for k, v in groups.items() if v is not None and k in active
    }
    frame = with_people(frame_from_table(store.snapshot()), roster)
    people = frame[~frame["is_service"]]
    assert people["user_name"].notna().all()
    assert frame.loc[frame["is_service"], "user_name"].isna().all()  # service users keep ids
    store.close()


def test_a_key_without_membership_keeps_ids_and_names_the_permission(
    server: EmulatorServer, tmp_path: Path
) -> None:
    client, store = _synced(server, ANALYST_KEY, tmp_path)
    with client:
        done = refresh_people(client, store, now=NOW)
    assert done.fetched
    assert done.problems == ()
    roster = build_roster(store.people())
    assert roster.names_missing == "ViewOrgMembership"
    assert roster.names == {}
    frame = with_people(frame_from_table(store.snapshot()), roster)
    assert frame["user_name"].isna().all()
    assert frame["user_id"].notna().any()
    assert "wau" in store.people()  # metrics still come with ViewOrgMetrics
    store.close()


def test_a_team_mapping_applies_and_reports_bad_rows_by_line(
    server: EmulatorServer, emulator: Emulator, tmp_path: Path
) -> None:
    client, store = _synced(server, ADMIN_KEY, tmp_path)
    with client:
        refresh_people(client, store, now=NOW)
    members = sorted(emulator.members_truth(now=NOW.timestamp()).items())
    (first_id, _), (_, second_email) = members[0], members[1]
    text = "\n".join(
        [
            "email,team",
            f"{first_id},Search",
            f"{second_email.upper()},Search",
            "nobody@acme.example",
            ",Ghosts",
            f"{first_id},Billing",
        ]
    )
    mapping = parse_teams_csv(text)
    assert mapping.problems == (
        "line 4: expected 2 columns (email or user id, team), found 1",
        "line 5: the email or user id is empty",
        f"line 6: {first_id} is already in team Search",
    )
    roster = build_roster(store.people(), mapping, "teams.csv")
    teams = roster.frame.set_index("user_id")["team"]
    assert teams[first_id] == "Search"
    assert teams[members[1][0]] == "Search"
    assert "the team mapping" in roster.team_sources
    store.close()


@pytest.mark.parametrize("kind", ["dau", "wau", "mau"])
def test_active_users_equal_the_truth_and_the_sessions(
    server: EmulatorServer, emulator: Emulator, tmp_path: Path, kind: str
) -> None:
    client, store = _synced(server, ADMIN_KEY, tmp_path)
    with client:
        refresh_people(client, store, now=NOW)
    served = store.people()[kind]
    assert len(served) > 1
    for start, end, count in served:
        assert count == emulator.active_users_truth(start, end, now=NOW.timestamp())
    computed = computed_active(frame_from_table(store.snapshot()), kind, "UTC")  # type: ignore[arg-type]
    by_start = dict(zip(computed["period"], computed["active_users"], strict=True))
    coverage = store.meta()["coverage_start"]
    compared = [row for row in served if row[0] >= coverage]
    assert compared
    for start, _, count in compared:  # a period without sessions is 0 on both sides
        assert by_start.get(pd.Timestamp(start, unit="s"), 0) == count
    served_starts = {pd.Timestamp(row[0], unit="s"): row[2] for row in served}
    assert all(served_starts[period] == n for period, n in by_start.items())
    store.close()


def test_a_key_without_metrics_gets_none_and_the_permission(
    server: EmulatorServer, tmp_path: Path
) -> None:
    client, store = _synced(server, VIEWER_KEY, tmp_path)
    with client:
        refresh_people(client, store, now=NOW)
    people = store.people()
    assert people["dau_missing"] == "ViewOrgMetrics"
    assert "dau" not in people
    assert people["members_missing"] == "ViewOrgMembership"
    store.close()
