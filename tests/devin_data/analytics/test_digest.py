"""The digest's pure parts: repositories from PR URLs, and both renderings saying the same."""

from __future__ import annotations

from frame_fakes import frame, record

from devin_data.analytics.digest import top_repositories
from devin_data.frames.repositories import repository_of
from devin_data.text.render import to_html, to_markdown


def test_repositories_come_from_pull_request_urls() -> None:
    assert repository_of("https://github.com/acme/api/pull/12") == "acme/api"
    assert repository_of("https://gitlab.com/acme/infra/tools/-/merge_requests/3") == (
        "acme/infra/tools"
    )
    assert repository_of(None) == ""
    records = [
        record("a", pull_requests=[
            {"pr_url": "https://github.com/acme/api/pull/1", "pr_state": "merged"},
            {"pr_url": "https://github.com/acme/web/pull/2", "pr_state": "open"},
        ]),
        record("b", pull_requests=[
            {"pr_url": "https://github.com/acme/api/pull/3", "pr_state": "closed"},
        ]),
        record("c", pull_requests=[
            {"pr_url": "https://github.com/acme/api/pull/4", "pr_state": "merged"},
        ]),
    ]  # fmt: skip
    period = frame(records[:2])
    assert top_repositories(period) == [["acme/api", 2, 1], ["acme/web", 1, 0]]


def test_markdown_and_html_carry_the_same_blocks_escaped() -> None:
    blocks = [
        ("h1", "Digest <b>"),
        ("alert", "Spend pace: 120%"),
        ("p", "A | sentence"),
        ("table", [["who", "errors"], ["ann", 3]]),
        ("list", ["one"]),
    ]
    md = to_markdown(blocks)
    assert md.splitlines()[0] == "# Digest <b>"
    assert "> **Alert:** Spend pace: 120%" in md
    assert "| who | errors |\n| --- | --- |\n| ann | 3 |" in md
    page = to_html(blocks, "Digest")
    assert "<h1>Digest &lt;b&gt;</h1>" in page
    assert '<td class="n">3</td>' in page
    assert "<li>one</li>" in page
