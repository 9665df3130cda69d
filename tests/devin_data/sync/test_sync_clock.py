"""The sync follows the API's clock, whatever this machine's clock says.

The emulator runs on its own clock, days ahead of or behind the sync's ``now``; both are fixed
instants that the tests move. After sessions change and new ones appear on the API side, an
incremental sync sees all of them and the export equals what the emulator serves.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from sync_fakes import ANCHOR, SPAN, Clock, make_client

from devin_data.api.client import DevinClient
from devin_data.emulator import V1_KEY, DemoOrg, Emulator, EmulatorTransport, serve
from devin_data.emulator.payloads import v1_details
from devin_data.models import Session, normalize_v1
from devin_data.services.export import export_frame
from devin_data.store import Store
from devin_data.sync import sync

NINE_DAYS = timedelta(days=9)
STEP = timedelta(hours=12)
START = ANCHOR + timedelta(days=2)  # the API's day is a weekday whichever side it is on
OVERLAP = 600.0


class Clocks:
    """This machine's clock and the API's, ``offset`` apart; both move together."""

    def __init__(self, offset: timedelta) -> None:
        self.local = Clock(now=START.timestamp())
        self.api = Clock(now=(START + offset).timestamp())

    def advance(self, delta: timedelta) -> None:
        self.local.advance(delta)
        self.api.advance(delta)


@pytest.fixture(params=[-NINE_DAYS, NINE_DAYS], ids=["api-9-days-behind", "api-9-days-ahead"])
def clocks(request: pytest.FixtureRequest) -> Clocks:
    return Clocks(request.param)


@pytest.fixture
def skewed(clocks: Clocks) -> Emulator:
    """An organization that lives by the API's clock."""
    return Emulator(DemoOrg.generate(1200, 11, clocks.api.at), clock=clocks.api)


@pytest.fixture
def http_client(skewed: Emulator) -> Iterator[DevinClient]:
    with serve(skewed) as server, make_client(base_url=server.url) as client:
        yield client


def truth(emulator: Emulator, at: float, since: float) -> list[dict[str, Any]]:
    """The records the emulator serves at ``at`` for sessions created since ``since``."""
    return [
        Session.model_validate(emulator.session_payload(ref, insights=True, now=at)).to_record()
        for ref in emulator.org.visible_sessions(at)
        if ref.created_at >= since
    ]


def truth_v1(emulator: Emulator, at: float, since: float) -> list[dict[str, Any]]:
    """The records the emulator's v1 details endpoint serves at ``at``."""
    org = emulator.org
    return [
        normalize_v1(
            Session.model_validate(v1_details(org, ref.pos, org.view(ref.pos, at), at))
        ).to_record()
        for ref in org.visible_sessions(at)
        if ref.created_at >= since
    ]


def exported(records: list[dict[str, Any]]) -> pd.DataFrame:
    frame = export_frame(records)
    return frame.sort_values("session_id", ignore_index=True)


def pending(store: Store, expected: list[dict[str, Any]]) -> tuple[set[str], set[str]]:
    """Sessions the API has and the store lacks, and sessions whose stored record is stale."""
    stored = {r["session_id"]: r for r in store.session_records()}
    added = {r["session_id"] for r in expected if r["session_id"] not in stored}
    changed = {
        r["session_id"]
        for r in expected
        if r["session_id"] in stored and stored[r["session_id"]]["updated_at"] != r["updated_at"]
    }
    return added, changed


def test_an_incremental_sync_sees_every_change_on_a_skewed_api_over_http(
    clocks: Clocks, skewed: Emulator, http_client: DevinClient, store: Store
) -> None:
    since = (clocks.local.at - SPAN).timestamp()
    cold = sync(http_client, store, now=clocks.local.at)
    assert cold.mode == "cold"
    pd.testing.assert_frame_equal(
        exported(store.session_records()), exported(truth(skewed, clocks.api.now, since))
    )

    clocks.advance(STEP)
    expected = truth(skewed, clocks.api.now, since)
    added, changed = pending(store, expected)
    assert len(added) >= 5
    assert len(changed) >= 10
    report = sync(http_client, store, now=clocks.local.at)

    assert report.mode == "incremental"
    assert (report.new, report.changed) == (len(added), len(changed))
    assert report.requests <= 3
    pd.testing.assert_frame_equal(exported(store.session_records()), exported(expected))
    acus = sum(r["acus_consumed"] or 0 for r in store.session_records())
    assert acus == pytest.approx(sum(r["acus_consumed"] or 0 for r in expected))


def test_the_watermark_comes_from_the_data_not_the_local_clock(
    clocks: Clocks, http_client: DevinClient, store: Store
) -> None:
    sync(http_client, store, now=clocks.local.at)
    clocks.advance(STEP)
    sync(http_client, store, now=clocks.local.at)

    watermark = store.meta()["watermark"]
    newest = max(r["updated_at"] for r in store.session_records())
    assert newest - OVERLAP - 60 < watermark <= newest - OVERLAP
    assert watermark <= clocks.api.now - OVERLAP  # never past the API's own clock

    again = sync(http_client, store, now=clocks.local.at)  # nothing changed since
    assert (again.new, again.changed) == (0, 0)
    assert again.requests <= 2
    assert watermark <= store.meta()["watermark"] <= newest - OVERLAP  # it holds its place


@pytest.mark.parametrize(
    ("offset", "words"),
    [(-NINE_DAYS, "9 days behind"), (NINE_DAYS, "9 days ahead of"), (timedelta(0), None)],
)
def test_the_report_warns_when_the_clocks_differ(
    offset: timedelta, words: str | None, tmp_path: Path
) -> None:
    clocks = Clocks(offset)
    emulator = Emulator(DemoOrg.generate(200, 3, clocks.api.at, days=30), clock=clocks.api)
    with (
        serve(emulator) as server,
        make_client(base_url=server.url) as client,
        Store.open(tmp_path, "scope") as store,
    ):
        report = sync(client, store, now=clocks.local.at)
        last_sync = store.meta()["last_sync"]

    assert report.clock_skew == pytest.approx(offset.total_seconds(), abs=5)
    assert last_sync["clock_skew"] == report.clock_skew
    if words is None:
        assert report.clock_warning is None
    else:
        assert report.clock_warning is not None
        assert f"The Devin API's clock is {words} this machine's clock" in report.clock_warning


def test_sessions_stamped_after_the_local_clock_are_not_missed(store: Store) -> None:
    clocks = Clocks(NINE_DAYS)
    emulator = Emulator(DemoOrg.generate(1200, 11, clocks.api.at), clock=clocks.api)
    with make_client(EmulatorTransport(emulator)) as client:
        sync(client, store, now=clocks.local.at)

    future = [r for r in store.session_records() if r["created_at"] > clocks.local.now]
    served_future = [
        r for r in truth(emulator, clocks.api.now, 0) if r["created_at"] > clocks.local.now
    ]
    assert len(future) == len(served_future) > 0  # the cold plan's last window is open-ended


def test_a_watermark_once_taken_from_a_clock_ahead_of_the_api_is_pulled_back(
    store: Store,
) -> None:
    # What a sync that trusted this machine's clock left behind: a watermark 9 days in the
    # API's future, under which no session ever looks updated.
    clocks = Clocks(-NINE_DAYS)
    emulator = Emulator(DemoOrg.generate(1200, 11, clocks.api.at), clock=clocks.api)
    since = (clocks.local.at - SPAN).timestamp()
    with make_client(EmulatorTransport(emulator)) as client:
        sync(client, store, now=clocks.local.at)
        store.update_meta(watermark=clocks.local.now - OVERLAP)
        clocks.advance(STEP)
        expected = truth(emulator, clocks.api.now, since)
        added, changed = pending(store, expected)
        report = sync(client, store, now=clocks.local.at)

    assert added
    assert changed
    assert (report.new, report.changed) == (len(added), len(changed))
    pd.testing.assert_frame_equal(exported(store.session_records()), exported(expected))


def test_v1_finds_new_and_changed_sessions_without_the_local_clock(store: Store) -> None:
    clocks = Clocks(-NINE_DAYS)
    emulator = Emulator(DemoOrg.generate(600, 5, clocks.api.at, days=60), clock=clocks.api)
    since = (clocks.local.at - SPAN).timestamp()
    with make_client(EmulatorTransport(emulator), key=V1_KEY, v1_page_size=50) as client:
        sync(client, store, now=clocks.local.at)
        clocks.advance(STEP)
        expected = {r["session_id"]: r for r in truth_v1(emulator, clocks.api.now, since)}
        added, changed = pending(store, list(expected.values()))
        report = sync(client, store, now=clocks.local.at)

    assert added
    assert changed
    assert (report.new, report.changed) == (len(added), len(changed))
    stored = {r["session_id"]: r["updated_at"] for r in store.session_records()}
    assert stored == {sid: r["updated_at"] for sid, r in expected.items()}
    assert store.meta()["watermark"] <= clocks.api.now - OVERLAP
