"""``devin-data report``: write the digest of a period from the cache, for cron, e-mail or Slack.

The arguments are read here; the digest is built by :mod:`devin_data.services.report` (the
billed consumption refreshed first unless ``--offline``). The file holds no API key: the digest
is built from cached figures and the organization id.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

from devin_data.cli.params import period_days
from devin_data.config import (
    ENV_ACU_PRICE,
    ENV_ALERT_ERROR_SHARE,
    ENV_ALERT_SPEND_PACE,
    ENV_MONTHLY_BUDGET,
    SOURCE_ENVIRONMENT,
    SOURCE_FLAG,
    Settings,
    SpendSettings,
    teams_file,
)
from devin_data.query.filters import valid_zone
from devin_data.services.report import report
from devin_data.text.render import to_html, to_markdown

FLAGS = {
    "acu_price": ENV_ACU_PRICE,
    "monthly_budget_acus": ENV_MONTHLY_BUDGET,
    "alert_spend_pace": ENV_ALERT_SPEND_PACE,
    "alert_error_share": ENV_ALERT_ERROR_SHARE,
}


def spend_settings_from(args: SimpleNamespace) -> SpendSettings:
    """Flags win over the environment; a value that is not a number is an error here."""
    given = {name: getattr(args, flag, None) for flag, name in FLAGS.items()}
    spend, problems = SpendSettings.load((SOURCE_ENVIRONMENT, os.environ), (SOURCE_FLAG, given))
    if problems:
        raise ValueError(problems[0])
    return spend


def run_report(args: SimpleNamespace, settings: Settings, *, now: datetime) -> int:
    """Write the digest of the period (local days in ``--tz``) to ``--out`` as HTML or
    Markdown."""
    days = period_days(args.period)
    tz = getattr(args, "tz", None) or "UTC"
    if not valid_zone(tz):
        raise ValueError(f"--tz {tz[:64]!r} is not a known time zone; use a name like Europe/Paris")
    named = teams_file((SOURCE_ENVIRONMENT, os.environ))
    spend = spend_settings_from(args)
    found = report(
        settings, spend, now=now, days=days, tz=tz, offline=args.offline, teams_file=named
    )
    for note in found.notes:
        print(f"warning: {note}", file=sys.stderr)
    title, blocks = found.title, found.blocks
    text = to_html(blocks, title) if args.format == "html" else to_markdown(blocks)
    out = Path(args.out)
    out.write_text(text, encoding="utf-8")
    print(f"Wrote the digest of the last {days} days ({tz}) to {out} ({args.format}).")
    return 0
