"""The repository of a pull request, read from its URL, for one URL or a whole Arrow column.

GitHub (``github.com/acme/web/pull/412``), GitLab (``gitlab.com/group/sub/app/-/merge_requests/7``),
Bitbucket (``bitbucket.org/team/app/pull-requests/3``) and Azure DevOps
(``dev.azure.com/org/project/_git/app/pullrequest/9``, ``org.visualstudio.com/project/_git/app/…``)
give the repository path without the host (``acme/web``, ``group/sub/app``, ``team/app``,
``org/project/app``). Any other host keeps its name in front (``git.acme.io/tools/cli``), so two
servers never merge into one repository; a URL without a known pull-request marker keeps its path
up to a trailing number. A missing or empty URL has no repository ("").
"""

from __future__ import annotations

import re

import pyarrow as pa
import pyarrow.compute as pc

# Each step is (pattern, replacement), applied in order; RE2 and Python read them alike.
_STEPS: tuple[tuple[str, str], ...] = (
    (r"^\s+", ""),
    (r"\s+$", ""),
    (r"^[A-Za-z][A-Za-z0-9+.-]*://", ""),  # scheme
    (r"^[^/@]*@", ""),  # user info
    (r"[?#].*$", ""),  # query and fragment
    (r"^(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|dev\.azure\.com)(?::\d+)?/", ""),
    (r"^([^/.]+)\.visualstudio\.com/(?:DefaultCollection/)?", "\\1/"),
    (r"/_git/", "/"),
    (r"/(?:-/)?(?:pull|pulls|merge_requests|pull-requests|pullrequest)(?:/.*)?$", ""),
    (r"/\d+/?$", ""),
    (r"/+$", ""),
)
_COMPILED = tuple((re.compile(pattern), repl) for pattern, repl in _STEPS)


def repository_of(url: str | None) -> str:
    """The repository a pull-request URL belongs to ("" when there is no URL)."""
    text = url or ""
    for pattern, repl in _COMPILED:
        text = pattern.sub(repl, text, count=1)
    return text


def repositories_of(urls: pa.Array | pa.ChunkedArray) -> pa.Array:
    """:func:`repository_of` over a string column, in Arrow's C++ (nulls become "")."""
    text = pc.fill_null(urls, "") if urls.null_count else urls
    for pattern, repl in _STEPS:
        text = pc.replace_substring_regex(
            text, pattern=pattern, replacement=repl, max_replacements=1
        )
    return text.combine_chunks() if isinstance(text, pa.ChunkedArray) else text
