"""Weights and ranges that give the demo organization its shape.

Every table lists each known value once, so a large enough organization shows all of them;
the weights only decide how common each one is.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from itertools import accumulate
from typing import Generic, TypeVar

T = TypeVar("T")

HUMAN_ORIGINS = ("webapp", "slack", "teams", "linear", "jira", "cli", "desktop", "api", "other")
HUMAN_ORIGIN_WEIGHTS = (40, 28, 5, 6, 6, 5, 4, 3, 3)

SERVICE_ORIGINS = ("api", "automation", "scheduled", "code_scan")

CATEGORY_WEIGHTS: dict[str, int] = {
    "feature_development": 22,
    "bug_fixing": 20,
    "refactoring_and_optimization": 8,
    "unit_test_generation": 7,
    "ci_cd_and_devops": 6,
    "code_review": 5,
    "documentation_and_content": 5,
    "data_and_automation": 5,
    "migrations_and_upgrades": 5,
    "research_and_exploration": 5,
    "code_review_and_analysis": 4,
    "production_investigation": 4,
    "code_quality_and_security": 3,
    "other": 3,
    "security": 2,
}
# Service users do narrower work, depending on how they start sessions.
SERVICE_CATEGORIES: dict[str, tuple[str, ...]] = {
    "api": ("feature_development", "bug_fixing", "unit_test_generation", "code_review"),
    "automation": ("ci_cd_and_devops", "migrations_and_upgrades", "code_review_and_analysis"),
    "scheduled": ("data_and_automation", "documentation_and_content", "migrations_and_upgrades"),
    "code_scan": ("security", "code_quality_and_security"),
}

SIZES = ("xs", "s", "m", "l", "xl")
SIZE_WEIGHTS = (14, 34, 30, 17, 5)
# ACU bounds per size: the size is read back from ACUs, so a growing session grows its size.
SIZE_ACUS = ((0.05, 1.0), (1.0, 3.0), (3.0, 8.0), (8.0, 20.0), (20.0, 60.0))
SIZE_USER_MESSAGES = ((1, 2), (1, 3), (2, 6), (4, 12), (8, 25))
SIZE_DEVIN_MESSAGES = ((2, 5), (4, 10), (8, 20), (18, 45), (40, 120))
SIZE_MINUTES = ((3, 20), (10, 60), (30, 180), (120, 480), (360, 1800))

# Final states of sessions that ended before the anchor: (status, status_detail, weight).
FINAL_STATES = (
    ("exit", None, 470),
    ("exit", "finished", 310),
    ("error", None, 25),
    ("error", "error", 10),
    ("suspended", "inactivity", 120),
    ("suspended", "user_request", 30),
    ("suspended", "error", 6),
    ("suspended", "usage_limit_exceeded", 4),
    ("suspended", "org_usage_limit_exceeded", 3),
    ("suspended", "total_session_limit_exceeded", 2),
    ("suspended", "out_of_credits", 2),
    ("suspended", "out_of_quota", 2),
    ("suspended", "no_quota_allocation", 1),
    ("suspended", "payment_declined", 1),
)
# Sessions near the anchor left in a state that does not change by itself.
LINGERING_STATES = (
    ("new", None),
    ("creating", None),
    ("claimed", None),
    ("resuming", None),
    ("running", "waiting_for_user"),
    ("running", "waiting_for_approval"),
    ("running", "finished"),
    ("running", "working"),
    ("running", "waiting_for_user"),
    ("running", "waiting_for_approval"),
)
NOT_STARTED = frozenset({"new", "creating", "claimed"})

TAGS = (
    "frontend",
    "backend",
    "bug",
    "infra",
    "urgent",
    "payments",
    "mobile",
    "docs",
    "tests",
    "security",
    "data",
    "ci",
    "release",
    "customer",
)
TAG_WEIGHTS = (14, 16, 12, 8, 4, 6, 5, 5, 7, 3, 6, 5, 3, 4)
TAG_COUNT_WEIGHTS = (30, 40, 22, 8)  # zero to three tags

REPOS = (
    "acme/web",
    "acme/api",
    "acme/mobile",
    "acme/infra",
    "acme/data-pipeline",
    "acme/docs",
)
REPO_WEIGHTS = (30, 30, 12, 10, 12, 6)
PLAYBOOKS = tuple(f"playbook-{code}" for code in ("a1b2c3d4", "e5f6a7b8", "c9d0e1f2", "a3b4c5d6"))
# Categories whose sessions rarely end in a pull request.
NO_PR_CATEGORIES = frozenset(
    {"research_and_exploration", "production_investigation", "code_review", "other"}
)

# Busy hours, in UTC (the organization works mostly in US and European hours).
HOUR_WEIGHTS = (3, 2, 1, 1, 1, 1, 2, 4, 7, 9, 10, 10, 11, 13, 16, 18, 18, 17, 16, 14, 12, 9, 6, 4)
WEEKDAY_WEIGHTS = (1.0, 1.05, 1.0, 0.95, 0.8, 0.16, 0.11)  # Monday first


def cumulative(weights: tuple[float, ...] | tuple[int, ...]) -> list[float]:
    """Cumulative weights for ``random.choices(cum_weights=...)``."""
    return [float(total) for total in accumulate(weights)]


class Weighted(Generic[T]):
    """Values with weights, drawn with one uniform number (much cheaper than ``random.choices``)."""

    __slots__ = ("_cum", "_total", "values")

    def __init__(self, values: tuple[T, ...], weights: tuple[float, ...] | tuple[int, ...]) -> None:
        self.values = values
        self._cum = cumulative(weights)
        self._total = self._cum[-1]

    def draw(self, rng: random.Random) -> T:
        return self.values[bisect_right(self._cum, rng.random() * self._total)]
