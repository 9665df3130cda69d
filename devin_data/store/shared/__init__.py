"""The optional shared store on PostgreSQL (chosen by ``DEVIN_STORE_URL``)."""
