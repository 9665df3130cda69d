"""Which organization this browser session reads: its own form, then secrets/env, then the demo.

A key typed into the form lives only in this browser session's state; it is never written to the
URL, the cache or a log, and its data is cached under its own fingerprint. The settings record
where each value came from, so an error can point at the form, the secrets or the environment.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

import streamlit as st

from devin_data.config import (
    DEFAULT_BASE_URL,
    ENV_API_KEY,
    ENV_BASE_URL,
    ENV_CACHE_DIR,
    ENV_ORG_ID,
    ENV_STORE_URL,
    NAMES,
    SOURCE_ENVIRONMENT,
    SOURCE_FORM,
    SOURCE_SECRETS,
    Settings,
    api_version_for,
)
from ui import organizations

_FORM_STATE = "connection_override"


def _secrets() -> Mapping[str, object]:
    """``st.secrets`` as a plain mapping, or nothing when no secrets file exists."""
    try:
        return {name: st.secrets[name] for name in NAMES if name in st.secrets}
    except (FileNotFoundError, KeyError, st.errors.StreamlitSecretNotFoundError):
        return {}


def configured_settings() -> Settings:
    """Secrets win over the environment; with neither, the demo organization."""
    return Settings.load((SOURCE_ENVIRONMENT, os.environ), (SOURCE_SECRETS, _secrets()))


def current_settings() -> Settings:
    """This browser session's connection, at the organization picked when the key reads several."""
    return organizations.chosen(base_settings())


def base_settings() -> Settings:
    """This browser session's connection as configured, before an organization is picked."""
    base = configured_settings()
    override = st.session_state.get(_FORM_STATE)
    if not override:
        return base
    cache = {ENV_CACHE_DIR: str(base.cache_dir)}
    if base.store_url is not None:  # the form picks the organization, not the database
        cache[ENV_STORE_URL] = base.store_url.get()
    source = base.sources.get(ENV_CACHE_DIR)
    return Settings.load((source, cache) if source else cache, (SOURCE_FORM, override))


def _validate(base_url: str, org_id: str, key: str) -> str | None:
    if not key:
        return "Enter an API key (cog_… for the v3 API, apk_… for v1)."
    if not base_url.startswith(("http://", "https://")):
        return "The base URL must start with https:// (or http:// for a local emulator)."
    if api_version_for(key, org_id or None) == "v3" and not org_id.startswith("org-"):
        return "A cog_ key needs the organization id (org-…), shown under Settings → Devin API."
    return None


def connection_panel() -> None:
    """A sidebar form to connect this browser session to another organization."""
    settings = current_settings()
    organizations.picker(base_settings())
    with st.sidebar.expander("Connection", icon=":material/key:"):
        st.caption(settings.describe())
        with st.form("connection_form", border=False):
            base_url = st.text_input("API base URL", value=DEFAULT_BASE_URL)
            org_id = st.text_input("Organization id", placeholder="org-…")
            key = st.text_input("API key", type="password", placeholder="cog_… or apk_…")
            submitted = st.form_submit_button("Connect", icon=":material/login:")
        if submitted:
            problem = _validate(base_url.strip(), org_id.strip(), key.strip())
            if problem:
                st.error(problem)
            else:
                st.session_state[_FORM_STATE] = {
                    ENV_API_KEY: key.strip(),
                    ENV_ORG_ID: org_id.strip(),
                    ENV_BASE_URL: base_url.strip(),
                }
                st.rerun()
        if st.session_state.get(_FORM_STATE) and st.button("Use the default connection"):
            del st.session_state[_FORM_STATE]
            st.rerun()
