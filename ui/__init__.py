"""Streamlit glue shared by the pages: connection, cached loaders, sync, formatting."""
