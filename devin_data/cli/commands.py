"""The work behind each ``devin-data`` command; argument parsing lives in ``cli.entry``."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from devin_data.cli.progress import ProgressBar
from devin_data.clock_skew import span
from devin_data.config import Settings
from devin_data.errors import OptionError
from devin_data.models import to_utc
from devin_data.services import syncing
from devin_data.services.workspace import Workspace
from devin_data.sync import SyncOptions, SyncReport, parse_since

if TYPE_CHECKING:
    import pandas as pd

DEMO_STAYS_LOCAL = (
    "note: without an API key this is the demo organization: it is kept in the cache folder, "
    "never in the shared store that DEVIN_STORE_URL names."
)
SESSIONS_READY = "The sessions are stored and ready: the app and `devin-data export` read them now."


def run_sync(args: SimpleNamespace, settings: Settings, *, now: datetime) -> int:
    """Fetch what changed, with a progress bar, and print a one-paragraph summary; with
    ``--org``, for each organization named, each into its own cache scope."""
    if getattr(args, "org", None):
        from devin_data.cli.organizations import sync_each

        return sync_each(args, settings, now, lambda a, s: _sync_one(a, s, now=now))
    return _sync_one(args, settings, now=now)


def _sync_one(args: SimpleNamespace, settings: Settings, *, now: datetime) -> int:
    """One connection's sync: fetch what changed and say what was done."""
    try:
        since = parse_since(args.since, now) if args.since else None
    except ValueError as err:
        raise OptionError(str(err)) from None
    options = SyncOptions(since=since, full=args.full, with_messages=args.messages)
    overrides: dict[str, Any] = {"concurrency": args.concurrency} if args.concurrency else {}
    if getattr(args, "time_limit", None):
        overrides["sync_deadline"] = args.time_limit
    bar = None if args.quiet else ProgressBar()
    print(f"Syncing {settings.describe()}", flush=True)
    if settings.store_url is not None and settings.shared_store_url is None:
        print(DEMO_STAYS_LOCAL, file=sys.stderr)
    with Workspace.open(settings) as ws:
        for warning in ws.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        try:
            report = syncing.sync_now(ws, options, progress=bar, **overrides)
            busy = None if report is not None else syncing.running(ws)
        finally:
            if bar is not None:
                bar.close()
        if report is None:
            where = f" ({busy.phase}: {busy.message})" if busy and busy.message else ""
            print(f"Another sync of this organization is running{where}; this one did not start.")
            return 0
        print(summary(report), flush=True)
        for text in (report.clock_warning, report.future_warning):
            if text:
                print(f"warning: {text}", file=sys.stderr, flush=True)
        print(SESSIONS_READY, flush=True)  # the extras below never hold the sessions back
        extras = syncing.refresh_extras(ws, now)
    print(extras.summary())
    for problem in extras.problems:  # a missing permission for names or billing: a line, no more
        print(f"note: {problem}", file=sys.stderr)
    return 0


def summary(report: SyncReport) -> str:
    text = (
        f"{report.mode} sync: {report.sessions_total} sessions cached "
        f"({report.new} new, {report.changed} changed, {report.unchanged} unchanged); "
        f"{report.requests} requests, {report.retries} retries, {report.failures} failures, "
        f"{report.seconds:.1f} s; covering sessions created since "
        f"{report.coverage_start:%Y-%m-%d}."
    )
    quarantined = _named(
        report.quarantined_count,
        report.quarantined,
        "malformed session was set aside (quarantined); every other one was stored:",
        "malformed sessions were set aside (quarantined); every other one was stored:",
    )
    suspect = _named(
        report.suspect_count,
        report.suspect,
        "session was stored with a suspect value:",
        "sessions were stored with suspect values:",
    )
    return "\n".join([text, *quarantined, *suspect])


def _named(count: int, names: tuple[str, ...], one: str, many: str) -> list[str]:
    """A line saying how many, then one line per name, then how many more are not named."""
    if not count:
        return []
    more = count - len(names)
    tail = [f"  … and {more} more (see the Data page)"] if more > 0 else []
    return [f"{count} {one if count == 1 else many}", *(f"  {name}" for name in names), *tail]


def run_export(args: SimpleNamespace, settings: Settings, *, now: datetime) -> int:
    """Write one row per cached session (of each organization ``--org`` names) in the one export
    schema; an empty cache is an error, not an empty file."""
    from devin_data.analytics.spend import with_money
    from devin_data.cli.report import spend_settings_from
    from devin_data.frames.export import write_export  # pandas loads only for exports
    from devin_data.services.export import cached_export

    fmt = args.format
    price = spend_settings_from(args).acu_price  # a bad price is refused before anything is read
    if getattr(args, "org", None):
        from devin_data.cli.organizations import export_rows

        frame: pd.DataFrame | None = export_rows(settings, args.org, now)
    else:
        with Workspace.open(settings) as ws:
            frame = cached_export(ws, settings) if ws.count() else None
    if frame is None or frame.empty:
        where = "the organizations named" if getattr(args, "org", None) else settings.describe()
        raise ValueError(f"no sessions are cached for {where}; run `devin-data sync` first")
    frame = with_money(frame, price, ["acus_consumed"])
    write_export(frame, args.out, fmt)
    print(f"Wrote {len(frame)} sessions to {args.out} ({fmt}).")
    return 0


def offset_clock(offset: timedelta, base: Callable[[], float] = time.time) -> Callable[[], float]:
    """The machine's clock moved by ``offset``: an API whose clock disagrees with ours."""
    seconds = offset.total_seconds()
    return lambda: base() + seconds


def run_emulator(args: SimpleNamespace) -> int:
    """Serve the synthetic organization on 127.0.0.1 until interrupted."""
    from devin_data.emulator import DemoOrg, Emulator, serve  # numpy loads only to serve
    from devin_data.emulator.keys import ORG_ID, describe_keys

    clock = offset_clock(args.clock_offset)
    anchor = to_utc(args.anchor) if args.anchor else _day_start(clock())
    started = time.monotonic()
    org = DemoOrg.generate(args.sessions, args.seed, anchor, days=args.days)
    emulator = Emulator(
        org,
        clock=clock,
        latency_ms=args.latency_ms,
        fault_rate=args.fault_rate,
        retry_after=args.retry_after,
        seed=args.seed,
    )
    server = serve(emulator, port=args.port)
    took = time.monotonic() - started
    print(
        f"Devin API emulator: {args.sessions} sessions (seed {args.seed}, anchor "
        f"{anchor:%Y-%m-%dT%H:%MZ}{_offset_note(args.clock_offset)}) generated in {took:.1f} s, "
        f"serving {server.url}\n"
        f"  DEVIN_API_BASE_URL={server.url} DEVIN_ORG_ID={ORG_ID}\n{describe_keys()}",
        flush=True,
    )
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        print("emulator stopped", file=sys.stderr)
        return 0
    finally:
        server.close()


def _offset_note(offset: timedelta) -> str:
    seconds = offset.total_seconds()
    if not seconds:
        return ""
    side = "ahead of" if seconds > 0 else "behind"
    return f", its clock {span(abs(seconds))} {side} this machine's"


def _day_start(moment: float) -> datetime:
    """00:00 UTC of the emulator's own day."""
    return datetime.fromtimestamp(moment, tz=UTC).replace(hour=0, minute=0, second=0, microsecond=0)
