"""What a measure may read: the filtered sessions, the API they came through, the price, the
cached messages and billed days when there are any, and the viewer's clock and zone."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

import pandas as pd

from devin_data.config import ApiVersion


@dataclass(frozen=True)
class Inputs:
    """The data a figure is computed from; ``messages`` and ``billed`` are None when not read.

    ``price`` is the ACU price in ``currency`` (None: no money is shown); ``billed`` a frame with a
    ``billed`` column of ACUs per billing day.
    """

    sessions: pd.DataFrame
    api: ApiVersion = "v3"
    price: float | None = None
    currency: str = "$"
    messages: pd.DataFrame | None = None
    billed: pd.DataFrame | None = None
    now: datetime | None = None
    tz: str = "UTC"

    def of(self, sessions: pd.DataFrame) -> Inputs:
        """The same inputs over other sessions (a group of a breakdown), their messages only."""
        messages = self.messages
        if messages is not None:
            messages = messages[messages["session_id"].isin(sessions["session_id"])]
        return replace(self, sessions=sessions, messages=messages)
