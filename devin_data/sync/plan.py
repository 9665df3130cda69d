"""Cold-sync plans: created_at windows fetched concurrently, resumable window by window.

A plan lives in the store's meta as JSON before anything is fetched::

    {"kind": "cold" | "backfill", "since": epoch, "until": epoch, "started_at": epoch,
     "windows": [[a, b], ...], "done": [index, ...], "newest": epoch | None}

Each finished window is written together with the plan marking it done (one transaction), so a
sync interrupted by an error, Ctrl-C or a kill resumes with only the missing windows. ``newest``
is the largest ``updated_at`` stored so far: a cold plan's watermark is read from it, not from
this machine's clock.
"""

from __future__ import annotations

import itertools
import math
from datetime import datetime
from typing import Any

from devin_data.errors import DevinError
from devin_data.models import Session
from devin_data.sync.run import SyncRun, newest_update, next_watermark

_MIN_WINDOW_SECONDS = 3600  # narrower windows cost more requests than they save
Plan = dict[str, Any]


def window_count(since: float, until: float, concurrency: int, wanted: int | None) -> int:
    """max(4 × concurrency, one per 14 days), fewer when the span is under that many hours."""
    span = max(until - since, 0.0)
    count = wanted or max(4 * concurrency, math.ceil(span / 86400 / 14))
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


def fetch_window(run: SyncRun, window: list[int], open_end: bool) -> list[Session]:
    """One window; bounds widened by a second each side, as filter inclusivity is undocumented.

    The last window of a cold plan has no upper bound, so a server clock ahead of ours loses
    nothing.
    """
    a, b = window
    before = None if open_end else b + 1
    return list(run.client.iter_session_insights(created_after=a - 1, created_before=before))


def run_plan(run: SyncRun, plan: Plan) -> None:
    """Fetch the plan's missing windows concurrently, committing each with its done mark."""
    windows: list[list[int]] = plan["windows"]
    pending = [i for i in range(len(windows)) if i not in set(plan["done"])]
    done = len(windows) - len(pending)
    run.emit("windows", done, len(windows), f"{len(pending)} time windows to fetch")
    last = len(windows) - 1 if plan["kind"] == "cold" else -1
    results = run.client.map_concurrent(
        lambda i: fetch_window(run, windows[i], open_end=i == last), pending
    )
    for index, result in results:
        if isinstance(result, DevinError):
            if run.defer(result):
                break
            continue
        plan["done"] = sorted({*plan["done"], index})
        newest = [v for v in (plan.get("newest"), newest_update(result)) if v is not None]
        plan["newest"] = max(newest, default=None)
        run.write(result, meta={"plan": plan})
        done += 1
        run.emit("windows", done, len(windows), f"window {done} of {len(windows)} stored")


def plan_watermark(run: SyncRun, plan: Plan) -> float:
    """The watermark after a finished cold plan: the newest ``updated_at`` it stored, less the
    overlap and the time the plan took (sessions updated while it ran are read again); the
    plan's ``since`` when the organization had no session at all."""
    took = run.now.timestamp() - plan["started_at"] + run.elapsed()
    watermark = next_watermark(None, plan.get("newest"), took)
    return float(plan["since"]) if watermark is None else watermark
