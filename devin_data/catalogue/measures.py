"""The registry of measures: each defined once, with its label, its definition (quoted from
:mod:`devin_data.analytics.definitions`), its unit, which way is better, what it needs from the
API and how it is computed. :data:`MEASURES` is in the order the pages show them.

The headline KPIs take their label and the meaning of a rise from
:data:`~devin_data.analytics.measures.KPI_DEFINITIONS`, so a card and a table never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final, Literal

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


def _measure(
    key: str, label: str, unit: Unit, better: Better, needs: tuple[str, ...], **more: Any
) -> Measure:
    """A measure computed by the function of :mod:`.reckon` named like its key; its definition is
    the one named like its label unless ``term`` names another; v1 keys do not report it unless
    ``v1`` says so."""
    term = more.pop("term", label)
    v1 = more.pop("v1", False)
    return Measure(key, label, term, unit, better, needs, v1, getattr(reckon, key), **more)


_PR = ("pull_requests",)
_ACUS = ("acus_consumed",)
_ACU_PR = ("acus_consumed", "pull_requests")
_MESSAGES = ("messages",)
_PEOPLE = ("user_id",)
_MESSAGE_COUNTS = ("num_user_messages",)

_ALL: Final = (
    _headline("sessions", "sessions", Unit.COUNT, (), v1=True),
    _headline("acus_reported", "acus", Unit.ACUS, _ACUS, v1=False),
    _measure(
        "acus_billed", "ACUs billed", Unit.ACUS, "neither", ("consumption",), term="Billed ACUs"
    ),
    _headline("acus_per_session", "acus_per_session", Unit.ACUS, _ACUS, v1=False),
    _measure("money", "Money", Unit.MONEY, "neither", _ACUS),
    _measure("prs_opened", "PRs opened", Unit.COUNT, "up", _PR, term="PR states", v1=True),
    _measure("prs_merged", "Merged PRs", Unit.COUNT, "up", _PR, term="PR states"),
    _measure(
        "prs_state_unknown",
        "PRs without a state",
        Unit.COUNT,
        "neither",
        _PR,
        term="PR states",
        v1=True,
    ),
    _headline("sessions_with_merged_pr", "sessions_with_merged_pr", Unit.COUNT, _PR, v1=False),
    _measure("merge_rate", "Merge rate", Unit.SHARE, "up", _PR),
    _measure("session_merge_rate", "Merged-PR rate", Unit.SHARE, "up", _PR),
    _measure("acus_per_merged_pr", "ACUs per merged PR", Unit.ACUS, "down", _ACU_PR),
    _measure(
        "money_per_merged_pr", "Money per merged PR", Unit.MONEY, "down", _ACU_PR, term="Money"
    ),
    _headline("median_user_messages", "median_user_messages", Unit.RATIO, _MESSAGE_COUNTS, v1=True),
    _measure(
        "user_messages_per_session",
        "User messages / session",
        Unit.RATIO,
        "down",
        _MESSAGE_COUNTS,
        term="User messages",
        v1=True,
    ),
    _headline("share_large", "share_large", Unit.SHARE, ("session_size",), v1=False),
    _headline("share_with_insights", "share_with_insights", Unit.SHARE, ("insights",), v1=False),
    _measure(
        "hours_working",
        "Hours Devin worked",
        Unit.HOURS,
        "neither",
        _MESSAGES,
        term="Working and waiting",
        v1=True,
    ),
    _measure(
        "hours_waiting",
        "Hours waiting on people",
        Unit.HOURS,
        "down",
        _MESSAGES,
        term="Working and waiting",
        v1=True,
    ),
    _measure(
        "median_answer_minutes",
        "Median time to answer Devin",
        Unit.MINUTES,
        "down",
        _MESSAGES,
        v1=True,
    ),
    _measure("active_people", "Active people", Unit.COUNT, "up", _PEOPLE, v1=True),
    _measure(
        "sessions_per_active_person",
        "Sessions per active person",
        Unit.RATIO,
        "up",
        _PEOPLE,
        v1=True,
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
