"""The Repository filter in the URL: read back, written canonically, unknown values dropped."""

from __future__ import annotations

from frame_fakes import frame, record

from devin_data.query.filters import FilterSpec, filter_options
from devin_data.query.parse import drop_unknown, parse_query

PR = "https://github.com/{}/pull/1"


def test_a_link_reads_repositories_with_escaped_commas() -> None:
    spec, notices = parse_query({"repository": r"acme/web,git.acme.io/a\,b"})
    assert spec.repositories == ("acme/web", "git.acme.io/a,b")
    assert notices == []
    assert spec.query_params()["repository"] == r"acme/web,git.acme.io/a\,b"


def test_options_list_repositories_and_unknown_ones_are_dropped_with_a_notice() -> None:
    sessions = frame(
        [
            record("a", pull_requests=[{"pr_url": PR.format("acme/web"), "pr_state": "open"}]),
            record("b", pull_requests=[{"pr_url": None, "pr_state": "open"}]),
            record("c"),
        ]
    )
    options = filter_options(sessions)
    assert options["repositories"] == ["acme/web"]
    spec, notices = drop_unknown(
        FilterSpec(repositories=("acme/web", "acme/gone")),
        {"repositories": set(options["repositories"])},
    )
    assert spec.repositories == ("acme/web",)
    assert notices == ["Ignored unknown repositories: acme/gone."]
