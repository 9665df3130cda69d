"""Finishing touches on freshly drawn plans: sessions running at the anchor, lingering states,
rare states that must appear, families of sessions, pull requests and tricky titles."""

from __future__ import annotations

import random

from devin_data.emulator.content import TRICKY_TITLES
from devin_data.emulator.plan import Plan
from devin_data.emulator.rhythm import DAY
from devin_data.emulator.vocab import (
    FINAL_STATES,
    LINGERING_STATES,
    NO_PR_CATEGORIES,
    NOT_STARTED,
    Weighted,
)

_PR_STATES = Weighted(("merged", "closed", "open"), (72, 12, 16))


def make_live(rng: random.Random, plans: list[Plan], anchor: int) -> None:
    """Sessions running at the anchor finish 2 to 90 minutes after it, mostly by exiting."""
    for plan in plans:
        plan.end = anchor + rng.randint(120, 90 * 60)
        if plan.status == "suspended":
            plan.detail = "inactivity"


def settle(plans: list[Plan], anchor: int) -> None:
    """Every other session that started before the anchor has ended before it."""
    for plan in plans:
        if plan.created < anchor <= plan.end:
            plan.end = plan.created + (anchor - 1 - plan.created) * 3 // 4


def linger(plans: list[Plan], anchor: int) -> set[int]:
    """The latest sessions before the anchor stay in non-terminal states; their positions."""
    recent = [i for i, p in enumerate(plans) if p.created < anchor and p.end < anchor]
    reps = 1 + len(plans) // 5000
    wanted = [state for state in LINGERING_STATES for _ in range(reps)]
    chosen = recent[-len(wanted) :] if len(recent) >= 4 * len(wanted) else []
    for pos, (status, detail) in zip(reversed(chosen), wanted, strict=False):
        plan = plans[pos]
        plan.status, plan.detail, plan.analysed, plan.archived = status, detail, False, False
        if status in NOT_STARTED:
            plan.end, plan.n_user, plan.n_devin, plan.acus, plan.size = plan.created, 1, 0, 0.0, 0
            plan.category = plan.subcategory = None
            if status != "claimed":
                plan.title = None
    return set(chosen)


def cover_final_states(rng: random.Random, plans: list[Plan], history: list[int]) -> None:
    """Make sure every final state appears at least once, however rare."""
    seen = {(plans[i].status, plans[i].detail) for i in history}
    common = [i for i in history if (plans[i].status, plans[i].detail) == ("exit", None)]
    for status, detail, _ in FINAL_STATES:
        if (status, detail) not in seen and len(common) > 1:
            plan = plans[common.pop(rng.randrange(len(common)))]
            plan.status, plan.detail = status, detail


def make_families(rng: random.Random, plans: list[Plan], history: list[int]) -> None:
    """About one session in twenty starts one to three child sessions shortly after itself."""
    taken: set[int] = set()
    for k, pos in enumerate(history[:-4]):
        if pos in taken or rng.random() >= 0.05:
            continue
        parent = plans[pos]
        kids = [i for i in history[k + 1 : k + 1 + rng.randint(1, 3)] if i not in taken]
        for i in kids:
            child = plans[i]
            child.parent = parent.hex
            child.user, child.service_user, child.origin = (
                parent.user, parent.service_user, parent.origin,
            )  # fmt: skip
        parent.children = tuple(plans[i].hex for i in kids)
        taken.update([pos, *kids])


def add_pull_requests(rng: random.Random, plans: list[Plan], anchor: int) -> None:
    """Numbered pull requests, in creation order per repository; merged is the usual outcome."""
    numbers: dict[int, int] = {}
    for plan in plans:
        count = _pr_count(rng, plan)
        if not count:
            continue
        recent = plan.end > anchor - 3 * DAY
        prs = []
        for _ in range(count):
            numbers[plan.repo] = numbers.get(plan.repo, 100) + rng.randint(1, 4)
            prs.append((numbers[plan.repo], _pr_state(rng, plan, recent)))
        plan.prs = tuple(prs)


def _pr_count(rng: random.Random, plan: Plan) -> int:
    if plan.status in NOT_STARTED or plan.category == "research_and_exploration":
        return 0
    draw = rng.random()
    if plan.category in NO_PR_CATEGORIES:
        return int(draw < 0.08)
    if plan.status == "exit":
        return 2 if draw < 0.12 else int(draw < 0.8)
    return int(draw < 0.25)


def _pr_state(rng: random.Random, plan: Plan, recent: bool) -> str:
    if plan.status != "exit" or recent:
        return rng.choice(("open", "open", "closed", "merged"))
    return _PR_STATES.draw(rng)


def decorate(rng: random.Random, plans: list[Plan], history: list[int], anchor: int) -> None:
    """Tricky titles, a few untitled sessions and some archived old ones."""
    exits = [i for i in history if plans[i].status == "exit"]
    picks = rng.sample(exits, min(len(exits), len(TRICKY_TITLES) + 3 + len(plans) // 400))
    for n, pos in enumerate(picks):
        plans[pos].title = TRICKY_TITLES[n] if n < len(TRICKY_TITLES) else None
    for pos in history:
        if plans[pos].created < anchor - 14 * DAY and rng.random() < 0.03:
            plans[pos].archived = True
