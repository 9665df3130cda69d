"""A scripted fake of the Devin API for client tests: any unexpected request fails the test."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from devin_data.errors import DevinError

KEY = "cog_test_secret_key_Zq81xT0"
ORG = "org-acme"
BASE_URL = "https://api.devin.test"
HOST = "api.devin.test"
SESSIONS = f"/v3/organizations/{ORG}/sessions"
INSIGHTS = f"{SESSIONS}/insights"
EPOCH_2026 = 1767225600  # 2026-01-01T00:00:00Z

Responder = httpx.Response | Callable[[httpx.Request], httpx.Response]


class FakeApi:
    """Answers (method, path) from a script, in order; records every request it sees."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._script: dict[tuple[str, str], list[Responder]] = {}
        self._always: dict[tuple[str, str], Responder] = {}
        self.requests: list[httpx.Request] = []

    def add(self, method: str, path: str, *responders: Responder) -> None:
        """Answer the next requests to ``method path`` with ``responders``, one each."""
        self._script.setdefault((method, path), []).extend(responders)

    def always(self, method: str, path: str, responder: Responder) -> None:
        """Answer every request to ``method path`` with ``responder``."""
        self._always[(method, path)] = responder

    def __call__(self, request: httpx.Request) -> httpx.Response:
        key = (request.method, request.url.path)
        with self._lock:
            self.requests.append(request)
            queue = self._script.get(key)
            responder = queue.pop(0) if queue else self._always.get(key)
        if responder is None:
            pytest.fail(f"unexpected request: {request.method} {request.url}")
        if isinstance(responder, httpx.Response):
            return responder
        return responder(request)

    def params(self, index: int) -> list[tuple[str, str]]:
        return self.requests[index].url.params.multi_items()


def raising(exc_type: type[httpx.TransportError], message: str = "boom") -> Responder:
    """A responder that fails like the network would."""

    def respond(request: httpx.Request) -> httpx.Response:
        raise exc_type(message, request=request)

    return respond


def page(
    items: list[dict[str, Any]],
    cursor: str | None = None,
    *,
    more: bool | None = None,
    total: int | None = None,
) -> httpx.Response:
    """A v3 list page; ``more`` defaults to "a cursor was given"."""
    body: dict[str, Any] = {
        "items": items,
        "end_cursor": cursor,
        "has_next_page": bool(cursor) if more is None else more,
    }
    if total is not None:
        body["total"] = total
    return httpx.Response(200, json=body)


def v3_session(n: int, **fields: Any) -> dict[str, Any]:
    """A v3 SessionResponse body."""
    body: dict[str, Any] = {
        "session_id": f"devin-{n:04d}",
        "org_id": ORG,
        "status": "running",
        "status_detail": "working",
        "title": f"Session {n}",
        "created_at": EPOCH_2026 + n,
        "updated_at": EPOCH_2026 + n + 60,
    }
    body.update(fields)
    return body


def v1_session(n: int, **fields: Any) -> dict[str, Any]:
    """A v1 SessionSummary body."""
    body: dict[str, Any] = {
        "session_id": f"devin-v1-{n:04d}",
        "status": "running",
        "status_enum": "working",
        "title": f"Legacy {n}",
        "created_at": "2026-01-01T00:00:00.000000+00:00",
        "updated_at": "2026-01-01T00:05:00.000000+00:00",
        "requesting_user_email": "dana@acme.io",
    }
    body.update(fields)
    return body


def fail(call: Callable[[], object]) -> DevinError:
    """The error ``call`` raises (it must raise one)."""
    with pytest.raises(DevinError) as caught:
        call()
    return caught.value
