"""When to retry a request and how long to wait first.

Retried: transport failures (connection refused, reset, DNS, timeouts), 408, 429 and 5xx.
Never retried: every other status, notably 400/401/403/404/422, which would fail the same way
again, and a connection that cannot be made (refused, DNS, connect timeout) before the API has
ever answered: that is a wrong address or a missing network, not a hiccup. The wait honours
``Retry-After`` (seconds or an HTTP date) up to a cap, and otherwise is an exponential backoff
with full jitter so that parallel workers do not retry in lockstep.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC
from email.utils import parsedate_to_datetime

import httpx

from devin_data.config import RetryRule, Settings

RETRY_STATUSES = frozenset({408, 429})
_MAX_EXPONENT = 62  # keeps 2**attempt a sane float however long a caller keeps retrying

# Transport errors that a retry cannot fix: the request itself is wrong.
_PERMANENT_TRANSPORT_ERRORS = (httpx.UnsupportedProtocol, httpx.LocalProtocolError)


def is_retryable_status(status_code: int) -> bool:
    """408 and 429 ask the client to come back later; 5xx may heal by itself."""
    return status_code in RETRY_STATUSES or 500 <= status_code <= 599


def is_connect_failure(exc: BaseException) -> bool:
    """No connection was made at all: refused, unresolvable host, TLS failure, connect timeout."""
    return isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout)


def is_retryable_exception(exc: BaseException) -> bool:
    """Network trouble and timeouts are worth another try; a malformed request is not."""
    return isinstance(exc, httpx.TransportError) and not isinstance(
        exc, _PERMANENT_TRANSPORT_ERRORS
    )


def parse_retry_after(value: str | None, now: float) -> float | None:
    """``Retry-After`` as seconds to wait: delta-seconds or an HTTP date relative to ``now``."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - now)


@dataclass(frozen=True)
class RetryPolicy:
    """The retry rule; swap it through ``Settings.retry_policy`` to change behaviour.

    ``attempt`` counts from 0 for the first request, so ``should_retry(x, attempt)`` asks whether
    the request that just failed on try ``attempt`` deserves one more, and ``delay(attempt, ...)``
    is the wait before that retry.
    """

    max_retries: int = 5
    backoff_base: float = 0.5
    backoff_max: float = 20.0
    retry_after_cap: float = 60.0
    rng: random.Random = field(default_factory=random.Random, compare=False, repr=False)

    def should_retry(
        self, outcome: int | BaseException, attempt: int, *, contacted: bool = True
    ) -> bool:
        """True when ``outcome`` (a status code or an exception) is transient and retries remain.

        ``contacted`` says whether the API has answered this client before; until it has, a
        connection that cannot be made fails at once.
        """
        if attempt >= self.max_retries:
            return False
        if isinstance(outcome, BaseException):
            if not contacted and is_connect_failure(outcome):
                return False
            return is_retryable_exception(outcome)
        return is_retryable_status(outcome)

    def delay(self, attempt: int, retry_after: float | None = None) -> float:
        """Seconds to wait before the retry that follows try ``attempt``."""
        if retry_after is not None:
            return min(max(0.0, retry_after), self.retry_after_cap)
        return self.rng.uniform(0.0, self.backoff_ceiling(attempt))

    def backoff_ceiling(self, attempt: int) -> float:
        """Upper bound of the jittered wait: ``min(backoff_max, backoff_base * 2**attempt)``."""
        exponent = min(max(0, attempt), _MAX_EXPONENT)
        return min(self.backoff_max, self.backoff_base * 2.0**exponent)


def policy_for(settings: Settings) -> RetryRule:
    """The retry rule: ``settings.retry_policy`` when given, else one built from its fields."""
    if settings.retry_policy is not None:
        return settings.retry_policy
    return RetryPolicy(
        max_retries=settings.max_retries,
        backoff_base=settings.backoff_base,
        backoff_max=settings.backoff_max,
        retry_after_cap=settings.retry_after_cap,
    )
