"""What the client hands back: lenient parsing, v1 normalised onto v3, insights generation."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
from client_fakes import EPOCH_2026, KEY, SESSIONS, FakeApi, page, v1_session, v3_session

from devin_data.api.client import DevinClient
from devin_data.models import GenerateInsightsResult

ANALYSIS = {
    "classification": {"category": "bug_fixing", "confidence": 0.9, "programming_languages": None},
    "issues": [{"id": "i1", "issue": "Flaky test", "impact": "Low", "label": "Testing"}],
    "action_items": None,
    "timeline": [{"title": "Opened PR", "description": "done", "color": "green"}],
}


def test_sessions_are_parsed_leniently(client: DevinClient, api: FakeApi) -> None:
    odd = v3_session(
        1,
        session_id="0001",
        status="Hibernating",
        origin="carrier_pigeon",
        tags=None,
        pull_requests=None,
        child_session_ids=["c1", "devin-c2"],
        parent_session_id="p1",
        brand_new_field={"nested": True},
    )
    minimal = {"session_id": "devin-0002", "created_at": EPOCH_2026}
    api.add("GET", SESSIONS, page([odd, minimal], None))

    first, second = client.list_sessions_page().items

    assert first.session_id == "devin-0001"
    assert (first.status, first.origin) == ("hibernating", "carrier_pigeon")
    assert (first.tags, first.pull_requests) == ([], [])
    assert first.child_session_ids == ["devin-c1", "devin-c2"]
    assert first.parent_session_id == "devin-p1"
    assert first.model_extra == {"brand_new_field": {"nested": True}}
    assert (second.title, second.acus_consumed, second.analysis) == (None, None, None)
    assert second.updated_at == second.created_at == datetime(2026, 1, 1, tzinfo=UTC)


def test_v1_iso_and_v3_epoch_timestamps_agree(client: DevinClient, api: FakeApi) -> None:
    api.add("GET", f"{SESSIONS}/devin-same/insights", httpx.Response(200, json=v3_session(0)))
    v1_body = v1_session(0, created_at="2026-01-01T00:00:00.000000+00:00", messages=[])
    api.add("GET", "/v1/sessions/devin-same", httpx.Response(200, json=v1_body))

    v3 = client.get_session_insights("same")
    v1 = client.get_session_details_v1("devin-same")

    assert v3.created_at == v1.created_at == datetime(2026, 1, 1, tzinfo=UTC)
    assert v3.created_at.tzinfo is UTC


def test_get_session_insights_parses_the_analysis(client: DevinClient, api: FakeApi) -> None:
    body = v3_session(
        7, num_user_messages=3, num_devin_messages=14, session_size="M", analysis=ANALYSIS
    )
    api.add("GET", f"{SESSIONS}/devin-0007/insights", httpx.Response(200, json=body))

    session = client.get_session_insights("devin-0007")

    assert (session.num_user_messages, session.num_devin_messages) == (3, 14)
    assert session.session_size == "m"
    assert session.analysis is not None
    assert session.analysis.classification is not None
    assert session.analysis.classification.programming_languages == []
    assert session.analysis.action_items == []
    assert [i.issue for i in session.analysis.issues] == ["Flaky test"]


def test_v1_details_are_normalised(client: DevinClient, api: FakeApi) -> None:
    messages = [
        {
            "type": "initial_user_message",
            "event_id": "e1",
            "message": "Fix it",
            "timestamp": "2026-01-01T00:00:00.000000+00:00",
            "username": "dana@acme.io",
            "origin": "web",
        },
        {"type": "devin_message", "event_id": "e2", "message": "On it", "timestamp": EPOCH_2026},
        {"type": "user_message", "event_id": "e3", "message": "Thanks", "timestamp": EPOCH_2026},
    ]
    body = v1_session(
        3,
        status="running",
        status_enum="blocked",
        pull_request={"url": "https://github.com/acme/web/pull/1"},
        messages=messages,
    )
    api.add("GET", "/v1/sessions/devin-v1-0003", httpx.Response(200, json=body))

    session = client.get_session_details_v1("v1-0003")

    assert (session.status, session.status_detail) == ("running", "waiting_for_user")
    assert (session.num_user_messages, session.num_devin_messages) == (2, 1)
    assert session.origin == "webapp"
    assert session.user_id == "dana@acme.io"
    assert [pr.pr_url for pr in session.pull_requests] == ["https://github.com/acme/web/pull/1"]
    assert [m.source for m in session.messages] == ["user", "devin", "user"]


def test_v1_list_items_are_normalised_too(client: DevinClient, api: FakeApi) -> None:
    body = {"sessions": [v1_session(1, status="finished", status_enum="finished", extra=1)]}
    api.add("GET", "/v1/sessions", httpx.Response(200, json=body))

    (session,) = client.list_sessions_v1_page()

    assert (session.status, session.status_detail) == ("exit", "finished")
    assert session.model_extra == {"extra": 1}


def test_generate_insights_posts_to_the_prefixed_session(client: DevinClient, api: FakeApi) -> None:
    path = f"{SESSIONS}/devin-abc/insights/generate"
    api.add("POST", path, httpx.Response(200, json={"session_id": "abc", "status": "started"}))
    api.add("POST", path, httpx.Response(200, json={"status": "ALREADY_EXISTS"}))

    started = client.generate_insights("abc")
    again = client.generate_insights("devin-abc")

    assert started == GenerateInsightsResult(session_id="devin-abc", status="started")
    assert (again.session_id, again.status) == ("devin-abc", "already_exists")
    assert [r.method for r in api.requests] == ["POST", "POST"]
    assert api.requests[0].content == b""


def test_requests_carry_bearer_user_agent_and_json_accept(
    client: DevinClient, api: FakeApi
) -> None:
    api.add("GET", f"{SESSIONS}/devin-abc/insights", httpx.Response(200, json=v3_session(1)))

    client.get_session_insights("abc")

    headers = api.requests[0].headers
    assert headers["Authorization"] == f"Bearer {KEY}"
    assert headers["User-Agent"].startswith("devin-session-analytics/")
    assert headers["Accept"] == "application/json"
    assert str(api.requests[0].url) == f"https://api.devin.test{SESSIONS}/devin-abc/insights"


def test_unusual_ids_are_escaped_in_paths(client: DevinClient, api: FakeApi) -> None:
    # httpx decodes %2F in url.path, which the fake routes on; the wire form stays escaped.
    api.add("GET", f"{SESSIONS}/devin-a/b/insights", httpx.Response(200, json=v3_session(1)))

    client.get_session_insights("a/b")

    assert api.requests[0].url.raw_path.decode() == f"{SESSIONS}/devin-a%2Fb/insights"
