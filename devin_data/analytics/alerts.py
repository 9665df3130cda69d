"""The thresholds a manager sets, checked: spend pace over the budget, error share over a limit.

Pure: the forecast, the sessions frame and ``now`` come from the caller. Each alert is one plain
sentence, shown as a banner on every page and flagged in the report.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pandas as pd

from devin_data.analytics.forecast import Forecast
from devin_data.analytics.spend import BudgetSource
from devin_data.config import SpendSettings

Window = tuple[pd.Timestamp, pd.Timestamp]  # UTC bounds [start, end) of some local days


@dataclass(frozen=True)
class Alert:
    """A threshold crossed: its kind (``spend_pace`` or ``error_share``) and the sentence."""

    kind: str
    text: str


def spend_pace_alert(
    cast: Forecast | None, spend: SpendSettings, source: BudgetSource
) -> Alert | None:
    """When the cycle is projected above the share of its limit the manager allows."""
    share = None if cast is None else cast.pace_share
    if cast is None or share is None or share <= spend.alert_spend_pace:
        return None
    text = (
        f"Spend pace: at this pace the organization uses about {cast.projected:,.0f} ACUs this "
        f"cycle, {share:.0%} of the {source.text} ({cast.limit:,.0f} ACUs; the alert is set at "
        f"{spend.alert_spend_pace:.0%})."
    )
    return Alert("spend_pace", text)


def error_share(
    sessions: pd.DataFrame, now: datetime, days: int, window: Window | None = None
) -> tuple[float | None, int]:
    """Share of the sessions created in the last ``days`` days (the UTC bounds [start, end) of
    those local days when ``window`` is given) whose status is error, and their number; None
    when no session was created then."""
    created = sessions["created_at"]
    if window is not None:
        recent = sessions[(created >= window[0]) & (created < window[1])]
    else:
        since = pd.Timestamp(now) - timedelta(days=days)
        recent = sessions[(created >= since) & (created <= now)]
    if recent.empty:
        return None, 0
    return float((recent["status"] == "error").mean()), len(recent)


def error_share_alert(
    sessions: pd.DataFrame,
    now: datetime,
    spend: SpendSettings,
    days: int = 7,
    window: Window | None = None,
) -> Alert | None:
    """When more of the period's sessions ended in error than the share the manager allows."""
    limit = spend.alert_error_share
    share, count = error_share(sessions, now, days, window)
    if limit is None or share is None or share <= limit:
        return None
    text = (
        f"Error share: {share:.1%} of the {count:,} sessions created in the last {days} days "
        f"are in error, above the {limit:.1%} alert."
    )
    return Alert("error_share", text)


def alerts(
    cast: Forecast | None,
    source: BudgetSource,
    sessions: pd.DataFrame,
    now: datetime,
    spend: SpendSettings,
    *,
    days: int = 7,
    window: Window | None = None,
) -> list[Alert]:
    """Every threshold crossed, spend first; ``window`` counts errors over those local days."""
    errors = error_share_alert(sessions, now, spend, days, window)
    found = [spend_pace_alert(cast, spend, source), errors]
    return [alert for alert in found if alert is not None]
