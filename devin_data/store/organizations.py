"""The organizations an enterprise key reads, kept in the store's key-value part, so the
organization selector still offers them when the API cannot be reached."""

from __future__ import annotations

from typing import Any

from devin_data.store.base import StoreBase

_KEY = "organizations"


class OrganizationsMixin(StoreBase):
    """``organizations()`` and ``save_organizations()``: ``[{org_id, name}]`` as last listed."""

    def organizations(self) -> list[dict[str, str]]:
        found: Any = self._read(lambda: self._load(_KEY, []), [])
        return [
            {"org_id": str(item["org_id"]), "name": str(item.get("name") or item["org_id"])}
            for item in found
            if isinstance(item, dict) and item.get("org_id")
        ]

    def save_organizations(self, organizations: list[dict[str, str]]) -> None:
        self._write(lambda: self._save(_KEY, list(organizations)))
