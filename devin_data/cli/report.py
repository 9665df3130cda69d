"""``devin-data report``: write the digest of a period from the cache, for cron, e-mail or Slack.

The sessions come from the cache (``devin-data sync`` fills it); the billed consumption, cycles
and limits are refreshed first unless ``--offline``, and a refresh that fails only costs a note.
The file holds no API key: the digest is built from cached figures and the organization id.
"""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

from devin_data.analytics.digest import DigestInput, digest
from devin_data.analytics.spend import spend_view
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
)
from devin_data.connect import client_for, store_for
from devin_data.errors import DevinError
from devin_data.frames import build_messages_frame, build_sessions_frame
from devin_data.models import to_utc
from devin_data.store.store import Store
from devin_data.sync.spend import refresh_billing, refresh_consumption
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


def _refresh(settings: Settings, store: Store, now: datetime) -> str | None:
    try:
        with client_for(settings, now=now) as client:
            refresh_consumption(client, store, now)
            refresh_billing(client, store, now)
    except DevinError as err:
        return f"billed ACUs could not be refreshed ({err}); the cached ones are used"
    return None


def build_input(args: SimpleNamespace, settings: Settings, now: datetime) -> DigestInput:
    """Everything the digest needs, read from the cache of ``settings``."""
    spend = spend_settings_from(args)
    store = store_for(settings, now)
    try:
        records = store.session_records()
        if not records:
            raise ValueError(
                f"no sessions are cached for {settings.describe()}; run `devin-data sync` first"
            )
        note = None if args.offline else _refresh(settings, store, now)
        if note:
            print(f"warning: {note}", file=sys.stderr)
        saved = store.spend_settings().get("monthly_budget_acus")
        budget = spend.monthly_budget_acus or (float(saved) if saved else None)
        view = spend_view(
            store.consumption(),
            store.billing(),
            store.spend_status(),
            settings.effective_org_id,
            now,
            monthly_budget=budget,
        )
        messages = store.all_messages()
        coverage = store.meta().get("coverage_start")
    finally:
        store.close()
    return DigestInput(
        org=settings.effective_org_id or "the organization",
        frame=build_sessions_frame(records),
        records=records,
        messages=build_messages_frame(messages) if messages else None,
        view=view,
        spend=spend,
        now=now,
        days=period_days(args.period),
        coverage_start=to_utc(coverage) if coverage else None,
        api=settings.api_version,
    )


def run_report(args: SimpleNamespace, settings: Settings, *, now: datetime) -> int:
    """Write the digest of the period to ``--out`` as HTML or Markdown."""
    title, blocks = digest(build_input(args, settings, now))
    text = to_html(blocks, title) if args.format == "html" else to_markdown(blocks)
    out = Path(args.out)
    out.write_text(text, encoding="utf-8")
    print(f"Wrote the digest of the last {period_days(args.period)} days to {out} ({args.format}).")
    return 0
