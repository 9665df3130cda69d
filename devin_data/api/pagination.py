"""Walking pages and fanning out: cursor and offset pagination, query filters, bounded threads.

Cursor details stay here: callers iterate models. v3 lists page with ``first``/``after`` and end
when ``has_next_page`` is false or the cursor is empty. (v1 lists page with ``limit``/``offset``
and end on a short page; the v1 sync schedules those pages itself, several at once.) Either kind
of walk is bounded by :class:`PageBound`, so a server that always says there is more cannot
keep a sync going.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from datetime import datetime
from typing import Any, TypeVar

from devin_data.api.deadline import in_context
from devin_data.errors import DevinError, EndlessListError
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
# Pages a walk may take when the API does not count its list: a million sessions at 200 a page.
UNCOUNTED_PAGES = 5000
_SLACK = 2  # pages beyond the count: sessions created or updated while the walk runs


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


def iter_cursor(
    fetch: Callable[[str | None], Page[T]], endpoint: str, noun: str = "items"
) -> Iterator[T]:
    """Every item of a cursor-paginated list, fetching one page at a time."""
    for page in iter_pages(fetch, endpoint, noun=noun):
        yield from page.items


def iter_pages(
    fetch: Callable[[str | None], Page[T]],
    endpoint: str,
    *,
    start: Page[T] | None = None,
    what: str = "a list",
    noun: str = "items",
) -> Iterator[Page[T]]:
    """Every page of a cursor-paginated list, each fetched once the previous one was consumed;
    after ``start`` (a first page already read) only the pages that follow it. A list that
    would never end stops with :class:`EndlessListError` once its last page was consumed."""
    bound = PageBound(endpoint, what=what, noun=noun)
    page = fetch(None) if start is None else start
    if start is None:
        yield page
    while bound.more(page):
        page = fetch(page.end_cursor)
        yield page


class PageBound:
    """Counts the pages of one walk and stops a walk that would never end: more pages than the
    count the API gave on the first page allows (or :data:`UNCOUNTED_PAGES` without one), the
    same cursor twice, or the same page again. Each check is O(1) per page."""

    def __init__(self, endpoint: str, *, what: str = "a list", noun: str = "items") -> None:
        self.endpoint, self.what, self.noun = endpoint, what, noun
        self.pages = 0
        self.total: int | None = None
        self.limit = UNCOUNTED_PAGES
        self._cursors: set[str] = set()
        self._ends: tuple[object, object] | None = None

    def more(self, page: Page[Any]) -> bool:
        """Count ``page``; True when the walk goes on after it, False at its end."""
        self.pages += 1
        if self.pages == 1 and page.total is not None:
            self.total = page.total
            pages = math.ceil(page.total / max(1, len(page.items)))
            self.limit = pages + max(_SLACK, pages // 10)
        if not page.has_next_page or not page.end_cursor:
            return False
        if self.pages >= self.limit:
            raise EndlessListError(self._too_many())
        if page.end_cursor in self._cursors:
            # A repeated cursor would loop forever; better to stop loudly.
            raise EndlessListError(
                f"Unexpected response from {self.endpoint}: the same page cursor came back twice."
            )
        self._cursors.add(page.end_cursor)
        ends = (page.items[0], page.items[-1]) if page.items else None
        if ends is not None and ends == self._ends:
            raise EndlessListError(
                f"The API sent the same page of {self.endpoint} again after {self.pages} pages, "
                "saying more would follow; stopped."
            )
        self._ends = ends
        return True

    def check_offset(self, offset: int, count: int, fresh: int) -> None:
        """An offset page of ``count`` items, ``fresh`` of them not seen before in this walk."""
        self.pages += 1
        if count and not fresh:
            raise EndlessListError(
                f"The API answered offset {offset} of {self.endpoint} with {count} {self.noun} "
                "it had already sent, as if it ignored the offset; stopped."
            )
        if self.pages >= self.limit:
            raise EndlessListError(self._too_many())

    def _too_many(self) -> str:
        head = f"The API kept returning pages after {self.pages} pages of {self.endpoint}"
        if self.total is None:
            return f"{head} without saying how many {self.noun} there are; stopped."
        return f"{head} for {self.what} that should hold {self.total} {self.noun}; stopped."


def fan_out(
    fn: Callable[[T], R], items: Iterable[T], workers: int
) -> Iterator[tuple[T, R | DevinError]]:
    """``fn`` over ``items`` on ``workers`` threads, in completion order; DevinErrors per item.

    At most ``2 * workers`` calls are queued at once, so a long input is not materialised and an
    early stop (or a non-Devin exception, which propagates) cancels what has not started.
    """
    source = iter(items)
    fn = in_context(fn)  # the workers keep the caller's time limit
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
