"""What one answer may make the client hold: a bounded body, a page no larger than asked for, and
items no model reads set aside with their place rather than failing the page."""

from __future__ import annotations

import gzip
from collections.abc import Iterator

import httpx
import orjson
import pytest
from client_fakes import EPOCH_2026, INSIGHTS, KEY, FakeApi

from devin_data.api.client import DevinClient
from devin_data.api.limits import MAX_BODY_BYTES
from devin_data.errors import MalformedResponseError

GOOD = {"session_id": "devin-good", "created_at": EPOCH_2026, "status": "exit"}


def _page(*items: object) -> httpx.Response:
    return httpx.Response(200, json={"items": list(items), "has_next_page": False})


def test_one_malformed_item_is_set_aside_and_the_page_is_read(
    client: DevinClient, api: FakeApi
) -> None:
    bad = dict(GOOD, session_id="devin-bad", status=42, note=f"key {KEY}")
    api.add("GET", INSIGHTS, _page(GOOD, bad, [1, 2], dict(GOOD, session_id="devin-ok2")))

    page = client.insight_items_page(first=4, created_after=EPOCH_2026)

    assert [item.session_id for item in page.items] == ["devin-good", "devin-ok2"]
    assert page.listed == 4
    named, unnamed = page.rejects
    assert (named.name, named.reason) == ("devin-bad", "status: Input should be a valid string")
    assert KEY not in named.raw  # a key echoed by the API is scrubbed from what is kept
    assert orjson.loads(named.raw)["note"] == "key ***"
    assert unnamed.session_id is None
    assert unnamed.name == (f"item 3 of 4 on GET {INSIGHTS}?first=4&created_after={EPOCH_2026}")


def test_a_v1_page_sets_a_malformed_session_aside_and_counts_it(
    client: DevinClient, api: FakeApi
) -> None:
    listed = [dict(GOOD, session_id=f"devin-{n}") for n in range(3)]
    listed[1]["created_at"] = "not a time"
    api.add("GET", "/v1/sessions", httpx.Response(200, json={"sessions": listed}))

    page = client.sessions_v1_page(limit=3)

    assert [s.session_id for s in page.items] == ["devin-0", "devin-2"]
    assert (page.listed, [r.name for r in page.rejects]) == (3, ["devin-1"])


def test_a_page_larger_than_asked_is_refused(client: DevinClient, api: FakeApi) -> None:
    api.add("GET", INSIGHTS, _page(*[dict(GOOD, session_id=f"devin-{n}") for n in range(201)]))

    with pytest.raises(MalformedResponseError) as raised:
        client.insight_items_page()

    assert str(raised.value) == (
        f"Unexpected response from GET {INSIGHTS}: a page of 201 items where at most 200 were "
        "asked for; it was refused, and the next sync asks for it again."
    )


def _endless(request: httpx.Request) -> httpx.Response:
    """A body with no declared length that never stops."""

    def chunks() -> Iterator[bytes]:
        yield b'{"items": ["'
        while True:
            yield b"x" * (1024 * 1024)

    return httpx.Response(200, content=chunks(), request=request)


def test_a_body_past_the_cap_is_refused_without_a_declared_length(
    client: DevinClient, api: FakeApi
) -> None:
    api.add("GET", INSIGHTS, _endless)

    with pytest.raises(MalformedResponseError) as raised:
        client.insight_items_page()

    assert str(raised.value) == (
        f"Unexpected response from GET {INSIGHTS}: the answer is larger than "
        f"{MAX_BODY_BYTES // (1024 * 1024)} MB and was not read."
    )


def test_a_compressed_body_is_read_once_decoded(client: DevinClient, api: FakeApi) -> None:
    body = gzip.compress(orjson.dumps({"items": [GOOD], "has_next_page": False}))
    api.add(
        "GET", INSIGHTS, httpx.Response(200, content=body, headers={"content-encoding": "gzip"})
    )

    page = client.insight_items_page()

    assert [item.session_id for item in page.items] == ["devin-good"]


def test_the_strict_v1_list_names_the_session_it_cannot_read(
    client: DevinClient, api: FakeApi
) -> None:
    listed = [GOOD, dict(GOOD, session_id="devin-bad", status=["exit"])]
    api.add("GET", "/v1/sessions", httpx.Response(200, json={"sessions": listed}))

    with pytest.raises(MalformedResponseError) as raised:
        client.list_sessions_v1_page(limit=5)

    assert str(raised.value) == (
        "Unexpected response: item 2 of 2 on GET /v1/sessions?limit=5&offset=0 "
        "(session devin-bad): status: Input should be a valid string."
    )
