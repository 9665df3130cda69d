"""``devin-data sync`` and ``export`` with ``--org``: an enterprise key's organizations, each in its
own cache scope, exported into one file whose rows name their organization; and the merged pull
requests of an export are the API's, including sessions where some PR states are missing.

A real emulator on loopback serves some pull requests without a state; the truth is read from its
served payloads, never from the client's parsing.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from emulated_cli import run_cli
from frozen_time import FROZEN_NOW

from devin_data.emulator import DemoOrg, Emulator
from devin_data.emulator.enterprise import list_organizations
from devin_data.emulator.keys import ADMIN_KEY, ENTERPRISE_KEY, ORG_ID, ORG_IDS, SECOND_ORG_ID
from devin_data.emulator.params import Query
from devin_data.emulator.unstated import unstated_session

SESSIONS = 240


@pytest.fixture(scope="module")
def emulator() -> Emulator:
    org = DemoOrg.generate(SESSIONS, 23, FROZEN_NOW, days=60)
    return Emulator(org, clock=FROZEN_NOW.timestamp, unstated_prs=True)


@pytest.fixture
def enterprise(env: dict[str, str]) -> dict[str, str]:
    return env | {"DEVIN_API_KEY": ENTERPRISE_KEY}


def served(emulator: Emulator, org_id: str) -> list[dict[str, Any]]:
    """The insights payload of every session of ``org_id`` as the emulator serves it now."""
    now = FROZEN_NOW.timestamp()
    org = emulator.org_by_id(org_id)
    return [
        unstated_session(emulator.session_payload(ref, insights=True, now=now, org_id=org_id))
        for ref in org.visible_sessions(now)
    ]


def org_names(emulator: Emulator) -> dict[str, str]:
    listed = list_organizations(emulator.scoped(), (), Query([]), FROZEN_NOW.timestamp())
    return {item["org_id"]: item["name"] for item in listed["items"]}


def states(payloads: list[dict[str, Any]]) -> Counter[Any]:
    return Counter(pr.get("pr_state") for p in payloads for pr in p.get("pull_requests") or [])


def exported(env: dict[str, str], out: Path, *org: str) -> pd.DataFrame:
    done = run_cli("export", "--out", str(out), *org, env=env)
    assert done.returncode == 0, done.stderr
    return pd.read_parquet(out)


def test_merged_prs_in_the_export_are_the_apis_beside_prs_without_a_state(
    emulator: Emulator, env: dict[str, str], tmp_path: Path
) -> None:
    synced = run_cli("sync", env=env)
    assert synced.returncode == 0, synced.stderr
    frame = exported(env, tmp_path / "sessions.parquet").set_index("session_id")
    payloads = served(emulator, ORG_ID)
    assert len(frame) == len(payloads)
    assert frame["prs_merged"].sum() == states(payloads)["merged"]
    assert frame["prs_state_unknown"].sum() == states(payloads)[None]
    # Every session is in the family of exactly one session without a parent: the families'
    # merged PRs add up to the API's too.
    roots = frame[frame["parent_session_id"].isna()]
    assert len(roots) < len(frame)
    assert roots["family_prs_merged"].sum() == states(payloads)["merged"]
    # Sessions with a merged PR beside one without a state: each counts its merged PRs.
    mixed = [p for p in payloads if {"merged", None} <= set(states([p]))]
    assert len(mixed) >= 3, "the emulator served no session with a merged PR beside an unknown"
    for payload in mixed:
        row = frame.loc[payload["session_id"]]
        assert row["prs_merged"] == states([payload])["merged"] >= 1
        assert row["prs_state_unknown"] == states([payload])[None] >= 1


def test_every_organization_syncs_into_its_own_scope_and_exports_into_one_file(
    emulator: Emulator, enterprise: dict[str, str], tmp_path: Path
) -> None:
    synced = run_cli("sync", "--org", "all", "--quiet", env=enterprise)
    assert synced.returncode == 0, synced.stderr
    names = org_names(emulator)
    assert all(f"Organization {names[org_id]} ({org_id})" in synced.stdout for org_id in ORG_IDS)
    assert ENTERPRISE_KEY not in synced.stdout + synced.stderr
    frame = exported(enterprise, tmp_path / "all.parquet", "--org", "all")
    assert not frame["session_id"].duplicated().any()
    assert frame["org_name"].to_list() == [names[org_id] for org_id in frame["org_id"]]
    for org_id in ORG_IDS:
        payloads = served(emulator, org_id)
        mine = frame[frame["org_id"] == org_id]
        assert set(mine["session_id"]) == {p["session_id"] for p in payloads}
        assert mine["prs_merged"].sum() == states(payloads)["merged"]
    caches = [p for p in (Path(enterprise["DEVIN_CACHE_DIR"])).iterdir() if p.is_dir()]
    assert len(caches) >= len(ORG_IDS)


def test_a_list_of_organizations_syncs_and_exports_only_those(
    emulator: Emulator, enterprise: dict[str, str], tmp_path: Path
) -> None:
    synced = run_cli("sync", "--org", SECOND_ORG_ID, "--quiet", env=enterprise)
    assert synced.returncode == 0, synced.stderr
    frame = exported(enterprise, tmp_path / "labs.parquet", "--org", f"{SECOND_ORG_ID},{ORG_ID}")
    assert set(frame["org_id"]) == {SECOND_ORG_ID}
    assert set(frame["session_id"]) == {p["session_id"] for p in served(emulator, SECOND_ORG_ID)}


@pytest.mark.parametrize("command", ["sync", "export"])
def test_an_unknown_organization_is_named_with_the_known_ones(
    enterprise: dict[str, str], tmp_path: Path, command: str
) -> None:
    out = ["--out", str(tmp_path / "x.csv")] if command == "export" else []
    done = run_cli(command, "--org", f"{ORG_ID},org-nowhere", *out, env=enterprise)
    assert done.returncode == 2
    assert "unknown organization 'org-nowhere'" in done.stderr
    assert all(org_id in done.stderr for org_id in ORG_IDS)
    assert "Traceback" not in done.stderr
    assert ENTERPRISE_KEY not in done.stdout + done.stderr
    assert not (tmp_path / "x.csv").exists()


@pytest.mark.parametrize("command", ["sync", "export"])
def test_a_key_of_one_organization_is_told_it_needs_an_enterprise_key(
    env: dict[str, str], tmp_path: Path, command: str
) -> None:
    out = ["--out", str(tmp_path / "x.csv")] if command == "export" else []
    done = run_cli(command, "--org", "all", *out, env=env)
    assert done.returncode == 2
    assert "needs an enterprise key" in done.stderr
    assert "Traceback" not in done.stderr
    assert ADMIN_KEY not in done.stdout + done.stderr
