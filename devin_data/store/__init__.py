"""The cache of one credential: sessions in SQLite, their snapshot, sync state in diskcache."""

from devin_data.store.store import BatchResult, Store

__all__ = ["BatchResult", "Store"]
