"""Injected failures at configured, reproducible rates: rate limiting, server errors and latency
spikes (an answer that comes late, past a client's timeout if it likes)."""

from __future__ import annotations

import random
import threading

import orjson

Response = tuple[int, dict[str, str], bytes]
JSON_HEADERS = {"content-type": "application/json"}
_SALT = 0xFA17
_SPIKE_SALT = 0x5B1C
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
    """Decides, request by request, whether to fail or to answer late; the draws depend only on
    the seed, and spikes draw apart so that adding them leaves the sequence of faults unchanged."""

    def __init__(
        self,
        rate: float,
        retry_after: float,
        seed: int,
        *,
        spike_rate: float = 0.0,
        spike_ms: float = 0.0,
    ) -> None:
        self.rate = rate
        self.retry_after = retry_after
        self.spike_rate = spike_rate
        self.spike_ms = spike_ms
        self._rng = random.Random(seed ^ _SALT)
        self._spike_rng = random.Random(seed ^ _SPIKE_SALT)
        self._lock = threading.Lock()

    def spike(self) -> float:
        """Seconds this request waits before it is answered: ``spike_ms`` or 0."""
        if self.spike_rate <= 0 or self.spike_ms <= 0:
            return 0.0
        with self._lock:
            hit = self._spike_rng.random() < self.spike_rate
        return self.spike_ms / 1000 if hit else 0.0

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
