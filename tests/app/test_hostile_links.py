"""Links with hostile parameters: each bad one is dropped or moved with a notice at the top of the
page, the rest of the link applies, and the page renders (never the page-failure message)."""

from __future__ import annotations

from pathlib import Path

import pytest
from apptest_helpers import run_page
from streamlit.testing.v1 import AppTest


def _warnings(app: AppTest) -> list[str]:
    return [str(w.value) for w in app.warning]


def test_a_time_zone_too_long_is_dropped_and_the_rest_applies(demo_environment: Path) -> None:
    app = run_page(tz="x" * 300, size="l")
    assert not app.exception, app.exception
    assert f"Ignored tz='{'x' * 40}…': not a known time zone." in _warnings(app)
    assert app.query_params["size"] == "l"
    assert "tz" not in app.query_params
    assert app.metric


def test_a_period_reaching_year_9999_is_moved_to_today(demo_environment: Path) -> None:
    app = run_page(tz="UTC", period_a="2000-01-01..9999-12-31")
    assert not app.exception, app.exception
    moved = [w for w in _warnings(app) if w.startswith("Moved period_a='2000-01-01..9999-12-31'")]
    assert moved == [
        "Moved period_a='2000-01-01..9999-12-31' to 2000-01-01..2026-03-14: a period runs from "
        "2000-01-01 at the earliest to today at the latest."
    ]
    assert app.query_params["period_a"] == "2000-01-01..2026-03-14"
    assert app.toggle(key="overview_compare").value
    assert "01 Jan 2000 – 14 Mar 2026" in app.dataframe[-1].value.columns


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"period_b": ".."}, "Ignored period_b='..': use two days in order"),
        ({"period_a": "2026-03-10..2026-03-01"}, "Ignored period_a='2026-03-10..2026-03-01'"),
        ({"team_a": "Nobody"}, "Ignored team_a='Nobody': no cached session has that team."),
        ({"team_b": "x" * 5000}, "it is longer than 4,000 characters"),
        ({"org": ".."}, "Ignored org='..': not an organization id (org-…)."),
        ({"tag": "a\x00b"}, "Ignored tag='a\\x00b': it holds a control character."),
        ({"range": "custom", "from": "0001-01-01"}, "Moved from=0001-01-01 to 2000-01-01"),
    ],
)
def test_each_bad_parameter_has_its_notice(
    demo_environment: Path, params: dict[str, str], notice: str
) -> None:
    app = run_page(**params)
    assert not app.exception, app.exception
    assert any(notice in warning for warning in _warnings(app)), _warnings(app)
    assert app.metric


def test_a_session_parameter_that_is_not_an_id_opens_the_picker(demo_environment: Path) -> None:
    app = run_page("app_pages/session_detail.py")
    app.query_params["session"] = "../../v1/sessions"
    app.run()
    assert not app.exception, app.exception
    assert [t.value for t in app.title] == ["Session detail"]
    assert app.selectbox(key="detail_pick")
