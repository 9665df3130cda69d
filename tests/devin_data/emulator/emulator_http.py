"""Talking to the emulator over its in-process transport: an authenticated client, a cursor walk."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx

from devin_data.emulator import ADMIN_KEY, ORG_ID, Emulator, EmulatorTransport

ANCHOR = datetime(2026, 5, 18, tzinfo=UTC)  # the organizations of the API tests end here
AT = ANCHOR.timestamp()
SESSIONS = f"/v3/organizations/{ORG_ID}/sessions"


def emulator_client(emulator: Emulator, key: str | None = ADMIN_KEY) -> httpx.Client:
    """A client of ``emulator`` sending ``key`` as its bearer token (none when ``key`` is None)."""
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return httpx.Client(
        transport=EmulatorTransport(emulator), base_url="https://emulator.test", headers=headers
    )


def walk(api: httpx.Client, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a cursor-paged list; the last page must have no cursor."""
    items: list[dict[str, Any]] = []
    after = None
    while True:
        query = dict(params, **({"after": after} if after else {}))
        body = api.get(path, params=query).raise_for_status().json()
        items.extend(body["items"])
        if not body["has_next_page"]:
            assert body["end_cursor"] is None
            return items
        after = body["end_cursor"]


class FakeClock:
    """A clock that stands still until a test moves it."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now
