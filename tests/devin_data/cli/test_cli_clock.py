"""The CLI against an API whose clock is not the machine's, and errors that say where to look.

The emulator is a real HTTP server on loopback running on a fixed clock; the sync command gets
its own fixed ``now``, so nothing here depends on the date the suite runs.
"""

from __future__ import annotations

import argparse
import json
import re
import socket
import subprocess
import sys
import time
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

import httpx
import pytest

from benchmarks.groups import group_process
from devin_data.cli import commands as cli_commands
from devin_data.cli import entry as cli
from devin_data.config import Settings
from devin_data.emulator import ADMIN_KEY, ORG_ID, DemoOrg, Emulator, serve
from devin_data.models import Session

NINE_DAYS = timedelta(days=9)


class Clock:
    def __init__(self, at: datetime) -> None:
        self.now = at.timestamp()

    def __call__(self) -> float:
        return self.now


def dead_url() -> str:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("-9d", -NINE_DAYS),
        ("+3h", timedelta(hours=3)),
        ("90m", timedelta(minutes=90)),
        ("-30s", timedelta(seconds=-30)),
        ("2w", timedelta(weeks=2)),
        ("1.5d", timedelta(hours=36)),
    ],
)
def test_parse_offset(text: str, expected: timedelta) -> None:
    assert cli.parse_offset(text) == expected


@pytest.mark.parametrize("text", ["", "9", "-9 days", "d9", "--9d"])
def test_parse_offset_rejects_anything_else(text: str) -> None:
    with pytest.raises(ValueError, match="offset such as -9d"):
        cli.parse_offset(text)


def test_a_negative_clock_offset_is_read_as_a_value() -> None:
    context = cli.emulator.make_context("emulator", ["--clock-offset", "-9d", "--port", "0"])
    args = context.params
    assert (args["clock_offset"], args["port"]) == (-NINE_DAYS, 0)


def test_offset_clock_moves_the_base_clock() -> None:
    clock = cli_commands.offset_clock(-NINE_DAYS, base=lambda: 2_000_000_000.0)
    assert clock() == 2_000_000_000.0 - NINE_DAYS.total_seconds()


def test_sync_and_export_against_an_api_nine_days_behind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], frozen_now: datetime
) -> None:
    api = Clock(frozen_now - NINE_DAYS)
    emulator = Emulator(DemoOrg.generate(300, 11, frozen_now - NINE_DAYS, days=40), clock=api)
    with serve(emulator) as server:
        values = {
            "DEVIN_API_KEY": ADMIN_KEY,
            "DEVIN_ORG_ID": ORG_ID,
            "DEVIN_API_BASE_URL": server.url,
            "DEVIN_CACHE_DIR": str(tmp_path / "cache"),
        }
        settings = Settings.load(values)
        sync_args = argparse.Namespace(
            since=None, full=False, messages=False, concurrency=None, quiet=True
        )
        assert cli_commands.run_sync(sync_args, settings, now=frozen_now) == 0
        api.now += 12 * 3600
        later = frozen_now + timedelta(hours=12)
        assert cli_commands.run_sync(sync_args, settings, now=later) == 0
        out = tmp_path / "sessions.json"
        export_args = argparse.Namespace(out=out, format="json")
        assert cli_commands.run_export(export_args, settings, now=later) == 0

    printed = capsys.readouterr()
    assert "incremental sync:" in printed.out
    warning = "warning: The Devin API's clock is 9 days behind this machine's clock."
    assert printed.err.count(warning) == 2
    rows = {row["session_id"]: row for row in json.loads(out.read_text())}
    since = (frozen_now - timedelta(days=90)).timestamp()
    served = [
        Session.model_validate(emulator.session_payload(ref, insights=True, now=api.now))
        for ref in emulator.org.visible_sessions(api.now)
        if ref.created_at >= since
    ]
    assert set(rows) == {s.session_id for s in served}
    for session in served:
        row = rows[session.session_id]
        assert row["status_code"] == session.status
        acus = session.acus_consumed
        assert row["acus_consumed"] == (None if acus is None else pytest.approx(acus))
        assert row["updated_at"] == f"{session.last_update:%Y-%m-%dT%H:%M:%SZ}"


@pytest.mark.parametrize(
    ("flags", "source"),
    [
        ((), "the environment variable DEVIN_API_BASE_URL"),
        (("--base-url", "{url}"), "the --base-url option"),
    ],
)
def test_an_unreachable_api_fails_fast_and_names_where_the_url_came_from(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    frozen_now: datetime,
    flags: tuple[str, ...],
    source: str,
) -> None:
    url = dead_url()
    monkeypatch.setenv("DEVIN_API_KEY", ADMIN_KEY)
    monkeypatch.setenv("DEVIN_ORG_ID", ORG_ID)
    monkeypatch.setenv("DEVIN_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("DEVIN_API_BASE_URL", url if not flags else "http://127.0.0.1:1")
    started = time.monotonic()
    code = cli.main(["sync", "--quiet", *(f.format(url=url) for f in flags)])
    took = time.monotonic() - started

    err = capsys.readouterr().err
    assert code == cli.EXIT_ERROR
    assert took < 3.0
    assert f"Could not reach {url.removeprefix('http://')}: connection refused." in err
    assert f"Check the API base URL {url} (from {source})" in err
    assert ADMIN_KEY not in err


@pytest.mark.parametrize(
    ("flags", "source"),
    [
        ((), "the environment variable DEVIN_API_KEY"),
        (("--api-key", "{key}"), "the --api-key option"),
    ],
)
def test_a_rejected_key_names_where_it_came_from(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    frozen_now: datetime,
    flags: tuple[str, ...],
    source: str,
) -> None:
    wrong = "cog_this_key_is_wrong_4455"
    emulator = Emulator(DemoOrg.generate(20, 1, frozen_now, days=5), clock=frozen_now.timestamp)
    with serve(emulator) as server:
        monkeypatch.setenv("DEVIN_API_BASE_URL", server.url)
        monkeypatch.setenv("DEVIN_ORG_ID", ORG_ID)
        monkeypatch.setenv("DEVIN_CACHE_DIR", str(tmp_path))
        monkeypatch.setenv("DEVIN_API_KEY", wrong if not flags else ADMIN_KEY + "_not")
        code = cli.main(["sync", "--quiet", *(f.format(key=wrong) for f in flags)])

    err = capsys.readouterr().err
    assert code == cli.EXIT_ERROR
    assert "The API key was rejected (HTTP 401)." in err
    assert f"The API key comes from {source}" in err
    assert wrong not in err


def _date_of_emulator_command(*flags: str) -> tuple[str, httpx.Response]:
    """Start `devin-data emulator` with ``flags``; its first line and one answer of it."""
    command = ["emulator", "--port", "0", "--sessions", "20", *flags]
    pipe = subprocess.PIPE
    launch = [sys.executable, "-m", "devin_data.cli", *command]
    with group_process(launch, stdout=pipe, stderr=pipe, text=True) as proc:
        assert proc.stdout is not None
        first = proc.stdout.readline()
        match = re.search(r"serving (http://127\.0\.0\.1:\d+)", first)
        assert match, first
        path = f"/v3/organizations/{ORG_ID}/sessions"
        headers = {"Authorization": f"Bearer {ADMIN_KEY}"}
        return first, httpx.get(f"{match.group(1)}{path}", headers=headers, params={"first": 1})


def test_the_emulator_command_runs_on_an_offset_clock() -> None:
    # The Date header of the emulator started with --clock-offset -9d, against the one of the same
    # command on this machine's clock, started right after it: nine days apart, whatever today is
    # (and however a shifted clock treats a new process).
    first, offset = _date_of_emulator_command("--clock-offset", "-9d")
    _, here = _date_of_emulator_command()
    assert "its clock 9 days behind this machine's" in first
    assert offset.status_code == 200
    apart = parsedate_to_datetime(here.headers["date"]) - parsedate_to_datetime(
        offset.headers["date"]
    )
    assert abs(apart - NINE_DAYS) < timedelta(seconds=30)
    assert len(offset.headers.get_list("date")) == 1
