"""The drifting emulator: every bend of the schema is served, the same way each time, and only to
session routes; latency spikes answer late at their rate without changing the faults."""

from __future__ import annotations

import time
from collections import Counter
from datetime import UTC, datetime

import httpx
import pytest
from emulator_http import emulator_client, walk

from devin_data.emulator import ORG_ID, DemoOrg, Emulator
from devin_data.emulator.drift import (
    BENDS,
    EXTRA_FIELDS,
    OPTIONAL_FIELDS,
    UNKNOWN_PR_STATE,
    UNKNOWN_VALUES,
    bends_of,
    drift_session,
)
from devin_data.models import SESSION_PREFIX

ANCHOR = datetime(2026, 5, 18, tzinfo=UTC)
SESSIONS = f"/v3/organizations/{ORG_ID}/sessions"


@pytest.fixture(scope="module")
def org() -> DemoOrg:
    return DemoOrg.generate(400, seed=3, anchor=ANCHOR)


@pytest.fixture
def emulator(org: DemoOrg) -> Emulator:
    return Emulator(org, clock=ANCHOR.timestamp, drift=True)


def test_every_bend_reaches_a_share_of_the_sessions(org: DemoOrg) -> None:
    ids = [s.session_id for s in org.visible_sessions(ANCHOR.timestamp())]
    counts = Counter(bend for sid in ids for bend in bends_of(sid))
    total = len(ids)
    assert set(counts) == {name for name, _ in BENDS}
    assert all(0.3 * total < n < 0.7 * total for n in counts.values()), counts


def test_listed_sessions_are_served_drifted(emulator: Emulator, api: httpx.Client) -> None:
    served = walk(api, SESSIONS + "/insights", first=200)
    assert len(served) == emulator.org.visible_count(ANCHOR.timestamp())
    seen: Counter[str] = Counter()
    for item in served:
        sid = SESSION_PREFIX + item["session_id"].removeprefix(SESSION_PREFIX)
        bends = set(bends_of(sid))
        truth = emulator.session_payload(sid, insights=True)
        assert item == drift_session(truth)
        assert item["session_id"].startswith(SESSION_PREFIX) == ("bare_ids" not in bends)
        if "milliseconds" in bends:
            assert item["created_at"] == truth["created_at"] * 1000
        if "null_lists" in bends:
            assert item["tags"] is item["pull_requests"] is item["child_session_ids"] is None
        if "missing_fields" in bends:
            assert not set(OPTIONAL_FIELDS) & set(item)
        elif "unknown_enums" in bends:
            assert item["origin"] == UNKNOWN_VALUES["origin"]
            assert item["session_size"] == UNKNOWN_VALUES["session_size"]
        if "extra_fields" in bends:
            assert item["workspace"] == EXTRA_FIELDS["workspace"]
        if bends & {"unknown_pr_states"} and not bends & {"null_lists"}:
            assert all(pr["pr_state"] == UNKNOWN_PR_STATE for pr in item["pull_requests"])
        seen.update(bends)
    assert set(seen) == {name for name, _ in BENDS}


def test_a_single_get_is_drifted_like_the_list(emulator: Emulator, api: httpx.Client) -> None:
    listed = walk(api, SESSIONS, first=200)
    bare = next(item for item in listed if "bare_ids" in bends_of(item["session_id"]))
    got = api.get(f"{SESSIONS}/{SESSION_PREFIX}{bare['session_id']}").raise_for_status().json()
    assert got == bare
    again = api.get(f"{SESSIONS}/{SESSION_PREFIX}{bare['session_id']}").json()
    assert again == got


def test_other_routes_and_an_undrifted_emulator_are_untouched(org: DemoOrg) -> None:
    plain = Emulator(org, clock=ANCHOR.timestamp)
    with emulator_client(plain) as api:
        items = walk(api, SESSIONS + "/insights", first=200)
        v1 = api.get("/v1/sessions", params={"limit": 5}).json()
    assert all(item == plain.session_payload(item["session_id"], insights=True) for item in items)
    drifting = Emulator(org, clock=ANCHOR.timestamp, drift=True)
    with emulator_client(drifting) as api:
        assert api.get("/v1/sessions", params={"limit": 5}).json() == v1


def test_latency_spikes_come_at_their_rate_and_leave_faults_alone(org: DemoOrg) -> None:
    def run(spike_rate: float) -> tuple[list[int], int, float]:
        emulator = Emulator(
            org, clock=ANCHOR.timestamp, fault_rate=0.3, seed=4, spike_rate=spike_rate, spike_ms=20
        )
        started = time.perf_counter()
        codes = [emulator.handle("GET", SESSIONS, [], {})[0] for _ in range(100)]
        return codes, emulator.stats.spikes, time.perf_counter() - started

    calm_codes, calm_spikes, _ = run(0.0)
    codes, spikes, took = run(0.25)
    assert codes == calm_codes  # the same faults, request by request
    assert calm_spikes == 0
    assert 10 < spikes < 45
    assert took >= spikes * 0.02
