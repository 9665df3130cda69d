"""The people of the demo organization: human users and the service users of its automations."""

from __future__ import annotations

import random
from bisect import bisect_right
from dataclasses import dataclass

_FIRST = (
    "Dana", "Ravi", "Mei", "Lukas", "Amara", "Jonas", "Priya", "Mateo", "Sofia", "Kenji",
    "Noor", "Elena", "Tomás", "Aisha", "Oskar", "Chloé", "Wei", "Fatima", "Liam", "Ingrid",
    "Diego", "Hana", "Samuel", "Zoë", "Arjun", "Marta", "Felix", "Yara", "Ethan", "Léa",
    "Omar", "Nina", "Hugo", "Sara", "Kwame", "Julia", "Ivan", "Maya", "Pedro", "Rosa",
)  # fmt: skip
_LAST = (
    "Kim", "Patel", "Chen", "Weber", "Okafor", "Berg", "Nair", "García", "Rossi", "Sato",
    "Haddad", "Novak", "Silva", "Bello", "Lund", "Martin", "Zhang", "Khan", "Murphy", "Olsen",
)  # fmt: skip
_ASCII = str.maketrans("áéíóúàèçñöüëï", "aeiouaecnouei")
_SERVICES = (
    ("ci-bot", "api"),
    ("nightly-maintenance", "scheduled"),
    ("dependency-updater", "automation"),
    ("security-scanner", "code_scan"),
)


@dataclass(frozen=True, slots=True)
class User:
    """A human member of the organization."""

    user_id: str
    name: str
    email: str
    joined: float  # epoch seconds; the user starts sessions only after this


@dataclass(frozen=True, slots=True)
class ServiceUser:
    """A machine identity whose sessions come from the API, automations or scans."""

    service_user_id: str
    name: str
    origin: str


def _hex_id(rng: random.Random, prefix: str) -> str:
    return f"{prefix}-{rng.getrandbits(48):012x}"


def make_users(rng: random.Random, start: float, span: float, count: int = 40) -> tuple[User, ...]:
    """``count`` users in join order; early joiners tend to be the busiest (Zipf weights)."""
    users = []
    names = rng.sample([(f, la) for f in _FIRST for la in _LAST], count)
    for rank, (first, last) in enumerate(names):
        # Adoption grows: a few users from day one, the rest join over the first two thirds.
        joined = start if rank < 4 else start + span * 0.66 * ((rank / count) ** 0.8) * rng.random()
        email = f"{first}.{last}@acme.example".lower().translate(_ASCII)
        users.append(User(_hex_id(rng, "user"), f"{first} {last}", email, joined))
    return tuple(users)


def make_service_users(rng: random.Random) -> tuple[ServiceUser, ...]:
    return tuple(ServiceUser(_hex_id(rng, "service-user"), n, o) for n, o in _SERVICES)


class UserPicker:
    """Draws the creator of a session among the users who had joined by then."""

    def __init__(self, users: tuple[User, ...]) -> None:
        order = sorted(range(len(users)), key=lambda i: users[i].joined)
        self._order = order
        self._joined = [users[i].joined for i in order]
        weights = [1.0 / (i + 1) ** 1.1 for i in order]  # user i is the i-th busiest
        self._cum = [sum(weights[: k + 1]) for k in range(len(weights))]

    def pick(self, rng: random.Random, when: float) -> int:
        """Index (into the users tuple) of a user who had joined at ``when``."""
        available = max(1, bisect_right(self._joined, when))
        point = rng.random() * self._cum[available - 1]
        return self._order[min(bisect_right(self._cum, point), available - 1)]
