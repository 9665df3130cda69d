"""The Devin REST API: one client, one request/retry loop, its failures, retry rule and pages."""

from devin_data.api.client import DevinClient
from devin_data.api.http import ClientStats
from devin_data.api.retry import RetryPolicy

__all__ = ["ClientStats", "DevinClient", "RetryPolicy"]
