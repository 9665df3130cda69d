"""Names shared by the shared store's code and its migrations."""

from __future__ import annotations

KV = "store_kv"
SESSIONS = "store_sessions"
SYNC_RUNS = "store_sync_runs"
SEQUENCE = "store_seq"
VERSION_TABLE = "store_schema_version"
HEAD = "0002"
