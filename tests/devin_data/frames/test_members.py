"""Row membership by session id: the same rows as ``Series.isin``, NA and unknown ids included."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

from devin_data.frames.members import member_mask, of_sessions, positions_in

IDS = pd.Series(["devin-a", None, "devin-b", "devin-zz", "devin-a", None], dtype="str")
# The same values in two Arrow chunks, as a concatenation leaves them.
CHUNKED = pd.concat([IDS.iloc[:3], IDS.iloc[3:]], ignore_index=True)

WANTED: list[Any] = [
    pd.Series(["devin-a", "devin-b"], dtype="str"),
    pd.Series(["devin-b", None], dtype="str"),
    pd.concat([pd.Series(["devin-a"], dtype="str"), pd.Series(["devin-q"], dtype="str")]),
    pd.Index(["devin-zz"], dtype="str"),
    ["devin-a", "devin-unknown"],
    frozenset({"devin-b", "devin-zz"}),
    {"devin-a": None}.keys(),
    ["devin-a", None],
    [np.nan],
    ["devin-a", 1],
    pd.Series(["devin-a", None], dtype=object),
    pd.Series(["devin-b"], dtype="category"),
    [],
    pd.Series([], dtype="str"),
    ["devin-unknown"],
]


@pytest.mark.parametrize("values", [IDS, CHUNKED], ids=["one chunk", "two chunks"])
@pytest.mark.parametrize("wanted", WANTED, ids=[f"wanted{i}" for i in range(len(WANTED))])
def test_member_mask_keeps_the_rows_isin_keeps(values: pd.Series, wanted: Any) -> None:
    mask = member_mask(values, wanted)
    assert mask.dtype == np.bool_
    assert mask.tolist() == values.isin(wanted).tolist()


def test_member_mask_matches_na_only_when_na_is_wanted() -> None:
    assert member_mask(IDS, pd.Series(["devin-a"], dtype="str")).tolist() == [
        True, False, False, False, True, False,
    ]  # fmt: skip
    assert member_mask(IDS, pd.Series(["devin-a", None], dtype="str")).tolist() == [
        True, True, False, False, True, True,
    ]  # fmt: skip


@pytest.mark.parametrize(
    "values",
    [
        pd.Series(["a", None, "b"], dtype=object),
        pd.Series(["a", None, "b"], dtype="category"),
        pd.Series([1, 2, 3]),
    ],
    ids=["object", "category", "int"],
)
def test_member_mask_of_other_dtypes_is_isin(values: pd.Series) -> None:
    for wanted in (["a", "b"], [1, 3], pd.Series(["b", None], dtype="str")):
        assert member_mask(values, wanted).tolist() == values.isin(wanted).tolist()


def test_member_mask_of_nothing_is_empty() -> None:
    empty = pd.Series([], dtype="str")
    assert member_mask(empty, IDS).tolist() == []
    assert member_mask(IDS.iloc[:0], []).tolist() == []


@pytest.mark.parametrize("values", [IDS, CHUNKED, IDS.astype(object)], ids=["str", "two", "obj"])
def test_positions_in_finds_the_first_occurrence_or_minus_one(values: pd.Series) -> None:
    wanted = pd.Series(["devin-b", "devin-a", "devin-b"], dtype=values.dtype)
    found = positions_in(values, wanted)
    assert found.dtype == np.int64
    assert found.tolist() == [1, -1, 0, -1, 1, -1]


def test_positions_in_finds_na_only_among_wanted_na() -> None:
    wanted = pd.Series(["devin-zz", None], dtype="str")
    assert positions_in(IDS, wanted).tolist() == [-1, 1, -1, 0, -1, 1]
    assert positions_in(IDS, wanted.iloc[:1]).tolist() == [-1, -1, -1, 0, -1, -1]


def test_of_sessions_keeps_the_items_of_sessions_in_view_in_order() -> None:
    index = [10, 11, 12, 13, 14, 15]
    items = pd.DataFrame({"session_id": IDS.set_axis(index), "n": np.arange(len(IDS))}, index=index)
    assert items["session_id"].dtype == "str"
    sessions = pd.DataFrame({"session_id": pd.Series(["devin-a", "devin-q"], dtype="str")})
    kept = of_sessions(items, sessions)
    pd.testing.assert_frame_equal(kept, items.loc[[10, 14]])
    assert of_sessions(items, sessions.iloc[:0]).empty
