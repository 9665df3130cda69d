"""What the store keeps about spend, in its key-value part (JSON values, one key per thing).

- ``consumption:org`` and ``consumption:user:<user_id>``: ``{"days": {epoch: {product: acus}},
  "fetched_at": iso}``, billed ACUs per billing day as the API last gave them;
- ``billing``: the billing cycles and ACU limits, or why they are not available;
- ``spend_status``: why consumption could not be read (a missing permission, a v1 key), if so;
- ``spend_settings``: what the manager set on the Spend page (a monthly budget).
"""

from __future__ import annotations

from typing import Any

from devin_data.store.base import StoreBase

ORG = "org"


def _key(who: str) -> str:
    return "consumption:org" if who == ORG else f"consumption:user:{who}"


class SpendStore(StoreBase):
    """Billed consumption, billing cycles and limits, and the manager's spend settings."""

    def consumption(self, who: str = ORG) -> dict[str, dict[str, float]]:
        """Billed ACUs per product of each cached billing day (keyed by its epoch start)."""
        entry: dict[str, Any] = self._read(lambda: self._load(_key(who), {}), {})
        days: dict[str, dict[str, float]] = entry.get("days", {})
        return days

    def consumption_fetched_at(self, who: str = ORG) -> str | None:
        entry: dict[str, Any] = self._read(lambda: self._load(_key(who), {}), {})
        fetched: str | None = entry.get("fetched_at")
        return fetched

    def save_consumption(
        self, who: str, days: dict[str, dict[str, float]], fetched_at: str
    ) -> None:
        """Merge freshly fetched days over the cached ones (a refetched day replaces its value)."""

        def merge() -> None:
            entry: dict[str, Any] = self._load(_key(who), {})
            merged = {**entry.get("days", {}), **days}
            self._save(_key(who), {"days": merged, "fetched_at": fetched_at})

        self._write(merge)

    def _value(self, key: str) -> dict[str, Any]:
        value: dict[str, Any] = self._read(lambda: self._load(key, {}), {})
        return value

    def billing(self) -> dict[str, Any]:
        """``{"cycles": [...], "limits": [...]}`` or ``{"reason": ...}``; empty before a fetch."""
        return self._value("billing")

    def save_billing(self, value: dict[str, Any]) -> None:
        self._write(lambda: self._save("billing", value))

    def spend_status(self) -> dict[str, Any]:
        """``{"reason": ..., "permission": ...}`` when consumption could not be read, else {}."""
        return self._value("spend_status")

    def save_spend_status(self, value: dict[str, Any]) -> None:
        self._write(lambda: self._save("spend_status", value))

    def spend_settings(self) -> dict[str, Any]:
        """What the manager set in the app, such as ``monthly_budget_acus``."""
        return self._value("spend_settings")

    def set_spend_setting(self, name: str, value: float | None) -> None:
        """Set (or, with None, remove) one spend setting."""

        def update() -> None:
            current: dict[str, Any] = self._load("spend_settings", {})
            if value is None:
                current.pop(name, None)
            else:
                current[name] = value
            self._save("spend_settings", current)

        self._write(update)
