"""Billed consumption, cycles and limits read from the emulator over loopback HTTP, cached
incrementally, and held to the emulator's own consumption truth."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sync_fakes import make_client

from devin_data.analytics.spend import (
    BudgetSource,
    billed_frame,
    budget_for,
    cycle_total,
    user_limits,
)
from devin_data.config import SpendSettings
from devin_data.emulator import DemoOrg, Emulator, EmulatorServer, serve
from devin_data.emulator.keys import ENTERPRISE_KEY, ORG_ID, V1_KEY, VIEWER_KEY
from devin_data.models.billing import billing_day
from devin_data.store.store import Store
from devin_data.sync.schedule import spend_due
from devin_data.sync.spend import refresh_billing, refresh_consumption, refresh_users

ANCHOR = datetime(2026, 3, 14, 21, 45, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = ANCHOR.timestamp()

    def __call__(self) -> float:
        return self.now

    @property
    def at(self) -> datetime:
        return datetime.fromtimestamp(self.now, UTC)


@pytest.fixture(scope="module")
def clock() -> Clock:
    return Clock()


@pytest.fixture(scope="module")
def emulator(clock: Clock) -> Emulator:
    return Emulator(DemoOrg.generate(400, 3, ANCHOR, days=75), clock=clock)


@pytest.fixture(scope="module")
def server(emulator: Emulator) -> Iterator[EmulatorServer]:
    with serve(emulator) as running:
        yield running


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "cache", "scope")
    yield opened
    opened.close()


def test_billed_days_equal_the_emulators_truth(
    server: EmulatorServer, emulator: Emulator, store: Store, clock: Clock
) -> None:
    with make_client(base_url=server.url) as client:
        result = refresh_consumption(client, store, clock.at)
    assert result.problems == []
    days = store.consumption()
    assert result.days == len(days) > 60
    for epoch, products in days.items():
        assert products == pytest.approx(emulator.consumption_truth(int(epoch)), abs=1e-9)
    frame = billed_frame(days)
    assert frame["day"].iloc[-1] == billing_day(clock.at)
    assert frame["billed"].sum() == pytest.approx(
        sum(sum(emulator.consumption_truth(int(e)).values()) for e in days)
    )


def test_a_refresh_asks_only_for_the_last_days_and_the_new_ones(
    server: EmulatorServer, emulator: Emulator, store: Store, clock: Clock
) -> None:
    with make_client(base_url=server.url) as client:
        refresh_consumption(client, store, clock.at)
        first = dict(store.consumption())
        clock.now += timedelta(days=2).total_seconds()
        try:
            again = refresh_consumption(client, store, clock.at)
            days = store.consumption()
            truth = {e: emulator.consumption_truth(int(e)) for e in days}
        finally:
            clock.now = ANCHOR.timestamp()
    assert again.days == 3 + 1 + 2  # three days again, the newest one, and two new ones
    assert len(days) == len(first) + 2
    for epoch, products in days.items():
        assert products == pytest.approx(truth[epoch], abs=1e-9)


def test_per_user_billing_equals_the_truth_and_sums_with_service_users(
    server: EmulatorServer, emulator: Emulator, store: Store, clock: Clock
) -> None:
    users = [u.user_id for u in emulator.org.users[:5]]
    with make_client(base_url=server.url) as client:
        result = refresh_users(client, store, users, clock.at)
    assert result.users == 5
    assert result.problems == []
    for user in users:
        days = store.consumption(user)
        assert days
        for epoch in sorted(days)[-10:]:
            truth = emulator.consumption_truth(int(epoch), who=user)
            assert days[epoch] == pytest.approx(truth, abs=1e-9)


def test_money_is_acus_times_the_price(store: Store, server: EmulatorServer, clock: Clock) -> None:
    with make_client(base_url=server.url) as client:
        refresh_consumption(client, store, clock.at)
    settings, problems = SpendSettings.load(("environment", {"DEVIN_ACU_PRICE": "2.25"}))
    assert problems == []
    total = billed_frame(store.consumption())["billed"].sum()
    assert settings.money(total) == pytest.approx(total * 2.25)
    assert settings.money_text(1000) == "$2,250.00"
    assert SpendSettings().money(total) is None  # no price: ACUs only


def test_a_key_without_the_permission_leaves_the_reason(
    server: EmulatorServer, store: Store, clock: Clock
) -> None:
    with make_client(base_url=server.url, key=VIEWER_KEY) as client:
        result = refresh_consumption(client, store, clock.at)
        refresh_billing(client, store, clock.at)
    assert store.consumption() == {}
    assert store.spend_status()["permission"] == "ViewOrgConsumption"
    assert "ViewOrgConsumption" in result.problems[0]
    assert "ManageBilling" in store.billing()["reason"]
    with make_client(base_url=server.url, key=V1_KEY) as client:
        refresh_consumption(client, store, clock.at)
    assert "v1 API" in store.spend_status()["reason"]


def test_an_enterprise_key_gives_the_cycle_and_the_limits(
    server: EmulatorServer, emulator: Emulator, store: Store, clock: Clock
) -> None:
    with make_client(base_url=server.url, key=ENTERPRISE_KEY) as client:
        refresh_consumption(client, store, clock.at)
        refresh_billing(client, store, clock.at)
    billing = store.billing()
    assert billing["cycles"]
    assert billing["limits"]
    budget = budget_for(billing, ORG_ID, clock.at, monthly_budget=999)
    assert budget.source is BudgetSource.API_LIMIT
    assert budget.source.text == "ACU limit of the organization"
    org_limit = next(x for x in billing["limits"] if x["scope"] == "org" and x["org_id"] == ORG_ID)
    assert budget.limit == org_limit["cycle_acu_limit"]
    start, end = budget.cycle
    assert start <= billing_day(clock.at) < end
    assert start.day == 1
    spent = cycle_total(store.consumption(), budget.cycle)
    truth = 0.0
    day = start
    while day <= billing_day(clock.at):
        moment = datetime(day.year, day.month, day.day, 8, tzinfo=UTC).timestamp()
        truth += sum(emulator.consumption_truth(int(moment)).values())
        day += timedelta(days=1)
    assert spent == pytest.approx(truth)
    assert len(user_limits(billing, ORG_ID)) == 2


def test_without_limits_the_monthly_budget_applies(clock: Clock) -> None:
    budget = budget_for({"reason": "no"}, ORG_ID, clock.at, monthly_budget=5000)
    assert (budget.limit, budget.source) == (5000, BudgetSource.CONFIGURED)
    assert budget.source.text == "monthly budget"
    assert budget_for({}, ORG_ID, clock.at, None).limit is None


def test_billed_acus_are_due_once_per_sync(tmp_path: Path) -> None:
    store = Store.open(tmp_path, "scope")
    assert spend_due(store, None)  # never read
    assert spend_due(store, "sync-1")
    store.save_consumption("org", {}, "2026-03-02T10:00:00+00:00")
    store.save_spend_status({"checked_at": "2026-03-02T10:00:00+00:00", "sync_id": "sync-1"})
    assert not spend_due(store, "sync-1")  # read for the last sync, whatever the clocks say
    assert spend_due(store, "sync-2")  # a sync finished since
    store.save_spend_status({"reason": "no permission", "checked_at": "x", "sync_id": "sync-2"})
    assert not spend_due(store, "sync-2")  # a refusal counts as read
