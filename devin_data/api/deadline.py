"""Wall deadlines: one per request, however slowly the server sends, and one per batch of work.

httpx's timeouts bound each read, so a server that sends a byte a second never times out. The
connections of :func:`deadline_transport` read through a network backend that shortens every
connect, read and write to what is left before the deadline of the request in progress, and
raises :class:`DeadlinePassed` once none is left. :func:`time_limit` bounds a whole batch of
requests (a sync): the requests of its context stop at the limit, on the threads that
:func:`in_context` starts too.
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar, copy_context
from dataclasses import dataclass
from typing import Any, ParamSpec, TypeVar

import httpcore
import httpx

P = ParamSpec("P")
R = TypeVar("R")

_TIMEOUTS = (httpcore.ConnectTimeout, httpcore.ReadTimeout, httpcore.WriteTimeout)


class DeadlinePassed(Exception):
    """The request in progress ran out of time (not an httpx error, so httpx passes it on)."""


@dataclass(frozen=True)
class TimeLimit:
    """A batch of work must end by ``ends`` (``time.monotonic()``), ``seconds`` after it began."""

    ends: float
    seconds: float


_request_ends: ContextVar[float | None] = ContextVar("devin_request_ends", default=None)
_limit: ContextVar[TimeLimit | None] = ContextVar("devin_time_limit", default=None)


@contextmanager
def time_limit(seconds: float) -> Iterator[TimeLimit]:
    """Requests made in this context must all be done within ``seconds`` from now."""
    limit = TimeLimit(time.monotonic() + seconds, seconds)
    token = _limit.set(limit)
    try:
        yield limit
    finally:
        _limit.reset(token)


def current_limit() -> TimeLimit | None:
    """The time limit of the work in progress on this thread, if any."""
    return _limit.get()


def in_context(fn: Callable[P, R]) -> Callable[P, R]:
    """``fn`` bound to the caller's context (its time limit), to run on another thread."""
    context = copy_context()

    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        return context.copy().run(fn, *args, **kwargs)

    return run


@contextmanager
def request_ends(at: float) -> Iterator[None]:
    """Reads and writes on this thread inside the block fail at ``at`` (``time.monotonic()``)."""
    token = _request_ends.set(at)
    try:
        yield
    finally:
        _request_ends.reset(token)


def _allowed(timeout: float | None) -> tuple[float | None, bool]:
    """The timeout for one socket operation, and whether the deadline (not httpx) set it."""
    ends = _request_ends.get()
    if ends is None:
        return timeout, False
    left = ends - time.monotonic()
    if left <= 0:
        raise DeadlinePassed
    if timeout is None or left < timeout:
        return left, True
    return timeout, False


def _bounded(operation: Callable[[float | None], R], timeout: float | None) -> R:
    allowed, by_deadline = _allowed(timeout)
    try:
        return operation(allowed)
    except _TIMEOUTS:
        if by_deadline:
            raise DeadlinePassed from None
        raise


class _Stream(httpcore.NetworkStream):
    """A connection whose every operation ends by the request's deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return _bounded(lambda allowed: self._inner.read(max_bytes, allowed), timeout)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        _bounded(lambda allowed: self._inner.write(buffer, allowed), timeout)

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        def handshake(allowed: float | None) -> httpcore.NetworkStream:
            return self._inner.start_tls(ssl_context, server_hostname, allowed)

        return _Stream(_bounded(handshake, timeout))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    """Opens connections that keep to the request's deadline."""

    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        def connect(allowed: float | None) -> httpcore.NetworkStream:
            return self._inner.connect_tcp(host, port, allowed, local_address, socket_options)

        return _Stream(_bounded(connect, timeout))

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        def connect(allowed: float | None) -> httpcore.NetworkStream:
            return self._inner.connect_unix_socket(path, allowed, socket_options)

        return _Stream(_bounded(connect, timeout))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


def deadline_transport(limits: httpx.Limits) -> httpx.HTTPTransport:
    """httpx's own transport, its connections keeping to the request's deadline."""
    transport = httpx.HTTPTransport(limits=limits)
    pool = transport._pool
    # httpx offers no way to choose its pool's network backend; the pool reads this attribute
    # for each new connection, so swapping it before the first one covers them all.
    pool._network_backend = _Backend(pool._network_backend)
    return transport
