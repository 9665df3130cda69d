"""Whether a connection works before anything is kept for it: the typed base URL judged, then one
authenticated request; and whether an error means the API refuses the key itself."""

from __future__ import annotations

from devin_data.api.address import AddressRefused
from devin_data.connect import first_contact
from devin_data.hints import refuses_key

__all__ = ["AddressRefused", "first_contact", "refuses_key"]
