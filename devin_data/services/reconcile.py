"""ACUs reported by sessions beside ACUs billed for the filters in force, as the Spend page, the
Overview and the report show them (:mod:`devin_data.analytics.reconcile` computes the steps).

The bill is the whole organization's, or, with a person or team filter, the per-user bill of
those people once each of them has been read (:func:`devin_data.services.spend.refresh_people`);
the filters the bill cannot follow are named as applying to the sessions only.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from devin_data.analytics.reconcile import Reconciliation, billing_days, reconcile
from devin_data.analytics.spend import billed_frame
from devin_data.query.filters import FilterSpec
from devin_data.services.workspace import Workspace

# FilterSpec field -> its name in the sentence that says it applies to the sessions only.
SESSION_ONLY = {
    "origins": "origin",
    "categories": "category",
    "sizes": "size",
    "statuses": "status",
    "tags": "tag",
    "repositories": "repository",
    "search": "search",
}
PEOPLE_FILTERS = {"users": "person", "teams": "team"}


def people_of(spec: FilterSpec, sessions: pd.DataFrame, now: datetime) -> tuple[str, ...]:
    """The creators the person and team filters select (none without such a filter)."""
    if not (spec.users or spec.teams):
        return ()
    chosen = FilterSpec(preset="all", users=spec.users, teams=spec.teams, tz=spec.tz)
    return tuple(sorted(chosen.apply(sessions, now)["user_id"].dropna().unique().tolist()))


def _per_person_bill(ws: Workspace, users: tuple[str, ...]) -> pd.DataFrame | None:
    """The per-user bills of ``users`` summed per billing day, None unless each was read."""
    store = ws.store
    if not users or any(store.consumption_fetched_at(user) is None for user in users):
        return None
    frames = [billed_frame(store.consumption(user)) for user in users]
    summed = pd.concat(frames).groupby("day", as_index=False).sum(numeric_only=True)
    return summed if len(summed) else frames[0]


def one_side(spec: FilterSpec, per_person: bool) -> list[str]:
    """The filters in force that the bill cannot follow."""
    names = [name for field, name in SESSION_ONLY.items() if getattr(spec, field)]
    names += ["drill-down"] if spec.drills() else []
    if not per_person:
        names += [name for field, name in PEOPLE_FILTERS.items() if getattr(spec, field)]
    return names


def reconciliation(
    ws: Workspace,
    spec: FilterSpec,
    sessions: pd.DataFrame,
    selected: pd.DataFrame,
    now: datetime,
    *,
    billed_available: bool = True,
) -> Reconciliation:
    """The reported ACUs of ``selected`` (``sessions`` filtered by ``spec``) beside the billed
    ACUs of the same period's billing days, step by step."""
    window = spec.window(now)
    users = people_of(spec, sessions, now)
    person_bill = _per_person_bill(ws, users)
    per_person = person_bill is not None
    org_bill = billed_frame(ws.store.consumption())
    bill = person_bill if per_person else org_bill
    scope = sessions[sessions["user_id"].isin(users)] if per_person else sessions
    days = billing_days(window, now, org_bill, sessions)
    return reconcile(
        selected,
        scope,
        bill if billed_available else None,
        window,
        days,
        one_side=one_side(spec, per_person),
        per_person=per_person,
    )
