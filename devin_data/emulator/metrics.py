"""Session, pull-request and usage metrics: ``metrics/sessions``, ``/prs`` and ``/usage``.

Each counts the sessions *created* in ``[time_after, time_before)`` (epoch seconds) that exist at
the request's clock, as the sessions endpoints show them at that clock; a pull request counts in
the window of the session that opened it, and ``prs_opened_count`` counts those still open.
``metrics/sessions`` requires both bounds, the others default to all time. The emulated
organization records no searches, so ``searches_count`` and ``sessions_created_with_search_count``
are 0. Origins outside the documented set roll up as the docs say (``scheduled`` into
``automation``); legacy ones (``cli``, ``other``) are left out of ``sessions_created_by_origin``
but still count in ``sessions_created_count``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from devin_data.emulator.handlers import Backend, Body, route
from devin_data.emulator.keys import ACCOUNT_METRICS_PERMISSION, METRICS_PERMISSION
from devin_data.emulator.org import DemoOrg
from devin_data.emulator.params import Query
from devin_data.emulator.timeline import View
from devin_data.emulator.vocab import PLAYBOOKS, SIZES

METRIC_ORIGINS = (
    "api", "automation", "code_scan", "desktop", "jira", "linear", "slack", "teams", "webapp",
)  # fmt: skip
_ROLL_UP = {"scheduled": "automation"}


def _window(query: Query, *, required: bool) -> tuple[int, float]:
    after = query.integer("time_after", None, ge=0)
    before = query.integer("time_before", None, ge=0)
    for name, value in (("time_after", after), ("time_before", before)):
        if required and value is None and not query.raw(name):
            error = {"type": "missing", "loc": ["query", name], "msg": "Field required"}
            query.errors.append({**error, "input": None})
    if after is not None and before is not None and after > before:
        query.invalid("time_before", "time_before must not be earlier than time_after", before)
    return after or 0, float("inf") if before is None else before


def _created_in(org: DemoOrg, start: int, end: float, now: float) -> Iterator[tuple[int, View]]:
    for ref in org.visible_sessions(now):
        if start <= ref.created_at < end:
            yield ref.pos, org.view(ref.pos, now)


def _merged(view: View) -> bool:
    return any(state == "merged" for _, state in view.prs)


def _chosen(
    org: DemoOrg, pos: int, users: tuple[str, ...] | None, services: tuple[str, ...] | None
) -> bool:
    """Whether a session passes the ``user_ids``/``service_user_ids`` filter (either matches)."""
    if users is None and services is None:
        return True
    plan = org.plans[pos]
    user = org.users[plan.user].user_id if plan.user >= 0 else None
    service = (
        org.service_users[plan.service_user].service_user_id if plan.service_user >= 0 else None
    )
    return user in (users or ()) or service in (services or ())


def session_metrics(emu: Backend, _: tuple[str, ...], query: Query, now: float) -> Body:
    start, end = _window(query, required=True)
    users, services = query.many("user_ids"), query.many("service_user_ids")
    playbook = query.text("playbook_id")
    query.check()
    org, count, acus = emu.org, 0, 0.0
    origins: Counter[str] = Counter()
    sizes: Counter[str] = Counter()
    merged_sizes: Counter[str] = Counter()
    with_playbook = merged = 0
    for pos, view in _created_in(org, start, end, now):
        plan = org.plans[pos]
        name = PLAYBOOKS[plan.playbook] if plan.playbook >= 0 else None
        if not _chosen(org, pos, users, services) or playbook not in (None, name):
            continue
        count, acus = count + 1, acus + view.acus
        origins[_ROLL_UP.get(plan.origin, plan.origin)] += 1
        sizes[SIZES[view.size]] += 1
        with_playbook += name is not None
        if _merged(view):
            merged += 1
            merged_sizes[SIZES[view.size]] += 1
    return {
        "sessions_created_count": count,
        "avg_acus_per_session": round(acus / count, 4) if count else 0.0,
        "sessions_created_with_playbook_count": with_playbook,
        "sessions_created_with_search_count": 0,
        "sessions_with_merged_prs_count": merged,
        "sessions_created_by_origin": {o: origins[o] for o in METRIC_ORIGINS},
        "sessions_created_by_size": {s: sizes[s] for s in SIZES},
        "sessions_with_merged_prs_by_size": {s: merged_sizes[s] for s in SIZES},
    }


def _pr_states(emu: Backend, query: Query, now: float) -> tuple[Counter[str], int]:
    start, end = _window(query, required=False)
    query.check()
    states: Counter[str] = Counter()
    sessions = 0
    for _, view in _created_in(emu.org, start, end, now):
        sessions += 1
        states.update(state for _, state in view.prs)
    return states, sessions


def pr_metrics(emu: Backend, _: tuple[str, ...], query: Query, now: float) -> Body:
    states = _pr_states(emu, query, now)[0]
    return {
        "prs_created_count": sum(states.values()),
        "prs_opened_count": states["open"],
        "prs_merged_count": states["merged"],
        "prs_closed_count": states["closed"],
    }


def usage_metrics(emu: Backend, _: tuple[str, ...], query: Query, now: float) -> Body:
    states, sessions = _pr_states(emu, query, now)
    usage: dict[str, Any] = {"prs_created_count": sum(states.values())}
    usage |= {"prs_merged_count": states["merged"], "searches_count": 0}
    return usage | {"sessions_count": sessions}


_METRICS = "/v3/organizations/{org}/metrics/"
ROUTES = (
    route("metrics_sessions", "GET", _METRICS + "sessions", session_metrics, METRICS_PERMISSION),
    route("metrics_prs", "GET", _METRICS + "prs", pr_metrics, METRICS_PERMISSION),
    route("metrics_usage", "GET", _METRICS + "usage", usage_metrics, ACCOUNT_METRICS_PERMISSION),
)
