"""The demo organization: a deterministic set of session plans, and their state at any time."""

from __future__ import annotations

import random
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson

from devin_data.emulator import content, shaping
from devin_data.emulator.analysis import analysis_for
from devin_data.emulator.columns import Columns
from devin_data.emulator.keys import ORG_ID
from devin_data.emulator.people import (
    ServiceUser,
    User,
    UserPicker,
    make_service_users,
    make_users,
)
from devin_data.emulator.plan import Plan, draw_plan
from devin_data.emulator.rhythm import DAY, creation_times, live_creation_times
from devin_data.emulator.timeline import Schedule, View, schedule_of, session_rng, view_at
from devin_data.emulator.vocab import REPOS
from devin_data.models import SESSION_PREFIX

_PROMPT_SALT = 0x9A0_0001
_ANALYSIS_SALT = 0x9A0_0002
_TEXT_SALT = 0x9A0_0003


@dataclass(frozen=True, slots=True)
class SessionRef:
    """A session as tests and tools name it: position, API id and creation time."""

    pos: int
    session_id: str
    created_at: int


class DemoOrg:
    """Sessions sorted by (created_at, id); what a client sees depends on the clock."""

    def __init__(
        self,
        plans: list[Plan],
        *,
        seed: int,
        anchor: datetime,
        days: int,
        users: tuple[User, ...],
        service_users: tuple[ServiceUser, ...],
        org_id: str = ORG_ID,
    ) -> None:
        self.org_id = org_id
        self.plans = plans
        self.seed = seed
        self.anchor = anchor
        self.days = days
        self.users = users
        self.service_users = service_users
        self.columns = Columns(plans, users, service_users)
        self._positions = {plan.hex: pos for pos, plan in enumerate(plans)}
        self._analyses: dict[int, bytes] = {}  # drawn analyses as JSON, by position

    @classmethod
    def generate(
        cls, n_sessions: int, seed: int, anchor: datetime, days: int = 180, org_id: str = ORG_ID
    ) -> DemoOrg:
        """``n_sessions`` sessions from ``days`` before ``anchor`` until one day after it."""
        anchor = anchor.replace(tzinfo=UTC) if anchor.tzinfo is None else anchor.astimezone(UTC)
        at = int(anchor.timestamp())
        rng = random.Random(seed)
        users = make_users(rng, at - days * DAY, days * DAY)
        services = make_service_users(rng)
        picker = UserPicker(users)
        n_live = min(n_sessions // 10, max(20, min(40, n_sessions // 50)))
        plans = [
            draw_plan(rng, t, picker, services)
            for t in creation_times(rng, n_sessions - n_live, at, days)
        ]
        shaping.settle(plans, at)
        live = [draw_plan(rng, t, picker, services) for t in live_creation_times(rng, n_live, at)]
        shaping.make_live(rng, live, at)
        plans = sorted(plans + live, key=lambda p: (p.created, p.hex))
        lingering = shaping.linger(plans, at)
        history = [i for i, p in enumerate(plans) if p.end < at and i not in lingering]
        shaping.cover_final_states(rng, plans, history)
        shaping.make_families(rng, plans, history)
        shaping.add_pull_requests(rng, plans, at)
        shaping.decorate(rng, plans, history, at)
        return cls(
            plans,
            seed=seed,
            anchor=anchor,
            days=days,
            users=users,
            service_users=services,
            org_id=org_id,
        )

    def __len__(self) -> int:
        return len(self.plans)

    def position(self, session_id: str) -> int | None:
        """Where a session id (with or without ``devin-``) sits in the sorted plans."""
        key = session_id.removeprefix(SESSION_PREFIX)
        return self._positions.get(key)

    def visible_count(self, now: float) -> int:
        """How many sessions exist at ``now``: they are a prefix of the sorted plans."""
        return bisect_right(self.columns.created_list, now)

    def visible_sessions(self, now: float) -> Iterator[SessionRef]:
        """Every session that exists at ``now``, oldest first."""
        for pos in range(self.visible_count(now)):
            plan = self.plans[pos]
            yield SessionRef(pos, SESSION_PREFIX + plan.hex, plan.created)

    def created_of(self, hex_id: str) -> int:
        return self.plans[self._positions[hex_id]].created

    def view(self, pos: int, now: float) -> View:
        return view_at(self.plans[pos], self.seed, now)

    def schedule(self, pos: int) -> Schedule:
        return schedule_of(self.plans[pos], self.seed)

    def repo(self, pos: int) -> str:
        return REPOS[self.plans[pos].repo]

    def prompt(self, pos: int) -> str:
        """The user's first message."""
        plan = self.plans[pos]
        rng = session_rng(self.seed, plan.hex, _PROMPT_SALT)
        return content.prompt_for(rng, plan.title, self.repo(pos))

    def message_texts(self, pos: int) -> list[str]:
        """Text of every planned message, the prompt first."""
        plan, sched = self.plans[pos], self.schedule(pos)
        rng = session_rng(self.seed, plan.hex, _TEXT_SALT)
        texts = [self.prompt(pos)]
        last = len(sched.sources) - 1
        for k, source in enumerate(sched.sources[1:], start=1):
            texts.append(content.message_text(rng, source, k, k == last))
        return texts

    def analysis(self, pos: int) -> dict[str, Any]:
        """The insights analysis this session gets once it has ended (a fresh copy each time).

        Drawing one takes most of the time of a list page, so each is drawn once and kept as
        JSON (about 1.4 KB a session): a benchmark then measures the client, not the emulator.
        """
        found = self._analyses.get(pos)
        if found is None:
            plan = self.plans[pos]
            rng = session_rng(self.seed, plan.hex, _ANALYSIS_SALT)
            category = plan.category or "other"
            drawn = analysis_for(rng, category, self.prompt(pos), plan.size, self.repo(pos))
            found = self._analyses[pos] = orjson.dumps(drawn)
        analysis: dict[str, Any] = orjson.loads(found)
        return analysis

    def email_of(self, pos: int) -> str | None:
        plan = self.plans[pos]
        return self.users[plan.user].email if plan.user >= 0 else None
