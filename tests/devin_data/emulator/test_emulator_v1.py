"""The emulator's v1 API and what it serves without a request: newest-first offset lists, details
whose messages match the counts and grow with the clock, and the payloads themselves."""

from __future__ import annotations

import httpx
from emulator_http import AT, SESSIONS, FakeClock, emulator_client, walk

from devin_data.emulator import (
    V1_KEY,
    DemoOrg,
    Emulator,
)
from devin_data.models import Session, normalize_v1


def test_v1_list_is_newest_first_with_offsets(emulator: Emulator, org: DemoOrg) -> None:
    with emulator_client(emulator, V1_KEY) as v1:
        first = v1.get("/v1/sessions", params={"limit": 10}).json()["sessions"]
        second = v1.get("/v1/sessions", params={"limit": 10, "offset": 10}).json()["sessions"]
        assert v1.get("/v1/sessions", params={"limit": 1001}).status_code == 422
        assert v1.get("/v1/sessions", params={"offset": -1}).status_code == 422
        email = org.users[0].email
        mine = v1.get("/v1/sessions", params={"user_email": email, "limit": 1000}).json()
        tagged = v1.get("/v1/sessions", params={"tags": "docs", "limit": 1000}).json()
    stamps = [s["created_at"] for s in first + second]
    assert stamps == sorted(stamps, reverse=True)
    assert first[0]["created_at"].endswith("+00:00")
    assert "." in first[0]["created_at"]
    assert {s["requesting_user_email"] for s in mine["sessions"]} == {email}
    assert tagged["sessions"]
    assert all("docs" in s["tags"] for s in tagged["sessions"])
    sessions = [Session.model_validate(s) for s in first]
    assert all(s.session_id.startswith("devin-") for s in sessions)


def test_v1_details_messages_match_counts(emulator: Emulator, api: httpx.Client) -> None:
    items = api.get(f"{SESSIONS}/insights", params={"first": 20}).json()["items"]
    with emulator_client(emulator, V1_KEY) as v1:
        for item in items:
            raw = v1.get(f"/v1/sessions/{item['session_id']}").json()
            session = normalize_v1(Session.model_validate(raw))
            assert raw["messages"][0]["type"] == "initial_user_message"
            assert session.num_user_messages == item["num_user_messages"]
            assert session.num_devin_messages == item["num_devin_messages"]
            assert session.status == item["status"]
            assert (raw["pull_request"] is None) == (not item["pull_requests"])


def test_messages_of_a_running_session_grow_with_the_clock(
    api: httpx.Client, org: DemoOrg, clock: FakeClock
) -> None:
    pos = next(p for p in range(len(org)) if org.plans[p].created < AT < org.plans[p].end)
    sid = "devin-" + org.plans[pos].hex
    counts = []
    for now in (AT, org.plans[pos].end):
        clock.now = now
        item = api.get(f"{SESSIONS}/{sid}/insights").json()
        messages = walk(api, f"{SESSIONS}/{sid}/messages", first=200)
        assert len(messages) == item["num_user_messages"] + item["num_devin_messages"]
        assert max(m["created_at"] for m in messages) == item["updated_at"]
        counts.append(len(messages))
    assert counts[0] < counts[1]


def test_payloads_without_requests(emulator: Emulator, org: DemoOrg, api: httpx.Client) -> None:
    refs = list(org.visible_sessions(AT))
    assert len(refs) == org.visible_count(AT)
    ref = refs[3]
    served = api.get(f"{SESSIONS}/{ref.session_id}/insights").json()
    assert emulator.session_payload(ref, insights=True) == served
    assert emulator.session_payload(ref.session_id)["created_at"] == ref.created_at
    assert emulator.stats.by_kind == {"v3_get_insights": 1}
