"""ACUs reported by sessions beside ACUs billed, and every cause of their difference.

Two honest figures: the ACUs the sessions created in the selected local days report (with the
filters), and the ACUs billed on the billing days of that period (08:00 UTC to 08:00 UTC; the
whole organization, or the per-user bill of the selected people). The steps from one to the
other add up exactly: the sessions the filters leave out, the day boundary, what the bill holds
for Devin beyond the cached sessions, and the other products.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

import pandas as pd

from devin_data.analytics.spend import PRODUCTS, session_day
from devin_data.models.billing import billing_day

REPORTED = "ACUs reported by sessions"
BILLED = "ACUs billed"
RECONCILE_COLUMNS = ("figure", "value", "difference", "cause")
OTHER_PRODUCTS = tuple(p for p in PRODUCTS if p != "devin")


@dataclass(frozen=True)
class Reconciliation:
    """The reported and billed ACUs of one period and the steps between them (ACUs each);
    ``billed`` is None when no billed consumption is available."""

    reported: float
    filters: float
    day_boundary: float
    beyond_sessions: float
    other_products: float
    billed: float | None
    days: tuple[date, date]
    one_side: tuple[str, ...]
    per_person: bool

    def table(self) -> pd.DataFrame:
        """figure / value / difference / cause: the running figure after each step, the step,
        and what it is; the last row is the bill and its difference from the first."""
        first, last = self.days
        whose = "the per-user bill of the selected people" if self.per_person else "the whole"
        whose += "" if self.per_person else " organization"
        rows: list[tuple[str, float, float | None, str]] = [
            (REPORTED, self.reported, None, _REPORTED_CAUSE)
        ]
        if self.billed is not None:
            running = self.reported
            for figure, step, cause in self._steps():
                running += step
                rows.append((figure, running, step, cause))
            cause = f"Billing days {first:%d %b %Y} to {last:%d %b %Y} (from 08:00 UTC), {whose}."
            rows.append((BILLED, self.billed, self.billed - self.reported, cause))
        return pd.DataFrame(rows, columns=list(RECONCILE_COLUMNS))

    def _steps(self) -> list[tuple[str, float, str]]:
        names = ", ".join(self.one_side)
        filtered = (
            f"The filters {names} apply to the sessions only: the bill cannot be split by them."
            if self.one_side
            else "No filter applies to the sessions only."
        )
        return [
            ("+ sessions the filters leave out", self.filters, filtered),
            ("+ the day boundary", self.day_boundary, _BOUNDARY_CAUSE),
            ("+ Devin billed beyond the cached sessions", self.beyond_sessions, _BEYOND_CAUSE),
            ("+ other products", self.other_products, _OTHER_CAUSE),
        ]


_REPORTED_CAUSE = "Sessions created in the selected local days, with the filters."
_BOUNDARY_CAUSE = (
    "Billing days run from 08:00 UTC, not from midnight in your zone: sessions created between "
    "the two fall on another day."
)
_BEYOND_CAUSE = (
    "Sessions not cached (created before the synced period, or not loaded), or ACUs a session "
    "used since the last sync."
)
_OTHER_CAUSE = f"Billed for {', '.join(OTHER_PRODUCTS)}, which no session reports."


def _acus(frame: pd.DataFrame) -> float:
    return float(frame["acus_consumed"].sum()) if len(frame) else 0.0


def billing_days(
    window: tuple[pd.Timestamp | None, pd.Timestamp | None],
    now: datetime,
    billed: pd.DataFrame,
    sessions: pd.DataFrame,
) -> tuple[date, date]:
    """The billing days of a period of local days: from the one holding its start (all time:
    the first billed or session day) to the one holding its end or ``now``, the earlier."""
    start, end = window
    if start is not None:
        first = billing_day(start.to_pydatetime())
    else:
        known = [*billed["day"], *(session_day(sessions) if len(sessions) else [])]
        first = min(known) if known else billing_day(now)
    last = billing_day(min(end.to_pydatetime(), now) if end is not None else now)
    return first, max(first, last)


def reconcile(
    selected: pd.DataFrame,
    scope: pd.DataFrame,
    billed: pd.DataFrame | None,
    window: tuple[pd.Timestamp | None, pd.Timestamp | None],
    days: tuple[date, date],
    *,
    one_side: Sequence[str] = (),
    per_person: bool = False,
) -> Reconciliation:
    """``selected``: the sessions of the period with every filter; ``scope``: every session the
    bill covers (all dates); ``billed``: its billed days (:func:`billed_frame`), None when not
    available; ``window`` the UTC bounds of the local days and ``days`` their billing days."""
    start, end = window
    created = scope["created_at"]
    in_window = pd.Series(True, index=scope.index)
    if start is not None:
        in_window &= created >= start
    if end is not None:
        in_window &= created < end
    local = _acus(scope[in_window])
    day = session_day(scope) if len(scope) else pd.Series(dtype="object")
    first, last = days
    on_days = _acus(scope[(day >= first) & (day <= last)]) if len(scope) else 0.0
    reported = _acus(selected)
    if billed is None:
        return Reconciliation(reported, 0.0, 0.0, 0.0, 0.0, None, days, tuple(one_side), per_person)
    bill = billed[(billed["day"] >= first) & (billed["day"] <= last)]
    devin = float(bill["devin"].sum())
    other = float(bill[list(OTHER_PRODUCTS)].to_numpy().sum())
    return Reconciliation(
        reported=reported,
        filters=local - reported,
        day_boundary=on_days - local,
        beyond_sessions=devin - on_days,
        other_products=other,
        billed=devin + other,
        days=days,
        one_side=tuple(one_side),
        per_person=per_person,
    )
