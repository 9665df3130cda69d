"""Repositories from PR URLs, ACUs per merged PR by any column, and spend that shipped nothing."""

from __future__ import annotations

import math

import pandas as pd
import pyarrow as pa
import pytest
from frame_fakes import frame, record

from devin_data.analytics.repositories import (
    NO_URL,
    acus_per_merged_pr,
    cost_without_outcome,
    repository_table,
)
from devin_data.frames.repositories import repositories_of, repository_of

URLS = {
    "https://github.com/acme/web/pull/412": "acme/web",
    "https://github.com/acme/web/pull/412/files?diff=split#top": "acme/web",
    "http://www.github.com/Acme/Api/pull/3/": "Acme/Api",
    "https://gitlab.com/group/sub/app/-/merge_requests/7": "group/sub/app",
    "https://gitlab.com/group/app/merge_requests/7": "group/app",
    "https://bitbucket.org/team/app/pull-requests/3/overview": "team/app",
    "https://dev.azure.com/org/proj/_git/app/pullrequest/9": "org/proj/app",
    "https://org.visualstudio.com/proj/_git/app/pullrequest/9": "org/proj/app",
    "https://github.acme.io/tools/cli/pull/5": "github.acme.io/tools/cli",
    "https://git.example.com/x/y/123": "git.example.com/x/y",
    "  https://github.com/acme/web/pull/1  ": "acme/web",
    "": "",
}


@pytest.mark.parametrize(("url", "repository"), URLS.items())
def test_repository_of_each_host_shape(url: str, repository: str) -> None:
    assert repository_of(url) == repository


def test_the_arrow_column_reads_urls_as_the_python_function_does() -> None:
    urls = [*URLS, None]
    assert repositories_of(pa.array(urls)).to_pylist() == [repository_of(u) for u in urls]


def _pr(url: str, state: str | None) -> dict[str, str | None]:
    return {"pr_url": url, "pr_state": state}


WEB, API = "https://github.com/acme/web/pull/", "https://gitlab.com/acme/api/-/merge_requests/"


def _sessions() -> pd.DataFrame:
    return frame(
        [
            record("a", acus_consumed=4.0, pull_requests=[_pr(WEB + "1", "merged")]),
            record(
                "b",
                acus_consumed=6.0,
                user_id="user-bob",
                pull_requests=[_pr(WEB + "2", "open"), _pr(API + "3", "merged")],
            ),
            record("c", acus_consumed=2.0, category="testing",
                   pull_requests=[_pr(API + "4", None)]),
            record("d", acus_consumed=5.0, status="error"),
            record("e", acus_consumed=1.0, status="running"),
            record("f", acus_consumed=3.0, service_user_id="svc-bot", user_id=None,
                   pull_requests=[{"pr_state": "closed"}]),
        ]
    )  # fmt: skip


def test_repository_table_counts_prs_merges_and_shares_acus() -> None:
    table = repository_table(_sessions()).set_index("repository")
    assert list(table.index) == ["acme/api", "acme/web", NO_URL]
    web, api = table.loc["acme/web"], table.loc["acme/api"]
    assert (web["sessions"], web["prs_opened"], web["prs_merged"]) == (2, 2, 1)
    assert web["acus"] == pytest.approx(4.0 + 3.0)  # b's 6 ACUs split over its two PRs
    assert web["merge_rate"] == 0.5
    assert (api["sessions"], api["prs_opened"], api["prs_merged"]) == (2, 2, 1)
    assert api["merge_rate"] == 1.0  # the PR without a state is left out of the rate
    assert api["acus_per_merged_pr"] == pytest.approx(5.0)
    assert math.isnan(table.loc[NO_URL, "acus_per_merged_pr"])
    assert table["acus"].sum() == pytest.approx(4 + 6 + 2 + 3)


@pytest.mark.parametrize(
    ("by", "key", "expected"),
    [
        ("person", "user-ann", (4, 12.0, 1)),
        ("person", "svc-bot", (1, 3.0, 0)),
        ("category", "testing", (1, 2.0, 0)),
        ("origin", "webapp", (6, 21.0, 2)),
        ("repository", "acme/web", (2, 7.0, 1)),
    ],
)
def test_acus_per_merged_pr_groups_by_any_column(
    by: str, key: str, expected: tuple[int, float, int]
) -> None:
    table = acus_per_merged_pr(_sessions(), by).set_index(by)
    row = table.loc[key]
    assert (row["sessions"], row["acus"], row["prs_merged"]) == expected
    per = row["acus_per_merged_pr"]
    assert per == pytest.approx(expected[1] / expected[2]) if expected[2] else math.isnan(per)


def test_a_team_column_plugs_in() -> None:
    sessions = _sessions().assign(team=["core", "core", "qa", "qa", "qa", None])
    table = acus_per_merged_pr(sessions, "team").set_index("team")
    assert table.loc["core", "acus"] == 10.0
    assert table.loc["core", "acus_per_merged_pr"] == 5.0
    assert table["sessions"].sum() == 6


def test_cost_without_outcome_counts_ended_sessions_without_pr_and_errors() -> None:
    cost = cost_without_outcome(_sessions()).set_index("outcome")
    assert cost.loc["Ended without a PR", "sessions"] == 1  # d; e still runs
    assert cost.loc["Ended in error", "acus"] == 5.0
    assert cost.loc["Ended in error", "share"] == pytest.approx(5 / 21)


def test_acus_per_merged_pr_groups_people_by_id_even_with_one_name() -> None:
    names = {"user-ann": "Ann Lee", "user-bob": "Ann Lee"}  # two people, one name
    sessions = _sessions()
    sessions = sessions.assign(user_name=sessions["creator_id"].map(names))
    table = acus_per_merged_pr(sessions, "person")
    # Grouped by who created the session, so two people of one name stay two rows; the pages
    # show each by name with the id beside it.
    assert {"user-ann", "user-bob", "svc-bot"} <= set(table["person"])
