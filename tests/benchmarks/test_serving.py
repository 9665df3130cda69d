"""The rows on the app server at their smoke size: a real ``streamlit run app.py`` writes the
timing log they are read from, every page renders, and the figures add up.

Nothing here judges speed: two users and one round only have to produce every row.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from benchmarks import rows, serving
from benchmarks.measured import Measured
from benchmarks.sizes import SMOKE
from benchmarks.table import render
from devin_data.emulator import ADMIN_KEY

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.timeout(900)]

ROWS = {"rerun_other", "first_open", "app_rss", "ten_users"}
LOGGED = {"page", "seconds", "session", "started_at", "ended"}


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work: Path = tmp_path_factory.mktemp("serving")
    return serving.measure(SMOKE.app_sessions, SMOKE.app_users, SMOKE.app_rounds, work)


def test_every_server_row_is_measured_with_a_verdict(app):
    table = rows.server_rows(Measured(SMOKE, app=app))
    assert {row.key for row in table} == ROWS
    for row in table:
        assert row.measured, row.key
        assert all(value > 0 for value in row.ours), row.key
        assert row.passed is not None, row.key
    assert "not measured" not in render(table)


def test_the_server_logs_every_run_and_never_the_key(app):
    records = [json.loads(line) for line in app["log"]]
    assert all(set(record) == LOGGED for record in records)
    assert {record["page"] for record in records} == set(serving.PATHS)
    visits = len(serving.PATHS) * (SMOKE.app_rounds + 1) + SMOKE.app_users
    changes = (len(serving.PATHS) + SMOKE.app_users) * SMOKE.app_rounds
    assert len(records) >= visits + changes
    assert len({record["session"] for record in records}) == visits  # one per browser session
    text = "\n".join(app["log"])
    assert ADMIN_KEY not in text
    assert ADMIN_KEY.removeprefix("cog_") not in text


def test_every_page_renders_and_the_figures_add_up(app):
    rounds, users = SMOKE.app_rounds, SMOKE.app_users
    assert app["problems"] == []
    assert [len(times) for times in app["together"]] == [users] * rounds
    assert all(len(times) == rounds for times in app["first_open"].values())
    assert all(len(times) == rounds for times in app["rerun"].values())
    assert set(app["cold_open"]) == set(serving.PATHS)
    assert len(app["rss_mb"]) == rounds + 1
    assert 0 < max(app["rss_mb"]) <= app["peak_rss_mb"]
    logged = [json.loads(line)["seconds"] for line in app["log"]]
    together = [seconds for times in app["together"] for seconds in times]
    assert set(together) <= set(logged)  # each is one logged run
    steps = [*app["cold_open"].values(), *together]
    steps += [seconds for step in ("first_open", "rerun") for times in app[step].values()
              for seconds in times]  # fmt: skip
    assert sum(steps) <= sum(logged) + 1e-6  # every step's runs are among the logged ones
