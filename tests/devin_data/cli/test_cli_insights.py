"""``devin-data insights``: coverage by week and generating the missing insights, in a subprocess
against a real emulator on loopback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from emulated_cli import cli_env, run_cli
from frozen_time import FROZEN_NOW

from devin_data.analytics import insight_coverage, missing_insights
from devin_data.config import Settings
from devin_data.connect import store_for
from devin_data.emulator import DemoOrg, Emulator, EmulatorServer
from devin_data.emulator.keys import ADMIN_KEY, V1_KEY, VIEWER_KEY
from devin_data.frames.sessions import build_sessions_frame


@pytest.fixture
def emulator() -> Emulator:
    org = DemoOrg.generate(150, 5, FROZEN_NOW, days=30)
    return Emulator(org, clock=FROZEN_NOW.timestamp)


@pytest.fixture
def env(server: EmulatorServer, tmp_path: Path) -> dict[str, str]:
    synced = cli_env(server, tmp_path / "cache")
    assert run_cli("sync", "--full", "--quiet", env=synced).returncode == 0
    return synced


def _missing(env: dict[str, str]) -> list[str]:
    with store_for(Settings.load(env), FROZEN_NOW) as store:
        return missing_insights(build_sessions_frame(store.session_records()))


def _asked(emulator: Emulator, ids: list[str]) -> list[str]:
    return [sid for sid in ids if emulator.insight_jobs.requested(sid.removeprefix("devin-"))]


def test_coverage_is_printed_without_asking_for_anything(
    env: dict[str, str], emulator: Emulator
) -> None:
    result = run_cli("insights", env=env)
    assert result.returncode == 0, result.stderr
    with store_for(Settings.load(env), FROZEN_NOW) as store:
        weeks = insight_coverage(build_sessions_frame(store.session_records()), "UTC")
    ended, analysed = weeks["ended"].sum(), weeks["with_insights"].sum()
    assert 0 < analysed < ended
    assert (
        f"Insight coverage: {analysed:,} of {ended:,} ended sessions have insights "
        f"({analysed / ended:.1%})." in result.stdout
    )
    last = weeks.iloc[-1]
    assert re.search(
        rf"{last['week']:%Y-%m-%d}\s+{last['ended']}\s+{last['with_insights']}\s", result.stdout
    )
    assert _asked(emulator, _missing(env)) == []


def test_generate_missing_is_limited_and_resumes(env: dict[str, str], emulator: Emulator) -> None:
    missing = _missing(env)
    first = run_cli("insights", "--generate-missing", "--limit", "3", env=env)
    assert first.returncode == 0, first.stderr
    assert "Asked for the insights of 3 sessions" in first.stdout
    assert f"{len(missing) - 3:,} are left for the next run" in first.stdout
    assert len(_asked(emulator, missing)) == 3
    second = run_cli("insights", "--generate-missing", env=env)
    assert second.returncode == 0, second.stderr
    assert f"Asked for the insights of {len(missing) - 3:,} sessions" in second.stdout
    assert "3 skipped as asked for earlier" in second.stdout
    assert "3 of them already asked for" in second.stdout
    assert sorted(_asked(emulator, missing)) == sorted(missing)
    assert ADMIN_KEY not in first.stdout + first.stderr + second.stdout + second.stderr


def test_without_manage_permission_it_names_the_permission(
    server: EmulatorServer, tmp_path: Path, emulator: Emulator
) -> None:
    env = cli_env(server, tmp_path / "cache") | {"DEVIN_API_KEY": VIEWER_KEY}
    assert run_cli("sync", "--full", "--quiet", env=env).returncode == 0
    result = run_cli("insights", "--generate-missing", env=env)
    assert result.returncode == 1
    assert "needs the ManageOrgSessions permission" in result.stderr
    assert "Traceback" not in result.stderr
    assert VIEWER_KEY not in result.stdout + result.stderr
    assert _asked(emulator, _missing(env)) == []


def test_without_a_cache_or_with_a_v1_key_it_says_what_to_do(
    server: EmulatorServer, tmp_path: Path
) -> None:
    empty = run_cli("insights", env=cli_env(server, tmp_path / "cache"))
    assert empty.returncode == 1
    assert "run `devin-data sync` first" in empty.stderr
    v1 = run_cli("insights", env=cli_env(server, tmp_path / "cache") | {"DEVIN_API_KEY": V1_KEY})
    assert v1.returncode == 1
    assert "not reported by the v1 API" in v1.stderr
