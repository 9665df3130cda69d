"""The models are lenient on input (drifted enums, extra and missing fields, null lists, v1 shapes)
and strict on what the rest of the code sees (prefixed ids, UTC times, lists never None)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from devin_data.models import Session, normalize_v1

CREATED = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def _v3(**fields: Any) -> dict[str, Any]:
    return {"session_id": "abc123", "created_at": int(CREATED.timestamp()), **fields}


def test_drifted_values_and_extra_fields_are_kept() -> None:
    session = Session.model_validate(
        _v3(
            status="Hibernating",
            status_detail="waiting_for_a_new_reason",
            origin="carrier_pigeon",
            category="quantum_refactoring",
            session_size="xxl",
            brand_new_field={"nested": [1, 2]},
        )
    )
    assert session.session_id == "devin-abc123"
    assert session.status == "hibernating"
    assert (session.status_detail, session.origin) == ("waiting_for_a_new_reason", "carrier_pigeon")
    assert (session.category, session.session_size) == ("quantum_refactoring", "xxl")
    assert session.model_extra == {"brand_new_field": {"nested": [1, 2]}}


def test_missing_optionals_and_null_lists_read_as_absent_not_zero() -> None:
    session = Session.model_validate(
        _v3(tags=None, pull_requests=None, child_session_ids=None, acus_consumed=None)
    )
    assert session.tags == []
    assert session.pull_requests == []
    assert session.child_session_ids == []
    assert session.acus_consumed is None
    assert session.num_user_messages is None
    assert session.updated_at == CREATED  # an unchanged session was last updated when created
    record = session.to_record()
    assert record["acus_consumed"] is None
    assert record["created_at"] == record["updated_at"] == CREATED.timestamp()
    assert record["has_analysis"] is False


def test_millisecond_timestamps_and_unprefixed_relatives_are_normalised() -> None:
    session = Session.model_validate(
        _v3(
            created_at=int(CREATED.timestamp() * 1000),
            parent_session_id="parent1",
            child_session_ids=["kid1", "devin-kid2"],
        )
    )
    assert session.created_at == CREATED
    assert session.parent_session_id == "devin-parent1"
    assert session.child_session_ids == ["devin-kid1", "devin-kid2"]


def test_a_v1_session_speaks_the_v3_vocabulary() -> None:
    raw = {
        "session_id": "devin-v1abc",
        "status": "running",
        "status_enum": "blocked",
        "created_at": "2026-03-01T12:00:00Z",
        "updated_at": "2026-03-01T12:30:00+00:00",
        "pull_request": {"url": "https://github.com/acme/web/pull/412"},
        "requesting_user_email": "dana@acme.io",
        "messages": [
            {
                "type": "initial_user_message",
                "message": "Fix it",
                "origin": "web",
                "timestamp": "2026-03-01T12:00:00Z",
                "username": "dana@acme.io",
            },
            {"type": "devin_message", "message": "On it", "timestamp": "2026-03-01T12:01:00Z"},
            {"type": "user_message", "message": "Thanks", "timestamp": "2026-03-01T12:20:00Z"},
        ],
    }
    session = normalize_v1(Session.model_validate(raw))
    assert session.created_at == CREATED
    assert (session.status, session.status_detail) == ("running", "waiting_for_user")
    assert [pr.pr_url for pr in session.pull_requests] == ["https://github.com/acme/web/pull/412"]
    assert [pr.pr_state for pr in session.pull_requests] == [None]  # v1 does not report states
    assert (session.num_user_messages, session.num_devin_messages) == (2, 1)
    assert session.origin == "webapp"
    assert session.user_id == "dana@acme.io"
    assert session.acus_consumed is None
