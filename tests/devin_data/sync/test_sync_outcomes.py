"""Repositories, merge rates, the Repository filter and child roll-ups against the emulator's
truth, after a sync over real HTTP."""

from __future__ import annotations

from collections import Counter, defaultdict

import pandas as pd
import pytest
from sync_fakes import Clock, make_client

from devin_data.analytics.families import family_totals
from devin_data.analytics.pr_metrics import SAME, compare_pr_metrics
from devin_data.analytics.repositories import repository_table
from devin_data.api.organizations import pr_metrics
from devin_data.emulator import DemoOrg, Emulator, serve
from devin_data.frames import frame_from_table
from devin_data.query.filters import FilterSpec
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


def test_pr_metrics_from_the_api_equal_those_of_the_synced_sessions(
    synced: pd.DataFrame, emulator: Emulator, clock: Clock
) -> None:
    start = clock.at - pd.Timedelta(days=30)
    with serve(emulator) as server, make_client(base_url=server.url) as client:
        api = pr_metrics(client, start, clock.at)
    period = synced[(synced["created_at"] >= start) & (synced["created_at"] < clock.at)]
    table = compare_pr_metrics(api, period).set_index("measure")
    assert table.loc["PRs created", "api"] > 0
    assert (table["difference"] == 0).all()
    assert set(table["where"]) == {SAME}


def test_pr_metrics_say_where_they_differ(synced: pd.DataFrame) -> None:
    api = {"prs_created_count": 5, "prs_opened_count": 1, "prs_merged_count": 3}
    one = synced[synced["prs_merged"].fillna(0) == 1].head(1)
    table = compare_pr_metrics(api, one).set_index("measure")
    assert table.loc["Merged", "difference"] == 2
    assert table.loc["Merged", "where"] == "the API counts 2 more"
    assert table.loc["Closed", "api"] == 0  # a field the API left out counts as 0


def test_pr_metrics_name_the_cause_of_each_difference(synced: pd.DataFrame) -> None:
    one = synced[synced["prs_merged"].fillna(0) == 1].head(1)
    unknown = one.assign(prs_state_unknown=2)
    api = {"prs_created_count": 9, "prs_merged_count": 4}
    api["prs_opened_count"] = int(one["prs_open"].fillna(0).sum())
    table = compare_pr_metrics(api, unknown).set_index("measure")
    merged = table.loc["Merged", "cause"]
    assert merged.startswith("2 of the cached sessions' pull requests have no state")
    assert "the other 1: sessions of the period not cached" in merged
    assert table.loc["PRs created", "cause"].startswith("Sessions of the period not cached")
    assert table.loc["Open", "cause"] == "—"  # no difference, no cause
