"""``devin-data insights``: coverage by week and generating the missing insights, in a subprocess
against a real emulator on loopback."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from frozen_time import FROZEN_NOW, at_frozen_now

from devin_data.analytics import insight_coverage, missing_insights
from devin_data.config import Settings
from devin_data.connect import store_for
from devin_data.emulator import DemoOrg, Emulator, EmulatorServer, serve
from devin_data.emulator.keys import ADMIN_KEY, ORG_ID, V1_KEY, VIEWER_KEY
from devin_data.frames.sessions import build_sessions_frame


@pytest.fixture
def emulator() -> Emulator:
    org = DemoOrg.generate(150, 5, FROZEN_NOW, days=30)
    return Emulator(org, clock=FROZEN_NOW.timestamp)


@pytest.fixture
def server(emulator: Emulator) -> Iterator[EmulatorServer]:
    with serve(emulator) as running:
        yield running


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = [*at_frozen_now("devin_data.cli"), *args]
    return subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def _env(server: EmulatorServer, tmp_path: Path, key: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("DEVIN_")}
    return base | {
        "DEVIN_API_KEY": key,
        "DEVIN_ORG_ID": ORG_ID,
        "DEVIN_API_BASE_URL": server.url,
        "DEVIN_CACHE_DIR": str(tmp_path / "cache"),
    }


@pytest.fixture
def env(server: EmulatorServer, tmp_path: Path) -> dict[str, str]:
    synced = _env(server, tmp_path, ADMIN_KEY)
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
    env = _env(server, tmp_path, VIEWER_KEY)
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
    empty = run_cli("insights", env=_env(server, tmp_path, ADMIN_KEY))
    assert empty.returncode == 1
    assert "run `devin-data sync` first" in empty.stderr
    v1 = run_cli("insights", env=_env(server, tmp_path, V1_KEY))
    assert v1.returncode == 1
    assert "not reported by the v1 API" in v1.stderr
