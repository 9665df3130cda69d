"""The team mapping on the Data page: an upload is used only when it has a usable line and is at
most 1 MB; anything else is refused with a message and the mapping in force is kept. Every line
left out is listed with its number."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from apptest_helpers import run_page
from frozen_time import FROZEN_NOW
from streamlit.testing.v1 import AppTest

from devin_data.config import Settings
from devin_data.connect import store_for
from devin_data.frames.teams import MAX_BYTES


def _member_ids() -> list[str]:
    members = store_for(Settings.load(os.environ), FROZEN_NOW).people()["members"]
    return [str(member["user_id"]) for member in members]


def _upload(app: AppTest, name: str, content: bytes) -> AppTest:
    app.get("file_uploader")[0].upload(name, content, "text/csv")
    app.run()
    next(b for b in app.button if b.label == "Use this team mapping").click().run()
    assert not app.exception, app.exception
    return app


def _texts(app: AppTest, kind: str) -> str:
    return "\n".join(str(element.value) for element in getattr(app, kind)).replace("\\", "")


def _in_force(app: AppTest) -> str:
    """The caption naming the mapping in force, as read (markdown escapes removed)."""
    text = _texts(app, "caption")
    return next(line for line in text.splitlines() if "team mapping in force" in line.lower())


@pytest.fixture
def data_page(demo_environment: Path) -> tuple[AppTest, int]:
    """The Data page with a good mapping of every member in force; its number of entries."""
    app = run_page("app_pages/data.py")
    ids = _member_ids()
    good = "".join(f"{user_id},Squad {n % 3}\n" for n, user_id in enumerate(ids))
    _upload(app, "good.csv", good.encode())
    assert (
        _in_force(app) == f"Team mapping in force: the uploaded file good.csv, {len(ids)} entries."
    )
    return app, len(ids)


def test_a_file_with_no_usable_line_is_refused_and_the_mapping_is_kept(
    data_page: tuple[AppTest, int],
) -> None:
    app, entries = data_page
    bad = b'who\n"nobody@x.com,Platform\nsomeone@x.com,Da\x00ta\n'
    _upload(app, "bad.csv", bad)
    errors = _texts(app, "error")
    assert "bad.csv has no usable line, so it is not used: the mapping in force is kept." in errors
    warnings = _texts(app, "warning")
    assert "3 lines left out" in warnings
    assert "line 1: expected 2 columns" in warnings
    assert "line 2: a quote opens on this line and is not closed" in warnings
    assert "line 3: it holds a NUL byte" in warnings
    app.run()  # and on the next run, still the good one
    assert _in_force(app).endswith(f"good.csv, {entries} entries.")


def test_a_file_over_1_mb_is_refused_before_it_is_kept(data_page: tuple[AppTest, int]) -> None:
    app, entries = data_page
    big = b"someone@x.com,Platform\n" * (MAX_BYTES // 23 + 1)
    _upload(app, "big.csv", big)
    assert "big.csv is larger than 1 MB; the mapping in force is kept." in _texts(app, "error")
    upload = store_for(Settings.load(os.environ), FROZEN_NOW).team_upload()
    assert upload["name"] == "good.csv"
    assert _in_force(app).endswith(f"good.csv, {entries} entries.")


def test_every_line_left_out_is_listed_with_its_number(data_page: tuple[AppTest, int]) -> None:
    app, entries = data_page
    ids = _member_ids()
    lines = [f"{user_id},Squad" for user_id in ids] + [f"bad line {n}" for n in range(30)]
    _upload(app, "some.csv", "\n".join(lines).encode())
    assert (
        _in_force(app) == f"Team mapping in force: the uploaded file some.csv, {entries} entries."
    )
    assert "30 lines left out" in _texts(app, "warning")
    listed = app.dataframe[-1].value["Left out"].tolist()
    assert listed == [
        f"line {len(ids) + n + 1}: expected 2 columns (email or user id, team), found 1"
        for n in range(30)
    ]


def test_a_teams_file_with_no_usable_line_is_not_used_and_says_why(
    demo_environment: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    teams = tmp_path / "teams.csv"
    teams.write_bytes(b"\x00\x00\x00\n")
    monkeypatch.setenv("DEVIN_TEAMS_FILE", str(teams))
    app = run_page("app_pages/data.py")
    assert not app.exception, app.exception
    assert any("No team mapping in force" in c.value for c in app.caption)
    warnings = _texts(app, "warning")
    assert f"DEVIN_TEAMS_FILE ({teams}) has no usable line, so it is not used." in warnings
    assert "line 1: it holds a NUL byte" in warnings
