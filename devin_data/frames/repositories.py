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
_NUMBER = r"/\d+/?(?:[?#].*)?$"  # a trailing number (and what follows it in the query)
_COMPILED = tuple((re.compile(pattern), repl) for pattern, repl in _STEPS)


def repository_of(url: str | None) -> str:
    """The repository a pull-request URL belongs to ("" when there is no URL)."""
    text = url or ""
    for pattern, repl in _COMPILED:
        text = pattern.sub(repl, text, count=1)
    return text


def repositories_of(urls: pa.Array | pa.ChunkedArray) -> pa.Array:
    """:func:`repository_of` over a string column, in Arrow's C++ (nulls become "").

    The pull-request number is cut off first, so the URLs of one repository share a prefix and
    the steps run once per distinct prefix rather than once per URL.
    """
    text = urls.combine_chunks() if isinstance(urls, pa.ChunkedArray) else urls
    text = pc.fill_null(text, "") if text.null_count else text
    prefixes = pc.dictionary_encode(
        pc.replace_substring_regex(text, pattern=_NUMBER, replacement="", max_replacements=1)
    )
    distinct = prefixes.dictionary
    for pattern, repl in _STEPS:
        distinct = pc.replace_substring_regex(
            distinct, pattern=pattern, replacement=repl, max_replacements=1
        )
    return pc.take(distinct, prefixes.indices)
