"""Every link parameter read with hostile values: never an exception, a notice of bounded length
for what is dropped or moved, and the rest of the link still applies."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from devin_data.query.filters import valid_zone
from devin_data.query.parse import parse_query
from devin_data.query.registry import FILTER_PARAMS, PAGE_PARAMS, SESSION_ID, check_page_params
from devin_data.query.validate import LinkContext, parse_days

NOW = datetime(2026, 3, 14, 21, 45, tzinfo=UTC)
TODAY = date(2026, 3, 14)
HOSTILE = (
    "x" * 300,
    "y" * 5000,
    "\x00",
    "a\x00b",
    "\x01\x1f",
    "\u202eevil",
    "日本語" * 100,
    "..",
    "9999-12-31",
    "0001-01-01",
    "../../etc/passwd",
    "/etc/localtime",
    "\\",
    ":::",
    ",,,",
)
NAMES = sorted({*FILTER_PARAMS, *PAGE_PARAMS} - {"ids"})


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("value", HOSTILE)
def test_no_value_of_any_parameter_raises_and_notices_stay_short(name: str, value: str) -> None:
    params = {"range": "custom", "from": "2026-03-01"} | {name: value}
    spec, notices = parse_query(params, now=NOW)
    start, end = spec.window(NOW)  # the window a page computes from it
    assert start is None or end is None or start < end
    changes, page = check_page_params(params, PAGE_PARAMS, LinkContext(TODAY, ("Platform",)))
    for notice in [*notices, *page]:
        assert len(notice) < 300, notice
        assert "\x00" not in notice
    kept = changes.get(name, params.get(name)) if name in PAGE_PARAMS else None
    if kept is not None:  # a page parameter kept is a real value, inside its range
        days = parse_days(kept)
        assert SESSION_ID.fullmatch(kept) or (days and date(2000, 1, 1) <= days[0] <= TODAY)


def test_a_time_zone_name_too_long_for_the_disk_is_dropped_with_a_notice() -> None:
    spec, notices = parse_query({"tz": "x" * 300, "size": "l"}, now=NOW)
    assert spec.tz == "UTC"
    assert spec.sizes == ("l",)  # the rest of the link applies
    assert notices == [f"Ignored tz='{'x' * 40}…': not a known time zone."]
    assert not valid_zone("Europe/" + "x" * 300)
    assert not valid_zone("Europe/Berlin\x00")
    assert valid_zone("Europe/Berlin")


@pytest.mark.parametrize("name", ["tag", "q", "user", "issue", "range", "tz", "from"])
def test_a_control_character_drops_the_parameter_and_says_so(name: str) -> None:
    spec, notices = parse_query({name: "ok\x00ok", "size": "l"}, now=NOW)
    assert notices == [f"Ignored {name}='ok\\x00ok': it holds a control character."]
    assert spec.sizes == ("l",)


def test_a_search_longer_than_the_box_is_shortened_with_a_notice() -> None:
    spec, notices = parse_query({"q": "z" * 300}, now=NOW)
    assert spec.search == "z" * 200
    assert notices == ["Shortened q= to its first 200 characters."]


@pytest.mark.parametrize(
    ("text", "kept", "notice"),
    [
        ("2026-02-01..2026-02-14", "2026-02-01..2026-02-14", None),
        (
            "2000-01-01..9999-12-31",
            "2000-01-01..2026-03-14",
            "Moved period_a='2000-01-01..9999-12-31' to 2000-01-01..2026-03-14: a period runs "
            "from 2000-01-01 at the earliest to today at the latest.",
        ),
        ("0001-01-01..0001-01-02", "2000-01-01..2000-01-01", "Moved period_a="),
        ("2026-02-14..2026-02-01", None, "use two days in order"),
        ("..", None, "Ignored period_a='..': use two days in order"),
        ("2026-02-01", None, "use two days in order"),
        ("2026-02-01..", None, "use two days in order"),
        ("a\x00..b", None, "it holds a control character"),
    ],
)
def test_a_period_is_kept_moved_or_dropped(text: str, kept: str | None, notice: str | None) -> None:
    changes, notices = check_page_params({"period_a": text}, ["period_a"], LinkContext(TODAY))
    assert changes.get("period_a", text) == kept
    if notice is None:
        assert notices == []
    else:
        assert len(notices) == 1
        assert notice in notices[0]


@pytest.mark.parametrize(
    ("name", "text", "kept"),
    [
        ("team_a", "Platform", "Platform"),
        ("team_b", "Nobody", None),
        ("team_a", "Plat\x00form", None),
        ("session", "devin-3f9c2a7b", "devin-3f9c2a7b"),
        ("session", "3f9c2a7b", "devin-3f9c2a7b"),
        ("session", "../../v1/sessions", None),
        ("session", "devin-" + "a" * 300, None),
        ("session", "devin-abc?x=1", None),
    ],
)
def test_teams_and_sessions_are_kept_only_when_real(name: str, text: str, kept: str | None) -> None:
    context = LinkContext(TODAY, ("Platform", "Data"))
    changes, notices = check_page_params({name: text}, [name], context)
    assert changes.get(name, text) == kept
    assert bool(notices) == (kept is None)


def test_only_the_page_s_own_parameters_are_checked() -> None:
    params = {"period_a": "..", "session": "../x"}
    changes, notices = check_page_params(params, ["session"], LinkContext(TODAY))
    assert changes == {"session": None}
    assert len(notices) == 1
