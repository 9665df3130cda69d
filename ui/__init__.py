"""Streamlit only, grouped by role: ``shell/`` (the app's chrome), ``state/`` (URL state and the
page context), ``data/`` (cached data access: the only ``st.cache_*`` calls), ``components/``
(reusable widgets) and ``sections/`` (one module per page section)."""
