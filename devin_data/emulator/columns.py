"""Column arrays over the sorted plans, so list filters are vectorised instead of per-session."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import numpy.typing as npt

from devin_data.emulator.people import ServiceUser, User
from devin_data.emulator.plan import Plan
from devin_data.emulator.vocab import PLAYBOOKS, REPOS, TAGS
from devin_data.models import CATEGORIES, ORIGINS

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


def _codes(values: tuple[str, ...]) -> dict[str, int]:
    return {value: code for code, value in enumerate(values)}


class Columns:
    """One array per filterable attribute; codes index the vocabulary tuples (-1 = none)."""

    origin_codes: ClassVar[dict[str, int]] = _codes(ORIGINS)
    category_codes: ClassVar[dict[str, int]] = _codes(CATEGORIES)
    tag_bits: ClassVar[dict[str, int]] = {tag: 1 << bit for bit, tag in enumerate(TAGS)}
    playbook_codes: ClassVar[dict[str, int]] = _codes(PLAYBOOKS)
    repo_codes: ClassVar[dict[str, int]] = _codes(REPOS)

    def __init__(
        self, plans: list[Plan], users: tuple[User, ...], services: tuple[ServiceUser, ...]
    ) -> None:
        self.created_list = [plan.created for plan in plans]
        self.created: IntArray = np.array(self.created_list, dtype=np.int64)
        self.end: IntArray = np.array([plan.end for plan in plans], dtype=np.int64)
        self.origin = self._array([self.origin_codes[p.origin] for p in plans])
        self.category = self._array(
            [-1 if p.category is None else self.category_codes[p.category] for p in plans]
        )
        self.user = self._array([plan.user for plan in plans])
        self.service_user = self._array([plan.service_user for plan in plans])
        self.playbook = self._array([plan.playbook for plan in plans])
        self.repo = self._array([plan.repo for plan in plans])
        self.tags = self._array([self._mask(plan.tags) for plan in plans])
        self.archived: BoolArray = np.array([plan.archived for plan in plans], dtype=np.bool_)
        self.user_codes = {user.user_id: code for code, user in enumerate(users)}
        self.email_codes = {user.email.lower(): code for code, user in enumerate(users)}
        self.service_codes = {s.service_user_id: code for code, s in enumerate(services)}

    @staticmethod
    def _array(values: list[int]) -> IntArray:
        return np.array(values, dtype=np.int64)

    @classmethod
    def _mask(cls, tags: tuple[str, ...]) -> int:
        bits = 0
        for tag in tags:
            bits |= cls.tag_bits[tag]
        return bits
