"""Outcomes in the app on the demo organization: the Repository filter from a link, the
repositories on Overview and Sessions, and an organization a key cannot read."""

from __future__ import annotations

from pathlib import Path

import pytest
from apptest_helpers import expected_sessions, run_page, store_frame

from devin_data.analytics.repositories import repository_table
from ui.sections.delivery import PR_CHECK_KEY

SESSIONS = "app_pages/sessions.py"


def test_a_repository_link_narrows_the_sessions_and_their_repositories(
    demo_environment: Path,
) -> None:
    run_page()  # the first run syncs the demo organization
    everything = store_frame()
    repo = repository_table(everything)["repository"].iloc[-1]  # the one with fewest merges
    app = run_page(SESSIONS, range="all", repository=repo)
    assert not app.exception, app.exception
    assert app.query_params["repository"] == repo
    kept = expected_sessions(range="all", repository=repo)
    assert 0 < len(kept) < len(everything)
    assert set(app.dataframe[0].value["session_id"]) == set(kept["session_id"])
    repositories = app.dataframe[1].value
    assert repositories["repository"].tolist() == [repo]
    assert repositories["sessions"].tolist() == [len(kept)]


def test_overview_shows_repositories_outcomes_and_the_apis_pr_metrics(
    demo_environment: Path,
) -> None:
    app = run_page(range="all")
    assert not app.exception, app.exception
    headers = [h.value for h in app.subheader]
    for title in ("Repositories", "ACUs per merged PR", "Pull requests: API metrics and sessions"):
        assert title in headers
    assert "Organizations" not in headers  # the demo key reads one organization
    repos = next(d.value for d in app.dataframe if "repository" in d.value.columns)
    assert repos.equals(repository_table(store_frame()))
    assert not [d for d in app.dataframe if "where" in d.value.columns]  # asked for, not by default
    app.toggle(key=PR_CHECK_KEY).set_value(True).run()
    assert not app.exception, app.exception
    metrics = next(d.value for d in app.dataframe if "where" in d.value.columns)
    assert metrics["difference"].tolist() == [0, 0, 0, 0]


def test_an_organization_the_key_cannot_read_is_ignored_with_a_notice(
    demo_environment: Path,
) -> None:
    app = run_page(org="org-elsewhere")
    assert not app.exception, app.exception
    assert "Ignored org='org-elsewhere': not an enterprise key." in [w.value for w in app.warning]
    assert "org" not in app.query_params


def test_acus_per_merged_pr_group_by_team_and_price_in_money(
    demo_environment: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEVIN_ACU_PRICE", "2")
    app = run_page(range="all")
    assert not app.exception, app.exception
    by = next(c for c in app.get("button_group") if c.label == "By")
    assert "Team" in by.proto.options[1].content  # after Person
    by.set_value("Team").run()
    assert not app.exception, app.exception
    table = next(d.value for d in app.dataframe if "team" in d.value.columns)
    assert table["sessions"].sum() == len(store_frame())  # every session in one team or No team
    priced = table.dropna(subset=["acus"])
    assert (priced["acus_usd"] - priced["acus"] * 2).abs().max() < 1e-9


def test_acus_per_merged_pr_shows_people_by_name_with_the_id_beside(
    demo_environment: Path,
) -> None:
    app = run_page(range="all")
    assert not app.exception, app.exception
    table = next(d.value for d in app.dataframe if "person" in d.value.columns)
    assert table.columns[0] == "person"
    assert table.columns[-1] == "user_id"
    ids = set(store_frame()["creator_id"].dropna())
    assert set(table["user_id"].dropna()) <= ids
    named = table[table["person"] != table["user_id"]]
    assert len(named) > len(table) / 2  # the demo's members are known by name
    assert not named["person"].isin(ids).any()
