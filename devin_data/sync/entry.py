"""Incremental sync of an organization's sessions into the local store.

- cold (no watermark yet): [since, now] is split into created_at windows fetched concurrently
  from the v3 insights list; the plan is saved first and each window is committed with its done
  mark, so an interrupted sync resumes (mode ``resume``) with only the missing windows;
- incremental: one walk with ``updated_after = watermark`` plus one re-check of up to 100
  recently ended sessions still waiting for insights; an unchanged organization costs at most
  two requests. An explicit ``since`` (or ``full``) before the coverage backfills the gap;
- v1 keys list every session by offset and fetch details only for new or updated sessions.

The watermark is read from the API's own ``updated_at`` values, never from this machine's clock,
and capped by the API's clock (its ``Date`` header): see :mod:`devin_data.sync.watermark`. A
``since`` after the API's clock is refused. The whole sync stops at ``Settings.sync_deadline``.
A list item no model reads is set aside with its JSON and the rest of its page stored; values
that cannot be true are stored as sent and reported (see :mod:`devin_data.store.failures`).

Errors from the client propagate after everything fetched so far was committed.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from devin_data.api.client import ClientStats, DevinClient
from devin_data.api.deadline import time_limit
from devin_data.clock_skew import skew_of
from devin_data.models import to_utc
from devin_data.models.state import Plan, StateChange, SyncState
from devin_data.store.failures import SUSPECT
from devin_data.store.store import Store
from devin_data.sync.plan import new_plan, plan_watermark, run_plan
from devin_data.sync.run import SyncRun, newest_update
from devin_data.sync.types import (
    DEFAULT_SPAN,
    FULL_SINCE,
    REPORT_NAMES,
    ProgressFn,
    SyncOptions,
    SyncProgress,
    SyncReport,
)
from devin_data.sync.v1 import sync_v1
from devin_data.sync.v3 import fetch_messages, incremental

__all__ = ["SyncOptions", "SyncProgress", "SyncReport", "parse_since", "sync"]

_SPAN = re.compile(r"(\d{1,5})\s*([dw])", re.IGNORECASE)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_since(text: str, now: datetime) -> datetime:
    """``2026-01-01``, ``2026-01-01T10:00:00Z``, ``90d`` or ``12w`` → an aware UTC datetime."""
    value = text.strip()
    span = _SPAN.fullmatch(value)
    if span:
        amount, unit = int(span.group(1)), span.group(2).lower()
        delta = timedelta(days=amount) if unit == "d" else timedelta(weeks=amount)
        return to_utc(now) - delta
    if _DATE.fullmatch(value) or (len(value) > 10 and value[10:11] in ("T", "t", " ")):
        try:
            return to_utc(value)
        except ValueError:
            pass
    raise ValueError(
        f"Cannot read {text!r} as a since value: use a date (2026-01-01), a UTC time "
        "(2026-01-01T10:00:00Z) or a span back from now (90d, 12w)."
    )


def sync(
    client: DevinClient,
    store: Store,
    options: SyncOptions = SyncOptions(),  # noqa: B008 - frozen, never mutated
    *,
    progress: ProgressFn | None = None,
    now: datetime | None = None,
) -> SyncReport:
    """Bring the store up to date with the API and report what it took; stop at the time limit
    of ``Settings.sync_deadline`` (what was fetched by then is kept)."""
    with time_limit(client.config.sync_deadline), _snapshot_code_loading():
        return _run(client, store, options, progress, to_utc(now or datetime.now(UTC)))


@contextmanager
def _snapshot_code_loading() -> Iterator[None]:
    """Import the snapshot's code (pyarrow) while the first requests are in flight, so a sync
    in a process of its own does not wait for it at the end; joined before the sync returns,
    so a process that ends at once never exits in the middle of an import."""
    loader = threading.Thread(target=_load_snapshot_code, name="devin-preload", daemon=True)
    loader.start()
    try:
        yield
    finally:
        loader.join()


def _run(
    client: DevinClient,
    store: Store,
    options: SyncOptions,
    progress: ProgressFn | None,
    now: datetime,
) -> SyncReport:
    before = client.stats
    state = store.sync_state()
    mode, since = _mode(options, state, now)
    run = SyncRun(client, store, options, now, since, progress)
    run.skew = state.last_sync.clock_skew if state.last_sync else None
    if options.since is not None:
        _refuse_future(run, to_utc(options.since))
    finish = _sync_v1(run, state) if client.api_version == "v1" else _sync_v3(run, state)
    run.raise_deferred()
    if store.sync_state().generation != state.generation:
        finish = {"watermark": None, "coverage_start": None}  # rebuilt mid-sync: start cold again
    known = dict(state.future_updates)
    finish["future_updates"] = run.watermark().still_future(known, run.future_updates, run.seen)
    coverage = finish.get("coverage_start") or state.coverage_start or since.timestamp()
    report = _report(run, mode, before, _moment(coverage), known)
    done: StateChange = {**finish, "plan": None, "last_sync": report.last_sync(now)}
    store.update_sync_state(**done)
    store.snapshot()  # the columnar snapshot the frames read, rebuilt once here, not per view
    run.emit("done", report.fetched, report.fetched, _summary(report))
    return report


def _mode(options: SyncOptions, state: SyncState, now: datetime) -> tuple[str, datetime]:
    """How this sync runs (cold, incremental, or resuming a plan) and from when."""
    if state.plan:
        return "resume", _moment(state.plan["since"])
    since = FULL_SINCE if options.full else to_utc(options.since or now - DEFAULT_SPAN)
    return ("incremental" if state.watermark is not None else "cold"), since


def _report(
    run: SyncRun, mode: str, before: ClientStats, coverage: datetime, known: dict[str, float]
) -> SyncReport:
    """What the sync did; the future updates are the ones not reported by an earlier sync."""
    after = run.client.stats
    return SyncReport(
        mode=mode,
        sessions_total=run.store.count(),
        fetched=len(run.seen),
        new=run.new,
        changed=run.changed,
        unchanged=run.unchanged,
        requests=after.requests - before.requests,
        retries=after.retries - before.retries,
        seconds=round(run.elapsed(), 3),
        failures=sum(1 for f in run.store.failures().values() if f.get("kind") != SUSPECT),
        coverage_start=coverage,
        clock_skew=skew_of(run.client.clock_reading, run.now.timestamp(), run.started),
        future_updates={sid: at for sid, at in run.future_updates.items() if known.get(sid) != at},
        **_problems(run),
    )


def _load_snapshot_code() -> None:
    import devin_data.store.snapshot  # noqa: F401


def _sync_v1(run: SyncRun, state: SyncState) -> StateChange:
    """List and fetch details; the watermark only marks that a first sync was made."""
    listed = sync_v1(run)
    newest = newest_update(listed)
    run.note_future_updates(newest, ((s.session_id, s.last_update.timestamp()) for s in listed))
    watermark = run.watermark().advance(state.watermark, newest)
    return {
        # nothing listed yet: any session updated since ``since`` is new
        "watermark": run.since.timestamp() if watermark is None else watermark,
        "coverage_start": _earliest(state.coverage_start, run.since),
    }


def _refuse_future(run: SyncRun, since: datetime) -> None:
    """Refuse a ``since`` after the API's clock. A ``since`` after this machine's clock, while
    the API's is not known yet, costs one small request that reads it."""
    if run.client.clock_reading is None and run.watermark().beyond(since.timestamp()):
        if run.client.api_version == "v1":
            run.client.list_sessions_v1_page(limit=1)
        else:
            run.client.insight_items_page(first=1)
    run.watermark().refuse_future(since)


def _moment(epoch: object) -> datetime:
    """An epoch in seconds as the sync state keeps it (never read as milliseconds, however
    late)."""
    return datetime.fromtimestamp(float(str(epoch)), UTC)


def _sync_v3(run: SyncRun, state: SyncState) -> StateChange:
    """Incremental walk when a watermark exists, then any cold or backfill plan, then messages."""
    plan, watermark, coverage = state.plan, state.watermark, state.coverage_start
    if watermark is not None:
        incremental(run, watermark)
    if plan is None:
        plan = _plan_for(run, watermark, coverage)
    finish: StateChange = {}
    if plan is not None:
        run_plan(run, plan)
        finish["coverage_start"] = _earliest(coverage, _moment(plan["since"]))
        if plan["kind"] == "cold":
            finish["watermark"] = plan_watermark(run, plan)
    if run.options.with_messages and run.error is None:
        fetch_messages(run)
    return finish


def _plan_for(run: SyncRun, watermark: float | None, coverage: float | None) -> Plan | None:
    """A cold plan without a watermark; a backfill plan when an explicit ``since`` (or ``full``)
    predates the coverage; the default 90 days only shapes the first sync."""
    explicit = run.options.since is not None or run.options.full
    if watermark is None:
        plan = new_plan("cold", run.since, run.now, run)
    elif explicit and (coverage is None or run.since.timestamp() < coverage):
        until = run.now if coverage is None else _moment(coverage)
        plan = new_plan("backfill", run.since, until, run)
    else:
        return None
    run.store.update_sync_state(plan=plan)
    count = len(plan["windows"])
    run.emit("plan", 0, count, f"Fetching sessions since {run.since:%Y-%m-%d} in {count} windows")
    return plan


def _problems(run: SyncRun) -> dict[str, Any]:
    """What the report says of the items set aside and the suspect values this sync met."""
    rejects = list({r.key: r for r in run.quarantined}.values())  # windows may overlap
    quarantined = [f"{r.name}: {r.reason}" for r in rejects[:REPORT_NAMES]]
    suspect = [f"{sid}: {why}" for sid, why in sorted(run.suspect.items())[:REPORT_NAMES]]
    return {
        "quarantined": tuple(quarantined),
        "quarantined_count": len(rejects),
        "suspect": tuple(suspect),
        "suspect_count": len(run.suspect),
    }


def _earliest(coverage: float | None, since: datetime) -> float:
    if coverage is None:
        return since.timestamp()
    return min(coverage, since.timestamp())


def _summary(report: SyncReport) -> str:
    text = (
        f"{report.fetched} sessions fetched ({report.new} new, {report.changed} changed) "
        f"with {report.requests} requests in {report.seconds:.1f} s"
    )
    warnings = [w for w in (report.clock_warning, report.future_warning) if w]
    return ". ".join([text, *warnings])
