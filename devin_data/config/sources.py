"""Where the app's configuration comes from: the environment, then Streamlit's secrets (which
win). One reader for every setting the app takes (:func:`app_layers`); the app passes
``st.secrets`` in as a plain mapping, so this module needs no streamlit.

The shared store may be named the Streamlit way, in a ``[connections.devin_store]`` section of the
secrets with ``url = "postgresql://…"`` (as ``st.connection`` reads it); a top-level
``DEVIN_STORE_URL`` wins over it.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from devin_data.config.settings import (
    ENV_STORE_URL,
    ENV_TEAMS_FILE,
    NAMES,
    SOURCE_ENVIRONMENT,
    SOURCE_SECRETS,
)
from devin_data.config.spend import SPEND_NAMES

CONNECTION_NAME = "devin_store"  # the st.connection of the shared store, and its secrets section
CONNECTIONS = "connections"
SECRET_NAMES = (*NAMES, *SPEND_NAMES, ENV_TEAMS_FILE, CONNECTIONS)
Named = tuple[str, Mapping[str, object]]  # a layer: where the values come from, and the values


def secrets_layer(secrets: Mapping[str, object]) -> dict[str, object]:
    """The names the app reads from a secrets mapping, the connection's ``url`` as
    ``DEVIN_STORE_URL`` when no top-level one is set."""
    found = {name: secrets[name] for name in SECRET_NAMES if name in secrets}
    section = found.pop(CONNECTIONS, None)
    connection = section.get(CONNECTION_NAME) if isinstance(section, Mapping) else None
    url = connection.get("url") if isinstance(connection, Mapping) else None
    if url is not None and found.get(ENV_STORE_URL) is None:
        found[ENV_STORE_URL] = url
    return found


def app_layers(environ: Mapping[str, str], secrets: Mapping[str, object]) -> tuple[Named, Named]:
    """The environment, then the secrets: what ``Settings.load`` and ``SpendSettings.load``
    read, each value remembering where it came from."""
    return (SOURCE_ENVIRONMENT, environ), (SOURCE_SECRETS, secrets_layer(secrets))


def teams_file(*layers: Named) -> Path | None:
    """The file ``DEVIN_TEAMS_FILE`` names (a later layer wins), if any."""
    for _, values in reversed(layers):
        value = values.get(ENV_TEAMS_FILE)
        if value and str(value).strip():
            return Path(str(value)).expanduser()
    return None
