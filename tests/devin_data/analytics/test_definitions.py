"""Every metric the dashboard shows has one clear definition."""

from __future__ import annotations

from pathlib import Path

import pytest

from devin_data.analytics.definitions import DEFINITIONS, definition_of

SHOWN = (
    "Sessions",
    "ACUs",
    "ACUs per session",
    "Sessions with a merged PR",
    "Median user messages per session",
    "Share of L/XL sessions",
    "Share with insights",
    "Size class",
    "Category",
    "Origin",
    "Status",
    "Status detail",
    "User messages",
    "Devin messages",
    "Duration",
    "Concurrently running sessions",
    "Outcomes over time",
    "Working and waiting",
    "Median time to answer Devin",
    "PR states",
    "Service users",
    "Last active",
    "Messages per session histogram",
    "Waiting gaps",
    "Not available",
)


def test_every_entry_is_a_plain_name_definition_pair() -> None:
    for entry in DEFINITIONS:
        assert isinstance(entry, tuple)
        assert len(entry) == 2
        name, text = entry
        assert isinstance(name, str)
        assert isinstance(text, str)
        assert name.strip() == name != ""
        assert text.strip() == text != ""
        assert text.endswith(".")


def test_names_are_unique() -> None:
    names = [name for name, _ in DEFINITIONS]
    assert len(names) == len(set(names))


def test_every_metric_shown_is_defined() -> None:
    assert {name for name, _ in DEFINITIONS} >= set(SHOWN)


@pytest.mark.parametrize("name", SHOWN)
def test_definitions_are_short_and_say_how_missing_values_count(name: str) -> None:
    text = definition_of(name)
    assert 40 <= len(text) <= 320
    sentences = text.count(". ") + 1
    assert sentences <= 3


def test_definitions_state_how_missing_values_are_treated() -> None:
    missing_words = ("missing", "without", "left out", "unknown", "no gap", "not seen", "never")
    for name, text in DEFINITIONS:
        assert any(word in text for word in missing_words), name


def test_definition_of_an_unknown_metric_raises() -> None:
    assert definition_of("ACUs").startswith("Sum of the ACUs")
    with pytest.raises(KeyError):
        definition_of("Happiness")


def _readme_table() -> list[tuple[str, str]]:
    """The (metric, definition) rows of the README's metric definitions table."""
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Metric definitions", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ")]
    cells = [[cell.strip() for cell in row.strip("|").split(" | ")] for row in rows]
    return [(name, text) for name, text in cells[2:]]


def test_the_readme_quotes_every_definition_word_for_word() -> None:
    assert _readme_table() == list(DEFINITIONS)
