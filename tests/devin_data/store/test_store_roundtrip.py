"""What goes into the store comes back out, merged the way the dashboard expects."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from store_backends import reopen
from store_fakes import ANALYSIS, T0, make_session

from devin_data.models import Message
from devin_data.store.store import BatchResult, Store


def test_round_trip_records_analyses_history(store: Store) -> None:
    sessions = [
        make_session("a", analysis=ANALYSIS),
        make_session("devin-b", created=T0 + timedelta(days=7)),
        make_session("c", created=T0 - timedelta(days=30), status="exit", status_detail=None),
    ]
    result = store.write_batch(sessions, observed_at=T0 + timedelta(hours=1))

    assert result == BatchResult(new=3, changed=0, unchanged=0)
    records = {r["session_id"]: r for r in store.session_records()}
    assert set(records) == {"devin-a", "devin-b", "devin-c"}
    assert records["devin-a"] == sessions[0].to_record()
    assert records["devin-b"]["has_analysis"] is False
    assert store.get_record("devin-c") == sessions[2].to_record()
    assert store.get_record("devin-zzz") is None
    assert store.analyses() == {"devin-a": sessions[0].analysis_record()}
    assert store.get_analysis("devin-a") == sessions[0].analysis_record()
    assert store.get_analysis("devin-b") is None
    assert store.count() == 3
    history = store.status_history()
    assert history["devin-c"] == [
        {
            "observed_at": (T0 + timedelta(hours=1)).timestamp(),
            "status": "exit",
            "status_detail": None,
            "updated_at": sessions[2].last_update.timestamp(),
        }
    ]


def test_the_snapshot_follows_every_write_and_rewrites_only_what_changed(store: Store) -> None:
    store.write_batch([make_session("a"), make_session("b")], observed_at=T0)
    first = store.snapshot()
    assert first["session_id"].to_pylist() == ["devin-a", "devin-b"]
    assert store.snapshot() is not None
    assert store.snapshot_file.path.exists()
    later = T0 + timedelta(hours=1)
    store.write_batch([make_session("b", status="exit", updated_at=later)], observed_at=later)
    store.write_batch([make_session("c", created=later)], observed_at=later)
    second = store.snapshot()
    assert second["session_id"].to_pylist() == ["devin-a", "devin-b", "devin-c"]
    assert second["status"].to_pylist() == ["running", "exit", "running"]
    assert second.schema.metadata[b"seq"] == str(store.table.seq()).encode()
    fresh = reopen(store)
    assert fresh.snapshot().equals(second)
    fresh.close()


def test_a_stale_or_foreign_snapshot_is_rebuilt_from_the_table(store: Store) -> None:
    store.write_batch([make_session("a"), make_session("b")], observed_at=T0)
    store.snapshot()
    store.snapshot_file.path.write_bytes(b"not an arrow file")
    assert store.snapshot()["session_id"].to_pylist() == ["devin-a", "devin-b"]
    store.clear()
    store.write_batch([make_session("c")], observed_at=T0)
    assert store.snapshot()["session_id"].to_pylist() == ["devin-c"]


def test_batch_result_counts_new_changed_unchanged(store: Store) -> None:
    first = [make_session("a"), make_session("b"), make_session("c")]
    store.write_batch(first, observed_at=T0)
    later = T0 + timedelta(hours=1)
    second = [
        make_session("a"),  # identical
        make_session("b", updated_at=later),  # updated_at moved
        make_session("c", analysis=ANALYSIS),  # insights appeared
        make_session("d"),
    ]
    assert store.write_batch(second, observed_at=later) == BatchResult(1, 2, 1)
    assert store.get_record("devin-c")["has_analysis"] is True


def test_analysis_is_kept_when_a_later_listing_lacks_it(store: Store) -> None:
    store.write_batch([make_session("a", analysis=ANALYSIS)], observed_at=T0)
    result = store.write_batch([make_session("a")], observed_at=T0)
    assert result == BatchResult(0, 0, 1)
    assert store.get_analysis("devin-a") is not None
    assert store.get_record("devin-a")["has_analysis"] is True


def test_status_observation_only_on_change(store: Store) -> None:
    t = [T0 + timedelta(minutes=m) for m in range(5)]
    store.write_batch([make_session("a", updated_at=t[0])], observed_at=t[0])
    store.write_batch([make_session("a", updated_at=t[1])], observed_at=t[1])
    store.write_batch(
        [make_session("a", status_detail="waiting_for_user", updated_at=t[2])], observed_at=t[2]
    )
    store.write_batch(
        [make_session("a", status="exit", status_detail="finished", updated_at=t[3])],
        observed_at=t[3],
    )
    store.write_batch(
        [make_session("a", status="exit", status_detail="finished", updated_at=t[3])],
        observed_at=t[4],
    )
    observed = [
        (o["observed_at"], o["status"], o["status_detail"])
        for o in store.status_history()["devin-a"]
    ]
    assert observed == [
        (t[0].timestamp(), "running", "working"),
        (t[2].timestamp(), "running", "waiting_for_user"),
        (t[3].timestamp(), "exit", "finished"),
    ]


def test_duplicates_in_one_batch_keep_the_latest(store: Store) -> None:
    old = make_session("a")
    new = make_session("a", updated_at=T0 + timedelta(hours=2), status="exit")
    assert store.write_batch([new, old], observed_at=T0) == BatchResult(1, 0, 0)
    assert store.get_record("devin-a")["status"] == "exit"
    assert len(store.session_records()) == 1


def test_a_session_whose_creation_time_moved_keeps_its_analysis_and_history(
    store: Store,
) -> None:
    original = make_session("a", analysis=ANALYSIS)
    store.write_batch([original], observed_at=T0)
    moved = make_session("a", created=T0 + timedelta(days=14), status="exit")
    assert store.write_batch([moved], observed_at=T0 + timedelta(days=15)).changed == 1
    assert [r["session_id"] for r in store.session_records()] == ["devin-a"]
    assert store.get_record("devin-a")["created_at"] == moved.created_at.timestamp()
    assert store.get_analysis("devin-a") == original.analysis_record()
    assert [o["status"] for o in store.status_history()["devin-a"]] == ["running", "exit"]


def test_messages_stored_with_sessions_and_separately(store: Store) -> None:
    msgs = [
        {"event_id": "e1", "created_at": T0.timestamp(), "type": "initial_user_message"},
        {"event_id": "e2", "created_at": T0.timestamp() + 5, "type": "devin_message"},
    ]
    store.write_batch([make_session("a", messages=msgs), make_session("b")], observed_at=T0)
    stored = store.messages("devin-a")
    assert stored is not None
    assert [(m["event_id"], m["source"]) for m in stored] == [("e1", "user"), ("e2", "devin")]
    assert store.messages("devin-b") is None
    store.set_messages("devin-b", [Message.model_validate(msgs[1])])
    assert set(store.all_messages()) == {"devin-a", "devin-b"}
    index = store.messages_index()
    assert index["devin-b"] == store.get_record("devin-b")["updated_at"]


def test_meta_merge_and_version(store: Store) -> None:
    versions = {store.version()}
    store.update_meta(watermark=123.0, plan={"windows": [[1, 2]]})
    versions.add(store.version())
    store.write_batch([], observed_at=T0, meta={"plan": None, "coverage_start": 1.0})
    versions.add(store.version())
    store.record_failure("devin-x", "HTTP 500")
    versions.add(store.version())
    meta = store.meta()
    assert meta["watermark"] == 123.0
    assert meta["coverage_start"] == 1.0
    assert "plan" not in meta
    assert meta["scope"] == "scope-a"
    assert len(versions) == 4
    with pytest.raises(ValueError, match="managed by the store"):
        store.update_meta(scope="other")


def test_failures_recorded_and_cleared(store: Store) -> None:
    store.record_failure("devin-x", "Server error (HTTP 500)")
    assert store.failures()["devin-x"]["reason"] == "Server error (HTTP 500)"
    store.clear_failure("devin-x")
    store.clear_failure("devin-never")
    assert store.failures() == {}


def test_clear_empties_and_stays_usable(store: Store) -> None:
    store.write_batch([make_session("a")], observed_at=T0, meta={"watermark": 5.0})
    before = store.version()
    assert store.size_bytes() > 0
    store.clear()
    assert store.session_records() == []
    assert "watermark" not in store.meta()
    assert store.version() != before
    store.write_batch([make_session("b")], observed_at=T0)
    assert [r["session_id"] for r in store.session_records()] == ["devin-b"]


def test_reopen_sees_the_same_data(tmp_path: Path) -> None:
    with Store.open(tmp_path, "s1") as first:
        first.write_batch([make_session("a")], observed_at=T0, meta={"watermark": 1.0})
        version = first.version()
    with Store.open(tmp_path, "s1") as again:
        assert [r["session_id"] for r in again.session_records()] == ["devin-a"]
        assert again.version() == version
        assert again.warnings == []
