"""The Spend page on the demo organization, through Streamlit's AppTest."""

from __future__ import annotations

import os
import re

import pytest
from apptest_helpers import APP, open_page
from frozen_time import FROZEN_NOW
from streamlit.testing.v1 import AppTest

from devin_data.analytics.spend import billed_frame
from devin_data.config import Settings
from devin_data.connect import shared_demo_emulator, store_for

PAGE = "app_pages/spend.py"


def open_spend(**params: str) -> AppTest:
    return open_page(PAGE, **params)


def texts(app: AppTest) -> str:
    shown = [*app.markdown, *app.caption, *app.info, *app.warning]
    return " ".join(str(m.value) for m in shown).replace("\\", "")


def test_spend_shows_the_billed_days_the_emulator_bills() -> None:
    app = open_spend()
    assert [t.value for t in app.title] == ["Spend"]
    days = store_for(Settings.load(os.environ), FROZEN_NOW).consumption()
    emulator = shared_demo_emulator(FROZEN_NOW)
    assert days
    newest = max(days)
    assert days[newest] == pytest.approx(emulator.consumption_truth(int(newest)), abs=0.02)
    assert "Billing days run from 08:00 UTC" in texts(app)
    assert "At this pace the organization uses about" in texts(app)
    totals = next(t.value for t in app.dataframe if "figure" in t.value.columns)
    figures = dict(zip(totals["figure"], totals["value"], strict=True))
    assert set(figures) >= {"ACUs reported by sessions", "+ other products", "ACUs billed"}
    assert "value_usd" not in totals.columns
    assert figures["ACUs billed"] >= figures["+ other products"] > 0
    assert billed_frame(days)["billed"].sum() >= figures["ACUs billed"]
    steps = totals["difference"].iloc[1:-1].sum()
    assert steps == pytest.approx(totals["difference"].iloc[-1])


def test_a_price_adds_money_and_a_budget_gives_a_run_out_date(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DEVIN_ACU_PRICE", "2.25")
    monkeypatch.setenv("DEVIN_MONTHLY_BUDGET_ACUS", "10")
    app = open_spend()
    totals = next(t.value for t in app.dataframe if "figure" in t.value.columns)
    assert list(totals["value_usd"].round(2)) == list((totals["value"] * 2.25).round(2))
    assert "reached its 10 ACU monthly budget on" in texts(app)
    assert any("Spend pace" in str(w.value).replace("\\", "") for w in app.warning)
    app.switch_page("app_pages/people.py").run()  # the banner stands on every page
    assert not app.exception, app.exception
    assert any("Spend pace" in str(w.value).replace("\\", "") for w in app.warning)


def test_a_budget_typed_on_the_page_is_kept_in_the_cache() -> None:
    app = open_spend()
    app.number_input(key="spend_budget").set_value(4000.0).run()
    assert not app.exception
    saved = store_for(Settings.load(os.environ), FROZEN_NOW).spend_settings()
    assert saved == {"monthly_budget_acus": 4000.0}
    assert "4,000 ACU monthly budget" in texts(app)


def test_a_bad_price_is_named_and_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEVIN_ACU_PRICE", "two dollars")
    app = open_spend()
    assert any(
        "DEVIN_ACU_PRICE (environment) must be a number" in str(w.value).replace("\\", "")
        for w in app.warning
    )
    totals = next(t.value for t in app.dataframe if "figure" in t.value.columns)
    assert "value_usd" not in totals.columns


def test_overview_tells_where_the_cycle_heads_and_prices_the_acu_cards(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DEVIN_ACU_PRICE", "2")
    monkeypatch.setenv("DEVIN_MONTHLY_BUDGET_ACUS", "100000")
    app = AppTest.from_file(APP, default_timeout=120).run()
    assert not app.exception, app.exception
    shown = texts(app)
    assert "At this pace the organization uses about" in shown
    assert "of its 100,000 ACU monthly budget this cycle" in shown
    card = next(m for m in app.metric if m.label == "ACUs reported by sessions")
    acus = float(str(card.value).replace(",", ""))
    found = re.search(r"ACUs reported by sessions \$([\d,]+\.\d\d)", shown)
    assert found is not None
    assert float(found.group(1).replace(",", "")) == pytest.approx(acus * 2, abs=0.11)


def test_people_show_acus_in_money_when_a_price_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEVIN_ACU_PRICE", "3")
    app = open_page("app_pages/people.py")
    users = app.dataframe[0].value
    assert list(users["acus_usd"].round(6)) == list((users["acus"] * 3).round(6))
