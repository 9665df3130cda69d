"""v3 steps after (or instead of) a cold plan: the incremental walk, the insights re-check and
the messages of sessions whose stored messages are missing or stale."""

from __future__ import annotations

from typing import Any

from devin_data.errors import DevinError
from devin_data.models import TERMINAL_STATUSES, Message
from devin_data.sync.run import (
    FATAL_ERRORS,
    SyncRun,
    chunks,
    newest_update,
    next_watermark,
)
from devin_data.sync.types import RECHECK_LIMIT, RECHECK_SPAN, WATERMARK_OVERLAP

_MESSAGE_BATCH = 50


def incremental(run: SyncRun, watermark: float) -> None:
    """Sessions updated after the watermark (usually one request), then the re-check.

    The next watermark comes from the ``updated_at`` values returned, so an API whose clock
    differs from this machine's loses nothing. A watermark later than the newest stored update
    (one once taken from a clock ahead of the API's) is pulled back to it.
    """
    run.emit("incremental", 0, None, "Fetching sessions updated since the last sync")
    records = run.store.session_records()
    stored = newest_record(records)
    if stored is not None:
        watermark = min(watermark, stored - WATERMARK_OVERLAP.total_seconds())
    began = run.elapsed()
    updated = list(run.client.iter_session_insights(updated_after=int(watermark)))
    new_watermark = next_watermark(watermark, newest_update(updated), run.elapsed() - began)
    run.write(updated, meta={"watermark": new_watermark})
    run.emit("incremental", len(updated), len(updated), f"{len(updated)} sessions updated")
    recheck(run, records)


def newest_record(records: list[dict[str, Any]]) -> float | None:
    """The largest stored ``updated_at``: the API's clock as of the last sync."""
    return max((r["updated_at"] for r in records if r.get("updated_at")), default=None)


def recheck_candidates(run: SyncRun, records: list[dict[str, Any]]) -> list[str]:
    """Recently ended sessions still without insights, newest first (insights come later).

    "Recently" counts back from the newest stored update (the API's clock) or from this
    machine's clock, whichever reaches further, so a skewed clock on either side loses nothing.
    """
    newest = newest_record(records) or run.now.timestamp()
    cutoff = min(newest, run.now.timestamp()) - RECHECK_SPAN.total_seconds()
    waiting = [
        r
        for r in records
        if r.get("status") in TERMINAL_STATUSES
        and not r.get("has_analysis")
        and (r.get("updated_at") or 0) >= cutoff
        and r["session_id"] not in run.seen
    ]
    waiting.sort(key=lambda r: r.get("updated_at") or 0, reverse=True)
    return [r["session_id"] for r in waiting[:RECHECK_LIMIT]]


def recheck(run: SyncRun, records: list[dict[str, Any]]) -> None:
    """One request for up to 100 ended sessions whose insights may have appeared since.

    ``records`` may predate this sync's writes: sessions written since are in ``run.seen``.
    """
    ids = recheck_candidates(run, records)
    if not ids:
        return
    page = run.client.list_session_insights_page(first=len(ids), session_ids=ids)
    run.write(page.items)
    found = sum(1 for s in page.items if s.analysis is not None)
    run.emit("recheck", len(ids), len(ids), f"{found} of {len(ids)} ended sessions have insights")


def stale_messages(run: SyncRun) -> list[str]:
    """Sessions since ``run.since`` whose messages were never stored or predate an update."""
    index = run.store.messages_index()
    since = run.since.timestamp()
    return [
        r["session_id"]
        for r in run.store.session_records()
        if r.get("created_at", 0) >= since and index.get(r["session_id"]) != r.get("updated_at")
    ]


def fetch_messages(run: SyncRun) -> None:
    """Messages of new or changed sessions, fetched concurrently and stored in batches."""
    ids = stale_messages(run)
    run.emit("messages", 0, len(ids), f"Fetching messages of {len(ids)} sessions")
    done = 0
    for batch in chunks(ids, _MESSAGE_BATCH):
        fetched: dict[str, list[Message]] = {}
        for session_id, result in run.client.map_concurrent(run.client.list_messages, batch):
            if isinstance(result, DevinError):
                if run.defer(result):
                    break
            else:
                fetched[session_id] = result
        run.store.write_messages(fetched)
        if isinstance(run.error, FATAL_ERRORS):
            break
        done += len(batch)
        run.emit("messages", done, len(ids), f"messages of {done} of {len(ids)} sessions")
