"""Members, billed consumption, active users and the enterprise scope, checked against the
sessions the same emulator serves at the same clock."""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise
from typing import Any

import httpx
import pytest
from emulator_http import ANCHOR, FakeClock, emulator_client, walk

from devin_data.emulator import ADMIN_KEY, ORG_ID, DemoOrg, Emulator
from devin_data.emulator.consumption import PRODUCTS, day_of
from devin_data.emulator.keys import (
    ANALYST_KEY,
    ENTERPRISE_KEY,
    NO_PERMISSION_KEY,
    SECOND_ORG_ID,
    V1_KEY,
    VIEWER_KEY,
)

# The anchor itself, and an earlier clock in the middle of a consumption day and of a week.
CLOCKS = (ANCHOR.timestamp(), ANCHOR.timestamp() - 23 * 86400 - 5 * 3600 - 17)
MEMBERS = f"/v3beta1/organizations/{ORG_ID}/members/users"
DAILY = f"/v3/organizations/{ORG_ID}/consumption/daily"
METRICS = f"/v3/organizations/{ORG_ID}/metrics"


@pytest.fixture(scope="module")
def org() -> DemoOrg:
    return DemoOrg.generate(900, seed=5, anchor=ANCHOR)


@pytest.fixture(params=CLOCKS, ids=["anchor", "mid-day"])
def emulator(org: DemoOrg, request: pytest.FixtureRequest) -> Emulator:
    return Emulator(org, clock=FakeClock(request.param))


def _sessions(api: httpx.Client, org_id: str = ORG_ID) -> list[dict[str, Any]]:
    return walk(api, f"/v3/organizations/{org_id}/sessions", first=200)


def test_members_name_every_user_seen_in_sessions(api: httpx.Client, emulator: Emulator) -> None:
    members = walk(api, MEMBERS, first=7)
    by_id = {m["user_id"]: m for m in members}
    assert len(by_id) == len(members) > 7  # several pages, no repeats
    assert {k: m["email"] for k, m in by_id.items()} == emulator.members_truth()
    assert all(m["name"] and "@" in m["email"] for m in members)
    seen = {s["user_id"] for s in _sessions(api) if s["user_id"] is not None}
    assert seen <= set(by_id)
    one = members[3]
    found = api.get(MEMBERS, params={"email": one["email"].upper()}).json()["items"]
    assert [m["user_id"] for m in found] == [one["user_id"]]
    detail = api.get(f"{MEMBERS}/{one['user_id']}").json()
    assert detail["name"] == one["name"]
    groups = [a["idp_group_name"] for a in detail["idp_role_assignments"]]
    truth = emulator.groups_truth()[one["user_id"]]
    assert groups == ([] if truth is None else [truth])
    assert api.get(f"{MEMBERS}/user-000000000000").status_code == 404


def test_member_list_validates_its_query(api: httpx.Client) -> None:
    for params in ({"first": "0"}, {"first": "201"}, {"after": "not-a-cursor"}):
        response = api.get(MEMBERS, params=params)
        assert response.status_code == 422, params
        assert response.json()["detail"][0]["loc"][0] == "query"


def test_each_endpoint_answers_401_403_404_by_key(emulator: Emulator) -> None:
    def status(key: str | None, path: str) -> int:
        with emulator_client(emulator, key) as client:
            return client.get(path).status_code

    week = f"{METRICS}/dau?time_after=1778457600&time_before=1779062400"
    assert status(None, MEMBERS) == 401
    assert status(V1_KEY, DAILY) == 401
    for key in (ANALYST_KEY, VIEWER_KEY, NO_PERMISSION_KEY):
        assert status(key, MEMBERS) == 403
    with emulator_client(emulator, ANALYST_KEY) as client:
        assert "ViewOrgMembership" in client.get(MEMBERS).json()["detail"]
    assert status(ANALYST_KEY, DAILY) == 200
    assert status(ANALYST_KEY, week) == 200
    assert status(VIEWER_KEY, DAILY) == 403
    assert status(VIEWER_KEY, week) == 403
    assert status(ANALYST_KEY, f"{METRICS}/usage") == 200
    assert status(VIEWER_KEY, f"{METRICS}/usage") == 403
    with emulator_client(emulator, VIEWER_KEY) as client:
        assert "ViewAccountMetrics" in client.get(f"{METRICS}/usage").json()["detail"]
    other = MEMBERS.replace(ORG_ID, SECOND_ORG_ID)
    assert status(ADMIN_KEY, other) == 404
    assert status(ADMIN_KEY, DAILY.replace(ORG_ID, "org-nowhere")) == 404
    assert status(ADMIN_KEY, "/v3/enterprise/organizations") == 403
    assert status(ENTERPRISE_KEY, DAILY.replace(ORG_ID, "org-nowhere")) == 404


def test_devin_product_is_the_sessions_acus_of_each_day(
    api: httpx.Client, emulator: Emulator
) -> None:
    by_day: dict[int, float] = defaultdict(float)
    for session in _sessions(api):
        by_day[day_of(session["created_at"])] += session["acus_consumed"]
    body = api.get(DAILY).raise_for_status().json()
    days = body["consumption_by_date"]
    assert [d["date"] for d in days] == sorted({d["date"] for d in days})
    assert all(d["date"] % 86400 == 8 * 3600 for d in days)
    assert {d["date"] for d in days} >= set(by_day)
    assert days[-1]["date"] == day_of(emulator.clock())
    for day in days:
        products = day["acus_by_product"]
        assert products["devin"] == pytest.approx(by_day.get(day["date"], 0.0), abs=1e-6)
        assert products == pytest.approx(emulator.consumption_truth(day["date"]))
        assert day["acus"] == pytest.approx(sum(products.values()))
    assert body["total_acus"] == pytest.approx(sum(d["acus"] for d in days))
    others = sum(d["acus_by_product"][p] for d in days for p in PRODUCTS[1:])
    assert 0 < others < sum(by_day.values())


def test_per_user_consumption_adds_up_to_the_organization(
    api: httpx.Client, emulator: Emulator, org: DemoOrg
) -> None:
    whole = api.get(DAILY).json()["consumption_by_date"]
    summed: dict[tuple[int, str], float] = defaultdict(float)
    owners = [f"users/{u.user_id}" for u in org.users]
    owners += [f"service-users/{s.service_user_id}" for s in org.service_users]
    for owner in owners:
        for day in api.get(f"{DAILY}/{owner}").raise_for_status().json()["consumption_by_date"]:
            for product, acus in day["acus_by_product"].items():
                summed[day["date"], product] += acus
    for day in whole:
        for product, acus in day["acus_by_product"].items():
            assert summed[day["date"], product] == pytest.approx(acus, abs=1e-6)
    busiest = max(org.users, key=lambda u: sum(p.user == org.users.index(u) for p in org.plans))
    last = whole[-2]["date"]
    mine = api.get(f"{DAILY}/users/{busiest.user_id}").json()["consumption_by_date"]
    expected = emulator.consumption_truth(last, who=busiest.user_id)
    assert next(d for d in mine if d["date"] == last)["acus_by_product"] == expected
    assert api.get(f"{DAILY}/users/user-000000000000").status_code == 404
    assert api.get(f"{DAILY}/service-users/service-user-0").status_code == 404


def test_consumption_window_and_validation(api: httpx.Client, emulator: Emulator) -> None:
    end = day_of(emulator.clock())
    start = end - 5 * 86400
    params = {"time_after": start - 3600, "time_before": end}  # a start between two days
    days = api.get(DAILY, params=params).json()["consumption_by_date"]
    assert [d["date"] for d in days] == [start + k * 86400 for k in range(5)]
    for bad in (
        {"time_after": "soon"},
        {"time_before": "-1"},
        {"time_after": end, "time_before": start},
    ):
        assert api.get(DAILY, params=bad).status_code == 422, bad


def _distinct_users(sessions: list[dict[str, Any]], start: int, end: int) -> int:
    return len({s["user_id"] for s in sessions if s["user_id"] and start <= s["created_at"] < end})


@pytest.mark.parametrize("period", ["dau", "wau", "mau"])
def test_active_users_are_distinct_session_creators(
    api: httpx.Client, emulator: Emulator, period: str
) -> None:
    sessions = _sessions(api)
    now = int(emulator.clock())
    window = {"time_after": now - 40 * 86400, "time_before": now + 1}
    entries = api.get(f"{METRICS}/{period}", params=window).raise_for_status().json()
    assert entries[0]["start_time"] <= window["time_after"] < entries[0]["end_time"]
    assert entries[-1]["start_time"] <= now < entries[-1]["end_time"]
    assert all(a["end_time"] == b["start_time"] for a, b in pairwise(entries))
    for entry in entries:
        start, end = entry["start_time"], entry["end_time"]
        assert entry["active_users"] == _distinct_users(sessions, start, end)
        assert entry["active_users"] == emulator.active_users_truth(start, end)
    assert any(entry["active_users"] > 0 for entry in entries)


def test_active_users_need_a_bounded_window(api: httpx.Client) -> None:
    assert api.get(f"{METRICS}/dau", params={"time_after": 0}).status_code == 422
    wide = {"time_after": 0, "time_before": 500 * 86400}
    assert api.get(f"{METRICS}/mau", params=wide).status_code == 422


def test_enterprise_key_reads_both_organizations(emulator: Emulator) -> None:
    with (
        emulator_client(emulator, ENTERPRISE_KEY) as enterprise,
        emulator_client(emulator) as admin,
    ):
        orgs = walk(enterprise, "/v3/enterprise/organizations")
        assert [o["org_id"] for o in orgs] == [ORG_ID, SECOND_ORG_ID]
        mine, theirs = _sessions(enterprise, ORG_ID), _sessions(enterprise, SECOND_ORG_ID)
        assert mine == _sessions(admin, ORG_ID)
        assert len(theirs) > 0
        assert {s["org_id"] for s in theirs} == {SECOND_ORG_ID}
        assert not {s["session_id"] for s in mine} & {s["session_id"] for s in theirs}
        assert admin.get(f"/v3/organizations/{SECOND_ORG_ID}/sessions").status_code == 404
        path = f"/v3/organizations/{SECOND_ORG_ID}/consumption/daily"
        days = enterprise.get(path).json()["consumption_by_date"]
        truth = emulator.consumption_truth(days[-1]["date"], org_id=SECOND_ORG_ID)
        assert days[-1]["acus_by_product"] == pytest.approx(truth)


def test_billing_cycles_and_acu_limits(emulator: Emulator) -> None:
    with emulator_client(emulator, ENTERPRISE_KEY) as enterprise:
        cycles = walk(enterprise, "/v3/enterprise/consumption/cycles", first=2)
        limits = walk(enterprise, "/v3/enterprise/consumption/acu-limits/devin")
    assert all(a["before"] == b["after"] for a, b in pairwise(cycles))
    assert all(day_of(c["after"]) == c["after"] for c in cycles)
    assert cycles[-1]["after"] <= emulator.clock() < cycles[-1]["before"]
    scopes = [(lim["scope"], lim["org_id"]) for lim in limits]
    assert scopes[:3] == [("enterprise", None), ("org", ORG_ID), ("org", SECOND_ORG_ID)]
    assert limits[0]["cycle_acu_limit"] == sum(lim["cycle_acu_limit"] for lim in limits[1:3])
    users = [lim for lim in limits if lim["scope"] == "user"]
    assert len(users) == 2
    assert all(lim["user_id"] in emulator.members_truth(now=1e12) for lim in users)


def _in_window(sessions: list[dict[str, Any]], start: int, end: int) -> list[dict[str, Any]]:
    return [s for s in sessions if start <= s["created_at"] < end]


def test_session_and_pr_metrics_count_the_sessions_served(
    api: httpx.Client, emulator: Emulator
) -> None:
    now = int(emulator.clock())
    window = {"time_after": now - 30 * 86400, "time_before": now + 1}
    served = _in_window(_sessions(api), window["time_after"], window["time_before"])
    body = api.get(f"{METRICS}/sessions", params=window).raise_for_status().json()
    assert body["sessions_created_count"] == len(served) > 0
    acus = sum(s["acus_consumed"] for s in served) / len(served)
    assert body["avg_acus_per_session"] == pytest.approx(acus, abs=1e-3)
    merged = [s for s in served if any(p["pr_state"] == "merged" for p in s["pull_requests"])]
    assert body["sessions_with_merged_prs_count"] == len(merged)
    assert sum(body["sessions_with_merged_prs_by_size"].values()) == len(merged)
    assert sum(body["sessions_created_by_size"].values()) == len(served)
    assert body["sessions_created_with_playbook_count"] == sum(
        s["playbook_id"] is not None for s in served
    )
    slack = sum(s["origin"] == "slack" for s in served)
    assert body["sessions_created_by_origin"]["slack"] == slack
    states = [p["pr_state"] for s in served for p in s["pull_requests"]]
    prs = api.get(f"{METRICS}/prs", params=window).raise_for_status().json()
    assert prs["prs_created_count"] == len(states)
    assert prs["prs_merged_count"] == states.count("merged") > 0
    assert prs["prs_opened_count"] == states.count("open")
    usage = api.get(f"{METRICS}/usage", params=window).raise_for_status().json()
    assert usage["sessions_count"] == len(served)
    assert usage["prs_merged_count"] == prs["prs_merged_count"]


def test_session_metrics_filter_by_user_and_need_a_window(api: httpx.Client) -> None:
    sessions = _sessions(api)
    user = next(s["user_id"] for s in sessions if s["user_id"])
    window = {"time_after": 0, "time_before": 2**40, "user_ids": user}
    body = api.get(f"{METRICS}/sessions", params=window).json()
    assert body["sessions_created_count"] == sum(s["user_id"] == user for s in sessions)
    assert api.get(f"{METRICS}/sessions", params={"time_after": 0}).status_code == 422
    assert api.get(f"{METRICS}/prs", params={"time_after": "x"}).status_code == 422
