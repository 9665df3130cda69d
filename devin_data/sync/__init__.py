"""Incremental, resumable sync of an organization's sessions from the API into the store."""

from devin_data.sync.entry import parse_since, sync
from devin_data.sync.types import SyncOptions, SyncProgress, SyncReport

__all__ = ["SyncOptions", "SyncProgress", "SyncReport", "parse_since", "sync"]
