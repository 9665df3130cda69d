"""The organizations of an enterprise kept in the store's key-value part."""

from __future__ import annotations

from pathlib import Path

from devin_data.store.store import Store


def test_organizations_are_kept_across_openings_and_malformed_entries_are_skipped(
    tmp_path: Path,
) -> None:
    with Store.open(tmp_path, "scope") as store:
        assert store.organizations() == []
        store.save_organizations(
            [
                {"org_id": "org-a", "name": "Alpha"},
                {"org_id": "org-b", "name": ""},
                {"org_id": "", "name": "No id"},
            ]
        )
    with Store.open(tmp_path, "scope") as again:
        assert again.organizations() == [
            {"org_id": "org-a", "name": "Alpha"},
            {"org_id": "org-b", "name": "org-b"},
        ]
    with Store.open(tmp_path, "other") as other:
        assert other.organizations() == []
