"""Injected failures: rate limiting and server errors at a configured, reproducible rate."""

from __future__ import annotations

import random
import threading

import orjson

Response = tuple[int, dict[str, str], bytes]
JSON_HEADERS = {"content-type": "application/json"}
_SALT = 0xFA17
_FAULTS = (
    (429, "Too many requests; slow down."),
    (429, "Too many requests; slow down."),
    (500, "Internal Server Error"),
    (502, "Bad Gateway"),
    (503, "Service Unavailable"),
)


def json_response(status: int, body: object, headers: dict[str, str] | None = None) -> Response:
    return status, {**JSON_HEADERS, **(headers or {})}, orjson.dumps(body)


class FaultInjector:
    """Decides, request by request, whether to fail; the draws depend only on the seed."""

    def __init__(self, rate: float, retry_after: float, seed: int) -> None:
        self.rate = rate
        self.retry_after = retry_after
        self._rng = random.Random(seed ^ _SALT)
        self._lock = threading.Lock()

    def draw(self) -> Response | None:
        """A 429 (with ``Retry-After``) or a 5xx response, or None to serve the request."""
        if self.rate <= 0:
            return None
        with self._lock:
            if self._rng.random() >= self.rate:
                return None
            status, detail = self._rng.choice(_FAULTS)
        if status == 429:
            return json_response(
                status, {"detail": detail}, {"retry-after": f"{self.retry_after:g}"}
            )
        return json_response(status, {"detail": detail})
