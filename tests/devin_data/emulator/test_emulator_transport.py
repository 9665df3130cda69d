"""The emulator over real HTTP on loopback, in-process through httpx, with faults and latency."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from frozen_time import FROZEN_NOW

from devin_data.emulator import (
    ADMIN_KEY,
    ORG_ID,
    DemoOrg,
    Emulator,
    EmulatorTransport,
    demo_emulator,
    serve,
)
from devin_data.models import Page, Session

ANCHOR = datetime(2026, 5, 18, tzinfo=UTC)
SESSIONS = f"/v3/organizations/{ORG_ID}/sessions"
AUTH = {"Authorization": f"Bearer {ADMIN_KEY}"}


@pytest.fixture(scope="module")
def org() -> DemoOrg:
    return DemoOrg.generate(300, seed=2, anchor=ANCHOR)


def _emulator(org: DemoOrg, **options: Any) -> Emulator:
    return Emulator(org, clock=ANCHOR.timestamp, **options)


def test_real_server_on_loopback_answers_httpx(org: DemoOrg) -> None:
    emulator = _emulator(org)
    with serve(emulator) as server:
        assert server.url == f"http://127.0.0.1:{server.port}"
        with httpx.Client(base_url=server.url, headers=AUTH) as client:
            page = Page[Session].model_validate(client.get(SESSIONS, params={"first": 5}).json())
            assert len(page.items) == 5
            cursor = client.get(SESSIONS, params={"first": 5, "after": page.end_cursor}).json()
            assert cursor["items"][0]["session_id"] != page.items[0].session_id
            sid = page.items[0].session_id
            generated = client.post(f"{SESSIONS}/{sid}/insights/generate")
            assert generated.status_code == 200
            missing = client.get("/nowhere")
            assert missing.status_code == 404
            assert missing.headers["content-type"] == "application/json"
    assert emulator.stats.by_kind == {"v3_list": 2, "v3_generate": 1, "unknown": 1}
    with pytest.raises(httpx.ConnectError):
        httpx.get(server.url + SESSIONS, headers=AUTH)


def test_server_serves_requests_concurrently(org: DemoOrg) -> None:
    inside = threading.Barrier(4, timeout=10)

    def clock() -> float:
        inside.wait()  # returns only once four requests are being handled at the same time
        return ANCHOR.timestamp()

    emulator = Emulator(org, clock=clock, latency_ms=20)
    with serve(emulator) as server:
        codes: list[int] = []

        def fetch() -> None:
            codes.append(httpx.get(server.url + SESSIONS, headers=AUTH, timeout=15).status_code)

        threads = [threading.Thread(target=fetch) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert codes == [200] * 4


def test_server_only_binds_loopback(org: DemoOrg) -> None:
    with pytest.raises(ValueError, match=r"127\.0\.0\.1"):
        serve(_emulator(org), host="0.0.0.0")


def test_transport_works_through_httpx_client(org: DemoOrg) -> None:
    emulator = _emulator(org)
    transport = EmulatorTransport(emulator)
    with httpx.Client(transport=transport, base_url="https://demo.devin.invalid") as client:
        response = client.get(SESSIONS, params={"first": 2}, headers=AUTH)
    assert response.status_code == 200
    assert len(response.json()["items"]) == 2
    assert emulator.stats.total == 1


def test_faults_come_at_roughly_the_configured_rate(org: DemoOrg) -> None:
    emulator = _emulator(org, fault_rate=0.3, retry_after=2.5, seed=9)
    statuses: Counter[int] = Counter()
    retry_after = set()
    with httpx.Client(transport=EmulatorTransport(emulator), base_url="https://x") as client:
        for _ in range(600):
            response = client.get(SESSIONS, params={"first": 1}, headers=AUTH)
            statuses[response.status_code] += 1
            if response.status_code == 429:
                retry_after.add(response.headers["retry-after"])
    faults = 600 - statuses[200]
    assert 120 < faults < 240
    assert set(statuses) == {200, 429, 500, 502, 503}
    assert retry_after == {"2.5"}
    assert emulator.stats.faults == faults
    emulator.reset_stats()
    assert emulator.stats.total == emulator.stats.faults == 0


def test_fault_sequence_depends_only_on_the_seed(org: DemoOrg) -> None:
    def run(seed: int) -> list[int]:
        emulator = _emulator(org, fault_rate=0.5, seed=seed)
        return [emulator.handle("GET", SESSIONS, [], AUTH)[0] for _ in range(40)]

    assert run(4) == run(4)
    assert run(4) != run(5)


def test_demo_emulator_is_anchored_at_the_utc_midnight_of_now() -> None:
    # 03:15 on the 15th in Kolkata is still the 14th in UTC.
    emulator = demo_emulator(FROZEN_NOW.astimezone(ZoneInfo("Asia/Kolkata")), n_sessions=120)
    today = FROZEN_NOW.replace(hour=0, minute=0, second=0, microsecond=0)
    assert emulator.org.anchor == today
    assert len(emulator.org) == 120
