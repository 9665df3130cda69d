"""The registry of measures: each defined once, with its label, its definition (quoted from
:mod:`devin_data.analytics.definitions`), its unit, which way is better, what it needs from the
API and how it is computed. :data:`MEASURES` is in the order the pages show them.

The headline KPIs take their label and the meaning of a rise from
:data:`~devin_data.analytics.measures.KPI_DEFINITIONS`, so a card and a table never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from devin_data.analytics.definitions import definition_of
from devin_data.analytics.measures import KPI_DEFINITIONS, DeltaColor
from devin_data.catalogue import reckon
from devin_data.catalogue.reckon import Compute
from devin_data.catalogue.units import Unit

Better = Literal["up", "down", "neither"]
_BETTER: Final[dict[DeltaColor, Better]] = {"normal": "up", "inverse": "down", "off": "neither"}


@dataclass(frozen=True)
class Measure:
    """One measure: ``term`` names its definition; ``needs`` the fields of the API it reads;
    ``v1`` whether a v1 key reports them; ``digits`` the decimals shown when not the unit's."""

    key: str
    label: str
    term: str
    unit: Unit
    better: Better
    needs: tuple[str, ...]
    v1: bool
    compute: Compute
    digits: int | None = None

    @property
    def definition(self) -> str:
        """The definition, word for word as on the Data page and in the README."""
        return definition_of(self.term)


def _headline(key: str, kpi: str, unit: Unit, needs: tuple[str, ...], *, v1: bool) -> Measure:
    spec = KPI_DEFINITIONS[kpi]
    compute = getattr(reckon, key)
    return Measure(
        key,
        spec.label,
        spec.definition,
        unit,
        _BETTER[spec.delta_color],
        needs,
        v1,
        compute,
        digits=1 if key == "median_user_messages" else None,
    )


_PR = ("pull_requests",)
_ACU_PR = ("acus_consumed", "pull_requests")
_MESSAGES = ("messages",)

_ALL: Final = (
    _headline("sessions", "sessions", Unit.COUNT, (), v1=True),
    _headline("acus_reported", "acus", Unit.ACUS, ("acus_consumed",), v1=False),
    Measure(
        "acus_billed",
        "ACUs billed",
        "Billed ACUs",
        Unit.ACUS,
        "neither",
        ("consumption",),
        False,
        reckon.acus_billed,
    ),
    _headline("acus_per_session", "acus_per_session", Unit.ACUS, ("acus_consumed",), v1=False),
    Measure(
        "money", "Money", "Money", Unit.MONEY, "neither", ("acus_consumed",), False, reckon.money
    ),
    Measure(
        "prs_opened", "PRs opened", "PR states", Unit.COUNT, "up", _PR, True, reckon.prs_opened
    ),
    Measure(
        "prs_merged", "Merged PRs", "PR states", Unit.COUNT, "up", _PR, False, reckon.prs_merged
    ),
    Measure(
        "prs_state_unknown",
        "PRs without a state",
        "PR states",
        Unit.COUNT,
        "neither",
        _PR,
        True,
        reckon.prs_state_unknown,
    ),
    _headline("sessions_with_merged_pr", "sessions_with_merged_pr", Unit.COUNT, _PR, v1=False),
    Measure(
        "merge_rate", "Merge rate", "Merge rate", Unit.SHARE, "up", _PR, False, reckon.merge_rate
    ),
    Measure(
        "session_merge_rate",
        "Merged-PR rate",
        "Merged-PR rate",
        Unit.SHARE,
        "up",
        _PR,
        False,
        reckon.session_merge_rate,
    ),
    Measure(
        "acus_per_merged_pr",
        "ACUs per merged PR",
        "ACUs per merged PR",
        Unit.ACUS,
        "down",
        _ACU_PR,
        False,
        reckon.acus_per_merged_pr,
    ),
    Measure(
        "money_per_merged_pr",
        "Money per merged PR",
        "Money",
        Unit.MONEY,
        "down",
        _ACU_PR,
        False,
        reckon.money_per_merged_pr,
    ),
    _headline(
        "median_user_messages", "median_user_messages", Unit.RATIO, ("num_user_messages",), v1=True
    ),
    Measure(
        "user_messages_per_session",
        "User messages / session",
        "User messages",
        Unit.RATIO,
        "down",
        ("num_user_messages",),
        True,
        reckon.user_messages_per_session,
    ),
    _headline("share_large", "share_large", Unit.SHARE, ("session_size",), v1=False),
    _headline("share_with_insights", "share_with_insights", Unit.SHARE, ("insights",), v1=False),
    Measure(
        "hours_working",
        "Hours Devin worked",
        "Working and waiting",
        Unit.HOURS,
        "neither",
        _MESSAGES,
        True,
        reckon.hours_working,
    ),
    Measure(
        "hours_waiting",
        "Hours waiting on people",
        "Working and waiting",
        Unit.HOURS,
        "down",
        _MESSAGES,
        True,
        reckon.hours_waiting,
    ),
    Measure(
        "median_answer_minutes",
        "Median time to answer Devin",
        "Median time to answer Devin",
        Unit.MINUTES,
        "down",
        _MESSAGES,
        True,
        reckon.median_answer_minutes,
    ),
    Measure(
        "active_people",
        "Active people",
        "Active people",
        Unit.COUNT,
        "up",
        ("user_id",),
        True,
        reckon.active_people,
    ),
    Measure(
        "sessions_per_active_person",
        "Sessions per active person",
        "Sessions per active person",
        Unit.RATIO,
        "up",
        ("user_id",),
        True,
        reckon.sessions_per_active_person,
    ),
)
MEASURES: Final[dict[str, Measure]] = {measure.key: measure for measure in _ALL}


# A headline KPI's key where the catalogue names its measure otherwise.
_OF_KPI: Final = {"acus": "acus_reported"}


def of_kpi(name: str) -> Measure:
    """The measure behind the headline KPI called ``name`` (see ``analytics.kpis``)."""
    return measure(_OF_KPI.get(name, name))


def measure(key: str) -> Measure:
    """The measure called ``key`` (KeyError naming the known keys when there is none)."""
    try:
        return MEASURES[key]
    except KeyError:
        raise KeyError(f"no measure {key!r}; known: {', '.join(MEASURES)}") from None
