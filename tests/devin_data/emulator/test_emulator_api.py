"""The emulated API through httpx and the in-process transport: lists, filters, auth, insights."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from emulator_http import AT, SESSIONS, FakeClock, emulator_client, walk

from devin_data.config import DEMO_API_KEY
from devin_data.emulator import (
    ADMIN_KEY,
    NO_PERMISSION_KEY,
    ORG_ID,
    V1_KEY,
    VIEWER_KEY,
    DemoOrg,
    Emulator,
)
from devin_data.models import Page, Session


def test_pages_parse_as_models(api: httpx.Client) -> None:
    page = Page[Session].model_validate(api.get(SESSIONS, params={"first": 50}).json())
    assert len(page.items) == 50
    assert page.has_next_page
    assert page.total is not None
    assert page.total > 1000
    first = page.items[0]
    assert first.session_id.startswith("devin-")
    assert first.url == "https://app.devin.ai/sessions/" + first.session_id.removeprefix("devin-")
    assert first.org_id == ORG_ID
    raw = api.get(SESSIONS, params={"first": 1}).json()["items"][0]
    assert isinstance(raw["created_at"], int)
    assert "analysis" not in raw
    assert "num_user_messages" not in raw


def test_insights_list_adds_counts_size_and_analysis(api: httpx.Client) -> None:
    page = Page[Session].model_validate(
        api.get(f"{SESSIONS}/insights", params={"first": 200}).json()
    )
    assert all(s.session_size in {"xs", "s", "m", "l", "xl"} for s in page.items)
    assert all(s.num_user_messages and s.num_user_messages >= 1 for s in page.items)
    with_analysis = sum(s.analysis is not None for s in page.items)
    assert 0.6 * len(page.items) < with_analysis < 0.9 * len(page.items)


def test_cursor_walk_sees_every_session_once(
    api: httpx.Client, org: DemoOrg, clock: FakeClock
) -> None:
    seen: list[str] = []
    after = None
    while True:
        query: dict[str, Any] = {"first": 200, **({"after": after} if after else {})}
        body = api.get(SESSIONS, params=query).json()
        seen.extend(item["session_id"] for item in body["items"])
        clock.now += 3 * 3600  # new sessions appear during the walk without shifting pages
        if not body["has_next_page"]:
            break
        after = body["end_cursor"]
    assert len(seen) == len(set(seen))
    assert len(seen) == org.visible_count(clock.now - 3 * 3600)
    assert org.visible_count(clock.now) > org.visible_count(AT)


@pytest.mark.parametrize("first", ["0", "201", "many", "-3"])
def test_page_size_out_of_bounds_is_rejected(api: httpx.Client, first: str) -> None:
    response = api.get(SESSIONS, params={"first": first})
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail[0]["loc"] == ["query", "first"]
    assert detail[0]["msg"]


def test_bad_cursor_and_bad_filters_are_rejected(api: httpx.Client) -> None:
    assert api.get(SESSIONS, params={"after": "%%%"}).status_code == 422
    response = api.get(SESSIONS, params={"origins": "webapp,carrier-pigeon", "is_archived": "x"})
    locs = [error["loc"] for error in response.json()["detail"]]
    assert locs == [["query", "origins", 1], ["query", "is_archived"]]


def test_created_and_updated_bounds_are_strict(api: httpx.Client) -> None:
    items = api.get(SESSIONS, params={"first": 5}).json()["items"]
    edge = items[2]
    after = walk(api, SESSIONS, first=200, created_after=edge["created_at"])
    assert all(item["created_at"] > edge["created_at"] for item in after)
    assert edge["session_id"] not in {item["session_id"] for item in after}
    before = walk(api, SESSIONS, created_before=edge["created_at"])
    assert [i["session_id"] for i in before] == [i["session_id"] for i in items[:2]]
    updated = sorted(item["updated_at"] for item in walk(api, SESSIONS, first=200))
    cut = updated[len(updated) // 2]
    newer = walk(api, SESSIONS, first=200, updated_after=cut)
    older = walk(api, SESSIONS, first=200, updated_before=cut)
    assert all(i["updated_at"] > cut for i in newer)
    assert all(i["updated_at"] < cut for i in older)
    assert len(newer) + len(older) + updated.count(cut) == len(updated)


def test_list_filters(api: httpx.Client) -> None:
    slack = walk(api, SESSIONS, first=200, origins="slack")
    assert slack
    assert {i["origin"] for i in slack} == {"slack"}
    both = api.get(SESSIONS, params=[("origins", "slack"), ("origins", "teams")]).json()
    joined = api.get(SESSIONS, params={"origins": "slack,teams"}).json()
    assert both["total"] == joined["total"] > len(slack)
    tagged = walk(api, SESSIONS, first=200, tags="payments")
    assert tagged
    assert all("payments" in i["tags"] for i in tagged)
    archived = walk(api, SESSIONS, first=200, is_archived="true")
    assert archived
    assert all(i["is_archived"] for i in archived)
    bugs = api.get(SESSIONS, params={"category": "bug_fixing", "first": 200}).json()["items"]
    assert bugs
    assert {i["category"] for i in bugs} == {"bug_fixing"}
    user = bugs[0]["user_id"] or bugs[1]["user_id"]
    mine = walk(api, SESSIONS, first=200, user_ids=user)
    assert mine
    assert {i["user_id"] for i in mine} == {user}


def test_session_ids_filter_takes_ids_with_or_without_prefix(api: httpx.Client) -> None:
    items = api.get(SESSIONS, params={"first": 3}).json()["items"]
    wanted = [items[0]["session_id"], items[2]["session_id"].removeprefix("devin-")]
    body = api.get(SESSIONS, params=[("session_ids", w) for w in wanted]).json()
    assert [i["session_id"] for i in body["items"]] == [
        items[0]["session_id"],
        items[2]["session_id"],
    ]
    assert body["total"] == 2


def test_get_session_and_messages(api: httpx.Client, org: DemoOrg) -> None:
    item = api.get(f"{SESSIONS}/insights", params={"first": 1}).json()["items"][0]
    sid = item["session_id"]
    assert api.get(f"{SESSIONS}/{sid}").json() == {
        k: v
        for k, v in item.items()
        if k not in {"num_devin_messages", "num_user_messages", "session_size", "analysis"}
    }
    assert api.get(f"{SESSIONS}/{sid.removeprefix('devin-')}/insights").json() == item
    messages = walk(api, f"{SESSIONS}/{sid}/messages", first=7)
    sources = [m["source"] for m in messages]
    assert sources[0] == "user"
    assert sources.count("user") == item["num_user_messages"]
    assert sources.count("devin") == item["num_devin_messages"]
    assert [m["created_at"] for m in messages] == sorted(m["created_at"] for m in messages)
    assert messages[0]["created_at"] == item["created_at"]


def test_unknown_sessions_and_paths_are_404(api: httpx.Client, org: DemoOrg) -> None:
    assert api.get(f"{SESSIONS}/devin-0000").status_code == 404
    future = org.plans[-1].hex  # created after the clock: not visible yet
    assert api.get(f"{SESSIONS}/devin-{future}").status_code == 404
    assert api.get("/v3/organizations/org-demo/things").status_code == 404
    assert api.post(SESSIONS).status_code == 405


def test_auth_errors(emulator: Emulator) -> None:
    def status(key: str | None, path: str = SESSIONS, method: str = "GET") -> int:
        with emulator_client(emulator, key) as client:
            return client.request(method, path).status_code

    assert status(None) == 401
    assert status("cog_not_a_key") == 401
    assert status(V1_KEY) == 401
    assert status(ADMIN_KEY, "/v1/sessions") == 401
    assert status(NO_PERMISSION_KEY) == 403
    assert status(ADMIN_KEY, "/v3/organizations/org-other/sessions") == 404
    assert status(DEMO_API_KEY) == 200
    sid = emulator.org.plans[0].hex
    assert status(VIEWER_KEY, f"{SESSIONS}/devin-{sid}/insights/generate", "POST") == 403
    with emulator_client(emulator, NO_PERMISSION_KEY) as client:
        assert client.get(SESSIONS).json() == {"detail": "Missing permission ViewOrgSessions"}


def test_a_revoked_key_is_refused_from_then_on(emulator: Emulator) -> None:
    with emulator_client(emulator, ADMIN_KEY) as admin, emulator_client(emulator, V1_KEY) as v1:
        assert admin.get(SESSIONS, params={"first": 1}).status_code == 200
        emulator.revoke(ADMIN_KEY)
        refused = admin.get(SESSIONS, params={"first": 1})
        assert refused.status_code == 401
        assert refused.json() == {"detail": "This API key was revoked"}
        assert admin.get("/v3/enterprise/organizations").status_code == 401
        assert v1.get("/v1/sessions").status_code == 200  # other keys are untouched
    with emulator_client(emulator, VIEWER_KEY) as viewer:
        assert viewer.get(SESSIONS, params={"first": 1}).status_code == 200


def test_generate_insights_flow(api: httpx.Client, emulator: Emulator, clock: FakeClock) -> None:
    org = emulator.org
    pos = next(p for p in range(500) if not org.plans[p].analysed and org.view(p, AT).terminal)
    sid = "devin-" + org.plans[pos].hex
    updated = api.get(f"{SESSIONS}/{sid}/insights").json()["updated_at"]
    assert api.get(f"{SESSIONS}/{sid}/insights").json()["analysis"] is None
    generate = f"{SESSIONS}/{sid}/insights/generate"
    assert api.post(generate).json() == {"session_id": sid, "status": "started"}
    assert api.post(generate).json()["status"] == "already_exists"
    clock.now += 1
    assert api.get(f"{SESSIONS}/{sid}/insights").json()["analysis"] is None
    clock.now += 1.5
    after = api.get(f"{SESSIONS}/{sid}/insights").json()
    assert after["analysis"] is not None
    assert after["updated_at"] == updated
    done = next(p for p in range(500) if org.plans[p].analysed and org.view(p, AT).terminal)
    again = api.post(f"{SESSIONS}/devin-{org.plans[done].hex}/insights/generate").json()
    assert again["status"] == "already_exists"


def test_running_sessions_change_between_syncs(api: httpx.Client, clock: FakeClock) -> None:
    running = walk(api, SESSIONS, first=200, created_after=int(AT) - 86400)
    live = {i["session_id"]: i for i in running if i["status"] == "running"}
    assert 20 <= len(live) <= 60
    clock.now += 95 * 60
    later = {i["session_id"]: i for i in walk(api, SESSIONS, created_after=int(AT) - 86400)}
    finished = [sid for sid in live if later[sid]["status"] != "running"]
    assert len(finished) >= 20
    assert all(later[sid]["updated_at"] > live[sid]["updated_at"] for sid in finished)
    changed = walk(api, SESSIONS, first=200, updated_after=int(AT))
    assert set(finished) <= {i["session_id"] for i in changed}
