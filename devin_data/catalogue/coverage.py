"""How much of what a figure should include carries what it needs: the ACUs, the PR states, the
cached messages, an insights analysis, the synced history.

A figure over 1 of 435 sessions is a different claim from one over all of them; the coverage says
which, in words (:meth:`Coverage.note`), and below :data:`PREVIEW_BELOW` a chart is a preview.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

PREVIEW_BELOW: Final = 0.8


@dataclass(frozen=True)
class Coverage:
    """Of ``of`` items a figure should include, ``have`` carry ``what`` ("ACUs reported")."""

    have: int
    of: int
    what: str
    items: str = "sessions"

    @property
    def full(self) -> bool:
        """Every item carries what the figure needs (trivially so when there are none)."""
        return self.have >= self.of

    @property
    def share(self) -> float | None:
        """The share covered; None without items."""
        return self.have / self.of if self.of else None

    @property
    def preview(self) -> bool:
        """Too little is covered for the figure to be more than a preview."""
        return self.share is not None and self.share < PREVIEW_BELOW

    def note(self) -> str | None:
        """E.g. "ACUs reported of 3 of 40 sessions"; None when the coverage is full."""
        if self.full:
            return None
        return f"{self.what} of {self.have:,} of {self.of:,} {self.items}"


def whole(of: int, what: str, items: str = "sessions") -> Coverage:
    """A coverage that leaves nothing out."""
    return Coverage(of, of, what, items)
