"""``devin-data insights``: insight coverage by week, and generating the missing insights."""

from __future__ import annotations

import sys
from datetime import datetime
from types import SimpleNamespace

import pandas as pd

from devin_data.analytics import insight_coverage, missing_insights
from devin_data.cli.progress import ProgressBar
from devin_data.config import Settings
from devin_data.frames.sessions import build_sessions_frame
from devin_data.services import insights
from devin_data.services.workspace import Workspace
from devin_data.sync import SyncProgress

WEEKS_SHOWN = 8
V1_MESSAGE = "insights are not reported by the v1 API; use a v3 key (cog_...)"


def run_insights(args: SimpleNamespace, settings: Settings, *, now: datetime) -> int:
    """Print coverage; with ``--generate-missing`` ask for the missing insights. 1 if any failed."""
    if settings.api_version == "v1":
        raise ValueError(V1_MESSAGE)
    with Workspace.open(settings) as ws:
        if not ws.count():
            raise ValueError(
                f"no sessions are cached for {settings.describe()}; run `devin-data sync` first"
            )
        arrived = insights.collect(ws, now=now)
        frame = build_sessions_frame(ws.store.session_records())
        print(coverage_text(frame, arrived, ws))
        if not args.generate_missing:
            return 0
        return _generate(ws, missing_insights(frame), args, now=now)


def coverage_text(frame: pd.DataFrame, arrived: int, ws: Workspace) -> str:
    """Coverage overall and for the latest weeks (UTC), and what is still missing."""
    weeks = insight_coverage(frame, "UTC")
    ended, analysed = int(weeks["ended"].sum()), int(weeks["with_insights"].sum())
    share = f" ({analysed / ended:.1%})" if ended else ""
    missing = missing_insights(frame)
    waiting = len(missing) - len(insights.not_asked_for(ws, missing))
    lines = [f"Insight coverage: {analysed:,} of {ended:,} ended sessions have insights{share}."]
    if arrived:
        lines.append(f"{arrived:,} generated analyses arrived and were cached.")
    lines.append(
        f"{len(missing):,} ended sessions without insights"
        + (f", {waiting:,} of them already asked for and not analysed yet." if waiting else ".")
    )
    if len(weeks):
        lines.append("Week (Monday, UTC)  ended  with insights  share")
    for row in weeks.tail(WEEKS_SHOWN).itertuples():
        lines.append(
            f"{row.week:%Y-%m-%d}          {row.ended:>5,}  {row.with_insights:>13,}  "
            f"{row.share:>5.1%}"
        )
    return "\n".join(lines)


def _generate(ws: Workspace, missing: list[str], args: SimpleNamespace, *, now: datetime) -> int:
    """Ask for the missing insights with a progress bar; 1 when some requests failed."""
    bar = None if args.quiet else ProgressBar()

    def progress(event: insights.FillProgress) -> None:
        if bar is not None:
            bar(SyncProgress("insights", event.done, event.total, event.session_id))

    try:
        report = insights.ask_for_missing(ws, missing, now=now, limit=args.limit, progress=progress)
    finally:
        if bar is not None:
            bar.close()
    print(fill_summary(report))
    for session_id, reason in sorted(report.failed.items()):
        print(f"warning: {session_id}: {reason}", file=sys.stderr)
    return 1 if report.failed else 0


def fill_summary(report: insights.FillReport) -> str:
    """One paragraph: what was asked for, and what a rerun will do."""
    text = (
        f"Asked for the insights of {len(report.requested):,} sessions "
        f"({len(report.already):,} already had them, {len(report.failed):,} failed, "
        f"{len(report.skipped):,} skipped as asked for earlier)."
    )
    if report.left:
        text += f" {report.left:,} are left for the next run (--limit)."
    if report.requested:
        text += " Analyses take a few minutes; `devin-data sync` or this command caches them."
    return text
