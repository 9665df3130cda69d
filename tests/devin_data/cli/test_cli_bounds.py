"""``devin-data sync`` against a misbehaving API, and with a since after the API's clock: one
clear line on stderr, the right exit code, never a traceback, and a cache the next sync uses.

The API is a real server on loopback (``tests/misbehaving.py``) in front of an emulator on the
fixed clock of these tests.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from misbehaving import MisbehavingServer, endless_pages, every_request, silent

from devin_data.cli import entry as cli
from devin_data.emulator import ADMIN_KEY, ORG_ID, DemoOrg, Emulator


@pytest.fixture
def server(frozen_now: datetime) -> Iterator[MisbehavingServer]:
    org = DemoOrg.generate(200, 3, frozen_now, days=20)
    with MisbehavingServer(Emulator(org, clock=frozen_now.timestamp)) as opened:
        yield opened


@pytest.fixture
def environment(server: MisbehavingServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DEVIN_API_KEY", ADMIN_KEY)
    monkeypatch.setenv("DEVIN_ORG_ID", ORG_ID)
    monkeypatch.setenv("DEVIN_API_BASE_URL", server.url)
    monkeypatch.setenv("DEVIN_CACHE_DIR", str(tmp_path / "cache"))


def error_lines(capsys: pytest.CaptureFixture[str]) -> tuple[str, list[str]]:
    """Standard output, and the non-empty lines of standard error."""
    printed = capsys.readouterr()
    assert "Traceback" not in printed.err
    return printed.out, [line for line in printed.err.splitlines() if line.strip()]


@pytest.mark.usefixtures("environment")
def test_a_list_without_end_fails_the_sync_with_one_line(
    server: MisbehavingServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server.fault = endless_pages(fresh=False, give_up=60)
    code = cli.main(["sync", "--quiet"])

    _, lines = error_lines(capsys)
    assert code == cli.EXIT_ERROR
    assert len(lines) == 1
    assert re.fullmatch(
        r"devin-data: error: The API (sent the same page|kept returning pages after \d+ pages) "
        r"of GET /v3/organizations/org-demo/sessions/insights .*; stopped\. What was fetched is "
        r"kept; the next sync tries again\. If it persists, report it\.",
        lines[0],
    )

    server.fault = None
    assert cli.main(["sync", "--quiet"]) == 0
    out, _ = error_lines(capsys)
    assert sync_summary(out).startswith("resume sync: ")


@pytest.mark.timeout(60)
@pytest.mark.usefixtures("environment")
def test_the_time_limit_stops_a_sync_against_a_silent_api(
    server: MisbehavingServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server.fault = silent(every_request)
    code = cli.main(["sync", "--quiet", "--time-limit", "1.5"])

    _, lines = error_lines(capsys)
    assert code == cli.EXIT_ERROR
    assert lines == [
        "devin-data: error: The sync took longer than 1.5 s and stopped; what it fetched is "
        "kept and the next sync resumes. Sync again to fetch the rest."
    ]
    server.fault = None
    assert cli.main(["sync", "--quiet"]) == 0
    out, _ = error_lines(capsys)
    assert sync_summary(out).startswith("resume sync: ")


@pytest.mark.parametrize("since", ["2027-06-01", "9999-12-31"])
@pytest.mark.usefixtures("environment")
def test_a_since_after_the_api_clock_is_a_usage_error(
    since: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(["sync", "--quiet", "--since", since])

    out, lines = error_lines(capsys)
    assert code == cli.EXIT_USAGE
    assert lines == [
        f"devin-data sync: error: The sync cannot start from {since} 00:00 UTC: that is after "
        "the Devin API's clock (2026-03-14 21:45 UTC), so no session can have been created "
        "since. Give a date or an age in the past (2026-01-31, 90d). (see --help)"
    ]
    assert "1978" not in out
    assert cli.main(["sync", "--quiet"]) == 0  # nothing was left behind to stick on
    out, _ = error_lines(capsys)
    assert sync_summary(out).startswith("cold sync: ")


@pytest.mark.usefixtures("environment")
def test_a_since_after_this_machines_clock_but_before_the_apis_is_taken(
    monkeypatch: pytest.MonkeyPatch, frozen_now: datetime, capsys: pytest.CaptureFixture[str]
) -> None:
    ahead = frozen_now + timedelta(days=9)  # the API's clock, nine days ahead of this machine's
    org = DemoOrg.generate(200, 3, ahead, days=20)
    with MisbehavingServer(Emulator(org, clock=ahead.timestamp)) as api:
        monkeypatch.setenv("DEVIN_API_BASE_URL", api.url)
        since = (frozen_now + timedelta(days=3)).strftime("%Y-%m-%d")
        code = cli.main(["sync", "--quiet", "--since", since])

    out, _ = error_lines(capsys)
    assert code == 0
    assert sync_summary(out).startswith("cold sync: ")


def test_an_unreadable_since_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], environment: None
) -> None:
    assert cli.main(["sync", "--since", "yesterday-ish"]) == cli.EXIT_USAGE
    _, lines = error_lines(capsys)
    assert lines == [
        "devin-data sync: error: Cannot read 'yesterday-ish' as a since value: use a date "
        "(2026-01-01), a UTC time (2026-01-01T10:00:00Z) or a span back from now (90d, 12w). "
        "(see --help)"
    ]


def sync_summary(out: str) -> str:
    """The sync's summary line; the extras' lines follow it."""
    return next(line for line in out.splitlines() if " sync: " in line and "sessions" in line)
