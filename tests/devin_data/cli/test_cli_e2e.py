"""``devin-data`` as a user runs it: a real emulator on loopback, the command in a subprocess."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest
from emulated_cli import run_cli
from frozen_time import FROZEN_NOW

from benchmarks.groups import group_process
from devin_data.emulator import DemoOrg, Emulator
from devin_data.emulator.keys import ADMIN_KEY, ORG_ID
from devin_data.emulator.members import members_at
from devin_data.frames.export import EXPORT_COLUMNS

# The command runs at FROZEN_NOW (ticking) against an organization whose clock stands there.
ANCHOR = FROZEN_NOW
SESSIONS = 300


@pytest.fixture(scope="module")
def emulator() -> Emulator:
    org = DemoOrg.generate(SESSIONS, 11, ANCHOR, days=60)
    return Emulator(org, clock=ANCHOR.timestamp)


def visible_ids(emulator: Emulator, days: int) -> set[str]:
    since = ANCHOR.timestamp() - days * 86400
    return {
        s.session_id
        for s in emulator.org.visible_sessions(ANCHOR.timestamp())
        if s.created_at >= since
    }


def test_sync_then_export_in_every_format(
    env: dict[str, str], emulator: Emulator, tmp_path: Path
) -> None:
    result = run_cli("sync", "--since", "30d", env=env)
    assert result.returncode == 0, result.stderr
    summary = result.stdout.strip()
    assert re.search(r"\d+ sessions cached", summary)
    assert re.search(r"\d+ requests, \d+ retries", summary)
    assert ADMIN_KEY not in result.stdout + result.stderr

    expected = visible_ids(emulator, 29)
    exported: dict[str, pd.DataFrame] = {}
    for fmt in ("csv", "parquet", "json"):
        out = tmp_path / f"sessions.{fmt}"
        done = run_cli("export", "--format", fmt, "--out", str(out), env=env)
        assert done.returncode == 0, done.stderr
        reader = {"csv": pd.read_csv, "parquet": pd.read_parquet, "json": pd.read_json}[fmt]
        frame = reader(out, dtype={"created_at": str}) if fmt == "csv" else reader(out)
        assert list(frame.columns) == list(EXPORT_COLUMNS)
        assert expected <= set(frame["session_id"])
        exported[fmt] = frame
        assert ADMIN_KEY.encode() not in out.read_bytes()

    parquet = exported["parquet"]
    assert parquet["created_at"].str.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ").all()
    assert set(parquet["session_id"]) == set(exported["csv"]["session_id"])
    assert set(parquet["session_id"]) == set(exported["json"]["session_id"])


def test_export_values_match_the_emulator(
    env: dict[str, str], emulator: Emulator, tmp_path: Path
) -> None:
    assert run_cli("sync", "--since", "10d", env=env).returncode == 0
    out = tmp_path / "s.json"
    assert run_cli("export", "--out", str(out), env=env).returncode == 0
    rows = {row["session_id"]: row for row in json.loads(out.read_text())}
    names = {user.user_id: user.name for user in members_at(emulator.org, emulator.clock())}
    assert {row["user_name"] for row in rows.values()} & set(names.values())
    checked = 0
    for session in emulator.org.visible_sessions(ANCHOR.timestamp()):
        row = rows.get(session.session_id)
        if row is None:
            continue
        payload = emulator.session_payload(session, insights=True)
        assert row["status_code"] == payload["status"]
        assert row["acus_consumed"] == pytest.approx(payload["acus_consumed"])
        assert row["num_user_messages"] == payload["num_user_messages"]
        assert row["pr_count"] == len(payload["pull_requests"])
        assert row["has_analysis"] == (payload["analysis"] is not None)
        # The sync keeps the members list, so the export names each creator who is a member.
        assert row["user_name"] == names.get(payload.get("user_id"))
        created = datetime.fromtimestamp(payload["created_at"], tz=UTC)
        assert row["created_at"] == created.strftime("%Y-%m-%dT%H:%M:%SZ")
        checked += 1
    assert checked > 10


def test_second_sync_of_an_unchanged_org_is_cheap(env: dict[str, str]) -> None:
    assert run_cli("sync", "--since", "20d", env=env).returncode == 0
    again = run_cli("sync", env=env)
    assert again.returncode == 0, again.stderr
    requests = int(re.search(r"(\d+) requests", again.stdout).group(1))  # type: ignore[union-attr]
    assert requests <= 2
    assert "incremental" in again.stdout


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (("sync", "--since", "yesterday-ish"), "since"),
        (("sync", "--concurrency", "0"), "positive integer"),
        (("export", "--out", "x.xlsx"), "unknown export format"),
        (("emulator", "--fault-rate", "2"), "between 0 and 1"),
        (("frobnicate",), "invalid choice"),
    ],
)
def test_bad_arguments_give_one_line_and_no_traceback(
    env: dict[str, str], args: tuple[str, ...], fragment: str
) -> None:
    result = run_cli(*args, env=env)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert fragment in lines[0]


def test_a_wrong_key_is_one_clear_line(env: dict[str, str]) -> None:
    wrong = "cog_this_key_is_wrong_9876"
    result = run_cli("sync", env=env | {"DEVIN_API_KEY": wrong})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "API key was rejected" in lines[0]
    assert wrong not in result.stdout + result.stderr


def test_export_of_an_empty_cache_says_to_sync_first(env: dict[str, str], tmp_path: Path) -> None:
    result = run_cli("export", "--out", str(tmp_path / "x.csv"), env=env)
    assert result.returncode == 1
    assert "devin-data sync" in result.stderr
    assert not (tmp_path / "x.csv").exists()


def test_unreachable_api_is_one_clear_line(env: dict[str, str]) -> None:
    result = run_cli("sync", env=env | {"DEVIN_API_BASE_URL": "http://127.0.0.1:9"}, timeout=180)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Could not reach 127.0.0.1:9" in lines[0]


def test_emulator_command_serves_on_loopback(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "devin_data.cli", "emulator", "--port", "0"]
    command += ["--sessions", "50"]
    pipe = subprocess.PIPE
    with group_process(command, stdout=pipe, stderr=pipe, text=True) as proc:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        match = re.search(r"serving (http://127\.0\.0\.1:\d+)", first)
        assert match, first
        import httpx

        response = httpx.get(
            f"{match.group(1)}/v3/organizations/{ORG_ID}/sessions",
            headers={"Authorization": f"Bearer {ADMIN_KEY}"},
            params={"first": 5},
        )
        assert response.status_code == 200
        assert len(response.json()["items"]) == 5


def test_a_sync_starts_without_pandas_or_plotly(env: dict[str, str]) -> None:
    """A command-line sync builds its snapshot with Arrow alone, so it never waits for the
    analysis libraries to load (about a second of a short sync's start-up)."""
    result = run_cli("sync", "--since", "30d", env=env | {"PYTHONPROFILEIMPORTTIME": "1"})
    assert result.returncode == 0, result.stderr[-2000:]
    imported = {
        line.rsplit("|", 1)[-1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "pyarrow.json" in imported  # the snapshot was built in this process
    assert not imported & {"pandas", "plotly", "streamlit"}
