"""The retry rule alone: which outcomes are retried, how long to wait (full jitter, capped), and
how Retry-After is read."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest

from devin_data.api.retry import RetryPolicy, parse_retry_after


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504, 599])
def test_transient_statuses_are_retried(status: int) -> None:
    assert RetryPolicy().should_retry(status, 0)


@pytest.mark.parametrize("status", [200, 301, 400, 401, 403, 404, 409, 422, 600])
def test_permanent_statuses_are_not_retried(status: int) -> None:
    assert not RetryPolicy().should_retry(status, 0)


@pytest.mark.parametrize(
    "exc_type",
    [
        httpx.ConnectError,
        httpx.ReadError,
        httpx.WriteError,
        httpx.ConnectTimeout,
        httpx.ReadTimeout,
        httpx.PoolTimeout,
        httpx.RemoteProtocolError,
    ],
)
def test_network_failures_are_retried(exc_type: type[httpx.TransportError]) -> None:
    assert RetryPolicy().should_retry(exc_type("x"), 0)


@pytest.mark.parametrize("exc", [httpx.UnsupportedProtocol("x"), httpx.LocalProtocolError("x")])
def test_malformed_requests_and_other_exceptions_are_not_retried(exc: Exception) -> None:
    assert not RetryPolicy().should_retry(exc, 0)
    assert not RetryPolicy().should_retry(ValueError("x"), 0)


def test_retries_stop_at_max_retries() -> None:
    policy = RetryPolicy(max_retries=2)
    assert [policy.should_retry(503, attempt) for attempt in range(4)] == [
        True,
        True,
        False,
        False,
    ]


def test_backoff_ceiling_doubles_up_to_the_maximum() -> None:
    policy = RetryPolicy(backoff_base=0.5, backoff_max=20.0)
    ceilings = [policy.backoff_ceiling(attempt) for attempt in range(8)]
    assert ceilings == [0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 20.0, 20.0]
    assert policy.backoff_ceiling(10_000) == 20.0


def test_backoff_is_full_jitter_within_bounds() -> None:
    policy = RetryPolicy(backoff_base=0.5, backoff_max=20.0, rng=random.Random(1234))
    samples = {attempt: [policy.delay(attempt) for _ in range(400)] for attempt in range(7)}

    for attempt, delays in samples.items():
        ceiling = policy.backoff_ceiling(attempt)
        assert all(0.0 <= d <= ceiling for d in delays)
        # Full jitter: spread over the whole range, averaging about half the ceiling.
        assert min(delays) < 0.1 * ceiling
        assert max(delays) > 0.9 * ceiling
        assert 0.4 * ceiling < sum(delays) / len(delays) < 0.6 * ceiling
    means = [sum(samples[a]) / len(samples[a]) for a in range(7)]
    assert means == sorted(means)


def test_jitter_is_reproducible_with_a_seeded_random() -> None:
    first = RetryPolicy(rng=random.Random(7))
    second = RetryPolicy(rng=random.Random(7))
    assert [first.delay(a) for a in range(6)] == [second.delay(a) for a in range(6)]


def test_retry_after_wins_over_backoff_and_is_capped() -> None:
    policy = RetryPolicy(retry_after_cap=60.0)
    assert policy.delay(4, 7.0) == 7.0
    assert policy.delay(0, 3600.0) == 60.0
    assert policy.delay(0, -5.0) == 0.0


def test_parse_retry_after_reads_seconds_and_http_dates() -> None:
    now = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    later = format_datetime(now + timedelta(seconds=42), usegmt=True)
    earlier = format_datetime(now - timedelta(seconds=42), usegmt=True)

    assert parse_retry_after("5", now.timestamp()) == 5.0
    assert parse_retry_after(" 2.5 ", now.timestamp()) == 2.5
    assert parse_retry_after("-3", now.timestamp()) == 0.0
    assert parse_retry_after(later, now.timestamp()) == 42.0
    assert parse_retry_after(earlier, now.timestamp()) == 0.0
    assert parse_retry_after("soon", now.timestamp()) is None
    assert parse_retry_after(None, now.timestamp()) is None
    assert parse_retry_after("", now.timestamp()) is None
