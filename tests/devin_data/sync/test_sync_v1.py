"""v1 keys: offset listing, details where needed, per-session failures that heal later."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from sync_fakes import SPAN, Clock, Faulty, make_client, visible_ids

from devin_data.emulator import V1_KEY, DemoOrg, Emulator, EmulatorTransport
from devin_data.store.store import Store
from devin_data.sync.entry import SyncProgress, sync


def test_v1_sync_with_details_and_a_failure_that_heals(
    org: DemoOrg, emulator: Emulator, clock: Clock, store: Store
) -> None:
    expected = visible_ids(org, clock.now, clock.at - SPAN)
    broken = sorted(expected)[0]
    faulty = Faulty(EmulatorTransport(emulator), lambda r: r.url.path == f"/v1/sessions/{broken}")
    events: list[SyncProgress] = []
    with make_client(faulty, key=V1_KEY, concurrency=4, v1_page_size=50) as client:
        first = sync(client, store, now=clock.at, progress=events.append)

        assert client.api_version == "v1"
        assert {r["session_id"] for r in store.session_records()} == expected
        assert first.fetched == len(expected)
        assert first.failures == 1
        assert set(store.failures()) == {broken}
        assert "404" in store.failures()[broken]["reason"]
        assert store.messages(broken) is None
        details = emulator.stats.by_kind["v1_get"]
        assert details == len(expected) - 1  # the broken one never reached it
        assert {"list", "details", "done"} <= {e.phase for e in events}
        for sid in sorted(expected - {broken})[:50]:
            record, messages = store.get_record(sid), store.messages(sid)
            assert record is not None
            assert messages is not None
            counts = Counter(m["source"] for m in messages)
            assert (counts["user"], counts["devin"]) == (
                record["num_user_messages"],
                record["num_devin_messages"],
            )

        faulty.enabled = False
        emulator.reset_stats()
        second = sync(client, store, now=clock.at)
        assert second.mode == "incremental"
        assert emulator.stats.by_kind["v1_get"] == 1
        assert store.failures() == {}
        assert store.messages(broken)

        clock.advance(timedelta(hours=4))
        emulator.reset_stats()
        third = sync(client, store, now=clock.at)
    assert emulator.stats.by_kind["v1_get"] == third.new + third.changed > 0
    assert store.count() == len(visible_ids(org, clock.now, clock.at - timedelta(hours=4) - SPAN))
