"""Cold-sync plans: created_at windows fetched concurrently, resumable window by window.

A plan lives in the store's sync state (as JSON) before anything is fetched::

    {"kind": "cold" | "backfill", "since": epoch, "until": epoch, "started_at": epoch,
     "windows": [[a, b], ...], "done": [index, ...], "newest": epoch | None}

Each window's sessions are stored page by page, and the plan marks the window done once all of
them are, so a sync interrupted by an error, Ctrl-C or a kill resumes with only the missing
windows. A window split into narrower ones is done when they are all listed in the plan. ``newest``
is the largest ``updated_at`` stored so far: a cold plan's watermark is read from it, not from
this machine's clock.
"""

from __future__ import annotations

import itertools
import math
from datetime import datetime
from functools import partial
from typing import Any

from devin_data.errors import DevinError
from devin_data.models.fast import Item
from devin_data.models.intake import Listed
from devin_data.models.state import Plan
from devin_data.sync.run import SyncRun

_MIN_WINDOW_SECONDS = 3600  # narrower windows cost more requests than they save
_MIN_SPLIT = 60  # a window is never split below a minute


def window_count(since: float, until: float, concurrency: int, wanted: int | None) -> int:
    """2 × concurrency (windows with many pages are split once their size is known), fewer
    when the span is under that many hours."""
    span = max(until - since, 0.0)
    count = wanted or 2 * concurrency
    return max(1, min(count, math.ceil(span / _MIN_WINDOW_SECONDS)))


def split(since: float, until: float, count: int) -> list[list[int]]:
    """``count`` contiguous whole-second windows [a, b] covering [since, until]."""
    lo, hi = math.floor(since), math.ceil(until)
    edges = [lo + round((hi - lo) * i / count) for i in range(count + 1)]
    return [[a, b] for a, b in itertools.pairwise(edges) if b > a] or [[lo, hi]]


def new_plan(kind: str, since: datetime, until: datetime, run: SyncRun) -> Plan:
    start, end = since.timestamp(), until.timestamp()
    count = window_count(start, end, run.client.config.concurrency, run.options.windows)
    return {
        "kind": kind,
        "since": start,
        "until": end,
        "started_at": run.now.timestamp(),
        "windows": split(start, end, count),
        "done": [],
        "newest": None,
    }


def first_page(run: SyncRun, plan: Plan, index: int) -> Listed[Item]:
    """The first page of one window, stored as it arrives. Bounds are widened by a second each
    side, as filter inclusivity is undocumented; the last window of a cold plan has no upper
    bound, so a server clock ahead of ours loses nothing."""
    page = run.client.insight_items_page(**_bounds(plan, index))
    run.write_page(page)
    return page


def walk(run: SyncRun, plan: Plan, index: int, start: Listed[Item] | None = None) -> None:
    """The rest of a window's pages after ``start`` (all of them without one), each stored as
    it arrives, so memory holds a page per thread, never the organization. A window that keeps
    returning pages past the count of its first page stops with EndlessListError."""
    pages = run.client.iter_insight_item_pages(start=start, what="a window", **_bounds(plan, index))
    for page in pages:
        run.write_page(page)


def _bounds(plan: Plan, index: int) -> dict[str, Any]:
    a, b = plan["windows"][index]
    return {"created_after": a - 1, "created_before": None if _open_end(plan, index) else b + 1}


def _open_end(plan: Plan, index: int) -> bool:
    return bool(plan["kind"] == "cold" and plan["windows"][index][1] >= math.ceil(plan["until"]))


def run_plan(run: SyncRun, plan: Plan) -> None:
    """Fetch the plan's missing windows concurrently, each marked done once stored.

    First every window's first page, which tells how many sessions it holds (the API's
    ``total``); then windows with many pages are split, so every thread walks about as many
    pages as the others and the whole plan takes as few rounds as its pages allow.
    """
    pending = [i for i in range(len(plan["windows"])) if i not in set(plan["done"])]
    run.emit("windows", len(plan["done"]), len(plan["windows"]), f"{len(pending)} windows to fetch")
    rest: list[tuple[int, Listed[Item]]] = []
    for index, page in run.client.map_concurrent(partial(first_page, run, plan), pending):
        if isinstance(page, DevinError):
            if run.defer(page):
                return
        elif page.has_next_page and page.end_cursor:
            rest.append((index, page))
        else:
            _done(run, plan, [index])
    tasks = _balance(run, plan, rest)
    run.write_items([], state={"plan": plan})
    for task, result in run.client.map_concurrent(lambda t: walk(run, plan, *t), tasks):
        if isinstance(result, DevinError):
            if run.defer(result):
                return
        else:
            _done(run, plan, [task[0]])


def _balance(
    run: SyncRun, plan: Plan, rest: list[tuple[int, Listed[Item]]]
) -> list[tuple[int, Listed[Item] | None]]:
    """Continue each unfinished window after its first page, or split one with more pages than
    its share into windows walked from the start (its first page is then read twice)."""
    size = run.client.config.page_size
    left = {i: math.ceil(page.total / size) - 1 if page.total else None for i, page in rest}
    known = [n for n in left.values() if n is not None]
    share = max(2, math.ceil(sum(known) / max(1, run.client.config.concurrency)))
    tasks: list[tuple[int, Listed[Item] | None]] = []
    for index, page in rest:
        pages, (a, b) = left[index], plan["windows"][index]
        parts = 1 if pages is None else min(math.ceil(pages / share), (b - a) // _MIN_SPLIT)
        if parts < 2:
            tasks.append((index, page))
            continue
        first = len(plan["windows"])
        plan["windows"].extend(split(a, b, parts))
        plan["done"] = sorted({*plan["done"], index})
        tasks.extend((new, None) for new in range(first, len(plan["windows"])))
    return tasks


def _done(run: SyncRun, plan: Plan, indexes: list[int]) -> None:
    plan["done"] = sorted({*plan["done"], *indexes})
    newest = [v for v in (plan.get("newest"), run.newest) if v is not None]
    plan["newest"] = max(newest, default=None)
    run.write_items([], state={"plan": plan})
    total, done = len(plan["windows"]), len(plan["done"])
    run.emit("windows", done, total, f"window {done} of {total} stored")


def plan_watermark(run: SyncRun, plan: Plan) -> float:
    """The watermark after a finished cold plan: the newest ``updated_at`` it stored, less the
    overlap and the time the plan took (sessions updated while it ran are read again); the
    plan's ``since`` when the organization had no session at all."""
    took = run.now.timestamp() - plan["started_at"] + run.elapsed()
    watermark = run.watermark().advance(None, plan.get("newest"), took)
    return float(plan["since"]) if watermark is None else watermark
