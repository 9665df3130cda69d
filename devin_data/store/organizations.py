"""The organizations an enterprise key reads, kept in the store's key-value part, so the
organization selector still offers them when the API cannot be reached."""

from __future__ import annotations

from typing import Any

from devin_data.store.base import StoreBase

_KEY = "organizations"
_FETCHED = "organizations_fetched_at"


class OrganizationsMixin(StoreBase):
    """``organizations()`` and ``save_organizations()``: ``[{org_id, name}]`` as last listed."""

    def organizations(self) -> list[dict[str, str]]:
        found: Any = self._read(lambda: self._load(_KEY, []), [])
        return [
            {"org_id": str(item["org_id"]), "name": str(item.get("name") or item["org_id"])}
            for item in found
            if isinstance(item, dict) and item.get("org_id")
        ]

    def organizations_fetched_at(self) -> float | None:
        """When the list was last read from the API (epoch s); None before the first time."""
        at: Any = self._read(lambda: self._load(_FETCHED, None), None)
        return float(at) if isinstance(at, int | float) else None

    def save_organizations(
        self, organizations: list[dict[str, str]], fetched_at: float | None = None
    ) -> None:
        """Keep the list (empty for a key of one organization) and when it was read."""

        def save() -> None:
            self._save(_KEY, list(organizations))
            if fetched_at is not None:
                self._save(_FETCHED, fetched_at)

        self._write(save)
