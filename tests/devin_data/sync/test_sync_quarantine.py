"""A malformed session among good ones: set aside with its JSON, named in the report, never
blocking the sync or the next one; negative ACUs stored and reported as suspect."""

from __future__ import annotations

from datetime import timedelta

import orjson
from sync_fakes import SPAN, Clock, make_client, visible_ids

from devin_data.emulator import V1_KEY, DemoOrg, Emulator, EmulatorTransport, serve
from devin_data.emulator.poison import DROP
from devin_data.store.store import Store
from devin_data.sync.entry import sync

INSIGHTS = "GET /v3/organizations/org-demo/sessions/insights?"


def test_malformed_sessions_are_set_aside_and_every_other_one_is_stored(
    org: DemoOrg, emulator: Emulator, clock: Clock, store: Store
) -> None:
    expected = visible_ids(org, clock.now, clock.at - SPAN)
    text_status, word_acus, no_id, a_list, negative = sorted(expected)[:5]
    emulator.poison = {
        text_status: {"status": 42},
        word_acus: {"acus_consumed": "lots"},
        no_id: {"session_id": DROP},
        a_list: ["not", "a", "session"],
        negative: {"acus_consumed": -5},
    }
    with serve(emulator) as server, make_client(base_url=server.url) as client:
        report = sync(client, store, now=clock.at)

    stored = {r["session_id"] for r in store.session_records()}
    assert stored == expected - {text_status, word_acus, no_id, a_list}
    meta = store.meta()
    assert "plan" not in meta
    assert meta["watermark"] is not None
    failures = store.failures()
    assert {key: entry["kind"] for key, entry in failures.items() if key.startswith("devin-")} == {
        text_status: "quarantined",
        word_acus: "quarantined",
        negative: "suspect",
    }
    unnamed = [entry for key, entry in failures.items() if not key.startswith("devin-")]
    assert len(unnamed) == 2
    assert all(e["where"].startswith("item ") and INSIGHTS in e["where"] for e in unnamed)
    assert failures[text_status]["reason"] == "status: Input should be a valid string"
    sent = orjson.loads(store.quarantined_json(text_status) or "null")
    assert (sent["session_id"], sent["status"]) == (text_status, 42)
    raw_no_id = [
        orjson.loads(store.quarantined_json(k) or "null") for k in failures if "no-id-" in k
    ]
    assert ["not", "a", "session"] in raw_no_id
    assert any(isinstance(raw, dict) and "session_id" not in raw for raw in raw_no_id)

    record = store.get_record(negative)
    assert record is not None
    assert record["acus_consumed"] == -5
    assert failures[negative]["reason"] == "acus_consumed is -5 (below zero; stored as sent)"

    assert (report.quarantined_count, report.suspect_count) == (4, 1)
    assert f"{text_status}: status: Input should be a valid string" in report.quarantined
    assert any(line.startswith(word_acus + ": acus_consumed: ") for line in report.quarantined)
    assert sum(line.startswith("item ") for line in report.quarantined) == 2
    assert report.suspect == (f"{negative}: acus_consumed is -5 (below zero; stored as sent)",)
    assert report.failures == 4
    assert meta["last_sync"]["quarantined_count"] == 4


def _updated_within(org: DemoOrg, now: float, later: float) -> list[str]:
    """Sessions the emulator shows with a newer update at ``later`` than at ``now``."""
    found = []
    for ref in org.visible_sessions(now):
        if org.view(ref.pos, later).updated > org.view(ref.pos, now).updated:
            found.append(ref.session_id)
    return sorted(found)


def test_the_next_sync_runs_and_a_session_sent_well_formed_later_is_stored(
    org: DemoOrg, emulator: Emulator, clock: Clock, store: Store
) -> None:
    expected = visible_ids(org, clock.now, clock.at - SPAN)
    later = clock.now + timedelta(hours=6).total_seconds()
    updating = [sid for sid in _updated_within(org, clock.now, later) if sid in expected]
    broken = sorted(expected - set(updating))[0]
    negative = updating[0]
    emulator.poison = {broken: {"status": 42}, negative: {"acus_consumed": -5}}
    with make_client(EmulatorTransport(emulator)) as client:
        sync(client, store, now=clock.at)
        clock.advance(timedelta(minutes=1))
        again = sync(client, store, now=clock.at)  # the bad record is still served
        assert again.mode == "incremental"
        assert store.get_record(broken) is None
        assert store.failures()[broken]["kind"] == "quarantined"
        assert store.failures()[negative]["kind"] == "suspect"

        # The API mends both: one with no newer update, one updated since.
        emulator.poison = {}
        clock.now = later
        mended = sync(client, store, now=clock.at)

    assert mended.mode == "incremental"
    record, fixed = store.get_record(broken), store.get_record(negative)
    assert record is not None
    assert fixed is not None
    assert record["status"] != 42
    assert fixed["acus_consumed"] >= 0
    assert store.failures() == {}
    assert store.quarantined_json(broken) is None
    assert (mended.quarantined_count, mended.suspect_count, mended.failures) == (0, 0, 0)
    assert {r["session_id"] for r in store.session_records()} >= expected


def test_a_v1_listing_sets_a_malformed_session_aside_and_lists_on(
    org: DemoOrg, emulator: Emulator, clock: Clock, store: Store
) -> None:
    expected = visible_ids(org, clock.now, clock.at - SPAN)
    broken = sorted(expected)[0]
    emulator.poison = {broken: {"status_enum": ["working"]}}
    with make_client(EmulatorTransport(emulator), key=V1_KEY, v1_page_size=50) as client:
        report = sync(client, store, now=clock.at)

    assert {r["session_id"] for r in store.session_records()} == expected - {broken}
    assert store.failures()[broken]["kind"] == "quarantined"
    assert store.failures()[broken]["where"].startswith("item ")
    assert "GET /v1/sessions?limit=50&offset=" in store.failures()[broken]["where"]
    assert report.quarantined_count == 1
