"""10,000 sessions through an API that fails a fifth of its answers and sometimes answers too late:
a cold sync and the incremental one after it still end with every session once, as the API has it.

The emulator is a real HTTP server on loopback; Retry-After and the backoff are kept to
milliseconds, and latency spikes outlast the client's timeout so timed-out requests are retried.
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from scale_truth import ANCHOR, Clock, assert_export_is_truth, scale_org, served_payloads, truth

from devin_data.api.client import DevinClient
from devin_data.config import Settings
from devin_data.emulator import ADMIN_KEY, ORG_ID, DemoOrg, Emulator, serve
from devin_data.services.export import export_frame
from devin_data.store import Store
from devin_data.sync import sync

pytestmark = pytest.mark.slow

RETRY_AFTER = 0.004
BACKOFF = 0.002
TIMEOUT = 1.0
LATER = timedelta(days=2)  # the incremental sync sees two days of new and changed sessions


def _assert_store_is_truth(store: Store, emulator: Emulator, now: float) -> None:
    records = store.session_records()
    ids = Counter(r["session_id"] for r in records)
    assert ids.most_common(1)[0][1] == 1
    expected = truth(served_payloads(emulator, now))
    assert store.count() == len(records) == len(expected)
    assert_export_is_truth(export_frame(records), expected)


def _flaky(org: DemoOrg, clock: Clock, seed: int) -> Emulator:
    return Emulator(
        org,
        clock=clock,
        fault_rate=0.2,
        retry_after=RETRY_AFTER,
        spike_rate=0.06,
        spike_ms=TIMEOUT * 1500,
        seed=seed,
    )


def _client(url: str, waits: list[float]) -> DevinClient:
    """Tiny waits, recorded; a timeout the latency spikes outlast."""

    def pause(seconds: float) -> None:
        waits.append(seconds)
        time.sleep(seconds)

    settings = Settings(
        base_url=url,
        api_key=ADMIN_KEY,  # type: ignore[arg-type]
        org_id=ORG_ID,
        sleep=pause,
        timeout=TIMEOUT,
        max_retries=12,
        backoff_base=BACKOFF,
        backoff_max=BACKOFF * 8,
    )
    return DevinClient(settings)


def test_cold_and_incremental_syncs_through_faults_and_spikes(tmp_path: Path) -> None:
    org = scale_org()
    clock = Clock((ANCHOR - LATER).timestamp())
    waits: list[float] = []
    emulator = _flaky(org, clock, seed=5)
    with Store.open(tmp_path / "cache", "scale") as store:
        with serve(emulator) as server, _client(server.url, waits) as client:
            cold = sync(client, store, now=clock.at)
        stats = emulator.stats
        assert (cold.mode, cold.failures) == ("cold", 0)
        assert stats.faults >= 0.1 * stats.total
        assert stats.spikes > 0
        assert cold.retries == len(waits) >= stats.faults
        assert RETRY_AFTER in waits  # a 429's Retry-After is honoured
        assert max(waits) <= max(RETRY_AFTER, BACKOFF * 8)
        _assert_store_is_truth(store, emulator, clock.now)

        clock.now += LATER.total_seconds()
        waits.clear()
        emulator = _flaky(org, clock, seed=1)  # its very first answer is a fault
        with serve(emulator) as server, _client(server.url, waits) as client:
            later = sync(client, store, now=clock.at)
        assert (later.mode, later.failures) == ("incremental", 0)
        assert later.new > 0
        assert later.changed > 0
        assert later.retries == len(waits) >= emulator.stats.faults > 0
        _assert_store_is_truth(store, emulator, clock.now)
