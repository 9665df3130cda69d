"""One session's plan: everything about it that does not depend on the clock."""

from __future__ import annotations

import math
import random

from devin_data.emulator import content
from devin_data.emulator.people import ServiceUser, UserPicker
from devin_data.emulator.vocab import (
    CATEGORY_WEIGHTS,
    FINAL_STATES,
    HUMAN_ORIGIN_WEIGHTS,
    HUMAN_ORIGINS,
    PLAYBOOKS,
    REPO_WEIGHTS,
    SERVICE_CATEGORIES,
    SIZE_ACUS,
    SIZE_DEVIN_MESSAGES,
    SIZE_MINUTES,
    SIZE_USER_MESSAGES,
    SIZE_WEIGHTS,
    TAG_COUNT_WEIGHTS,
    TAG_WEIGHTS,
    TAGS,
    Weighted,
)

_CATEGORIES = Weighted(tuple(CATEGORY_WEIGHTS), tuple(CATEGORY_WEIGHTS.values()))
_ORIGINS = Weighted(HUMAN_ORIGINS, HUMAN_ORIGIN_WEIGHTS)
_SIZES = Weighted(tuple(range(len(SIZE_WEIGHTS))), SIZE_WEIGHTS)
_TAGS = Weighted(TAGS, TAG_WEIGHTS)
_TAG_COUNTS = Weighted(tuple(range(len(TAG_COUNT_WEIGHTS))), TAG_COUNT_WEIGHTS)
_REPOS = Weighted(tuple(range(len(REPO_WEIGHTS))), REPO_WEIGHTS)
_STATES = Weighted(tuple((s, d) for s, d, _ in FINAL_STATES), tuple(w for _, _, w in FINAL_STATES))
SERVICE_SHARE = 0.12


class Plan:
    """A session as it will be once it ends; the clock decides how much of it is visible."""

    __slots__ = (
        "acus",
        "analysed",
        "archived",
        "category",
        "children",
        "created",
        "detail",
        "end",
        "hex",
        "n_devin",
        "n_user",
        "origin",
        "parent",
        "playbook",
        "prs",
        "repo",
        "service_user",
        "size",
        "status",
        "subcategory",
        "tags",
        "title",
        "user",
    )

    def __init__(self, hex_id: str, created: int) -> None:
        self.hex = hex_id
        self.created = created
        self.end = created
        self.status = "exit"
        self.detail: str | None = None
        self.title: str | None = None
        self.origin = "webapp"
        self.category: str | None = None
        self.subcategory: str | None = None
        self.size = 1
        self.n_user = 1
        self.n_devin = 0
        self.acus = 0.0
        self.user = -1
        self.service_user = -1
        self.tags: tuple[str, ...] = ()
        self.repo = 0
        self.prs: tuple[tuple[int, str], ...] = ()
        self.parent: str | None = None
        self.children: tuple[str, ...] = ()
        self.archived = False
        self.playbook = -1
        self.analysed = False


def uniform_int(rng: random.Random, low: int, high: int) -> int:
    """Like ``rng.randint`` (both ends included), at a fraction of its cost."""
    return low + int(rng.random() * (high - low + 1))


def draw_plan(
    rng: random.Random, created: int, picker: UserPicker, services: tuple[ServiceUser, ...]
) -> Plan:
    """A finished session that started at ``created`` with random but plausible attributes."""
    plan = Plan(f"{rng.getrandbits(128):032x}", created)
    if rng.random() < SERVICE_SHARE:
        plan.service_user = uniform_int(rng, 0, len(services) - 1)
        plan.origin = services[plan.service_user].origin
        plan.category = rng.choice(SERVICE_CATEGORIES[plan.origin])
    else:
        plan.user = picker.pick(rng, created)
        plan.origin = _ORIGINS.draw(rng)
        plan.category = _CATEGORIES.draw(rng)
    plan.subcategory = content.subcategory_for(rng, plan.category)
    plan.title = content.title_for(rng, plan.category)
    _draw_size(rng, plan)
    tags = {_TAGS.draw(rng) for _ in range(_TAG_COUNTS.draw(rng))}
    plan.tags = tuple(sorted(tags)) if tags else ()
    plan.repo = _REPOS.draw(rng)
    if rng.random() < 0.12:
        plan.playbook = uniform_int(rng, 0, len(PLAYBOOKS) - 1)
    plan.status, plan.detail = _STATES.draw(rng)
    plan.analysed = rng.random() < 0.75
    return plan


def _draw_size(rng: random.Random, plan: Plan) -> None:
    """Size first; ACUs, messages and duration follow from it."""
    size = _SIZES.draw(rng)
    low, high = SIZE_ACUS[size]
    plan.acus = round(low + rng.random() * (high * 0.99 - low), 2)
    plan.size = size_of(plan.acus)
    plan.n_user = uniform_int(rng, *SIZE_USER_MESSAGES[size])
    plan.n_devin = uniform_int(rng, *SIZE_DEVIN_MESSAGES[size])
    short, long = SIZE_MINUTES[size]
    minutes = short * math.exp(rng.random() * math.log(long / short))
    plan.end = plan.created + int(minutes * 60)


def size_of(acus: float) -> int:
    """The size class of a session that has used ``acus`` so far."""
    for size, (_, high) in enumerate(SIZE_ACUS):
        if acus < high:
            return size
    return len(SIZE_ACUS) - 1
