"""Cached data access, the only place for ``st.cache_data`` and ``st.cache_resource``: the
workspace of a connection, the frames built once per sync, and the service calls that reach the
API, each keyed so that a rerun asks nothing new."""
