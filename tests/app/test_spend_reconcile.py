"""ACUs reported by sessions beside ACUs billed, on Spend and on the Overview: the sessions'
side follows the filters, the bill is named, and people are shown by name."""

from __future__ import annotations

import os

import pandas as pd
import pytest
from apptest_helpers import expected_sessions, open_page, run_page, store_frame
from frozen_time import FROZEN_NOW

from devin_data.config import Settings
from devin_data.connect import store_for
from devin_data.services import roster
from devin_data.services.workspace import Workspace

PAGE = "app_pages/spend.py"


def _reconciled(app: object) -> pd.DataFrame:
    frames = [t.value for t in app.dataframe]  # type: ignore[attr-defined]
    return next(f for f in frames if "cause" in f.columns).set_index("figure")


def _names() -> dict[str, str]:
    with Workspace.open(Settings.load(os.environ), now=FROZEN_NOW) as ws:
        return roster.roster(ws, None).names


def test_spend_applies_the_filters_to_the_sessions_and_names_the_rest() -> None:
    run_page()  # the first run syncs the demo
    category = str(store_frame()["category"].dropna().iloc[0])
    app = open_page(PAGE, category=category, tz="UTC")
    table = _reconciled(app)
    chosen = expected_sessions(category=category, tz="UTC")
    reported = table.loc["ACUs reported by sessions", "value"]
    assert reported == pytest.approx(chosen["acus_consumed"].sum(), abs=0.01)
    left_out = table.loc["+ sessions the filters leave out"]
    everything = expected_sessions(tz="UTC")["acus_consumed"].sum()
    assert left_out["difference"] == pytest.approx(everything - reported, abs=0.01)
    assert left_out["difference"] > 0
    assert "category" in left_out["cause"]
    assert "whole organization" in table.loc["ACUs billed", "cause"]
    steps = table["difference"].iloc[1:-1].sum()
    assert steps == pytest.approx(table.loc["ACUs billed", "difference"], abs=0.01)


def test_a_person_filter_reads_the_per_user_bill_of_that_person() -> None:
    run_page()
    app = open_page(PAGE, tz="UTC")
    people = next(t.value for t in app.dataframe if "billed_in_period" in t.value.columns)
    user = str(people["user_id"].iloc[0])
    app = open_page(PAGE, user=user, tz="UTC")
    table = _reconciled(app)
    assert "per-user bill of the selected people" in table.loc["ACUs billed", "cause"]
    bill = store_for(Settings.load(os.environ), FROZEN_NOW).consumption(user)
    assert table.loc["ACUs billed", "value"] <= sum(sum(day.values()) for day in bill.values())
    mine = expected_sessions(user=user, tz="UTC")
    assert table.loc["ACUs reported by sessions", "value"] == pytest.approx(
        mine["acus_consumed"].sum(), abs=0.01
    )


def test_people_are_named_on_spend_and_in_the_overviews_acus_per_merged_pr() -> None:
    app = run_page()
    names = _names()
    assert names, "the demo organization has named members"
    per_pr = next(t.value for t in app.dataframe if "person" in t.value.columns)
    shown = set(per_pr["person"].dropna())
    assert shown & set(names.values())
    assert not shown & set(names)  # no id where a name is known
    caption = " ".join(str(c.value) for c in app.caption).replace("\\", "")
    assert "ACUs billed for the billing days" in caption
    app.switch_page(PAGE).run()
    people = next(t.value for t in app.dataframe if "billed_in_period" in t.value.columns)
    for person, user in zip(people["person"], people["user_id"], strict=True):
        assert person == names.get(user, user)
    assert set(people["person"]) & set(names.values())
