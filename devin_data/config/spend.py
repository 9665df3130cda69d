"""What the manager sets about money: the ACU price, a monthly budget and the alert thresholds.

The same names work as environment variables, Streamlit secrets and CLI flags:
``DEVIN_ACU_PRICE`` (money per ACU; unset keeps every figure in ACUs),
``DEVIN_MONTHLY_BUDGET_ACUS`` (a budget per calendar-month cycle, when no ACU limit comes from an
enterprise key), ``DEVIN_ALERT_SPEND_PACE`` (flag a cycle projected above this share of its
budget or limit; default 1.0) and ``DEVIN_ALERT_ERROR_SHARE`` (flag a period whose share of
sessions in error is above this; unset means no flag). A later layer wins, as in ``Settings``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

ENV_ACU_PRICE = "DEVIN_ACU_PRICE"
ENV_MONTHLY_BUDGET = "DEVIN_MONTHLY_BUDGET_ACUS"
ENV_ALERT_SPEND_PACE = "DEVIN_ALERT_SPEND_PACE"
ENV_ALERT_ERROR_SHARE = "DEVIN_ALERT_ERROR_SHARE"
SPEND_NAMES = (ENV_ACU_PRICE, ENV_MONTHLY_BUDGET, ENV_ALERT_SPEND_PACE, ENV_ALERT_ERROR_SHARE)
CURRENCY = "$"  # Devin bills ACUs in US dollars
DEFAULT_SPEND_PACE = 1.0
# What each bounded value may be: a price far above any list price, shares of a budget.
MAX_ACU_PRICE = 1000.0
_RANGES = {
    ENV_ACU_PRICE: (
        f"a price between 0 and {MAX_ACU_PRICE:,.0f} US dollars per ACU",
        MAX_ACU_PRICE,
    ),
    ENV_ALERT_SPEND_PACE: ("a share such as 0.9", 10.0),
    ENV_ALERT_ERROR_SHARE: ("a share such as 0.1", 10.0),
}


class SpendSettingError(ValueError):
    """A value that is not a number in range; the message names the setting and its source."""


def _number(name: str, raw: object, source: str) -> float:
    shown = repr(str(raw)[:40])
    try:
        value = float(str(raw).strip().lstrip(CURRENCY))
    except ValueError:
        raise SpendSettingError(
            f"{name} ({source}) must be a number, not {shown}; it is ignored."
        ) from None
    wanted, high = _RANGES.get(name, ("a positive number", math.inf))
    if not math.isfinite(value) or not 0 <= value <= high:
        raise SpendSettingError(f"{name} ({source}) must be {wanted}, not {shown}; it is ignored.")
    return value


@dataclass(frozen=True)
class SpendSettings:
    """The ACU price, the monthly budget and the alert thresholds; None when not set."""

    acu_price: float | None = None
    monthly_budget_acus: float | None = None
    alert_spend_pace: float = DEFAULT_SPEND_PACE
    alert_error_share: float | None = None

    @classmethod
    def load(cls, *layers: tuple[str, Mapping[str, object]]) -> tuple[SpendSettings, list[str]]:
        """Settings from ``(source, mapping)`` layers, and a message per value that is ignored."""
        values: dict[str, float] = {}
        problems: list[str] = []
        for source, mapping in layers:
            for name in SPEND_NAMES:
                raw = mapping.get(name)
                if raw is None or str(raw).strip() == "":
                    continue
                try:
                    values[name] = _number(name, raw, source)
                except SpendSettingError as err:
                    problems.append(str(err))
        return (
            cls(
                acu_price=values.get(ENV_ACU_PRICE) or None,
                monthly_budget_acus=values.get(ENV_MONTHLY_BUDGET) or None,
                alert_spend_pace=values.get(ENV_ALERT_SPEND_PACE, DEFAULT_SPEND_PACE),
                alert_error_share=values.get(ENV_ALERT_ERROR_SHARE),
            ),
            problems,
        )

    def money(self, acus: float | None) -> float | None:
        """ACUs times the price; None without a price or without ACUs."""
        if self.acu_price is None or acus is None or math.isnan(acus):
            return None
        return acus * self.acu_price

    def money_text(self, acus: float | None) -> str:
        """``$1,234.50`` for an amount of ACUs, or an empty string without a price."""
        amount = self.money(acus)
        return "" if amount is None else f"{CURRENCY}{amount:,.2f}"

    def acus_text(self, acus: float | None, digits: int = 0) -> str:
        """``1,234 ACUs ($2,776.50)`` with a price, ``1,234 ACUs`` without."""
        if acus is None or math.isnan(acus):
            return "–"
        money = self.money_text(acus)
        return f"{acus:,.{digits}f} ACUs" + (f" ({money})" if money else "")
