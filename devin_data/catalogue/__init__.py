"""One truth: every measure and dimension defined once, and the one presentation of each value.

Pages, chart downloads, tables, the export and the report read their figures here (``figure``,
``breakdown``) and their formats (``text``, ``column_format``), so the same question gets the same
answer, written the same way, everywhere. Pure: no I/O, no Streamlit.
"""

from devin_data.catalogue.coverage import PREVIEW_BELOW, Coverage
from devin_data.catalogue.dimensions import (
    DIMENSIONS,
    NO_TEAM,
    Dimension,
    person_label,
    person_labels,
)
from devin_data.catalogue.figures import Figure, breakdown, figure, figures
from devin_data.catalogue.inputs import Inputs
from devin_data.catalogue.measures import MEASURES, Measure, measure, of_kpi
from devin_data.catalogue.units import (
    BLANK,
    NOT_AVAILABLE,
    ColumnFormat,
    Unit,
    change_text,
    column_format,
    text,
    unavailable,
)

__all__ = [
    "BLANK",
    "DIMENSIONS",
    "MEASURES",
    "NOT_AVAILABLE",
    "NO_TEAM",
    "PREVIEW_BELOW",
    "ColumnFormat",
    "Coverage",
    "Dimension",
    "Figure",
    "Inputs",
    "Measure",
    "Unit",
    "breakdown",
    "change_text",
    "column_format",
    "figure",
    "figures",
    "measure",
    "of_kpi",
    "person_label",
    "person_labels",
    "text",
    "unavailable",
]
