"""A page of list items: malformed ones are set aside with their JSON, text is capped, and values
that cannot be true are described."""

from __future__ import annotations

import copy
from typing import Any

import orjson
import pytest
from frozen_time import FROZEN_NOW

from devin_data.emulator import DemoOrg
from devin_data.emulator.payloads import v3_insights
from devin_data.models import Session
from devin_data.models.fast import Item, read_item
from devin_data.models.intake import (
    RAW_LIMIT,
    read_entries,
    stored_item,
    suspect_values,
)
from devin_data.models.values import LIST_LIMIT, PROSE_LIMIT, TEXT_LIMIT, TRUNCATED

NOW = FROZEN_NOW.timestamp()


@pytest.fixture(scope="module")
def items() -> list[dict[str, Any]]:
    org = DemoOrg.generate(80, 11, FROZEN_NOW.replace(hour=0, minute=0, second=0))
    return [v3_insights(org, p, org.view(p, NOW), NOW, org.analysis(p)) for p in range(len(org))]


def _place(index: int) -> str:
    return f"item {index + 1} of the page"


def test_a_page_keeps_its_good_items_and_sets_each_malformed_one_aside(
    items: list[dict[str, Any]],
) -> None:
    page = copy.deepcopy(items[:8])
    page[1]["status"] = 42
    page[3]["acus_consumed"] = "lots"
    del page[5]["session_id"]
    page[6] = [page[6]]  # a list where an object belongs
    bad_ids = {page[1]["session_id"], page[3]["session_id"]}

    read, rejects = read_entries(page, stored_item, _place)

    assert [item.session_id for item in read] == [
        raw["session_id"] for i, raw in enumerate(items[:8]) if i not in (1, 3, 5, 6)
    ]
    assert [(r.session_id, r.name) for r in rejects] == [
        (page[1]["session_id"], page[1]["session_id"]),
        (page[3]["session_id"], page[3]["session_id"]),
        (None, "item 6 of the page"),
        (None, "item 7 of the page"),
    ]
    assert [r.reason for r in rejects] == [
        "status: Input should be a valid string",
        "acus_consumed: Input should be a valid number, unable to parse string as a number",
        "session_id: Field required",
        "item: Input should be a valid dictionary or instance of Session",
    ]
    assert [orjson.loads(r.raw) for r in rejects] == [page[1], page[3], page[5], page[6]]
    assert {r.key for r in rejects[:2]} == bad_ids
    assert all(r.key.startswith("no-id-") for r in rejects[2:])
    assert rejects[2].key != rejects[3].key


def test_a_time_out_of_range_is_set_aside_not_raised(items: list[dict[str, Any]]) -> None:
    raw = dict(items[0], created_at=1e30)

    read, (rejected,) = read_entries([raw], stored_item, _place)

    assert read == []
    assert rejected.session_id == raw["session_id"]
    assert "OverflowError" in rejected.reason or "created_at" in rejected.reason


def test_the_kept_json_of_a_malformed_item_is_capped(items: list[dict[str, Any]]) -> None:
    raw = dict(items[0], status=42, title="x" * 1_000_000)

    def clean(text: str) -> str:
        return text.replace("org-demo", "***")

    _, (rejected,) = read_entries([raw], stored_item, _place, clean=clean)

    assert len(rejected.raw.encode()) <= RAW_LIMIT + len(TRUNCATED.encode())
    assert rejected.raw.endswith(TRUNCATED)
    assert rejected.raw.startswith(clean(orjson.dumps(raw).decode()[:200]))
    assert "org-demo" not in rejected.raw
    assert rejected.reason == "status: Input should be a valid string"


def _both(raw: dict[str, Any]) -> Item:
    """The item as both readers give it, after checking that they agree."""
    fast = read_item(copy.deepcopy(raw))
    slow = Item.of(Session.model_validate(copy.deepcopy(raw)))
    assert fast == slow
    assert fast is not None
    return fast


def test_text_past_its_cap_is_cut_with_a_marker_by_both_readers(
    items: list[dict[str, Any]],
) -> None:
    raw = next(i for i in items if i.get("analysis") and i["analysis"]["timeline"])
    raw = copy.deepcopy(raw)
    raw.update(title="T" * 50_000, tags=[f"tag-{i}" for i in range(LIST_LIMIT + 50)])
    raw["analysis"]["timeline"][0]["description"] = "d" * (PROSE_LIMIT * 2)

    item = _both(raw)

    assert item.record["title"] == "T" * TEXT_LIMIT + TRUNCATED
    assert item.record["tags"] == [f"tag-{i}" for i in range(LIST_LIMIT)]
    assert item.analysis is not None
    event = item.analysis["timeline"][0]
    assert event["description"] == "d" * PROSE_LIMIT + TRUNCATED


def test_text_within_its_cap_is_kept_whole(items: list[dict[str, Any]]) -> None:
    raw = dict(items[0], title="T" * TEXT_LIMIT)

    assert _both(raw).record["title"] == "T" * TEXT_LIMIT


def test_negative_acus_and_counts_are_suspect_and_nothing_else_is() -> None:
    assert suspect_values({"acus_consumed": -5.0, "num_user_messages": 3}) == (
        "acus_consumed is -5 (below zero; stored as sent)"
    )
    assert suspect_values({"acus_consumed": -0.5, "num_devin_messages": -1}) == (
        "acus_consumed is -0.5; num_devin_messages is -1 (below zero; stored as sent)"
    )
    assert suspect_values({"acus_consumed": 0.0, "num_user_messages": None}) is None
