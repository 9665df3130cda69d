"""A fake clock, a fault-injecting transport and a client builder for sync tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from devin_data.api.client import DevinClient
from devin_data.config import Settings
from devin_data.emulator import ADMIN_KEY, ORG_ID, DemoOrg

ANCHOR = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)
SPAN = timedelta(days=90)


@dataclass
class Clock:
    """The one time both the emulator and the sync see; tests move it forward."""

    now: float = ANCHOR.timestamp()

    def __call__(self) -> float:
        return self.now

    @property
    def at(self) -> datetime:
        return datetime.fromtimestamp(self.now, tz=UTC)

    def advance(self, delta: timedelta) -> None:
        self.now += delta.total_seconds()


def visible_ids(org: DemoOrg, now: float, since: datetime | None = None) -> set[str]:
    """What the emulator itself says exists at ``now`` (created at or after ``since``)."""
    start = since.timestamp() if since else float("-inf")
    count = org.visible_count(now)
    return {f"devin-{p.hex}" for p in org.plans[:count] if p.created >= start}


class Faulty(httpx.BaseTransport):
    """Wraps a transport and answers ``status`` for requests ``match`` picks."""

    def __init__(
        self, inner: httpx.BaseTransport, match: Callable[[httpx.Request], bool], status: int = 404
    ) -> None:
        self.inner = inner
        self.match = match
        self.status = status
        self.enabled = True
        self.hits = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.enabled and self.match(request):
            self.hits += 1
            return httpx.Response(self.status, json={"detail": "Not Found"}, request=request)
        return self.inner.handle_request(request)


def make_client(
    transport: httpx.BaseTransport | None = None,
    *,
    key: str = ADMIN_KEY,
    base_url: str = "http://emulator.test",
    **overrides: Any,
) -> DevinClient:
    config = Settings(
        base_url=base_url,
        api_key=key,  # type: ignore[arg-type]
        org_id=ORG_ID,
        transport=transport,
        sleep=lambda _: None,
        **overrides,
    )
    return DevinClient(config)
