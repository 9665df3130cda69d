"""Repositories, merge rates, the Repository filter and child roll-ups against the emulator's
truth, after a sync over real HTTP."""

from __future__ import annotations

from collections import Counter, defaultdict

import pandas as pd
import pytest
from sync_fakes import Clock, make_client

from devin_data.analytics.families import family_totals
from devin_data.analytics.filters import FilterSpec
from devin_data.analytics.repositories import repository_table
from devin_data.emulator import DemoOrg, Emulator, serve
from devin_data.frames import frame_from_table
from devin_data.store.store import Store
from devin_data.sync.entry import SyncOptions, sync


@pytest.fixture
def synced(emulator: Emulator, clock: Clock, store: Store) -> pd.DataFrame:
    since = clock.at - pd.Timedelta(days=400)
    with serve(emulator) as server, make_client(base_url=server.url) as client:
        sync(client, store, SyncOptions(since=since), now=clock.at)
    return frame_from_table(store.snapshot())


def _truth(org: DemoOrg, now: float) -> dict[str, Counter[str]]:
    """Per repository, from the emulator's own plans: sessions, PRs opened and merged."""
    truth: dict[str, Counter[str]] = defaultdict(Counter)
    for ref in org.visible_sessions(now):
        view = org.view(ref.pos, now)
        if view.prs:
            repo = truth[org.repo(ref.pos)]
            repo["sessions"] += 1
            repo["prs_opened"] += len(view.prs)
            repo["prs_merged"] += sum(state == "merged" for _, state in view.prs)
    return truth


def test_repositories_and_merge_rates_equal_the_emulators_truth(
    synced: pd.DataFrame, org: DemoOrg, clock: Clock
) -> None:
    truth = _truth(org, clock.now)
    table = repository_table(synced).set_index("repository")
    assert set(table.index) == set(truth)
    assert {"acme/infra", "acme/docs", "acme/web"} <= set(truth)  # GitLab, Bitbucket, GitHub
    for repo, counts in truth.items():
        row = table.loc[repo]
        assert (row["sessions"], row["prs_opened"], row["prs_merged"]) == (
            counts["sessions"],
            counts["prs_opened"],
            counts["prs_merged"],
        )
        assert row["merge_rate"] == pytest.approx(counts["prs_merged"] / counts["prs_opened"])
    assert table["acus"].sum() == pytest.approx(
        synced.loc[synced["pr_count"] > 0, "acus_consumed"].sum()
    )


def test_the_repository_filter_keeps_the_sessions_with_a_pr_there(
    synced: pd.DataFrame, org: DemoOrg, clock: Clock
) -> None:
    wanted = {
        ref.session_id
        for ref in org.visible_sessions(clock.now)
        if org.view(ref.pos, clock.now).prs and org.repo(ref.pos) == "acme/infra"
    }
    spec = FilterSpec(preset="all", repositories=("acme/infra",))
    kept = spec.apply(synced, clock.at)
    assert wanted
    assert set(kept["session_id"]) == wanted
    assert spec.query_params()["repository"] == "acme/infra"


def test_children_roll_up_into_their_parents_as_the_emulator_links_them(
    synced: pd.DataFrame, org: DemoOrg, clock: Clock
) -> None:
    totals = family_totals(synced).set_index("session_id")
    acus = synced.set_index("session_id")["acus_consumed"]
    parents = [p for p in org.plans[: org.visible_count(clock.now)] if p.children]
    assert parents
    for plan in parents:
        sid = "devin-" + plan.hex
        kids = ["devin-" + h for h in plan.children if "devin-" + h in acus.index]
        assert totals.loc[sid, "family_sessions"] == 1 + len(kids)
        assert totals.loc[sid, "family_acus"] == pytest.approx(acus[sid] + acus[kids].sum())
