"""The team mapping a manager provides: a CSV of email or user id → team, checked line by line.

The file has two columns, who and team, with an optional header row (``email,team``,
``user_id,team``, ``user,team``...). Who is an email (it contains ``@``, matched without regard to
case) or a user or service user id. A line that cannot be used is reported by its number and
skipped; the good lines still apply.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

_HEADER_TEAM = "team"
MAX_BYTES = 1_000_000


@dataclass(frozen=True)
class TeamMapping:
    """Team by lower-cased email and by id, and the problems of the lines left out."""

    by_email: dict[str, str] = field(default_factory=dict)
    by_id: dict[str, str] = field(default_factory=dict)
    problems: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.by_email) + len(self.by_id)

    def team_of(self, user_id: str, email: str | None) -> str | None:
        """The team of a person by id first, then by email."""
        found = self.by_id.get(user_id)
        if found is None and email:
            found = self.by_email.get(email.strip().lower())
        return found


def _is_header(row: list[str]) -> bool:
    return len(row) >= 2 and row[1].strip().lower() == _HEADER_TEAM


def _problem(row: list[str]) -> str | None:
    if len(row) != 2:
        return f"expected 2 columns (email or user id, team), found {len(row)}"
    who, team = (cell.strip() for cell in row)
    if not who:
        return "the email or user id is empty"
    if not team:
        return f"the team of {who} is empty"
    if "@" in who and (who.startswith("@") or who.endswith("@")):
        return f"{who} is not an email address"
    return None


def parse_teams_csv(text: str) -> TeamMapping:
    """The mapping of a CSV text; blank lines are skipped, bad ones reported as "line N: why"."""
    if len(text.encode()) > MAX_BYTES:
        return TeamMapping(problems=(f"the file is larger than {MAX_BYTES // 1000} kB",))
    by_email: dict[str, str] = {}
    by_id: dict[str, str] = {}
    problems: list[str] = []
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row) or (line == 1 and _is_header(row)):
                continue
            problem = _problem(row)
            if problem is None:
                who, team = (cell.strip() for cell in row)
                target, key = (by_email, who.lower()) if "@" in who else (by_id, who)
                if target.get(key, team) != team:
                    problem = f"{who} is already in team {target[key]}"
                else:
                    target[key] = team
            if problem is not None:
                problems.append(f"line {line}: {problem}")
    except csv.Error as err:
        problems.append(f"line {reader.line_num}: {err}")
    return TeamMapping(by_email, by_id, tuple(problems))
