"""Readable labels for API identifiers."""

from __future__ import annotations

import pytest

from devin_data.analytics.labels import label


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("bug_fixing", "Bug fixing"),
        ("ci_cd_and_devops", "CI CD and DevOps"),
        ("webapp", "Web app"),
        ("api", "API"),
        ("xl", "XL"),
        ("SQL", "SQL"),
        ("future_value", "Future value"),
        (None, "Unknown"),
        (float("nan"), "Unknown"),
    ],
)
def test_label(value: object, expected: str) -> None:
    assert label(value) == expected
