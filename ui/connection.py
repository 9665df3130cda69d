"""Which organization this browser session reads: secrets, environment, or the demo."""

from __future__ import annotations

import os
from collections.abc import Mapping

import streamlit as st

from devin_data.config import ENV_API_KEY, ENV_BASE_URL, ENV_CACHE_DIR, ENV_ORG_ID, Settings

_NAMES = (ENV_API_KEY, ENV_ORG_ID, ENV_BASE_URL, ENV_CACHE_DIR)


def _secrets() -> Mapping[str, object]:
    """``st.secrets`` as a plain mapping, or nothing when no secrets file exists."""
    try:
        return {name: st.secrets[name] for name in _NAMES if name in st.secrets}
    except (FileNotFoundError, KeyError, st.errors.StreamlitSecretNotFoundError):
        return {}


def configured_settings() -> Settings:
    """Secrets win over the environment; with neither, the demo organization."""
    values: dict[str, object] = {name: os.environ[name] for name in _NAMES if name in os.environ}
    values.update(_secrets())
    return Settings.from_mapping(values)


def current_settings() -> Settings:
    return configured_settings()
