"""The throwaway PostgreSQL server of the tests (shared with the benchmarks)."""

from __future__ import annotations

from benchmarks.postgres import TEMPLATE, PostgresServer

__all__ = ["TEMPLATE", "PostgresServer"]
