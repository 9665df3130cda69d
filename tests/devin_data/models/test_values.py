"""The API's vocabulary: session ids and timestamps in every form the API has been seen to use."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from devin_data.models import SESSION_PREFIX, epoch, normalize_session_id, to_utc

MOMENT = datetime(2026, 1, 31, 8, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "value",
    [
        MOMENT.timestamp(),  # v3 epoch seconds
        int(MOMENT.timestamp()),
        int(MOMENT.timestamp() * 1000),  # milliseconds are recognised
        str(int(MOMENT.timestamp())),
        "2026-01-31T08:00:00Z",  # v1 ISO strings, with Z or an offset
        "2026-01-31T08:00:00.000000+00:00",
        "2026-01-31T09:00:00+01:00",
        "2026-01-31T08:00:00",  # naive ISO text is read as UTC
        datetime(2026, 1, 31, 3, 0, tzinfo=timezone(timedelta(hours=-5))),
    ],
)
def test_every_timestamp_form_is_the_same_utc_moment(value: object) -> None:
    moment = to_utc(value)
    assert moment == MOMENT
    assert moment.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (253402214400, datetime(9999, 12, 31, tzinfo=UTC)),  # a far sentinel, in seconds
        ("253402214400", datetime(9999, 12, 31, tzinfo=UTC)),
        (4102444800, datetime(2100, 1, 1, tzinfo=UTC)),
        (253402300799, datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)),  # the last second
        (1767225600000, datetime(2026, 1, 1, tzinfo=UTC)),  # milliseconds still
    ],
)
def test_a_late_date_in_seconds_is_never_read_as_milliseconds(
    value: object, expected: datetime
) -> None:
    assert to_utc(value) == expected


@pytest.mark.parametrize("value", [True, None, "yesterday", "", [1]])
def test_what_is_not_a_timestamp_is_refused(value: object) -> None:
    with pytest.raises(ValueError):
        to_utc(value)


def test_epoch_round_trips_and_keeps_none() -> None:
    assert epoch(None) is None
    assert to_utc(epoch(MOMENT)) == MOMENT


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("abc123", "devin-abc123"), ("devin-abc123", "devin-abc123"), ("  abc  ", "devin-abc")],
)
def test_session_ids_carry_the_prefix_once(raw: str, expected: str) -> None:
    assert normalize_session_id(raw) == expected
    assert normalize_session_id(expected) == expected
    assert expected.startswith(SESSION_PREFIX)


def test_an_empty_session_id_is_refused() -> None:
    with pytest.raises(ValueError, match="empty session id"):
        normalize_session_id("  ")
