"""One API call as the client asks it: method, path, query, and the context error messages name."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Call:
    """What is being asked, with the context that error messages need."""

    method: str
    path: str
    params: Sequence[tuple[str, str]] = ()
    permission: str | None = None
    org_id: str | None = None
    session_id: str | None = None

    @property
    def endpoint(self) -> str:
        return f"{self.method} {self.path}"
