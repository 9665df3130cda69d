"""The fast reader of list items gives exactly what the pydantic model gives, on every input."""

from __future__ import annotations

import copy
import random
from typing import Any

import pytest
from frozen_time import FROZEN_NOW
from pydantic import ValidationError

from devin_data.emulator import DemoOrg
from devin_data.emulator.payloads import v3_insights
from devin_data.models import Session
from devin_data.models.fast import Item, read_item, session_item

NOW = FROZEN_NOW.timestamp()


@pytest.fixture(scope="module")
def items() -> list[dict[str, Any]]:
    org = DemoOrg.generate(600, 11, FROZEN_NOW.replace(hour=0, minute=0, second=0))
    return [v3_insights(org, p, org.view(p, NOW), NOW, org.analysis(p)) for p in range(len(org))]


def _slow(raw: Any) -> Item:
    return Item.of(Session.model_validate(raw))


def test_every_generated_item_takes_the_fast_path_and_matches_the_model(
    items: list[dict[str, Any]],
) -> None:
    assert any(item.get("analysis") for item in items)
    for raw in items:
        fast = read_item(raw)
        assert fast is not None, raw["session_id"]
        assert fast == _slow(raw)


# Each drift changes one thing about an item, as a future or a sloppy API might.
DRIFTS: dict[str, Any] = {
    "no analysis": lambda r: r.update(analysis=None),
    "unknown enums": lambda r: r.update(
        status="HIBERNATING", status_detail=" Thinking ", origin="Zapier", session_size="XXL"
    ),
    "missing optionals": lambda r: [r.pop(k, None) for k in ("title", "tags", "url", "origin")],
    "extra field": lambda r: r.update(brand_new={"nested": [1, 2]}, another=None),
    "null lists": lambda r: r.update(tags=None, pull_requests=None, child_session_ids=None),
    "id without prefix": lambda r: r.update(session_id=r["session_id"].removeprefix("devin-")),
    "millisecond times": lambda r: (
        isinstance(r["created_at"], int)
        and r.update(created_at=r["created_at"] * 1000, updated_at=r["created_at"] * 1000 + 1)
    ),
    "iso times": lambda r: r.update(created_at="2026-03-01T10:00:00Z", updated_at=None),
    "float times": lambda r: r.update(created_at=r["created_at"] + 0.25),
    "blank status": lambda r: r.update(status="  ", status_detail=""),
    "null analysis lists": lambda r: (
        r.get("analysis") and r["analysis"].update(issues=None, action_items=None, timeline=None)
    ),
    "analysis extra": lambda r: r.get("analysis") and r["analysis"].update(new_part=[{"a": 1}]),
    "nested extra": lambda r: r.update(
        pull_requests=[{"pr_url": "u", "pr_state": "Merged", "x": 1}]
    ),
    "pr aliases": lambda r: r.update(pull_requests=[{"url": "u", "state": "OPEN"}]),
    "v1 single pr": lambda r: r.update(pull_request={"url": "u"}),
    "number as text": lambda r: r.update(acus_consumed="12.5", num_user_messages="3"),
    "float count": lambda r: r.update(num_devin_messages=4.0),
    "bool as int": lambda r: r.update(is_archived=1),
    "int acus": lambda r: r.update(acus_consumed=7),
    "uppercase action type": lambda r: (
        r.get("analysis")
        and r["analysis"]["action_items"]
        and r["analysis"]["action_items"][0].update(type="Repo_Config")
    ),
    "classification extra": lambda r: (
        r.get("analysis")
        and r["analysis"].get("classification")
        and r["analysis"]["classification"].update(confidence=1, extra="x")
    ),
    "empty parent": lambda r: r.update(parent_session_id=""),
    "parent without prefix": lambda r: r.update(parent_session_id="abc", child_session_ids=["d"]),
    # Text past its cap, which both readers cut the same way.
    "long title and url": lambda r: r.update(title="T" * 5_000, url="u" * 2_001),
    "long enum": lambda r: r.update(origin=" Web" * 1_000),
    "many long tags": lambda r: r.update(tags=[f"t{i}" for i in range(250)] + ["x" * 3_000]),
    "long extra and output": lambda r: r.update(note="n" * 9_000, structured_output="s" * 9_000),
    "long pr url": lambda r: r.update(pull_requests=[{"pr_url": "p" * 30_000, "pr_state": "open"}]),
    "long analysis prose": lambda r: (
        r.get("analysis")
        and r["analysis"]["timeline"]
        and r["analysis"]["timeline"][0].update(description="d" * 30_000, color="c" * 25_000)
    ),
    "long prompt": lambda r: (
        r.get("analysis")
        and r["analysis"].get("suggested_prompt")
        and r["analysis"]["suggested_prompt"].update(original_prompt="o" * 40_000)
    ),
    "many languages": lambda r: (
        r.get("analysis")
        and r["analysis"].get("classification")
        and r["analysis"]["classification"].update(programming_languages=["py"] * 300)
    ),
}
BROKEN: dict[str, Any] = {
    "missing id": lambda r: r.pop("session_id"),
    "missing created_at": lambda r: r.pop("created_at"),
    "title is a list": lambda r: r.update(title=["no"]),
    "tags is text": lambda r: r.update(tags="a,b"),
    "id of 300 characters": lambda r: r.update(session_id="a" * 300),
    "status is a number": lambda r: r.update(status=42),
    "acus are words": lambda r: r.update(acus_consumed="lots"),
}


@pytest.mark.parametrize("name", sorted(DRIFTS))
def test_drifted_items_read_exactly_as_the_model_reads_them(
    items: list[dict[str, Any]], name: str
) -> None:
    changed = 0
    for raw in random.Random(name).sample(items, 40):
        drifted = copy.deepcopy(raw)
        if DRIFTS[name](drifted) is False or drifted == raw:
            continue
        changed += 1
        assert session_item(copy.deepcopy(drifted)) == _slow(drifted), name
    assert changed, f"the drift {name!r} changed no item"


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_items_the_model_rejects_are_rejected_the_same_way(
    items: list[dict[str, Any]], name: str
) -> None:
    raw = copy.deepcopy(items[0])
    BROKEN[name](raw)
    assert read_item(raw) is None
    with pytest.raises(ValidationError):
        session_item(raw)


def test_random_mixtures_of_drifts_still_match_the_model(items: list[dict[str, Any]]) -> None:
    rng = random.Random(5)
    names = sorted(DRIFTS)
    for raw in rng.sample(items, 150):
        drifted = copy.deepcopy(raw)
        for name in rng.sample(names, 4):
            DRIFTS[name](drifted)
        assert session_item(copy.deepcopy(drifted)) == _slow(drifted)
