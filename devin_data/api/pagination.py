"""Walking pages and fanning out: cursor and offset pagination, query filters, bounded threads.

Cursor details stay here: callers iterate models. v3 lists page with ``first``/``after`` and end
when ``has_next_page`` is false or the cursor is empty. (v1 lists page with ``limit``/``offset``
and end on a short page; the v1 sync schedules those pages itself, several at once.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from datetime import datetime
from typing import Any, TypeVar

from devin_data.errors import DevinError, MalformedResponseError
from devin_data.models import Page, normalize_session_id, to_utc

T = TypeVar("T")
R = TypeVar("R")

TIMESTAMP_FILTERS = frozenset(
    {"created_after", "created_before", "updated_after", "updated_before"}
)
LIST_FILTERS = frozenset(
    {"origins", "tags", "session_ids", "user_ids", "service_user_ids", "repo_names"}
)
TEXT_FILTERS = frozenset({"category", "playbook_id", "schedule_id"})
BOOL_FILTERS = frozenset({"is_archived"})
V3_FILTERS = TIMESTAMP_FILTERS | LIST_FILTERS | TEXT_FILTERS | BOOL_FILTERS


def epoch_seconds(value: datetime | int | float) -> int:
    """A filter bound as whole epoch seconds; naive datetimes are taken as UTC."""
    if isinstance(value, bool):
        raise TypeError("a boolean is not a timestamp")
    if isinstance(value, datetime):
        return int(to_utc(value).timestamp())
    return int(value)


def encode_filters(filters: Mapping[str, Any]) -> list[tuple[str, str]]:
    """v3 list filters as query pairs: epoch ints, repeated keys for lists, ``true``/``false``."""
    unknown = sorted(set(filters) - V3_FILTERS)
    if unknown:
        raise TypeError(f"unknown session filter(s): {', '.join(unknown)}")
    params: list[tuple[str, str]] = []
    for name, value in filters.items():
        if value is None:
            continue
        if name in TIMESTAMP_FILTERS:
            params.append((name, str(epoch_seconds(value))))
        elif name in LIST_FILTERS:
            params.extend((name, item) for item in _list_values(name, value))
        elif name in BOOL_FILTERS:
            params.append((name, "true" if value else "false"))
        else:
            params.append((name, str(value)))
    return params


def _list_values(name: str, value: Any) -> list[str]:
    items = [value] if isinstance(value, str) else list(value)
    if name == "session_ids":
        return [normalize_session_id(item) for item in items]
    return [str(item) for item in items]


def iter_cursor(fetch: Callable[[str | None], Page[T]], endpoint: str) -> Iterator[T]:
    """Every item of a cursor-paginated list, fetching one page at a time."""
    for page in iter_pages(fetch, endpoint):
        yield from page.items


def iter_pages(fetch: Callable[[str | None], Page[T]], endpoint: str) -> Iterator[Page[T]]:
    """Every page of a cursor-paginated list, fetched when the previous one was consumed."""
    cursor: str | None = None
    seen: set[str] = set()
    while True:
        page = fetch(cursor)
        yield page
        if not page.has_next_page or not page.end_cursor:
            return
        if page.end_cursor in seen:
            # A repeated cursor would loop forever; better to stop loudly.
            raise MalformedResponseError(
                f"Unexpected response from {endpoint}: the same page cursor came back twice."
            )
        seen.add(page.end_cursor)
        cursor = page.end_cursor


def fan_out(
    fn: Callable[[T], R], items: Iterable[T], workers: int
) -> Iterator[tuple[T, R | DevinError]]:
    """``fn`` over ``items`` on ``workers`` threads, in completion order; DevinErrors per item.

    At most ``2 * workers`` calls are queued at once, so a long input is not materialised and an
    early stop (or a non-Devin exception, which propagates) cancels what has not started.
    """
    source = iter(items)
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="devin-client")
    pending: dict[Future[R], T] = {}
    try:
        _top_up(pool, fn, source, pending, 2 * workers)
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                outcome: R | DevinError = _outcome(future)
                yield pending.pop(future), outcome
            _top_up(pool, fn, source, pending, 2 * workers)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _top_up(
    pool: ThreadPoolExecutor,
    fn: Callable[[T], R],
    source: Iterator[T],
    pending: dict[Future[R], T],
    limit: int,
) -> None:
    while len(pending) < limit:
        try:
            item = next(source)
        except StopIteration:
            return
        pending[pool.submit(fn, item)] = item


def _outcome(future: Future[R]) -> R | DevinError:
    try:
        return future.result()
    except DevinError as exc:
        return exc
