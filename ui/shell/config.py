"""The app's configuration: the environment, then the secrets (which win), read through the one
reader of :mod:`devin_data.config.sources`. The only place that touches ``st.secrets``."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import streamlit as st

from devin_data.config import (
    SECRET_NAMES,
    Settings,
    SpendSettings,
    app_layers,
)
from devin_data.config import (
    teams_file as named_teams_file,
)


def secrets() -> Mapping[str, object]:
    """What the app reads of ``st.secrets``, as a plain mapping; nothing without a secrets file."""
    try:
        return {name: st.secrets[name] for name in SECRET_NAMES if name in st.secrets}
    except (FileNotFoundError, KeyError, st.errors.StreamlitSecretNotFoundError):
        return {}


def configured_settings() -> Settings:
    """Secrets win over the environment; with neither, the demo organization."""
    return Settings.load(*app_layers(os.environ, secrets()))


def spend_settings() -> tuple[SpendSettings, list[str]]:
    """The price, budget and thresholds from the environment then the secrets, and the values
    that were ignored (not numbers)."""
    return SpendSettings.load(*app_layers(os.environ, secrets()))


def teams_file() -> Path | None:
    """The file DEVIN_TEAMS_FILE names (the secrets win over the environment), if any."""
    return named_teams_file(*app_layers(os.environ, secrets()))


def price() -> float | None:
    """The ACU price set in the environment or secrets, if any."""
    return spend_settings()[0].acu_price
