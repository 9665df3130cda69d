"""The export table and its writers."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

from devin_data.cli.entry import format_for
from devin_data.frames.export import EXPORT_COLUMNS, csv_text, schema_text, write_export
from devin_data.models import Session, normalize_v1
from devin_data.services.export import export_frame


def record(**fields: object) -> dict[str, object]:
    base: dict[str, object] = {
        "session_id": "abc",
        "created_at": 1767254400,
        "updated_at": 1767258000,
        "status": "exit",
        "title": "<b>Fix</b> the build",
        "acus_consumed": 2.5,
        "pull_requests": [
            {"pr_url": "https://x/1", "pr_state": "merged"},
            {"pr_url": "https://x/2", "pr_state": "open"},
        ],
        "num_user_messages": 3,
        "session_size": "m",
        "origin": "future_origin",
    }
    base.update(fields)
    return Session.model_validate(base).to_record()


def test_columns_names_and_values() -> None:
    frame = export_frame([record(), record(session_id="def", pull_requests=[], status=None)])
    assert tuple(frame.columns) == EXPORT_COLUMNS
    first = frame.iloc[0]
    assert first["session_id"] == "devin-abc"
    assert first["created_at"] == "2026-01-01T08:00:00Z"
    assert first["updated_at"] == "2026-01-01T09:00:00Z"
    assert first["pr_count"] == 2
    assert first["prs_merged"] == 1
    assert (first["status"], first["status_code"]) == ("Exit", "exit")
    assert (first["origin"], first["origin_code"]) == ("Future origin", "future_origin")
    assert (first["session_size"], first["session_size_code"]) == ("M", "m")
    assert first["duration_minutes"] == 60.0
    assert first["title"] == "<b>Fix</b> the build"
    assert not first["has_analysis"]
    assert frame.iloc[1]["pr_count"] == 0


def test_rows_are_sorted_by_creation() -> None:
    frame = export_frame([record(session_id="late", created_at=1767300000), record()])
    assert list(frame["session_id"]) == ["devin-abc", "devin-late"]


@pytest.mark.parametrize("fmt", ["csv", "parquet", "json"])
def test_write_round_trips(tmp_path: Path, fmt: str) -> None:
    frame = export_frame([record()])
    out = tmp_path / "nested" / f"out.{fmt}"
    write_export(frame, out, format_for(out, None))
    reader = {"csv": pd.read_csv, "parquet": pd.read_parquet, "json": pd.read_json}[fmt]
    back = reader(out)
    assert list(back.columns) == list(EXPORT_COLUMNS)
    assert back.loc[0, "session_id"] == "devin-abc"
    assert [p.name for p in out.parent.iterdir()] == [out.name]


def test_failed_write_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out.csv"
    out.write_text("previous export")

    def explode(*_: object, **__: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_csv", explode)
    with pytest.raises(OSError, match="disk full"):
        write_export(export_frame([record()]), out, "csv")
    assert out.read_text() == "previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_format_from_flag_or_suffix() -> None:
    assert format_for(Path("a.PARQUET"), None) == "parquet"
    assert format_for(Path("a.txt"), "json") == "json"
    with pytest.raises(ValueError, match="unknown export format"):
        format_for(Path("a.xlsx"), None)


def test_export_columns_are_the_documented_ones() -> None:
    # The README's list: the file a BI tool reads every night keeps these names in this order.
    documented = (
        "session_id, url, title, status, status_code, status_detail, status_detail_code, origin, "
        "origin_code, category, category_code, subcategory, session_size, session_size_code, "
        "num_user_messages, num_devin_messages, acus_consumed, created_at, updated_at, "
        "duration_minutes, user_id, user_name, tags, repositories, pr_count, prs_merged, "
        "prs_state_unknown, has_analysis, parent_session_id, child_session_ids, family_sessions, "
        "family_acus, family_user_messages, family_devin_messages, family_prs, "
        "family_prs_merged, playbook_id, schedule_id, org_id, org_name"
    )
    assert ", ".join(EXPORT_COLUMNS) == documented
    lines = schema_text().splitlines()
    assert [line.split(":")[0] for line in lines] == list(EXPORT_COLUMNS)
    assert all(len(line.split(": ", 1)[1]) > 5 for line in lines)


V1_UNREPORTED = (
    "url",
    "category",
    "category_code",
    "subcategory",
    "session_size",
    "session_size_code",
    "acus_consumed",
    "prs_merged",
    "prs_state_unknown",
    "has_analysis",
    "family_acus",
    "family_prs_merged",
)


def v1_record(**fields: object) -> dict[str, object]:
    payload: dict[str, object] = {
        "session_id": "v1",
        "created_at": "2026-01-01T08:00:00.000000+00:00",
        "status": "running",
        "status_enum": "finished",
        "pull_request": {"url": "https://github.com/acme/web/pull/7"},
        "messages": [{"type": "user_message", "timestamp": 1767254400, "origin": "web"}],
    }
    payload.update(fields)
    return normalize_v1(Session.model_validate(payload)).to_record()


@pytest.mark.parametrize("fmt", ["csv", "parquet", "json"])
def test_a_v1_export_leaves_what_the_api_does_not_report_empty(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"v1.{fmt}"
    write_export(export_frame([v1_record()], "v1"), out, format_for(out, None))
    back = {"csv": pd.read_csv, "parquet": pd.read_parquet, "json": pd.read_json}[fmt](out)
    row = back.iloc[0]
    assert row["pr_count"] == 1
    assert row["num_user_messages"] == 1
    assert (row["status"], row["status_code"]) == ("Exit", "exit")
    for column in V1_UNREPORTED:
        assert pd.isna(row[column]), column


def test_a_v3_export_leaves_unreported_values_empty_not_zero() -> None:
    frame = export_frame([record(acus_consumed=None, pull_requests=[{"pr_url": "https://x/3"}])])
    first = frame.iloc[0]
    assert pd.isna(first["acus_consumed"])
    assert pd.isna(first["prs_merged"])
    assert first["pr_count"] == 1
    assert not pd.isna(first["has_analysis"])
    assert not first["has_analysis"]


def test_text_that_starts_like_a_formula_is_quoted_and_numbers_are_not() -> None:
    frame = pd.DataFrame(
        {
            "title": ["=1+1", "+A1", "-A1", "@SUM(A1)", "\t=1", "\r=1", "plain", None, "a=b"],
            "change": [-1.5, -2.0, 3.0, 0.0, -0.25, 1.0, 2.0, float("nan"), -9.0],
            "count": [-1, -2, 3, 0, 5, 6, 7, 8, -9],
            "kind": pd.Categorical(["-x", "y", "-x", "y", "y", "y", "y", "y", "y"]),
            "=header": [1] * 9,
        }
    )
    rows = list(csv.DictReader(io.StringIO(csv_text(frame), newline="")))
    assert [row["title"] for row in rows] == [
        "'=1+1", "'+A1", "'-A1", "'@SUM(A1)", "'\t=1", "'\r=1", "plain", "", "a=b",
    ]  # fmt: skip
    assert [row["change"] for row in rows] == [
        "-1.5", "-2.0", "3.0", "0.0", "-0.25", "1.0", "2.0", "", "-9.0",
    ]  # fmt: skip
    assert [row["count"] for row in rows] == ["-1", "-2", "3", "0", "5", "6", "7", "8", "-9"]
    assert [row["kind"] for row in rows][:2] == ["'-x", "y"]
    assert list(rows[0]) == ["title", "change", "count", "kind", "'=header"]
    assert frame.loc[0, "title"] == "=1+1"  # the frame itself is left as it is


@pytest.mark.parametrize("fmt", ["csv", "parquet", "json"])
def test_only_the_csv_export_quotes_a_formula(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    write_export(export_frame([record(title='=HYPERLINK("http://x","y")')]), out, fmt)  # type: ignore[arg-type]
    if fmt == "csv":
        with out.open(encoding="utf-8", newline="") as handle:
            title = next(csv.DictReader(handle))["title"]
    else:
        title = {"parquet": pd.read_parquet, "json": pd.read_json}[fmt](out).loc[0, "title"]
    quote = "'" if fmt == "csv" else ""
    assert title == quote + '=HYPERLINK("http://x","y")'


def test_a_merged_pr_beside_one_without_a_state_counts() -> None:
    prs = [{"pr_url": "https://github.com/a/b/pull/1", "pr_state": "merged"}, {"pr_url": "u/2"}]
    row = export_frame([record(pull_requests=prs)]).iloc[0]
    assert (row["pr_count"], row["prs_merged"], row["prs_state_unknown"]) == (2, 1, 1)
    assert row["repositories"] == ["a/b", "u"]


def family() -> list[dict[str, object]]:
    """A parent with two children, one of which started a grandchild."""
    return [
        record(session_id="p", acus_consumed=1.0, tags=["x", "y"]),
        record(session_id="c1", parent_session_id="p", acus_consumed=2.0, created_at=1767254500),
        record(session_id="c2", parent_session_id="p", acus_consumed=None, created_at=1767254600),
        record(session_id="g", parent_session_id="c1", acus_consumed=4.0, created_at=1767254700),
    ]


def test_child_sessions_and_family_figures_come_from_the_parent_links() -> None:
    rows = export_frame(family()).set_index("session_id")
    assert rows.loc["devin-p", "child_session_ids"] == ["devin-c1", "devin-c2"]
    assert rows.loc["devin-c1", "child_session_ids"] == ["devin-g"]
    assert rows.loc["devin-g", "child_session_ids"] == []
    assert rows.loc["devin-p", "family_sessions"] == 4
    assert rows.loc["devin-p", "family_acus"] == 7.0
    assert rows.loc["devin-p", "family_prs_merged"] == 4
    assert pd.isna(rows.loc["devin-c2", "family_acus"])  # alone and not reported: empty, not 0
    assert rows.loc["devin-p", "tags"] == ["x", "y"]
    assert rows["schedule_id"].isna().all()


@pytest.mark.parametrize("fmt", ["csv", "parquet", "json"])
def test_lists_are_text_in_csv_and_lists_elsewhere(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"family.{fmt}"
    write_export(export_frame(family()), out, fmt)  # type: ignore[arg-type]
    if fmt == "csv":
        with out.open(encoding="utf-8", newline="") as handle:
            rows = {row["session_id"]: row for row in csv.DictReader(handle)}
        assert out.read_bytes().count(b"\r\n") == 5
        assert rows["devin-p"]["child_session_ids"] == "devin-c1; devin-c2"
        assert rows["devin-p"]["tags"] == "x; y"
        assert rows["devin-g"]["child_session_ids"] == ""
        return
    back = {"parquet": pd.read_parquet, "json": pd.read_json}[fmt](out).set_index("session_id")
    assert list(back.loc["devin-p", "child_session_ids"]) == ["devin-c1", "devin-c2"]
    assert list(back.loc["devin-g", "child_session_ids"]) == []
    assert list(back.loc["devin-p", "tags"]) == ["x", "y"]
