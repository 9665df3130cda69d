"""How a session unfolds over time: when each message is sent and what the session looks like at
any clock time."""

from __future__ import annotations

import random
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from devin_data.emulator.plan import Plan, size_of
from devin_data.models import TERMINAL_STATUSES

_SCHEDULE_SALT = 0x5EED_0001
_OPEN_PR_FRACTION = 0.6  # a running session shows its pull requests from this far on


@dataclass(frozen=True, slots=True)
class Schedule:
    """Message times (epoch seconds, ascending) and their sources, ``u`` user or ``d`` Devin."""

    times: tuple[int, ...]
    sources: str


@dataclass(frozen=True, slots=True)
class View:
    """A session as the API shows it at one clock time."""

    status: str
    detail: str | None
    updated: int
    n_user: int
    n_devin: int
    acus: float
    size: int
    prs: tuple[tuple[int, str], ...]

    @property
    def terminal(self) -> bool:
        return self.status in TERMINAL_STATUSES


def session_rng(seed: int, hex_id: str, salt: int) -> random.Random:
    """A generator private to one session, so its details can be rebuilt in any order."""
    return random.Random(int(hex_id, 16) ^ (seed * 0x9E3779B97F4A7C15) ^ salt)


@lru_cache(maxsize=4096)
def schedule(seed: int, hex_id: str, span: tuple[int, int], n_user: int, n_devin: int) -> Schedule:
    """The session's messages in order: the user's prompt first, then Devin and the user in turn."""
    created, end = span
    rng = session_rng(seed, hex_id, _SCHEDULE_SALT)
    if n_devin == 0:
        return Schedule((created,) * n_user, "u" * n_user)
    replies = Counter(rng.randint(1, max(1, n_devin - 1)) for _ in range(n_user - 1))
    sources = "u" + "".join("d" + "u" * replies[k] for k in range(1, n_devin + 1))
    gaps = [_gap(rng, before, after) for before, after in pairwise(sources)]
    scale = (end - created) / sum(gaps)
    times, elapsed = [created], 0.0
    for gap in gaps:
        elapsed += gap
        times.append(created + int(elapsed * scale))
    times[-1] = end
    return Schedule(tuple(times), sources)


def _gap(rng: random.Random, before: str, after: str) -> float:
    """Relative time between two messages; a user reply sometimes comes only hours later."""
    if after == "u":
        return rng.uniform(30, 240) if rng.random() < 0.4 else rng.uniform(2, 15)
    return rng.uniform(1, 6) if before == "u" else rng.uniform(2, 20)


def schedule_of(plan: Plan, seed: int) -> Schedule:
    return schedule(seed, plan.hex, (plan.created, plan.end), plan.n_user, plan.n_devin)


def view_at(plan: Plan, seed: int, now: float) -> View:
    """The session at ``now`` (which must not be before it was created)."""
    if now >= plan.end:
        return View(
            plan.status, plan.detail, plan.end, plan.n_user, plan.n_devin, plan.acus,
            size_of(plan.acus), plan.prs,
        )  # fmt: skip
    sched = schedule_of(plan, seed)
    seen = bisect_right(sched.times, now)
    users = sched.sources.count("u", 0, seen)
    fraction = (now - plan.created) / (plan.end - plan.created)
    acus = round(plan.acus * fraction, 2)
    prs = tuple((number, "open") for number, _ in plan.prs) if fraction >= _OPEN_PR_FRACTION else ()
    waiting = seen < len(sched.sources) and sched.sources[seen] == "u"
    detail = "waiting_for_user" if waiting else "working"
    return View(
        "running", detail, sched.times[seen - 1], users, seen - users, acus, size_of(acus), prs
    )
