"""v3 steps after (or instead of) a cold plan: the incremental walk, the insights re-check and
the messages of sessions whose stored messages are missing or stale."""

from __future__ import annotations

from devin_data.errors import DevinError
from devin_data.models import TERMINAL_STATUSES, Message
from devin_data.sync.run import FATAL_ERRORS, SyncRun, chunks
from devin_data.sync.types import RECHECK_LIMIT, RECHECK_SPAN

_MESSAGE_BATCH = 50


def incremental(run: SyncRun, watermark: float) -> None:
    """Sessions updated after the watermark (usually one request), then the re-check.

    The next watermark comes from the ``updated_at`` values returned, by the rule of
    :mod:`devin_data.sync.watermark`, so an API whose clock differs from this machine's loses
    nothing; it is stored only once the walk is complete.
    """
    run.emit("incremental", 0, None, "Fetching sessions updated since the last sync")
    stored = run.store.newest_update()
    watermark = run.watermark().start(watermark, stored)
    began = run.elapsed()
    count, newest = 0, None
    for page in run.client.iter_insight_item_pages(updated_after=int(watermark)):
        run.write_page(page)
        count += len(page.items)
        updates = [i.updated_at for i in page.items] + ([] if newest is None else [newest])
        newest = max(updates, default=None)
    new_watermark = run.watermark().advance(watermark, newest, run.elapsed() - began)
    run.write_items([], state={"watermark": new_watermark})
    run.emit("incremental", count, count, f"{count} sessions updated")
    recheck(run, stored)


def recheck_candidates(run: SyncRun, newest: float | None) -> list[str]:
    """Recently ended sessions still without insights, newest first (insights come later), then
    sessions an earlier sync set aside as malformed.

    "Recently" counts back from the newest stored update (the API's clock) or from this
    machine's clock, whichever reaches further, so a skewed clock on either side loses nothing.
    Sessions this sync already read are left out.
    """
    latest = newest or run.now.timestamp()
    cutoff = min(latest, run.now.timestamp()) - RECHECK_SPAN.total_seconds()
    ids = run.store.waiting_for_insights(TERMINAL_STATUSES, cutoff, RECHECK_LIMIT, run.seen)
    return ids + run.set_aside_before(RECHECK_LIMIT - len(ids))


def recheck(run: SyncRun, newest: float | None) -> None:
    """One request for up to 100 ended sessions whose insights may have appeared since.

    ``newest`` is the newest stored update before this sync's writes.
    """
    ids = recheck_candidates(run, newest)
    if not ids:
        return
    page = run.client.insight_items_page(first=len(ids), session_ids=ids)
    run.write_page(page)
    found = sum(1 for item in page.items if item.analysis is not None)
    run.emit("recheck", len(ids), len(ids), f"{found} of {len(ids)} ended sessions have insights")


def stale_messages(run: SyncRun) -> list[str]:
    """Sessions since ``run.since`` whose messages were never stored or predate an update."""
    index = run.store.messages_index()
    updated = run.store.updated_at_by_id(run.since.timestamp())
    return [sid for sid, at in updated.items() if index.get(sid) != at]


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
