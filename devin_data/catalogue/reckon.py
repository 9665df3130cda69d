"""The arithmetic behind the measures: a value, why there is none, and its coverage.

Each function takes :class:`~devin_data.catalogue.inputs.Inputs` and returns a :class:`Reckoning`;
the registry in :mod:`devin_data.catalogue.measures` names them. The headline KPIs reuse
:func:`devin_data.analytics.kpis.kpis`, the waits :mod:`devin_data.analytics.waiting`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from devin_data.analytics.adoption import humans
from devin_data.analytics.measures import kpis as headline_kpis
from devin_data.analytics.waiting import median_answer_time, session_spans
from devin_data.catalogue.coverage import Coverage, whole
from devin_data.catalogue.inputs import Inputs
from devin_data.frames.availability import api_reason, missing_reason

NO_PRICE = "no ACU price is set"
NO_BILL = "billed ACUs not read"
NO_MESSAGES = "no messages of these sessions are cached"
NO_PR_STATE = "no pull request of these sessions has a known state"


@dataclass(frozen=True)
class Reckoning:
    """A value (None when undefined), why it cannot be shown (``missing``), and its coverage."""

    value: float | None
    coverage: Coverage
    missing: str | None = None


Compute = Callable[[Inputs], Reckoning]


def _reported(inputs: Inputs, column: str, what: str) -> tuple[pd.Series, Coverage, str | None]:
    """The reported values of ``column``, how many sessions report it, and why none can be used."""
    frame = inputs.sessions
    reason = missing_reason(frame, column, inputs.api)
    values = frame[column].iloc[:0] if reason else frame[column].dropna()
    return values, Coverage(len(values), len(frame), what), reason


def _kpi(key: str, column: str, what: str) -> Compute:
    """A headline KPI of :func:`~devin_data.analytics.kpis.kpis`, covered by ``column``."""

    def compute(inputs: Inputs) -> Reckoning:
        found = headline_kpis(inputs.sessions, inputs.api)[key]
        if column == "session_id":
            return Reckoning(found.value, whole(len(inputs.sessions), what), found.missing)
        _, coverage, _ = _reported(inputs, column, what)
        return Reckoning(found.value, coverage, found.missing)

    return compute


sessions = _kpi("sessions", "session_id", "sessions")
acus_reported = _kpi("acus", "acus_consumed", "ACUs reported")
acus_per_session = _kpi("acus_per_session", "acus_consumed", "ACUs reported")
sessions_with_merged_pr = _kpi("sessions_with_merged_pr", "has_merged_pr", "PR states reported")
median_user_messages = _kpi("median_user_messages", "num_user_messages", "user messages reported")
share_large = _kpi("share_large", "session_size", "a size class")
share_with_insights = _kpi("share_with_insights", "session_id", "sessions")


def _priced(inputs: Inputs, found: Reckoning) -> Reckoning:
    if inputs.price is None:
        return Reckoning(None, found.coverage, found.missing or NO_PRICE)
    value = None if found.value is None else found.value * inputs.price
    return Reckoning(value, found.coverage, found.missing)


def money(inputs: Inputs) -> Reckoning:
    return _priced(inputs, acus_reported(inputs))


def acus_billed(inputs: Inputs) -> Reckoning:
    if inputs.billed is None:
        return Reckoning(None, Coverage(0, 0, "billing days read", "days"), NO_BILL)
    days = len(inputs.billed)
    value = float(inputs.billed["billed"].sum()) if days else None
    return Reckoning(value, whole(days, "billing days read", "days"))


def _prs(inputs: Inputs) -> tuple[int, int, int, str | None]:
    """PRs opened, merged and without a state, and why states cannot be read (a v1 key)."""
    frame = inputs.sessions
    opened = int(frame["pr_count"].sum())
    unknown = int(frame["prs_state_unknown"].sum())
    merged = int(frame["prs_merged"].sum())  # NA (no state at all) is skipped
    return opened, merged, unknown, api_reason("prs_merged", inputs.api)


def _pr_coverage(opened: int, unknown: int) -> Coverage:
    return Coverage(opened - unknown, opened, "PR states reported", "pull requests")


def prs_opened(inputs: Inputs) -> Reckoning:
    opened, _, _, _ = _prs(inputs)
    return Reckoning(opened, whole(opened, "pull requests", "pull requests"))


def prs_merged(inputs: Inputs) -> Reckoning:
    opened, merged, unknown, reason = _prs(inputs)
    return Reckoning(None if reason else merged, _pr_coverage(opened, unknown), reason)


def prs_state_unknown(inputs: Inputs) -> Reckoning:
    opened, _, unknown, _ = _prs(inputs)
    return Reckoning(unknown, whole(opened, "pull requests", "pull requests"))


def merge_rate(inputs: Inputs) -> Reckoning:
    """Merged PRs over the PRs whose state is known; PRs without a state are in neither."""
    opened, merged, unknown, reason = _prs(inputs)
    known = opened - unknown
    if not reason and opened and not known:
        reason = NO_PR_STATE
    value = merged / known if known and not reason else None
    return Reckoning(value, _pr_coverage(opened, unknown), reason)


def session_merge_rate(inputs: Inputs) -> Reckoning:
    """Sessions with a merged PR over the sessions whose PR states are known."""
    values, coverage, reason = _reported(inputs, "has_merged_pr", "PR states reported")
    value = float(values.astype("float64").mean()) if len(values) else None
    return Reckoning(value, coverage, reason)


def acus_per_merged_pr(inputs: Inputs) -> Reckoning:
    """ACUs of the sessions reporting ACUs over their merged PRs; none without a merged PR."""
    values, coverage, reason = _reported(inputs, "acus_consumed", "ACUs reported")
    reason = reason or api_reason("prs_merged", inputs.api)
    merged = inputs.sessions.loc[values.index, "prs_merged"].sum()
    value = float(values.sum()) / int(merged) if not reason and merged else None
    return Reckoning(value, coverage, reason)


def money_per_merged_pr(inputs: Inputs) -> Reckoning:
    return _priced(inputs, acus_per_merged_pr(inputs))


def user_messages_per_session(inputs: Inputs) -> Reckoning:
    values, coverage, reason = _reported(inputs, "num_user_messages", "user messages reported")
    value = float(values.astype("float64").mean()) if len(values) else None
    return Reckoning(value, coverage, reason)


def _spans(inputs: Inputs) -> tuple[pd.DataFrame | None, Coverage]:
    total = len(inputs.sessions)
    if inputs.messages is None or inputs.messages.empty:
        return None, Coverage(0, total, "messages cached")
    spans = session_spans(inputs.messages)
    return spans, Coverage(len(spans), total, "messages cached")


def _hours(part: str) -> Compute:
    def compute(inputs: Inputs) -> Reckoning:
        spans, coverage = _spans(inputs)
        if spans is None:
            return Reckoning(None, coverage, NO_MESSAGES)
        return Reckoning(pd.Timedelta(spans[part].sum()).total_seconds() / 3600, coverage)

    return compute


hours_working = _hours("working")
hours_waiting = _hours("waiting")


def median_answer_minutes(inputs: Inputs) -> Reckoning:
    spans, coverage = _spans(inputs)
    if spans is None or inputs.messages is None:
        return Reckoning(None, coverage, NO_MESSAGES)
    answer = median_answer_time(inputs.messages)
    return Reckoning(None if answer is None else answer.total_seconds() / 60, coverage)


def active_people(inputs: Inputs) -> Reckoning:
    people = humans(inputs.sessions)
    return Reckoning(int(people["user_id"].nunique()), whole(len(people), "a user id"))


def sessions_per_active_person(inputs: Inputs) -> Reckoning:
    people = humans(inputs.sessions)
    active = int(people["user_id"].nunique())
    return Reckoning(len(people) / active if active else None, whole(len(people), "a user id"))
