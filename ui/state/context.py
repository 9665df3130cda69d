"""What every page starts from, built once per run: the connection, the filters, now, and the
frames the page asks for (each built on first use, from the cached loaders)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import cached_property

import pandas as pd

from devin_data.config import ApiVersion, Settings
from devin_data.query.filters import FilterSpec
from ui.data import frames
from ui.shell.connection import current_settings
from ui.state.filters import current_filters


@dataclass
class PageContext:
    """The run's connection, filters and instant; the frames are built when first read."""

    settings: Settings
    filters: FilterSpec
    now: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def api(self) -> ApiVersion:
        return self.settings.api_version

    @property
    def tz(self) -> str:
        return self.filters.tz

    @cached_property
    def sessions(self) -> pd.DataFrame:
        """Every cached session, with its creator's name and team."""
        return frames.sessions_frame(self.settings)

    @cached_property
    def filtered(self) -> pd.DataFrame:
        """The sessions the filters select."""
        return self.filters.apply(self.sessions, self.now)

    @cached_property
    def undated(self) -> pd.DataFrame:
        """The sessions every filter but the dates selects (for comparisons over time)."""
        return replace(self.filters, preset="all").apply(self.sessions, self.now)

    @cached_property
    def window(self) -> tuple[pd.Timestamp | None, pd.Timestamp | None]:
        """UTC bounds [start, end) of the selected days; (None, None) for all time."""
        return self.filters.window(self.now)


def page_context() -> PageContext:
    """This run's context: the browser session's connection and filters, at this instant."""
    return PageContext(current_settings(), current_filters())
