"""The team mapping CSV, line by line: every line left out is named with its number and why, a
quote left open never swallows the next line, and a file with no usable line is refused."""

from __future__ import annotations

import pytest

from devin_data.frames.roster import build_roster
from devin_data.frames.teams import MAX_BYTES, parse_teams_csv


def test_an_unterminated_quote_is_reported_where_it_opens_and_the_next_line_still_counts() -> None:
    mapping = parse_teams_csv('email,team\na@x.com,"Platform\nb@x.com,Data\n')
    assert mapping.problems == ("line 2: a quote opens on this line and is not closed",)
    assert mapping.by_email == {"b@x.com": "Data"}


@pytest.mark.parametrize(
    ("line", "why"),
    [
        ("c@x.com,Mo\0bile", "it holds a NUL byte; is this a text file?"),
        ("\0\0\0\0", "it holds a NUL byte; is this a text file?"),
        ("c@x.com,Mo\x07bile", "it holds a control character (U+0007); is this a text file?"),
        ('"c@x.com" x,Data', "text follows a closing quote"),
        ("c@x.com", "expected 2 columns (email or user id, team), found 1"),
        ("c@x.com,Data,extra", "expected 2 columns (email or user id, team), found 3"),
        (",Data", "the email or user id is empty"),
        ("c@x.com,  ", "the team of c@x.com is empty"),
        ("c@,Data", "c@ is not an email address"),
        ("x" * 300 + ",", "the team of " + "x" * 60 + "… is empty"),
    ],
)
def test_every_dropped_line_is_named_by_number_and_reason(line: str, why: str) -> None:
    mapping = parse_teams_csv(f"a@x.com,Platform\n\n{line}\nb@x.com,Data\r\n")
    assert mapping.problems == (f"line 3: {why}",)
    assert mapping.by_email == {"a@x.com": "Platform", "b@x.com": "Data"}
    assert not mapping.refused


@pytest.mark.parametrize(
    ("text", "problems"),
    [("", 0), ("\n\n", 0), ("email,team\n", 0), ('who\n"a,b\n\0\n', 3), ("a,b,c\n,x\n", 2)],
)
def test_a_file_with_no_usable_line_is_refused(text: str, problems: int) -> None:
    mapping = parse_teams_csv(text)
    assert mapping.refused
    assert len(mapping) == 0
    assert len(mapping.problems) == problems


def test_an_oversized_file_is_refused_in_one_line() -> None:
    mapping = parse_teams_csv("a@x.com,Platform\n" * (MAX_BYTES // 17 + 1))
    assert mapping.refused
    assert mapping.problems == ("the file is larger than 1 MB",)


def test_the_roster_keeps_the_problems_of_an_empty_mapping() -> None:
    mapping = parse_teams_csv("nobody\n")
    roster = build_roster({}, mapping, "teams.csv")
    assert roster.mapping_problems == (
        "line 1: expected 2 columns (email or user id, team), found 1",
    )
