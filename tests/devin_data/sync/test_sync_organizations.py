"""Several organizations with an enterprise key, and the PR metrics, against the emulator over
real HTTP: each organization is cached apart and two organizations never share a row."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sync_fakes import Clock, make_client

from devin_data.api.client import DevinClient
from devin_data.api.organizations import list_organizations, pr_metrics
from devin_data.connect import store_for
from devin_data.emulator import (
    ADMIN_KEY,
    ENTERPRISE_KEY,
    ORG_ID,
    SECOND_ORG_ID,
    VIEWER_KEY,
    Emulator,
    serve,
)
from devin_data.errors import PermissionDeniedError
from devin_data.frames import frame_from_table
from devin_data.sync.entry import SyncOptions, sync


def test_an_enterprise_key_lists_its_organizations_and_an_org_key_is_refused(
    emulator: Emulator,
) -> None:
    with serve(emulator) as server:
        with make_client(base_url=server.url, key=ENTERPRISE_KEY) as client:
            orgs = list_organizations(client)
        with (
            make_client(base_url=server.url, key=ADMIN_KEY) as client,
            pytest.raises(PermissionDeniedError),
        ):
            list_organizations(client)
    assert [org.org_id for org in orgs] == [ORG_ID, SECOND_ORG_ID]
    assert len({org.name for org in orgs}) == 2


def test_two_organizations_are_cached_apart_and_never_share_a_row(
    emulator: Emulator, clock: Clock, tmp_path: Path
) -> None:
    since = clock.at.replace(year=clock.at.year - 1)
    rows = {}
    with serve(emulator) as server, make_client(base_url=server.url, key=ENTERPRISE_KEY) as base:
        for org_id in (ORG_ID, SECOND_ORG_ID):
            settings = replace(base.config, org_id=org_id, cache_dir=tmp_path)
            store = store_for(settings)
            with DevinClient(settings) as client:
                sync(client, store, SyncOptions(since=since), now=clock.at)
            rows[org_id] = store.session_records()
            assert {r["org_id"] for r in rows[org_id]} == {org_id}
            served = emulator.org_by_id(org_id).visible_count(clock.now)
            assert len(frame_from_table(store.snapshot())) == len(rows[org_id]) == served
            store.close()
    first, second = ({r["session_id"] for r in rows[o]} for o in (ORG_ID, SECOND_ORG_ID))
    assert first
    assert second
    assert first.isdisjoint(second)
    assert len({p.name for p in tmp_path.iterdir()}) == 2  # one cache folder per organization


def test_pr_metrics_answer_for_the_period_and_name_the_missing_permission(
    emulator: Emulator, clock: Clock
) -> None:
    start = clock.at.replace(year=clock.at.year - 1)
    with serve(emulator) as server:
        with make_client(base_url=server.url) as client:
            metrics = pr_metrics(client, start, clock.at)
        with (
            make_client(base_url=server.url, key=VIEWER_KEY) as client,
            pytest.raises(PermissionDeniedError, match="ViewOrgMetrics"),
        ):
            pr_metrics(client, start, clock.at)
    assert metrics["prs_created_count"] == sum(
        metrics[name] for name in ("prs_opened_count", "prs_merged_count", "prs_closed_count")
    )
    assert metrics["prs_merged_count"] > 0
