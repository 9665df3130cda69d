"""The CSV downloads of the pages never hand a spreadsheet a formula.

The organization's titles, member names and teams all start like formulas. The app syncs it from
the emulator on loopback; the bytes each download button is given are read back with ``csv``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest
from apptest_helpers import emulated, run_page
from formula_cells import FORMULAS, formula_cells, formula_org, quoted, read_rows

from devin_data.emulator import EmulatorServer
from devin_data.emulator.members import members_at

Downloads = dict[str, bytes]


@pytest.fixture
def formula_app(
    frozen_now: datetime, demo_environment: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[EmulatorServer]:
    """The app pointed at the organization, its teams named by a file of formulas."""
    org = formula_org(frozen_now)
    members = members_at(org, frozen_now.timestamp())
    teams = tmp_path / "teams.csv"
    with teams.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows((m.user_id, FORMULAS[n % 4]) for n, m in enumerate(members))
    monkeypatch.setenv("DEVIN_TEAMS_FILE", str(teams))
    with emulated(org, monkeypatch) as server:
        yield server


def test_the_sessions_download_quotes_formulas_and_keeps_numbers(
    formula_app: EmulatorServer, downloads: Downloads
) -> None:
    app = run_page("app_pages/sessions.py")
    assert not app.exception, app.exception
    rows = read_rows(downloads["sessions.csv"].decode())
    parquet = pd.read_parquet(pd.io.common.BytesIO(downloads["sessions.parquet"]))
    assert len(rows) == len(parquet) > 20
    assert formula_cells(rows) == []
    assert set(quoted(rows, "title")) == set(parquet["title"]) == set(FORMULAS)
    written = [float(row["acus_consumed"]) for row in rows]
    assert written == pytest.approx(parquet["acus_consumed"].tolist())


def test_the_people_downloads_quote_names_and_teams(
    formula_app: EmulatorServer, downloads: Downloads
) -> None:
    app = run_page("app_pages/people.py")
    assert not app.exception, app.exception
    files = {name: read_rows(data.decode()) for name, data in downloads.items()}
    assert {"teams.csv", "users.csv"} <= set(files)
    for name, rows in files.items():
        assert formula_cells(rows) == [], name
    assert set(quoted(files["teams.csv"], "team")) == set(FORMULAS[:4])
    names = {name.strip() for name in FORMULAS}
    assert quoted(files["users.csv"], "user_name")
    assert set(quoted(files["users.csv"], "user_name")) <= names
