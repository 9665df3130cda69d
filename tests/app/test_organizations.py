"""With an enterprise key, People and Spend compare the enterprise's organizations side by side:
each organization's row holds the figures of its own sessions and its own billed consumption."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest
from apptest_helpers import run_page
from frozen_time import FROZEN_NOW
from streamlit.testing.v1 import AppTest

from devin_data.analytics.spend import BudgetSource, budget_for, session_day
from devin_data.config import Settings
from devin_data.connect import store_for
from devin_data.emulator import (
    ENTERPRISE_KEY,
    ORG_ID,
    SECOND_ORG_ID,
    DemoOrg,
    Emulator,
    EmulatorServer,
    serve,
)
from devin_data.frames.sessions import build_sessions_frame
from devin_data.models.billing import billing_day
from devin_data.query.parse import parse_query

ORGS = (ORG_ID, SECOND_ORG_ID)
PARAMS = {"range": "30d"}


@pytest.fixture
def emulator(frozen_now: datetime) -> Emulator:
    return Emulator(DemoOrg.generate(200, 11, frozen_now, days=60), clock=frozen_now.timestamp)


@pytest.fixture
def enterprise(
    emulator: Emulator, demo_environment: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[EmulatorServer]:
    """The app pointed at the emulator with the enterprise key, which reads two organizations."""
    with serve(emulator) as running:
        monkeypatch.setenv("DEVIN_API_BASE_URL", running.url)
        monkeypatch.setenv("DEVIN_API_KEY", ENTERPRISE_KEY)
        monkeypatch.setenv("DEVIN_ORG_ID", ORG_ID)
        yield running


def _table(app: AppTest) -> pd.DataFrame:
    """The "Organizations" table: the one with a row per organization id."""
    assert "Organizations" in [h.value for h in app.subheader]
    found = [d.value for d in app.dataframe if "org_id" in d.value.columns]
    assert len(found) == 1
    return found[0].set_index("org_id")


def _frame(org_id: str) -> pd.DataFrame:
    """The sessions the app cached for ``org_id``, in that organization's own cache."""
    settings = replace(Settings.load(os.environ), org_id=org_id)
    store = store_for(settings, FROZEN_NOW)
    records = store.session_records()
    assert records
    assert {r["org_id"] for r in records} == {org_id}
    return build_sessions_frame(records)


def _number(text: object) -> float:
    return float(str(text).replace(",", "").replace("$", "").rstrip("%"))


def _people_truth(frame: pd.DataFrame) -> tuple[int, float, int, float]:
    """Active and new people, sessions per active person and merged-PR rate, computed here."""
    start, _ = parse_query(PARAMS)[0].window(FROZEN_NOW)
    assert start is not None
    people = frame[~frame["is_service"] & frame["user_id"].notna()]
    mine = people[people["created_at"] >= start]
    first = people.groupby("user_id")["created_at"].min()
    active = set(mine["user_id"])
    new = {user for user in active if first[user] >= start}
    merged = mine["has_merged_pr"].dropna().astype(float).mean()
    return len(active), len(mine) / len(active), len(new), merged


def test_people_compare_each_organization_with_its_own_sessions(enterprise: EmulatorServer) -> None:
    app = run_page("app_pages/people.py", **PARAMS)
    assert not app.exception, app.exception
    table = _table(app)
    assert list(table.index) == list(ORGS)
    rows = {}
    for org_id in ORGS:
        active, per_person, new, merged = _people_truth(_frame(org_id))
        row = table.loc[org_id]
        rows[org_id] = tuple(row.drop("organization"))
        assert _number(row["Active people"]) == active
        assert _number(row["New people"]) == new
        assert _number(row["Sessions per active person"]) == pytest.approx(per_person, abs=0.05)
        assert _number(row["Merged-PR rate"]) == pytest.approx(merged * 100, abs=0.05)
    assert rows[ORG_ID] != rows[SECOND_ORG_ID]


def _billed_truth(emulator: Emulator, org_id: str, cycle: tuple[date, date]) -> float:
    """The emulator's billed ACUs of the cycle's days up to today, for one organization."""
    total, day = 0.0, cycle[0]
    while day <= billing_day(FROZEN_NOW):
        moment = datetime(day.year, day.month, day.day, 8, tzinfo=UTC).timestamp()
        total += sum(emulator.consumption_truth(int(moment), org_id=org_id).values())
        day += timedelta(days=1)
    return total


def test_spend_compares_each_organizations_billed_acus_limit_and_money(
    enterprise: EmulatorServer, emulator: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEVIN_ACU_PRICE", "2")
    app = run_page("app_pages/spend.py", **PARAMS)
    assert not app.exception, app.exception
    table = _table(app)
    assert list(table.index) == list(ORGS)
    start, _ = parse_query(PARAMS)[0].window(FROZEN_NOW)
    assert start is not None
    first = billing_day(start.to_pydatetime())
    for org_id in ORGS:
        row = table.loc[org_id]
        settings = replace(Settings.load(os.environ), org_id=org_id)
        billing = store_for(settings, FROZEN_NOW).billing()
        budget = budget_for(billing, org_id, FROZEN_NOW, None)
        assert budget.source is BudgetSource.API_LIMIT
        assert budget.source.text == "ACU limit of the organization"
        billed = _billed_truth(emulator, org_id, budget.cycle)
        assert billed > 0
        assert _number(row["Billed this cycle"]) == pytest.approx(billed, abs=0.06)
        assert _number(row["Billed this cycle in $"]) == pytest.approx(billed * 2, abs=0.12)
        assert _number(row["ACU limit"]) == budget.limit
        assert _number(row["Projected this cycle"]) >= _number(row["Billed this cycle"])
        frame = _frame(org_id)
        day = session_day(frame)
        in_period = (day >= first) & (day <= billing_day(FROZEN_NOW))
        reported = frame.loc[in_period, "acus_consumed"].sum()
        assert _number(row["Sessions report in the period"]) == pytest.approx(reported, abs=0.06)
    assert table.loc[ORG_ID].tolist() != table.loc[SECOND_ORG_ID].tolist()
    assert table.loc[ORG_ID, "ACU limit"] != table.loc[SECOND_ORG_ID, "ACU limit"]


@pytest.mark.parametrize("page", ["app_pages/people.py", "app_pages/spend.py"])
def test_a_key_of_one_organization_shows_no_comparison(page: str) -> None:
    app = run_page(page, **PARAMS)  # the demo key reads one organization
    assert not app.exception, app.exception
    assert app.dataframe
    assert "Organizations" not in [h.value for h in app.subheader]
    assert not [d for d in app.dataframe if "org_id" in d.value.columns]
