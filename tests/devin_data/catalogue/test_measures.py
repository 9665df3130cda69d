"""The measures of the catalogue over real sessions frames: values, coverage and why none."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import pytest
from frame_fakes import T0, frame, record

from devin_data.analytics.definitions import definition_of
from devin_data.analytics.kpis import kpis
from devin_data.catalogue import MEASURES, Inputs, figure, figures
from devin_data.catalogue.units import NOT_AVAILABLE

WEB = "https://github.com/acme/web/pull/"


def _pr(number: int, state: str | None) -> dict[str, object]:
    return {"pr_url": f"{WEB}{number}", "pr_state": state}


def _sessions() -> pd.DataFrame:
    return frame(
        [
            # One merged PR and one the API reported without a state.
            record("a", acus_consumed=6.0, pull_requests=[_pr(1, "merged"), _pr(2, None)]),
            record("b", acus_consumed=4.0, pull_requests=[_pr(3, "open")]),
            record("c", acus_consumed=None, created=T0 + timedelta(hours=1)),
        ]
    )


def test_a_merged_pr_beside_one_without_a_state_counts() -> None:
    inputs = Inputs(_sessions())
    found = figures(["prs_opened", "prs_merged", "prs_state_unknown", "merge_rate"], inputs)
    assert found["prs_opened"].value == 3
    assert found["prs_merged"].value == 1
    assert found["prs_state_unknown"].value == 1
    # Merged over the PRs whose state is known (2), not over all opened (3).
    assert found["merge_rate"].value == pytest.approx(1 / 2)
    assert found["merge_rate"].text == "50.0%"
    assert found["merge_rate"].note == "PR states reported of 2 of 3 pull requests"
    assert figure("sessions_with_merged_pr", inputs).value == 1


def test_acus_per_merged_pr_leaves_out_sessions_without_acus() -> None:
    inputs = Inputs(_sessions(), price=2.5)
    per_pr = figure("acus_per_merged_pr", inputs)
    assert per_pr.value == pytest.approx(10.0)  # (6 + 4) ACUs over 1 merged PR
    assert per_pr.note == "ACUs reported of 2 of 3 sessions"
    assert figure("money_per_merged_pr", inputs).text == "$25.00"
    assert figure("money", inputs).text == "$25.00"


def test_the_headline_measures_equal_the_kpis() -> None:
    sessions = _sessions()
    headline = kpis(sessions)
    assert figure("sessions", Inputs(sessions)).value == headline["sessions"].value
    assert figure("acus_reported", Inputs(sessions)).value == headline["acus"].value
    assert figure("acus_reported", Inputs(sessions)).text == "10.00"
    assert figure("median_user_messages", Inputs(sessions)).text == "2.0"
    assert figure("share_large", Inputs(sessions)).text == "0.0%"


def test_without_a_price_or_with_a_v1_key_a_figure_says_why() -> None:
    money = figure("money", Inputs(_sessions()))
    assert money.value is None
    assert money.text == f"{NOT_AVAILABLE} (no ACU price is set)"
    v1 = figure("merge_rate", Inputs(_sessions(), api="v1"))
    assert v1.text.startswith(NOT_AVAILABLE)
    assert "v1" in v1.text
    assert figure("prs_merged", Inputs(_sessions(), api="v1")).value is None


def test_no_sessions_gives_a_blank_not_zero() -> None:
    empty = _sessions().iloc[:0]
    assert figure("merge_rate", Inputs(empty)).text == "—"
    assert figure("acus_per_session", Inputs(empty)).text == "—"
    assert figure("sessions", Inputs(empty)).text == "0"


def test_people_measures_count_people_not_service_users() -> None:
    sessions = frame(
        [
            record("a", user_id="user-ann"),
            record("b", user_id="user-ann"),
            record("c", user_id="user-bob"),
            record("d", user_id=None, service_user_id="svc-1"),
        ]
    )
    assert figure("active_people", Inputs(sessions)).value == 2
    assert figure("sessions_per_active_person", Inputs(sessions)).text == "1.5"


def test_every_measure_has_a_definition_and_computes() -> None:
    inputs = Inputs(_sessions(), price=1.0)
    for key, measure in MEASURES.items():
        assert measure.definition == definition_of(measure.term)
        found = figure(key, inputs)
        assert found.text, key
        assert "None" not in found.text, key
        assert "nan" not in found.text.lower(), key
