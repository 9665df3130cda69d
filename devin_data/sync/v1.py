"""v1 (``apk_`` keys): list every session by offset pages, then fetch details where needed.

v1 lists have no time filters and no counts, so the list is read in speculative batches of
``concurrency`` pages (newest first) until a short page or a page older than ``since``; details
(which carry the messages) are fetched only for sessions that are new, updated, or failed before.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import partial

from devin_data.api.pagination import PageBound
from devin_data.errors import DevinError
from devin_data.models import Session
from devin_data.models.fast import Item
from devin_data.models.intake import Listed
from devin_data.sync.run import FATAL_ERRORS, SyncRun


def list_all(run: SyncRun) -> list[Session]:
    """Every listed session created since ``run.since`` (all of them with ``full``)."""
    limit, width = run.client.config.v1_page_size, run.client.config.concurrency
    found: dict[str, Session] = {}
    bound = PageBound("GET /v1/sessions", noun="sessions")
    start = 0
    while True:
        offsets = [start + i * limit for i in range(width)]
        pages: dict[int, Listed[Session]] = {}
        for offset, result in run.client.map_concurrent(partial(_page, run, limit), offsets):
            if isinstance(result, DevinError):
                raise result
            pages[offset] = result
        if _absorb(run, [(o, pages[o]) for o in offsets], limit, found, bound):
            return [s for s in found.values() if run.options.full or s.created_at >= run.since]
        start += width * limit
        run.emit("list", len(found), None, f"{len(found)} sessions listed")


def _page(run: SyncRun, limit: int, offset: int) -> Listed[Session]:
    return run.client.sessions_v1_page(offset=offset, limit=limit)


def _details(run: SyncRun, session: Session) -> Session:
    return run.client.get_session_details_v1(session.session_id)


def _absorb(
    run: SyncRun,
    pages: list[tuple[int, Listed[Session]]],
    limit: int,
    found: dict[str, Session],
    bound: PageBound,
) -> bool:
    """Add pages in order, setting aside what no model reads; True once the listing is
    exhausted (a short page, counting the items set aside) or older than ``since``. A full
    page with no session unseen before is the API ignoring the offset: the walk stops."""
    for offset, page in pages:
        run.set_aside(page.rejects)
        before = len(found)
        for session in page.items:
            found.setdefault(session.session_id, session)
        if page.listed < limit:
            return True
        bound.check_offset(offset, len(page.items), len(found) - before)
        oldest = min((s.created_at for s in page.items), default=None)
        if not run.options.full and oldest is not None and oldest < run.since:
            return True
    return False


def needing_details(run: SyncRun, listed: list[Session]) -> list[Session]:
    """New sessions, sessions whose updated_at moved, and sessions that failed last time."""
    known = run.store.updated_at_by_id()
    failed = run.store.failures()
    need = []
    for session in listed:
        stored = known.get(session.session_id)
        stale = stored is None or stored != session.last_update.timestamp()
        if stale or session.session_id in failed:
            need.append(session)
    return need


def sync_v1(run: SyncRun) -> list[Session]:
    """List, then fetch the details that are needed; returns what was listed.

    "Needed" compares each listed ``updated_at`` with the stored one, never with a clock. The
    details stream through the client's threads without waiting for a batch to finish: each
    batch of answers is stored as it completes.
    """
    listed = list_all(run)
    run.seen.update(s.session_id for s in listed)
    need = needing_details(run, listed)
    run.unchanged += len(listed) - len(need)
    run.emit("details", 0, len(need), f"{len(listed)} sessions listed, {len(need)} to fetch")
    failed_before = run.store.failures()
    batch: list[tuple[Session, Session | DevinError]] = []
    done = 0
    for session, result in run.client.map_concurrent(partial(_details, run), need):
        batch.append((session, result))
        if len(batch) >= _DETAIL_BATCH or done + len(batch) == len(need):
            _store_details(run, batch, failed_before)
            done += len(batch)
            batch = []
            run.emit("details", done, len(need), f"details of {done} of {len(need)} sessions")
    return listed


_DETAIL_BATCH = 32


def _store_details(
    run: SyncRun,
    batch: Sequence[tuple[Session, Session | DevinError]],
    failed_before: Mapping[str, object],
) -> None:
    """One batch of answers; a failed session keeps (or gets) its list summary and a failure."""
    good: list[Session] = []
    fallback: list[Session] = []
    for session, result in batch:
        if isinstance(result, FATAL_ERRORS):
            run.defer(result)
        elif isinstance(result, DevinError):
            run.store.record_failure(session.session_id, str(result))
            if run.store.get_record(session.session_id) is None:
                fallback.append(session)
        else:
            good.append(result)
    items = [Item.of(session) for session in good + fallback]
    run.count(run.store.write_items(items, observed_at=run.now))
    run.review(items)
    for session in good:
        if session.session_id in failed_before:
            run.store.clear_failure(session.session_id)
    if isinstance(run.error, FATAL_ERRORS):
        run.raise_deferred()
