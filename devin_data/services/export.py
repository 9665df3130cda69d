"""The rows of the one export schema (:mod:`devin_data.frames.export`), for ``devin-data export``
and the Sessions page download alike: labels beside the API's codes, the creator's name, child
sessions and family figures from the whole cache, and the organization of every row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from devin_data.analytics.families import FAMILY_COLUMNS, ROLLED, family_totals, with_family
from devin_data.config import ApiVersion, Settings
from devin_data.frames import build_sessions_frame, frame_from_table
from devin_data.frames.availability import api_reason
from devin_data.frames.export import EXPORT_COLUMNS, empty_values, iso_utc
from devin_data.frames.roster import with_people
from devin_data.services import organizations
from devin_data.services.organizations import Organization
from devin_data.services.roster import roster
from devin_data.services.workspace import Workspace
from devin_data.text.downloads import CODE_SUFFIX, readable

_LABELLED = ("status", "status_detail", "origin", "category", "session_size")
_TEXT = ("session_id", "url", "title", "subcategory", "parent_session_id", "playbook_id")
_NUMBERS = ("num_user_messages", "num_devin_messages", "acus_consumed", "pr_count")
_PRS = ("prs_merged", "prs_state_unknown", "has_analysis")
_FAMILY_OWN = {total: own for own, total in ROLLED.items()}


def _plain(values: pd.Series) -> pd.Series:
    """Text as plain objects, None where missing (a CSV cell left empty, a JSON null)."""
    return values.astype("object").where(values.notna(), None)


def child_ids(whole: pd.DataFrame) -> dict[str, list[str]]:
    """The cached sessions each session started, by id, sorted."""
    found: dict[str, list[str]] = {}
    linked = whole["parent_session_id"].notna().to_numpy()
    parents = whole["parent_session_id"].to_numpy()[linked]
    for parent, child in zip(parents, whole["session_id"].to_numpy()[linked], strict=True):
        found.setdefault(str(parent), []).append(str(child))
    return {parent: sorted(ids) for parent, ids in found.items()}


def _family(rows: pd.DataFrame) -> dict[str, pd.Series]:
    """The family figures; a session without cached descendants shows its own value, so a value
    the API did not report stays empty rather than 0."""
    alone = rows["family_sessions"].to_numpy() == 1
    out: dict[str, pd.Series] = {"family_sessions": rows["family_sessions"].astype("Int64")}
    for total, own in _FAMILY_OWN.items():
        summed = rows[total].astype("float64").where(~alone, rows[own].astype("float64"))
        out[total] = summed.round(6) if own == "acus_consumed" else summed.round().astype("Int64")
    return out


def _columns(rows: pd.DataFrame, children: Mapping[str, list[str]]) -> dict[str, Any]:
    """Every column of the schema but the organization's, from the sessions ``rows``."""
    columns: dict[str, Any] = {name: _plain(rows[name]) for name in _TEXT}
    for name in _LABELLED:
        columns[name] = readable(rows[name])
        columns[name + CODE_SUFFIX] = _plain(rows[name])
    columns |= {name: rows[name] for name in (*_NUMBERS, *_PRS)}
    columns["created_at"] = iso_utc(rows["created_at"])
    columns["updated_at"] = iso_utc(rows["updated_at"])
    columns["duration_minutes"] = (rows["duration"].dt.total_seconds() / 60).round(1)
    columns["user_id"] = _plain(rows["creator_id"])
    names = rows["user_name"] if "user_name" in rows else pd.Series(None, index=rows.index)
    columns["user_name"] = _plain(names)
    columns["tags"] = [list(tags) for tags in rows["tags"]]
    columns["repositories"] = [list(dict.fromkeys(r for r in rs if r)) for rs in rows["pr_repos"]]
    columns["child_session_ids"] = [children.get(str(sid), []) for sid in rows["session_id"]]
    columns |= _family(rows)
    columns["schedule_id"] = empty_values(len(rows), rows.index)
    return columns


def export_table(
    frame: pd.DataFrame,
    whole: pd.DataFrame | None = None,
    api: ApiVersion = "v3",
    *,
    org: Organization | None = None,
    families: pd.DataFrame | None = None,
    newest_first: bool = False,
) -> pd.DataFrame:
    """The export rows of the sessions ``frame`` (a sessions frame, filtered or not), in the
    columns of :data:`EXPORT_COLUMNS`, oldest first (newest first as the Sessions table shows).

    Child sessions and family figures come from ``whole`` (the whole cache; default ``frame``)
    or its ``families`` when already computed. With a v1 key every column that API never reports
    is empty, labels and codes alike.
    """
    whole = frame if whole is None else whole
    ordered = frame.sort_values("created_at", ascending=not newest_first, kind="stable")
    missing = [name for name in FAMILY_COLUMNS[1:] if name not in ordered]
    if missing:
        ordered = with_family(ordered, family_totals(whole) if families is None else families)
    columns = _columns(ordered, child_ids(whole))
    columns["org_id"] = empty_values(len(ordered), ordered.index) if org is None else org.org_id
    named = org is not None and bool(org.name)
    columns["org_name"] = org.name if named and org else empty_values(len(ordered), ordered.index)
    out = pd.DataFrame(columns, index=ordered.index).loc[:, list(EXPORT_COLUMNS)]
    for name in EXPORT_COLUMNS:
        if api_reason(name.removesuffix(CODE_SUFFIX), api):
            out[name] = empty_values(len(out), out.index)
    return out.reset_index(drop=True)


def export_frame(
    records: Iterable[Mapping[str, Any]],
    api: ApiVersion = "v3",
    names: Mapping[str, str] | None = None,
    org: Organization | None = None,
) -> pd.DataFrame:
    """The export rows of session records (``Session.to_record()`` shape); ``user_name`` is the
    creator's name from ``names`` (by id), empty where it is not known."""
    frame = build_sessions_frame(records)
    known = dict(names or {})
    named = [known.get(str(who)) if pd.notna(who) else None for who in frame["creator_id"]]
    frame["user_name"] = pd.Series(named, index=frame.index, dtype="object")
    return export_table(frame, api=api, org=org)


def organization(ws: Workspace, settings: Settings) -> Organization | None:
    """The organization of a connection: its id and, when the enterprise list names it, its name
    ("" otherwise); None for a v1 key, which names no organization."""
    org_id = settings.effective_org_id
    if org_id is None:
        return None
    names = {org.org_id: org.name for org in organizations.kept(ws)}
    return Organization(org_id, names.get(org_id, ""))


def cached_export(
    ws: Workspace, settings: Settings, org: Organization | None = None
) -> pd.DataFrame:
    """Every cached session of one connection as export rows, named as the pages name people."""
    frame = with_people(frame_from_table(ws.snapshot()), roster(ws, None))
    return export_table(frame, api=settings.api_version, org=org or organization(ws, settings))


def combined(tables: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """The export rows of several organizations in one table, oldest first, each session once."""
    if not tables:
        return pd.DataFrame(columns=list(EXPORT_COLUMNS))
    rows = pd.concat(tables, ignore_index=True).drop_duplicates("session_id", keep="first")
    return rows.sort_values(["created_at", "org_id"], kind="stable").reset_index(drop=True)
