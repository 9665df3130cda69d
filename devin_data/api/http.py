"""The client's HTTP engine: one call with retries, counted and logged, kept to its deadlines.

The API key lives only in the ``Authorization`` header of the shared ``httpx.Client``. Log lines
(logger ``devin_data.client``, DEBUG) carry method, path, status and attempt, nothing else.
Until the API has answered once, a connection that cannot be made is not retried: retries are for
an API that worked a moment ago, and a wrong base URL should say so at once.

Each attempt must be complete within ``Settings.request_deadline`` (an answer still trickling in
then is not retried: it would trickle again), and no attempt starts, nor runs on, past the
:func:`devin_data.api.deadline.time_limit` of the work it belongs to.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from importlib import metadata
from typing import Any

import httpx

from devin_data.api.call import Call
from devin_data.api.deadline import (
    DeadlinePassed,
    TimeLimit,
    current_limit,
    deadline_transport,
    request_ends,
)
from devin_data.api.failures import decode_json, retry_after_of, status_error, transport_error
from devin_data.api.limits import read_capped
from devin_data.api.retry import policy_for
from devin_data.clock_skew import ClockReading, read_date
from devin_data.config import Settings
from devin_data.errors import DevinError, SlowAnswerError, SyncTimeLimitError

logger = logging.getLogger("devin_data.client")


@dataclass(frozen=True)
class ClientStats:
    """A snapshot of the client's counters: HTTP attempts sent, and how many were retries."""

    requests: int = 0
    retries: int = 0


class StatsCounter:
    """Thread-safe counters behind :class:`ClientStats`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._requests = 0
        self._retries = 0

    def add_request(self) -> None:
        with self._lock:
            self._requests += 1

    def add_retry(self) -> None:
        with self._lock:
            self._retries += 1

    def snapshot(self) -> ClientStats:
        with self._lock:
            return ClientStats(requests=self._requests, retries=self._retries)

    def reset(self) -> None:
        with self._lock:
            self._requests = 0
            self._retries = 0


def user_agent() -> str:
    try:
        version = metadata.version("devin-session-analytics")
    except metadata.PackageNotFoundError:
        version = "0"
    return f"devin-session-analytics/{version}"


class Requester:
    """Sends :class:`Call` objects through one shared, thread-safe ``httpx.Client``.

    Its connection pool holds ``concurrency`` connections; failures are retried per the policy.
    """

    def __init__(self, config: Settings) -> None:
        self._config = config
        self._policy = policy_for(config)
        self.stats = StatsCounter()
        self.contacted = False  # set once any HTTP answer came back
        self.clock: ClockReading | None = None  # the latest Date header
        limits = httpx.Limits(
            max_connections=config.concurrency, max_keepalive_connections=config.concurrency
        )
        self._http = httpx.Client(
            base_url=config.effective_base_url,
            headers={
                "Authorization": f"Bearer {config.effective_key.get()}",
                "User-Agent": user_agent(),
                "Accept": "application/json",
            },
            timeout=httpx.Timeout(
                config.timeout, connect=min(config.connect_timeout, config.timeout)
            ),
            limits=limits,
            transport=deadline_transport(limits) if config.transport is None else config.transport,
        )
        url = self._http.base_url
        self.host = f"{url.host}:{url.port}" if url.port else url.host

    def close(self) -> None:
        self._http.close()

    def send(self, call: Call) -> Any:
        """The decoded JSON body of a successful answer; a DevinError otherwise."""
        attempt = 0
        while True:
            limit = current_limit()
            ends = self._ends(limit)
            try:
                with request_ends(ends):
                    response = read_capped(self._http, call)
            except DeadlinePassed:
                self._record(call, "deadline", attempt)
                raise self._late(limit, ends) from None
            except httpx.TransportError as exc:
                self._record(call, type(exc).__name__, attempt)
                if not self._policy.should_retry(exc, attempt, contacted=self.contacted):
                    raise transport_error(
                        exc, host=self.host, timeout=self._config.timeout
                    ) from None
                self._pause(attempt, None)
            else:
                status = response.status_code
                self._record(call, status, attempt)
                self._answered(response)
                if response.is_success:
                    return decode_json(response, call)
                if not self._policy.should_retry(status, attempt):
                    raise status_error(
                        response,
                        call,
                        retries=attempt,
                        host=self.host,
                        secret=self._config.effective_key,
                    ) from None
                self._pause(attempt, retry_after_of(response))
            attempt += 1

    def _ends(self, limit: TimeLimit | None) -> float:
        """When the attempt about to start must be done: the request's deadline, or the time
        limit of its work when that comes first (then already passed: raise)."""
        ends = time.monotonic() + self._config.request_deadline
        if limit is None:
            return ends
        if time.monotonic() >= limit.ends:
            raise SyncTimeLimitError(limit.seconds)
        return min(ends, limit.ends)

    def _late(self, limit: TimeLimit | None, ends: float) -> DevinError:
        if limit is not None and ends >= limit.ends:
            return SyncTimeLimitError(limit.seconds)
        return SlowAnswerError(self.host, self._config.request_deadline)

    def _answered(self, response: httpx.Response) -> None:
        self.contacted = True
        reading = read_date(response.headers, time.monotonic())
        if reading is not None:
            self.clock = reading

    def _record(self, call: Call, outcome: object, attempt: int) -> None:
        self.stats.add_request()
        logger.debug("%s %s -> %s (attempt %d)", call.method, call.path, outcome, attempt + 1)

    def _pause(self, attempt: int, retry_after: float | None) -> None:
        """Wait before a retry, never past the time limit of the work (the retry then stops)."""
        self.stats.add_retry()
        delay = self._policy.delay(attempt, retry_after)
        limit = current_limit()
        if limit is not None:
            delay = min(delay, max(0.0, limit.ends - time.monotonic()))
        self._config.sleep(delay)
