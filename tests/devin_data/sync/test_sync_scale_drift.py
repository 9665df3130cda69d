"""10,000 sessions from an API whose schema has drifted: unknown enum values, missing and extra
fields, ``null`` lists, ids without ``devin-`` and millisecond timestamps. A cold sync and the
incremental one after it keep every session and every value, read the way the API meant it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from scale_truth import (
    ANCHOR,
    Clock,
    assert_export_is_truth,
    export_rows,
    scale_org,
    served_payloads,
    truth,
)

from devin_data.api.client import DevinClient
from devin_data.config import Settings
from devin_data.emulator import ADMIN_KEY, ORG_ID, Emulator, serve
from devin_data.emulator.drift import UNKNOWN_PR_STATE, UNKNOWN_VALUES, drift_session
from devin_data.frames import build_sessions_frame
from devin_data.models import SESSION_PREFIX
from devin_data.services.export import export_frame
from devin_data.store import Store
from devin_data.sync import sync

pytestmark = pytest.mark.slow

LATER = timedelta(days=2)
Payload = Mapping[str, Any]


def _id(payload: Payload) -> str:
    return SESSION_PREFIX + str(payload["session_id"]).removeprefix(SESSION_PREFIX)


def _assert_unknown_values_kept(frame: pd.DataFrame, served: list[Payload]) -> None:
    """Each unknown enum value is a category of its column, on exactly the sessions that had it."""
    by_id = frame.set_index("session_id")
    for column, value in UNKNOWN_VALUES.items():
        had = {_id(p) for p in served if p.get(column) == value}
        assert had, column
        assert value in by_id[column].cat.categories, column
        assert set(by_id.index[by_id[column] == value]) == had, column
    drafts = {
        _id(p)
        for p in served
        if any(pr.get("pr_state") == UNKNOWN_PR_STATE for pr in p.get("pull_requests") or [])
    }
    assert drafts
    assert {
        sid for sid, states in by_id["pr_states"].items() if UNKNOWN_PR_STATE in states
    } == drafts


def _assert_nulls_and_ids_read_right(frame: pd.DataFrame, served: list[Payload]) -> None:
    """Null lists are empty, not missing rows; related ids carry ``devin-`` like the session's."""
    by_id = frame.set_index("session_id")
    nulled = [_id(p) for p in served if p.get("tags", ()) is None]
    assert nulled
    assert all(by_id.at[sid, "tags"] == () for sid in nulled)
    assert (by_id.loc[nulled, ["pr_count", "child_count"]] == 0).all().all()
    bare_parents = [
        p
        for p in served
        if p.get("parent_session_id") and not str(p["parent_session_id"]).startswith(SESSION_PREFIX)
    ]
    assert bare_parents
    for payload in bare_parents:
        assert (
            by_id.at[_id(payload), "parent_session_id"]
            == SESSION_PREFIX + payload["parent_session_id"]
        )
    analysed_with_nulls = [
        _id(p) for p in served if p.get("analysis") and p["analysis"].get("issues", ()) is None
    ]
    assert analysed_with_nulls
    assert by_id.loc[analysed_with_nulls, "has_analysis"].all()


def _check(store: Store, emulator: Emulator, now: float) -> None:
    served = served_payloads(emulator, now, drift_session)
    assert sum(isinstance(p["created_at"], int) and p["created_at"] > 10**11 for p in served) > 1000
    records = store.session_records()
    assert store.count() == len(records)
    export = export_frame(records)
    assert_export_is_truth(export, truth(served))
    # Millisecond stamps and bare ids name the same instants and sessions as the plain API does.
    plain = truth(served_payloads(emulator, now))
    got = export_rows(export)
    assert set(got) == set(plain)
    moved = [
        sid
        for sid, row in got.items()
        for c in ("created_at", "updated_at")
        if row[c] != plain[sid][c]
    ]
    assert moved == []
    frame = build_sessions_frame(records)
    _assert_unknown_values_kept(frame, served)
    _assert_nulls_and_ids_read_right(frame, served)


def test_a_drifted_schema_is_synced_whole(tmp_path: Path) -> None:
    clock = Clock((ANCHOR - LATER).timestamp())
    emulator = Emulator(scale_org(), clock=clock, drift=True)
    with serve(emulator) as server, Store.open(tmp_path / "cache", "drift") as store:
        settings = Settings(base_url=server.url, api_key=ADMIN_KEY, org_id=ORG_ID)  # type: ignore[arg-type]
        with DevinClient(settings) as client:
            cold = sync(client, store, now=clock.at)
            assert (cold.mode, cold.failures) == ("cold", 0)
            _check(store, emulator, clock.now)

            clock.now += LATER.total_seconds()
            later = sync(client, store, now=clock.at)
            assert (later.mode, later.failures) == ("incremental", 0)
            assert later.new > 0
            assert later.changed > 0
            _check(store, emulator, clock.now)
