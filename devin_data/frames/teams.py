"""The team mapping a manager provides: a CSV of email or user id → team, checked line by line.

The file has two columns, who and team, with an optional header row (``email,team``,
``user_id,team``, ``user,team``...). Who is an email (it contains ``@``, matched without regard to
case) or a user or service user id. Each line is one entry: a line that cannot be used (a quote
left open, a NUL byte, a wrong number of columns...) is reported by its number and skipped, and
never swallows the next one; the good lines still apply. A file with no usable line is refused
as a whole (:attr:`TeamMapping.refused`), so it never replaces a mapping in force.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field

_HEADER_TEAM = "team"
MAX_MB = 1
MAX_BYTES = MAX_MB * 1024 * 1024  # a team per person: far more than any organization needs
# Control characters a text file of emails, ids and team names never holds (tab is allowed).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass(frozen=True)
class TeamMapping:
    """Team by lower-cased email and by id, and the problems of the lines left out."""

    by_email: dict[str, str] = field(default_factory=dict)
    by_id: dict[str, str] = field(default_factory=dict)
    problems: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.by_email) + len(self.by_id)

    @property
    def refused(self) -> bool:
        """No line could be used: the file is not a mapping, and nothing it says applies."""
        return not self.by_email and not self.by_id

    def team_of(self, user_id: str, email: str | None) -> str | None:
        """The team of a person by id first, then by email."""
        found = self.by_id.get(user_id)
        if found is None and email:
            found = self.by_email.get(email.strip().lower())
        return found


def _is_header(row: list[str]) -> bool:
    return len(row) >= 2 and row[1].strip().lower() == _HEADER_TEAM


def _short(text: str) -> str:
    """A value quoted in a problem, cut short: a report line stays one line."""
    return text if len(text) <= 60 else text[:60] + "…"


def _problem(row: list[str]) -> str | None:
    if len(row) != 2:
        return f"expected 2 columns (email or user id, team), found {len(row)}"
    who, team = (_short(cell.strip()) for cell in row)
    if not who:
        return "the email or user id is empty"
    if not team:
        return f"the team of {who} is empty"
    if "@" in who and (who.startswith("@") or who.endswith("@")):
        return f"{who} is not an email address"
    return None


def _cells(line: str) -> tuple[list[str] | None, str | None]:
    """The cells of one line, or why it cannot be read."""
    control = _CONTROL.search(line)
    if control is not None:
        char = control.group()
        name = "a NUL byte" if char == "\0" else f"a control character (U+{ord(char):04X})"
        return None, f"it holds {name}; is this a text file?"
    try:
        return next(csv.reader([line], strict=True)), None
    except csv.Error as err:
        if "unexpected end of data" in str(err):
            return None, "a quote opens on this line and is not closed"
        return None, "text follows a closing quote"


def parse_teams_csv(text: str) -> TeamMapping:
    """The mapping of a CSV text; blank lines are skipped, bad ones reported as "line N: why"."""
    if len(text.encode()) > MAX_BYTES:
        return TeamMapping(problems=(f"the file is larger than {MAX_MB} MB",))
    by_email: dict[str, str] = {}
    by_id: dict[str, str] = {}
    problems: list[str] = []
    for number, line in enumerate(text.lstrip("\ufeff").split("\n"), start=1):
        row, problem = _cells(line.removesuffix("\r"))
        if row is not None:
            if not any(cell.strip() for cell in row) or (number == 1 and _is_header(row)):
                continue
            problem = _problem(row) or _add(row, by_email, by_id)
        if problem is not None:
            problems.append(f"line {number}: {problem}")
    return TeamMapping(by_email, by_id, tuple(problems))


def _add(row: list[str], by_email: dict[str, str], by_id: dict[str, str]) -> str | None:
    """Put a good row in the mapping; why not when its person already has another team."""
    who, team = (cell.strip() for cell in row)
    target, key = (by_email, who.lower()) if "@" in who else (by_id, who)
    if target.get(key, team) != team:
        return f"{_short(who)} is already in team {_short(target[key])}"
    target[key] = team
    return None
