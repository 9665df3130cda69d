"""The local cache: a diskcache store of JSON values, sharded by month, safe to share."""

from devin_data.store.store import BatchResult, Store

__all__ = ["BatchResult", "Store"]
