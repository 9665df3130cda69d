"""The People page with keys that lack a permission: ids instead of names, the permission named,
active users computed from sessions, and a team mapping from DEVIN_TEAMS_FILE with bad lines."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from apptest_helpers import run_page
from streamlit.testing.v1 import AppTest

from devin_data.emulator import ORG_ID, DemoOrg, Emulator, EmulatorServer, serve
from devin_data.emulator.keys import ANALYST_KEY, VIEWER_KEY
from devin_data.emulator.members import members_at


def _texts(app: AppTest) -> str:
    elements = (*app.main.markdown, *app.main.caption, *app.main.info, *app.main.warning)
    return " ".join(re.sub(r"\\(.)", r"\1", str(element.value)) for element in elements)


@pytest.fixture
def org(frozen_now: datetime) -> DemoOrg:
    return DemoOrg.generate(200, 11, frozen_now, days=60)


@pytest.fixture
def server(org: DemoOrg, frozen_now: datetime) -> Iterator[EmulatorServer]:
    with serve(Emulator(org, clock=frozen_now.timestamp)) as running:
        yield running


def _point_at(monkeypatch: pytest.MonkeyPatch, server: EmulatorServer, key: str) -> None:
    monkeypatch.setenv("DEVIN_API_BASE_URL", server.url)
    monkeypatch.setenv("DEVIN_API_KEY", key)
    monkeypatch.setenv("DEVIN_ORG_ID", ORG_ID)


def test_without_membership_people_keep_their_ids_and_the_permission_is_named(
    demo_environment: Path, server: EmulatorServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    _point_at(monkeypatch, server, ANALYST_KEY)
    app = run_page("app_pages/people.py")
    assert not app.exception, app.exception
    users = app.dataframe[0].value
    assert len(users) > 3
    assert (users["person"] == users["user_id"]).all()
    assert users["email"].isna().all()
    shown = _texts(app)
    assert "this key lacks the ViewOrgMembership permission" in shown
    # ViewOrgMetrics is there: the API's figures are used.
    assert "Active users the API's active-user metrics" in shown


def test_without_metrics_active_users_are_computed_and_said_so(
    demo_environment: Path, server: EmulatorServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    _point_at(monkeypatch, server, VIEWER_KEY)
    app = run_page("app_pages/people.py")
    assert not app.exception, app.exception
    shown = _texts(app)
    assert (
        "computed from the cached sessions (this key lacks the ViewOrgMetrics permission)" in shown
    )
    assert "IdP groups need the ViewOrgMembership permission" in shown


def test_a_teams_file_names_the_teams_and_reports_bad_lines(
    demo_environment: Path,
    server: EmulatorServer,
    org: DemoOrg,
    frozen_now: datetime,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    _point_at(monkeypatch, server, ANALYST_KEY)  # no IdP groups: the file is the only source
    members = members_at(org, frozen_now.timestamp())
    teams = tmp_path / "teams.csv"
    lines = ["user_id,team", *(f"{m.user_id},Squad {n % 2}" for n, m in enumerate(members))]
    teams.write_text("\n".join([*lines, "no-team-here"]) + "\n", encoding="utf-8")
    monkeypatch.setenv("DEVIN_TEAMS_FILE", str(teams))
    app = run_page("app_pages/people.py")
    assert not app.exception, app.exception
    users = app.dataframe[0].value
    expected = {m.user_id: f"Squad {n % 2}" for n, m in enumerate(members)}
    assert users.set_index("user_id")["team"].to_dict() == {
        user: expected[user] for user in users["user_id"]
    }
    shown = _texts(app)
    assert "Teams from the team mapping." in shown
    data = run_page("app_pages/data.py")
    warnings = " ".join(w.value for w in data.main.warning).replace("\\", "")  # as read
    assert f"line {len(lines) + 1}: expected 2 columns" in warnings
