"""``devin-data`` refuses settings that cannot work, in one line that names where they were set.

A key set to nothing must not quietly mean the demo organization (and the demo never goes to a
shared store); a key an HTTP header cannot carry, an org id that is not a path segment, a price
out of range and a bad period are refused before anything is read or sent.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from frozen_time import at_frozen_now
from shared_rows import EMPTY, rows_in

from benchmarks.groups import run_group
from devin_data.config import DEMO_ORG_ID
from devin_data.emulator.keys import ADMIN_KEY

CLOSED = "http://127.0.0.1:9"  # nothing listens there: a refused setting sends no request


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return run_group([*at_frozen_now("devin_data.cli"), *args], timeout=180, env=env, text=True)


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("DEVIN_")}
    return base | {
        "DEVIN_ORG_ID": "org-acme",
        "DEVIN_API_BASE_URL": CLOSED,
        "DEVIN_CACHE_DIR": str(tmp_path / "cache"),
    }


@pytest.mark.parametrize("blank", ["", "   "])
def test_an_empty_key_is_an_error_and_the_shared_store_stays_empty(
    env: dict[str, str], store_url: str, tmp_path: Path, blank: str
) -> None:
    shared = env | {"DEVIN_API_KEY": blank, "DEVIN_STORE_URL": store_url}
    for command in (["sync", "--quiet"], ["report", "--out", str(tmp_path / "d.md")]):
        done = run_cli(*command, env=shared)
        assert done.returncode == 1, done.stdout + done.stderr
        assert "The API key is set but empty" in done.stderr
        assert "environment variable DEVIN_API_KEY" in done.stderr
        assert DEMO_ORG_ID not in done.stdout + done.stderr
        assert "Traceback" not in done.stderr
    flag = run_cli("sync", "--quiet", "--api-key", "", env=env | {"DEVIN_STORE_URL": store_url})
    assert flag.returncode == 1
    assert "the --api-key option" in flag.stderr
    assert rows_in(store_url) == EMPTY
    assert not (tmp_path / "d.md").exists()


def test_without_a_key_the_demo_is_synced_into_the_cache_folder_only(
    env: dict[str, str], store_url: str, tmp_path: Path
) -> None:
    done = run_cli("sync", "--quiet", env=env | {"DEVIN_STORE_URL": store_url})
    assert done.returncode == 0, done.stderr
    assert "never in the shared store" in done.stderr
    assert rows_in(store_url) == EMPTY
    folders = [p.name for p in (tmp_path / "cache").iterdir()]
    assert len(folders) == 1
    assert folders[0].startswith("demo-")


@pytest.mark.parametrize(
    "key",
    [f"{ADMIN_KEY}é", "cog_emulator\nadmin", f"cog_\u201cquoted\u201d{ADMIN_KEY}", "cog_a b_c_d_e"],
)
def test_a_key_no_header_can_carry_is_named_never_shown(env: dict[str, str], key: str) -> None:
    for where, extra, args in (
        ("environment variable DEVIN_API_KEY", {"DEVIN_API_KEY": key}, ()),
        ("the --api-key option", {}, ("--api-key", key)),
    ):
        done = run_cli("sync", "--quiet", *args, env=env | extra)
        assert done.returncode == 1, done.stderr
        assert "The API key holds a character no API key has" in done.stderr
        assert where in done.stderr
        assert key.strip() not in done.stdout + done.stderr
        assert key.strip()[-4:] not in done.stdout + done.stderr
        assert "Traceback" not in done.stderr


@pytest.mark.parametrize("org", ["..", "org-x/../../v1", "org x", "org-\u00e9", "o" * 300])
def test_an_org_id_that_is_not_a_path_segment_is_refused(env: dict[str, str], org: str) -> None:
    flagged = run_cli("sync", "--quiet", "--api-key", ADMIN_KEY, "--org-id", org, env=env)
    keyed = env | {"DEVIN_API_KEY": ADMIN_KEY, "DEVIN_ORG_ID": org}
    from_env = run_cli("sync", "--quiet", env=keyed)
    for done, where in ((flagged, "the --org-id option"), (from_env, "variable DEVIN_ORG_ID")):
        assert done.returncode == 1, done.stderr
        assert "is not one: it holds only letters, digits, '-' and '_'" in done.stderr
        assert where in done.stderr
        assert "Syncing" not in done.stdout


@pytest.mark.parametrize("price", ["1e308", "inf", "nan", "-1", "1000.01"])
def test_an_acu_price_out_of_range_is_refused(
    env: dict[str, str], tmp_path: Path, price: str
) -> None:
    keyed = env | {"DEVIN_API_KEY": ADMIN_KEY}
    out = tmp_path / "s.csv"
    flagged = run_cli("export", "--out", str(out), "--acu-price", price, env=keyed)
    priced = keyed | {"DEVIN_ACU_PRICE": price}
    from_env = run_cli("report", "--out", str(tmp_path / "d.md"), env=priced)
    for done, source in ((flagged, "flag"), (from_env, "environment")):
        assert done.returncode == 1, done.stderr
        wanted = f"DEVIN_ACU_PRICE ({source}) must be a price between 0 and 1,000 US dollars"
        assert wanted in done.stderr
        assert "no sessions are cached" not in done.stderr  # refused before the cache is read
    assert not out.exists()


def test_a_bad_report_period_is_a_usage_error(env: dict[str, str], tmp_path: Path) -> None:
    keyed = env | {"DEVIN_API_KEY": ADMIN_KEY}
    for period in ("soon", "0d", "7y", ""):
        done = run_cli("report", "--out", str(tmp_path / "d.md"), "--period", period, env=keyed)
        assert done.returncode == 2, (period, done.stderr)
        assert "Invalid value for '--period'" in done.stderr
        assert "no sessions are cached" not in done.stderr
