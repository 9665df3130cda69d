"""The benchmarks at their smoke size, so they cannot rot: every row is there and adds up.

Nothing here judges speed: the numbers only have to exist, be positive and agree with each other
and with the emulated organization. The rows on the app server need Chromium and are measured in
test_serving.py; here they say they were skipped.
"""

from __future__ import annotations

import math

import pytest

from benchmarks import rows, suite
from benchmarks.measured import Measured
from benchmarks.sizes import SMOKE, V3_MAX_PAGE
from benchmarks.table import render

pytestmark = pytest.mark.slow

MEASURED = {
    "v3_process", "v3_inproc", "cpu_per_session", "requests", "requests_large", "large_seconds",
    "large_rss", "warm_requests", "warm_seconds", "frame", "v1_process", "rerun_overview",
    "rerun_sessions", "rerun_timelines", "rerun_insights", "rerun_people", "figure_json",
    "shared_frame", "shared_rerun", "shared_first_chart", "peer_process",
}  # fmt: skip
SKIPPED = {"rerun_other", "first_open", "app_rss", "ten_users"}


@pytest.fixture(scope="module")
def measured() -> Measured:
    return suite.measure(SMOKE, app=False)


@pytest.fixture(scope="module")
def table(measured):
    return rows.build(measured)


def test_every_target_has_its_row_once(table):
    keys = [row.key for row in table]
    assert sorted(keys) == sorted(MEASURED | SKIPPED)
    assert {row.key for row in table if row.measured} == MEASURED


def test_measured_numbers_are_positive_with_a_verdict(table):
    for row in table:
        if row.measured:
            assert all(value > 0 for value in row.ours + row.baseline), row.key
            assert row.passed is not None, row.key
            assert row.ratio is None or row.ratio > 0


def test_the_printed_table_shows_every_row(table):
    text = render(table)
    assert len(text.splitlines()) == len(table) + 2
    for row in table:
        assert row.what in text
    assert text.count("not measured yet: skipped (--no-app)") == len(SKIPPED)


def test_every_sync_caches_the_whole_organization(measured):
    assert all(run["sessions"] == SMOKE.v3_sessions for run in measured.v3_inproc)
    assert all(run["sessions"] == SMOKE.large_sessions for run in measured.large)
    assert [run.json()["sessions"] for run in measured.v3_naive] == [SMOKE.v3_sessions]
    assert [run.json()["sessions"] for run in measured.v1_naive] == [SMOKE.v1_sessions]
    assert measured.frame["rows"] == SMOKE.large_sessions
    assert measured.pages["sessions"] == SMOKE.large_sessions


def test_request_counts_agree_with_the_page_sizes(measured):
    naive_v3 = measured.v3_naive[0].json()["requests"]
    naive_v1 = measured.v1_naive[0].json()["requests"]
    assert naive_v3 == math.ceil(SMOKE.v3_sessions / 100)
    assert naive_v1 == SMOKE.v1_sessions // 100 + 1 + SMOKE.v1_sessions
    for run in [*measured.v3_inproc, *measured.large]:
        assert run["requests"] >= math.ceil(run["sessions"] / V3_MAX_PAGE)
        assert 0 <= run["empty_windows"] < run["windows"]
        assert run["warm_requests"] >= 1


def test_times_and_memory_are_consistent(measured):
    for run in measured.v3_process:
        assert run.seconds > 0
        assert run.rss_mb > 0
    for run in measured.v3_naive:
        assert 0 < run.json()["seconds"] < run.seconds  # inside the process, within its lifetime
    for run in measured.large:
        assert run["rss_mb"] >= run["rss_before_mb"] > 0
        assert run["cpu"] > 0
    pages = measured.pages["pages"]
    assert all(len(page["seconds"]) >= 3 for page in pages.values())
    assert min(pages["Overview"]["json_bytes"]) > 0
    assert max(pages["Sessions"]["json_bytes"]) == 0  # a table and its downloads, no figure


def test_the_shared_store_holds_the_whole_organization(measured):
    shared = measured.shared
    assert shared["sessions"] == SMOKE.large_sessions
    assert shared["first_chart"] > 0
    assert shared["copy_seconds"] > 0
    for key in ("frames_shared", "frames_embedded", "rerun_shared", "rerun_embedded"):
        assert len(shared[key]) >= 3, key


def test_the_day_window_collector_asks_twice_a_day_and_keeps_every_session(measured):
    (collector,) = [run.json() for run in measured.peer_collector]
    assert collector["sessions"] == SMOKE.peer_sessions
    assert collector["requests"] == 2 * collector["days"]  # no day holds more than a page
    assert collector["days"] > 180
    (ours,) = measured.peer_process
    assert f"{SMOKE.peer_sessions} sessions cached" in ours.stdout
    assert "Also kept: names, teams and active users" in ours.stdout
    assert 0 < rows.cli_requests(ours.stdout) < collector["requests"]
