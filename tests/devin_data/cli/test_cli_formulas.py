"""``devin-data export``: text a spreadsheet would run as a formula is written inert in CSV only.

The organization's titles and member names all start like formulas; the command runs in a
subprocess against the emulator on loopback, and the files are read back by their own readers.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from formula_cells import FORMULAS, formula_cells, formula_org, quoted, read_file
from frozen_time import FROZEN_NOW, at_frozen_now

from benchmarks.groups import run_group
from devin_data.emulator import Emulator, EmulatorServer, serve
from devin_data.emulator.keys import ADMIN_KEY, ORG_ID


@pytest.fixture(scope="module")
def server() -> Iterator[EmulatorServer]:
    with serve(Emulator(formula_org(FROZEN_NOW), clock=FROZEN_NOW.timestamp)) as running:
        yield running


@pytest.fixture(scope="module")
def exported(server: EmulatorServer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The organization synced, then exported in every format into one folder."""
    folder = tmp_path_factory.mktemp("formulas")
    base = {k: v for k, v in os.environ.items() if not k.startswith("DEVIN_")}
    env = base | {
        "DEVIN_API_KEY": ADMIN_KEY,
        "DEVIN_ORG_ID": ORG_ID,
        "DEVIN_API_BASE_URL": server.url,
        "DEVIN_CACHE_DIR": str(folder / "cache"),
    }
    commands = [["sync", "--full", "--quiet"]]
    for fmt in ("csv", "parquet", "json"):
        commands.append(["export", "--out", str(folder / f"sessions.{fmt}"), "--acu-price", "2"])
    for command in commands:
        cli = [*at_frozen_now("devin_data.cli"), *command]
        done = run_group(cli, timeout=180, env=env, text=True)
        assert done.returncode == 0, done.stderr
    return folder


def test_the_csv_export_carries_every_formula_behind_a_quote(exported: Path) -> None:
    rows = read_file(exported / "sessions.csv")
    assert len(rows) > 100
    assert formula_cells(rows) == []
    titles = quoted(rows, "title")
    assert len(titles) == len(rows)
    assert set(titles) == set(FORMULAS)
    # Member names arrive stripped of surrounding blanks: "\t=1+1" is the name "=1+1".
    assert set(quoted(rows, "user_name")) <= {name.strip() for name in FORMULAS}
    assert quoted(rows, "user_name"), "no member name came through"


def test_numbers_stay_numbers_and_other_formats_keep_the_text(exported: Path) -> None:
    rows = read_file(exported / "sessions.csv")
    parquet = pd.read_parquet(exported / "sessions.parquet")
    records = json.loads((exported / "sessions.json").read_text(encoding="utf-8"))
    assert set(parquet["title"]) == set(FORMULAS)
    assert {record["title"] for record in records} == set(FORMULAS)
    for column in ("acus_consumed", "acus_consumed_usd", "num_user_messages", "pr_count"):
        written = [float(row[column]) if row[column] else None for row in rows]
        expected = [None if pd.isna(v) else float(v) for v in parquet[column]]
        assert written == expected, column
