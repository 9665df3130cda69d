"""List endpoints: filters over the column arrays, keyset cursors and v1 offsets."""

from __future__ import annotations

import base64
import binascii
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from devin_data.emulator.columns import BoolArray, IntArray
from devin_data.emulator.org import DemoOrg
from devin_data.emulator.params import Query
from devin_data.models import CATEGORIES, ORIGINS

MAX_FIRST = 200
MAX_LIMIT = 1000


@dataclass(frozen=True)
class Filters:
    """The list filters; every list filter matches a session holding any of its values."""

    created_after: int | None = None
    created_before: int | None = None
    updated_after: int | None = None
    updated_before: int | None = None
    session_ids: tuple[str, ...] | None = None
    origins: tuple[str, ...] | None = None
    tags: tuple[str, ...] | None = None
    user_ids: tuple[str, ...] | None = None
    service_user_ids: tuple[str, ...] | None = None
    repo_names: tuple[str, ...] | None = None
    category: str | None = None
    playbook_id: str | None = None
    is_archived: bool | None = None
    user_email: str | None = None


def read_filters(query: Query) -> Filters:
    """The v3 filters of a request (errors are collected on ``query``)."""
    return Filters(
        created_after=query.integer("created_after"),
        created_before=query.integer("created_before"),
        updated_after=query.integer("updated_after"),
        updated_before=query.integer("updated_before"),
        session_ids=query.many("session_ids"),
        origins=query.choices("origins", ORIGINS),
        tags=query.many("tags"),
        user_ids=query.many("user_ids"),
        service_user_ids=query.many("service_user_ids"),
        repo_names=query.many("repo_names"),
        category=query.choices("category", CATEGORIES, single=True),
        playbook_id=query.text("playbook_id"),
        is_archived=query.boolean("is_archived"),
    )


def select(org: DemoOrg, filters: Filters, now: float) -> IntArray:
    """Positions (ascending) of the sessions visible at ``now`` that match every filter."""
    cols = org.columns
    lo, hi = 0, org.visible_count(now)
    if filters.created_after is not None:
        lo = int(np.searchsorted(cols.created, filters.created_after, side="right"))
    if filters.created_before is not None:
        hi = min(hi, int(np.searchsorted(cols.created, filters.created_before, side="left")))
    if lo >= hi:
        return np.empty(0, dtype=np.int64)
    mask = np.ones(hi - lo, dtype=np.bool_)
    _static(org, filters, mask, lo, hi)
    if filters.updated_after is not None or filters.updated_before is not None:
        updated = _updated(org, lo, hi, now)
        if filters.updated_after is not None:
            mask &= updated > filters.updated_after
        if filters.updated_before is not None:
            mask &= updated < filters.updated_before
    return np.flatnonzero(mask).astype(np.int64) + lo


def _coded(column: IntArray, codes: dict[str, int], wanted: tuple[str, ...]) -> BoolArray:
    return np.isin(column, [codes[value] for value in wanted if value in codes])


def _static(org: DemoOrg, f: Filters, mask: BoolArray, lo: int, hi: int) -> None:
    """Apply the filters that do not depend on the clock."""
    cols = org.columns
    if f.origins is not None:
        mask &= _coded(cols.origin[lo:hi], cols.origin_codes, f.origins)
    if f.category is not None:
        mask &= cols.category[lo:hi] == cols.category_codes.get(f.category, -2)
    if f.user_ids is not None:
        mask &= _coded(cols.user[lo:hi], cols.user_codes, f.user_ids)
    if f.user_email is not None:
        mask &= cols.user[lo:hi] == cols.email_codes.get(f.user_email.lower(), -2)
    if f.service_user_ids is not None:
        mask &= _coded(cols.service_user[lo:hi], cols.service_codes, f.service_user_ids)
    if f.repo_names is not None:
        mask &= _coded(cols.repo[lo:hi], cols.repo_codes, f.repo_names)
    if f.playbook_id is not None:
        mask &= cols.playbook[lo:hi] == cols.playbook_codes.get(f.playbook_id, -2)
    if f.is_archived is not None:
        mask &= cols.archived[lo:hi] == f.is_archived
    if f.tags is not None:
        bits = sum(cols.tag_bits.get(tag, 0) for tag in set(f.tags))
        mask &= (cols.tags[lo:hi] & bits) != 0
    if f.session_ids is not None:
        found = {org.position(sid) for sid in f.session_ids} - {None}
        keep = np.zeros(hi - lo, dtype=np.bool_)
        keep[[p - lo for p in found if p is not None and lo <= p < hi]] = True
        mask &= keep


def _updated(org: DemoOrg, lo: int, hi: int, now: float) -> IntArray:
    """``updated_at`` at ``now``: the end of finished sessions, the last message of running ones."""
    updated = org.columns.end[lo:hi].copy()
    for offset in np.flatnonzero(updated > now):
        updated[offset] = org.view(lo + int(offset), now).updated
    return updated


def encode_cursor(org: DemoOrg, pos: int) -> str:
    """An opaque keyset cursor: the (created_at, id) of the last item served."""
    plan = org.plans[pos]
    raw = f"{plan.created}:{plan.hex}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def cursor_start(org: DemoOrg, cursor: str, query: Query) -> int:
    """The first position after a cursor's key; sessions that appear later never shift it."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        created_text, hex_id = base64.urlsafe_b64decode(padded).decode().split(":")
        created = int(created_text)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        query.invalid("after", "Invalid cursor", cursor)
        return 0
    cols = org.columns
    lo = int(np.searchsorted(cols.created, created, side="left"))
    hi = int(np.searchsorted(cols.created, created, side="right"))
    return lo + bisect_right([org.plans[p].hex for p in range(lo, hi)], hex_id)


def encode_offset(index: int) -> str:
    """An opaque cursor over a session's messages."""
    return base64.urlsafe_b64encode(f"m:{index}".encode()).decode().rstrip("=")


def decode_offset(cursor: str) -> int | None:
    try:
        kind, index = (
            base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode().split(":")
        )
        value = int(index)
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return None
    return value if kind == "m" and value >= 0 else None


def offset_page(items: Sequence[Any], query: Query) -> dict[str, Any]:
    """One v3 cursor page (``first`` 1..200, default 100; ``after``) of an in-memory list."""
    first = query.integer("first", 100, ge=1, le=MAX_FIRST) or 100
    after = query.text("after")
    start = decode_offset(after) if after else 0
    if start is None:
        query.invalid("after", "Invalid cursor", after)
    query.check()
    start = start or 0
    more = start + first < len(items)
    return {
        "items": list(items[start : start + first]),
        "end_cursor": encode_offset(start + first) if more else None,
        "has_next_page": more,
        "total": len(items),
    }
