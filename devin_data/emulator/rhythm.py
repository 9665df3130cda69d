"""When sessions start: a weekly rhythm, working-hour peaks and adoption that grows over months."""

from __future__ import annotations

import math
import random
from datetime import UTC, datetime

from devin_data.emulator.vocab import HOUR_WEIGHTS, WEEKDAY_WEIGHTS

HOUR = 3600
DAY = 86400


def _growth(fraction: float) -> float:
    """Relative activity ``fraction`` of the way through the history (0 = first day)."""
    return 0.15 + 0.85 * math.pow(max(0.0, min(1.0, fraction)), 1.3)


def hourly_weights(start: int, hours: int, span: float) -> list[float]:
    """Cumulative weight of each hour from ``start`` (an hour boundary) on."""
    cum: list[float] = []
    total = 0.0
    for k in range(hours):
        moment = datetime.fromtimestamp(start + k * HOUR, tz=UTC)
        weight = HOUR_WEIGHTS[moment.hour] * WEEKDAY_WEIGHTS[moment.weekday()]
        total += weight * _growth(k * HOUR / span)
        cum.append(total)
    return cum


def creation_times(rng: random.Random, count: int, anchor: int, days: int) -> list[int]:
    """``count`` start times (epoch seconds) from ``anchor - days`` to one day after it."""
    start = anchor - days * DAY
    start -= start % HOUR
    hours = (anchor + DAY - start) // HOUR
    cum = hourly_weights(start, hours, float(days * DAY))
    picked = rng.choices(range(hours), cum_weights=cum, k=count)
    return sorted(start + hour * HOUR + int(rng.random() * HOUR) for hour in picked)


def live_creation_times(rng: random.Random, count: int, anchor: int) -> list[int]:
    """Start times of sessions still running at the anchor: the last few hours before it."""
    return sorted(anchor - rng.randint(10 * 60, 8 * HOUR) for _ in range(count))
