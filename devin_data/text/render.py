"""A digest as a list of blocks, written out as Markdown or as one self-contained HTML page.

Blocks are plain tuples, so the digest's content is built once and both formats say the same:
``("h1"|"h2", text)``, ``("p", text)``, ``("alert", text)``, ``("list", [items])`` and
``("table", [header, *rows])``. HTML has its styles inline in the page: no script, no link.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

Block = tuple[str, Any]

_CSS = (
    "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:860px;"
    "margin:2em auto;padding:0 1em;color:#1f2328;line-height:1.45}"
    "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #d0d7de}"
    "table{border-collapse:collapse;margin:.5em 0}th,td{border:1px solid #d0d7de;"
    "padding:.3em .6em;text-align:left}td.n{text-align:right}"
    ".alert{background:#fff1e5;border-left:4px solid #d77700;padding:.5em .8em;margin:.5em 0}"
)


def _md_cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def to_markdown(blocks: Sequence[Block]) -> str:
    """The digest as GitHub-flavoured Markdown (tables included), fit for Slack or a wiki."""
    out: list[str] = []
    for kind, content in blocks:
        if kind == "h1":
            out.append(f"# {content}")
        elif kind == "h2":
            out.append(f"## {content}")
        elif kind == "alert":
            out.append(f"> **Alert:** {content}")
        elif kind == "list":
            out.append("\n".join(f"- {item}" for item in content))
        elif kind == "table":
            header, *rows = content
            lines = [" | ".join(_md_cell(c) for c in header), " | ".join("---" for _ in header)]
            lines += [" | ".join(_md_cell(c) for c in row) for row in rows]
            out.append("\n".join(f"| {line} |" for line in lines))
        else:
            out.append(str(content))
    return "\n\n".join(out) + "\n"


def _cell(value: object, tag: str) -> str:
    numeric = isinstance(value, int | float) or str(value)[:1].isdigit()
    css = ' class="n"' if numeric and tag == "td" else ""
    return f"<{tag}{css}>{html.escape(str(value))}</{tag}>"


def to_html(blocks: Sequence[Block], title: str) -> str:
    """The digest as one HTML page with its styles inline, readable in any mail client."""
    body: list[str] = []
    for kind, content in blocks:
        if kind in ("h1", "h2"):
            body.append(f"<{kind}>{html.escape(str(content))}</{kind}>")
        elif kind == "alert":
            body.append(f'<p class="alert"><strong>Alert:</strong> {html.escape(content)}</p>')
        elif kind == "list":
            items = "".join(f"<li>{html.escape(str(item))}</li>" for item in content)
            body.append(f"<ul>{items}</ul>")
        elif kind == "table":
            header, *rows = content
            head = "".join(_cell(c, "th") for c in header)
            cells = "".join("<tr>" + "".join(_cell(c, "td") for c in r) + "</tr>" for r in rows)
            body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{cells}</tbody></table>")
        else:
            body.append(f"<p>{html.escape(str(content))}</p>")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head>\n<body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )
