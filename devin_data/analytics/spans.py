"""Status spans of sessions from their observed status history, as epoch nanoseconds.

Observations come from syncs, so a span starts when a sync first saw a status and lasts until
the next observation of the same session; times are int64 so a sweep can count them with numpy.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pandas as pd

from devin_data.models import STATUSES

NEVER = np.iinfo("int64").max  # the end of a span still open, and the time of a NaT


def epoch_ns(moments: pd.Series) -> np.ndarray:
    """Epoch nanoseconds of UTC timestamps, with NaT as "never" (the largest int64)."""
    values = moments.dt.as_unit("ns").to_numpy(dtype="datetime64[ns]").view("int64")
    return np.where(moments.isna().to_numpy(), NEVER, values)


def _statuses(history: pd.Series, sessions: pd.Series) -> pd.CategoricalDtype:
    """Every status first, then the unknown ones of either column in sorted order."""

    def labels(status: pd.Series) -> list[str]:
        values = status.cat.categories if isinstance(status.dtype, pd.CategoricalDtype) else status
        return [str(value) for value in pd.unique(values.dropna())]

    extra = {v for v in labels(history) + labels(sessions) if v not in STATUSES and v.strip()}
    return pd.CategoricalDtype([*STATUSES, *sorted(extra)])


def _codes(status: pd.Series, dtype: pd.CategoricalDtype) -> npt.NDArray[np.int64]:
    return np.asarray(status.astype(dtype).cat.codes, dtype="int64")


def _present(codes: npt.NDArray[np.int64], dtype: pd.CategoricalDtype) -> pd.Categorical:
    """Statuses with every known one kept and the unknown ones only when some row has them."""
    keep = np.arange(len(dtype.categories)) < len(STATUSES)
    keep[codes[codes >= 0]] = True
    renumbered = np.cumsum(keep) - 1
    kept: npt.NDArray[np.int64] = np.where(codes >= 0, renumbered[np.maximum(codes, 0)], -1)
    return pd.Categorical.from_codes(kept, dtype.categories[keep])


def from_epoch_ns(values: npt.NDArray[np.int64]) -> pd.Series:
    """UTC timestamps of epoch nanoseconds (the inverse of :func:`epoch_ns` but for NaT)."""
    return pd.Series(pd.DatetimeIndex(values.view("datetime64[ns]")).tz_localize("UTC"))


def status_spans(history: pd.DataFrame, frame: pd.DataFrame, where: np.ndarray) -> pd.DataFrame:
    """Status spans per session: the first starts at creation, each lasts until the next one.

    ``where`` is each history row's position in ``frame`` (-1: not in view). Sessions never
    observed get one span in their current status. Columns: status (category), start and end
    (epoch ns; end is the largest int64 for the last, still open span).
    """
    seen = where >= 0
    unseen = np.ones(len(frame), dtype=bool)
    unseen[where[seen]] = False
    unseen_rows = np.flatnonzero(unseen)
    created = epoch_ns(frame["created_at"])
    dtype = _statuses(history["status"], frame["status"])
    session = np.concatenate([where[seen], unseen_rows])
    moment = np.concatenate([epoch_ns(history["observed_at"])[seen], created[unseen_rows]])
    codes = np.concatenate(
        [_codes(history["status"], dtype)[seen], _codes(frame["status"], dtype)[unseen_rows]]
    )
    order = np.lexsort((moment, session))  # by session, then time (NaT last), ties as they come
    session, moment, codes = session[order], moment[order], codes[order]
    later = session[1:] == session[:-1]
    first = np.concatenate([[True], ~later])
    dated = frame["created_at"].notna().to_numpy()[session]
    own = ~first | (dated & (moment < created[session]))
    return pd.DataFrame(
        {
            "status": _present(codes, dtype),
            "start": np.where(own, moment, created[session]),
            "end": np.where(np.concatenate([later, [False]]), np.roll(moment, -1), NEVER),
        }
    )
