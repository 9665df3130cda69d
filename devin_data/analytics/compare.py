"""Two sets of sessions side by side: any two periods, or one team against another.

The KPIs of Overview plus the people figures (active people, sessions per active person), each
with the change from A to B as a card shows it (percent for amounts, points for shares).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from devin_data.analytics.adoption import humans
from devin_data.analytics.kpis import Kpi
from devin_data.analytics.measures import KPI_DEFINITIONS, KpiSpec, Measure, kpis
from devin_data.config import ApiVersion

PEOPLE_KPIS: dict[str, KpiSpec] = {
    "active_people": KpiSpec("Active people", ",.0f", "Active people", "off"),
    "sessions_per_person": KpiSpec(
        "Sessions per active person", ",.1f", "Sessions per active person", "off"
    ),
}


@dataclass(frozen=True)
class Side:
    """One side of a comparison: its name (a period or a team) and its sessions."""

    name: str
    frame: pd.DataFrame


def people_measures(frame: pd.DataFrame) -> dict[str, Measure]:
    active = int(humans(frame)["user_id"].nunique())
    per_person = len(humans(frame)) / active if active else None
    return {"active_people": Measure(active), "sessions_per_person": Measure(per_person)}


def _row(name: str, spec: KpiSpec, a: Measure, b: Measure) -> Kpi:
    missing = b.missing or a.missing
    reason = missing or (None if a.value is not None and b.value is not None else "no sessions")
    delta = None if reason or a.value is None or b.value is None else b.value - a.value
    pct = delta / a.value if delta is not None and a.value else None
    return Kpi(name, spec, b.value, a.value, delta, pct, reason, missing, b.note)


def compare(a: Side, b: Side, api: ApiVersion = "v3") -> pd.DataFrame:
    """One row per KPI: label, A's value, B's value (as shown) and the change from A to B.

    A value the API cannot provide reads "not available", an undefined one "–".
    """
    if a.name == b.name:
        b = Side(f"{b.name} (B)", b.frame)
    first = kpis(a.frame, api) | people_measures(a.frame)
    second = kpis(b.frame, api) | people_measures(b.frame)
    specs = KPI_DEFINITIONS | PEOPLE_KPIS
    rows = []
    for name, spec in specs.items():
        kpi = _row(name, spec, first[name], second[name])
        before = Kpi(name, spec, kpi.previous, None, None, None, "", first[name].missing)
        rows.append(
            {
                "kpi": spec.label,
                a.name: before.formatted,
                b.name: kpi.formatted,
                "change": kpi.change or "–",
            }
        )
    return pd.DataFrame(rows)
