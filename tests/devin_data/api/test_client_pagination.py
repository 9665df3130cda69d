"""Cursor pagination, v1 pages, and how filters reach the query string."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

import httpx
import pytest
from client_fakes import EPOCH_2026, INSIGHTS, SESSIONS, FakeApi, page, v1_session, v3_session

from devin_data.api import pagination
from devin_data.api.client import DevinClient
from devin_data.errors import EndlessListError, MalformedResponseError


def test_cursor_pagination_walks_three_pages(client: DevinClient, api: FakeApi) -> None:
    api.add(
        "GET",
        INSIGHTS,
        page([v3_session(1), v3_session(2)], "c1", total=5),
        page([v3_session(3), v3_session(4)], "c2", total=5),
        page([v3_session(5)], None, more=False, total=5),
    )

    sessions = list(client.iter_session_insights())

    assert [s.session_id for s in sessions] == [f"devin-{n:04d}" for n in range(1, 6)]
    assert api.params(0) == [("first", "200")]
    assert api.params(1) == [("first", "200"), ("after", "c1")]
    assert api.params(2) == [("first", "200"), ("after", "c2")]


def test_cursor_pagination_stops_when_has_next_page_is_false(
    client: DevinClient, api: FakeApi
) -> None:
    # A cursor with has_next_page false must not be followed.
    api.add("GET", INSIGHTS, page([v3_session(1)], "c1", more=True), page([], "c2", more=False))

    assert [s.session_id for s in client.iter_session_insights()] == ["devin-0001"]
    assert len(api.requests) == 2


@pytest.mark.parametrize("cursor", [None, ""])
def test_cursor_pagination_stops_on_an_empty_cursor(
    client: DevinClient, api: FakeApi, cursor: str | None
) -> None:
    api.add("GET", INSIGHTS, page([v3_session(1)], cursor, more=True))

    assert len(list(client.iter_session_insights())) == 1
    assert len(api.requests) == 1


def test_a_repeated_cursor_is_reported_instead_of_looping(
    client: DevinClient, api: FakeApi
) -> None:
    api.add("GET", INSIGHTS, page([v3_session(1)], "same"), page([v3_session(2)], "same"))

    with pytest.raises(MalformedResponseError, match="same page cursor came back twice"):
        list(client.iter_session_insights())


def test_insights_pagination_uses_the_insights_path_and_page_size(
    client: DevinClient, api: FakeApi
) -> None:
    api.add(
        "GET",
        INSIGHTS,
        page([v3_session(1, session_size="s", analysis=None)], "n1"),
        page([v3_session(2, session_size="m")], None),
    )

    sessions = list(client.iter_session_insights(first=50, origins=["slack"]))

    assert [s.session_size for s in sessions] == ["s", "m"]
    assert api.params(0) == [("first", "50"), ("origins", "slack")]
    assert api.params(1) == [("first", "50"), ("after", "n1"), ("origins", "slack")]


def test_list_page_returns_cursor_details(client: DevinClient, api: FakeApi) -> None:
    api.add("GET", SESSIONS, page([v3_session(1)], "next", total=9))

    result = client.list_sessions_page(after="prev", first=1)

    assert (result.end_cursor, result.has_next_page, result.total) == ("next", True, 9)
    assert api.params(0) == [("first", "1"), ("after", "prev")]


def test_messages_are_paged_with_the_prefixed_session_id(client: DevinClient, api: FakeApi) -> None:
    path = f"{SESSIONS}/devin-abc/messages"
    first = {"event_id": "e1", "created_at": EPOCH_2026, "source": "user", "message": "hi"}
    second = {"event_id": "e2", "created_at": EPOCH_2026 + 5, "source": "devin", "message": "ok"}
    api.add("GET", path, page([first], "m1"), page([second], None))

    messages = client.list_messages("abc")

    assert [(m.event_id, m.source) for m in messages] == [("e1", "user"), ("e2", "devin")]
    assert messages[1].created_at == datetime(2026, 1, 1, 0, 0, 5, tzinfo=UTC)
    assert api.params(1) == [("first", "200"), ("after", "m1")]


def test_a_v1_page_encodes_limit_offset_tags_and_email(client: DevinClient, api: FakeApi) -> None:
    api.add(
        "GET",
        "/v1/sessions",
        httpx.Response(200, json={"sessions": [v1_session(3), v1_session(4)]}),
    )

    sessions = client.list_sessions_v1_page(
        offset=2, limit=2, tags=["a", "b"], user_email="dana@acme.io"
    )

    assert len(sessions) == 2
    assert api.params(0) == [
        ("limit", "2"),
        ("offset", "2"),
        ("tags", "a"),
        ("tags", "b"),
        ("user_email", "dana@acme.io"),
    ]


def test_v1_page_size_defaults_to_the_config(client: DevinClient, api: FakeApi) -> None:
    api.add("GET", "/v1/sessions", httpx.Response(200, json={"sessions": []}))

    assert client.list_sessions_v1_page() == []
    assert api.params(0) == [("limit", "100"), ("offset", "0")]


def test_filters_are_encoded_as_epoch_seconds_repeated_keys_and_booleans(
    client: DevinClient, api: FakeApi
) -> None:
    api.add("GET", SESSIONS, page([], None))

    client.list_sessions_page(
        created_after=datetime(2026, 1, 1, tzinfo=UTC),
        created_before=EPOCH_2026 + 3600,
        updated_after=datetime(2026, 1, 1, 1, 0, 0, 999_000),  # naive: taken as UTC
        updated_before=None,
        origins=["slack", "api"],
        tags="solo",
        session_ids=["abc", "devin-def"],
        user_ids=("u1", "u2"),
        category="bug_fixing",
        is_archived=False,
    )

    assert api.params(0) == [
        ("first", "200"),
        ("created_after", str(EPOCH_2026)),
        ("created_before", str(EPOCH_2026 + 3600)),
        ("updated_after", str(EPOCH_2026 + 3600)),
        ("origins", "slack"),
        ("origins", "api"),
        ("tags", "solo"),
        ("session_ids", "devin-abc"),
        ("session_ids", "devin-def"),
        ("user_ids", "u1"),
        ("user_ids", "u2"),
        ("category", "bug_fixing"),
        ("is_archived", "false"),
    ]


def test_true_booleans_and_other_timezones(client: DevinClient, api: FakeApi) -> None:
    api.add("GET", SESSIONS, page([], None))
    tokyo = timezone(timedelta(hours=9))
    client.list_sessions_page(
        is_archived=True, updated_after=datetime(2026, 1, 1, 9, 0, tzinfo=tokyo)
    )

    assert api.params(0)[1:] == [("is_archived", "true"), ("updated_after", str(EPOCH_2026))]


def test_unknown_filters_are_a_programming_error(client: DevinClient, api: FakeApi) -> None:
    with pytest.raises(TypeError, match="createdAfter"):
        client.list_sessions_page(createdAfter=1)
    assert api.requests == []


def endless(total: int | None, *, same: bool = False) -> Callable[[httpx.Request], httpx.Response]:
    """A list that always has a next page, under a new cursor: two new sessions a page (or,
    ``same``, the same two every time)."""
    counter = iter(range(1, 10_000))

    def respond(request: httpx.Request) -> httpx.Response:
        n = 1 if same else next(counter)
        return page([v3_session(2 * n), v3_session(2 * n + 1)], f"c{next(counter)}", total=total)

    return respond


def test_a_list_that_never_ends_stops_past_the_pages_its_total_fills(
    client: DevinClient, api: FakeApi
) -> None:
    api.always("GET", INSIGHTS, endless(total=5))

    with pytest.raises(EndlessListError) as caught:
        list(client.iter_insight_item_pages())

    # 5 sessions at 2 a page fill 3 pages; 2 more are allowed for sessions added meanwhile
    assert len(api.requests) == 5
    assert str(caught.value) == (
        f"The API kept returning pages after 5 pages of GET {INSIGHTS} for a list that should "
        "hold 5 sessions; stopped."
    )


def test_a_list_without_a_total_stops_at_the_cap(
    client: DevinClient, api: FakeApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pagination, "UNCOUNTED_PAGES", 7)
    api.always("GET", INSIGHTS, endless(total=None))

    with pytest.raises(EndlessListError, match="without saying how many sessions there are"):
        list(client.iter_session_insights())
    assert len(api.requests) == 7


def test_the_same_page_under_a_new_cursor_stops_the_walk(client: DevinClient, api: FakeApi) -> None:
    api.always("GET", INSIGHTS, endless(total=None, same=True))

    with pytest.raises(EndlessListError, match=r"sent the same page of .* again after 2 pages"):
        list(client.iter_insight_item_pages())
    assert len(api.requests) == 2


def test_empty_pages_that_go_on_are_bounded_by_the_total(client: DevinClient, api: FakeApi) -> None:
    counter = iter(range(10_000))
    api.always("GET", INSIGHTS, lambda _: page([], f"c{next(counter)}", total=0))

    with pytest.raises(EndlessListError, match="should hold 0 sessions"):
        list(client.iter_insight_item_pages())
    assert len(api.requests) == 2
