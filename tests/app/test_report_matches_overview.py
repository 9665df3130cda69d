"""The report is the Overview on paper: from one cache, at one instant and in one zone, the
report's KPIs, sentences and top repositories are the figures the Overview page shows."""

from __future__ import annotations

import os
from pathlib import Path

from apptest_helpers import run_page
from frozen_time import FROZEN_NOW

from devin_data.analytics.repositories import REPOSITORY
from devin_data.config import Settings, SpendSettings
from devin_data.services.report import report
from ui.components.format import plain

# 06:45 on Sunday 15 March in Tokyo at FROZEN_NOW: the local days are not the UTC days.
ZONE = "Asia/Tokyo"


def _table(blocks: list, heading: str) -> list[list[object]]:
    at = blocks.index(("h2", heading))
    kind, rows = blocks[at + 1]
    assert kind == "table"
    return rows


def test_report_kpis_sentences_and_repositories_are_the_overviews(demo_environment: Path) -> None:
    app = run_page(tz=ZONE)
    assert not app.exception, app.exception
    found = report(
        Settings.load(os.environ), SpendSettings(), now=FROZEN_NOW, days=30, tz=ZONE, offline=True
    )
    cards = {m.label: (m.value, m.delta) for m in app.metric}
    rows = _table(found.blocks, "Key figures")[1:]
    assert len(rows) == len(cards) == 7
    for label, value, change in rows:
        shown, delta = cards[label]
        assert value == shown, label
        if delta and delta.endswith(" vs previous period"):
            assert change == delta.removesuffix(" vs previous period"), label
    head = found.blocks[: found.blocks.index(("h2", "Key figures"))]
    sentences = [text for kind, text in head if kind == "p"]
    assert len(sentences) >= 2  # what happened, and what changed most
    markdown = [m.value for m in app.markdown]
    assert all(plain(sentence) in markdown for sentence in sentences)
    shown_repos = next(df.value for df in app.dataframe if REPOSITORY in df.value.columns)
    by_repo = shown_repos.set_index(REPOSITORY)
    for repo, opened, merged in _table(found.blocks, "Top repositories")[1:]:
        assert (int(by_repo.loc[repo, "prs_opened"]), int(by_repo.loc[repo, "prs_merged"])) == (
            opened,
            merged,
        )
    first, last = found.title.split(": ")[1].split(" to ")
    assert (first, last) == ("14 Feb 2026", "15 Mar 2026")  # UTC: 13 Feb-14 Mar
    reconciled = _table(found.blocks, "ACUs reported by sessions and ACUs billed")
    assert reconciled[1][0] == "ACUs reported by sessions"
    reported = float(reconciled[1][1].removesuffix(" ACUs").replace(",", ""))
    card = float(cards["ACUs reported by sessions"][0].replace(",", ""))
    assert abs(reported - card) <= 0.05
