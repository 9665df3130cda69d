"""Readable labels for API identifiers."""

from __future__ import annotations

import pandas as pd
import pytest

from devin_data.text.labels import label


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("bug_fixing", "Bug fixing"),
        ("ci_cd_and_devops", "CI/CD and DevOps"),
        ("repo_config", "Repo config"),
        ("prompt_improvement", "Prompt improvement"),
        ("usage_limit_exceeded", "Usage limit exceeded"),
        ("code_scan", "Code scan"),
        ("webapp", "Web app"),
        ("api", "API"),
        ("xl", "XL"),
        ("SQL", "SQL"),
        ("future_value", "Future value"),
        (None, "Unknown"),
        (float("nan"), "Unknown"),
        (pd.NA, "Unknown"),
    ],
)
def test_label(value: object, expected: str) -> None:
    assert label(value) == expected
