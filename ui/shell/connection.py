"""Which organization this browser session reads: its own form, then secrets/env, then the demo.

A key typed into the form lives only in this browser session's state; it is never written to the
URL, the cache or a log, and its data is cached under its own fingerprint. The settings record
where each value came from, so an error can point at the form, the secrets or the environment.

The form's values are taken only once the API accepted them (the typed base URL judged fit, then
one authenticated request): until then nothing is cached or shown for them. Every sync checks
again; a form key refused then is dropped, and its cached data with it, for the default connection.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import streamlit as st

from devin_data.config import (
    DEFAULT_BASE_URL,
    ENV_API_KEY,
    ENV_BASE_URL,
    ENV_CACHE_DIR,
    ENV_ORG_ID,
    ENV_STORE_URL,
    SOURCE_FORM,
    Settings,
    api_version_for,
)
from devin_data.errors import DevinError
from devin_data.services import explain
from devin_data.services.access import AddressRefused, first_contact, refuses_key
from ui.shell import organizations
from ui.shell.config import configured_settings

_FORM_STATE = "connection_override"
_REFUSED = "connection_refused"  # why the form's connection was dropped, shown once


def current_settings() -> Settings:
    """This browser session's connection, at the organization picked when the key reads several."""
    return organizations.chosen(base_settings())


def base_settings() -> Settings:
    """This browser session's connection as configured, before an organization is picked."""
    base = configured_settings()
    override = st.session_state.get(_FORM_STATE)
    return _with_form(base, override) if override else base


def _with_form(base: Settings, override: Mapping[str, str]) -> Settings:
    """The form's values over the operator's cache folder, store and private-address leave."""
    cache = {ENV_CACHE_DIR: str(base.cache_dir)}
    if base.store_url is not None:  # the form picks the organization, not the database
        cache[ENV_STORE_URL] = base.store_url.get()
    source = base.sources.get(ENV_CACHE_DIR)
    loaded = Settings.load((source, cache) if source else cache, (SOURCE_FORM, override))
    return replace(loaded, allow_private_base_url=base.allow_private_base_url)


def _validate(org_id: str, key: str) -> str | None:
    if not key:
        return "Enter an API key (cog_… for the v3 API, apk_… for v1)."
    if api_version_for(key, org_id or None) == "v3" and not org_id.startswith("org-"):
        return "A cog_ key needs the organization id (org-…), shown under Settings → Devin API."
    return None


def failure_text(
    err: DevinError, settings: Settings, refused: str = "The API refuses this key."
) -> str:
    """What went wrong and what to do; a refused key is said first, in so many words."""
    return explain(err, settings, refused=refused)


def _refusal(err: DevinError, settings: Settings) -> str:
    lead = "**The API refused this key**, so nothing cached for it is shown."
    return failure_text(err, settings, refused=lead)


def _connect(override: Mapping[str, str]) -> str | None:
    """Judge the typed address and make the first contact; what stands in the way, or None."""
    settings = _with_form(configured_settings(), override)
    try:
        with st.spinner("Connecting…"):
            first_contact(settings)
    except AddressRefused as err:
        return str(err)
    except DevinError as err:
        if refuses_key(err):
            return _refusal(err, settings)
        return f"**Could not connect.** {failure_text(err, settings)}"
    return None


def forget_refused_key(settings: Settings, err: DevinError) -> None:
    """A key typed in the form that the API refuses now (each sync checks): back to the default
    connection at once, saying why, so no page shows that key's cached data again."""
    if settings.sources.get(ENV_API_KEY) != SOURCE_FORM or not refuses_key(err):
        return
    st.session_state.pop(_FORM_STATE, None)
    st.session_state[_REFUSED] = _refusal(err, settings)
    st.rerun()


def connection_panel() -> None:
    """A sidebar form to connect this browser session to another organization."""
    settings = current_settings()
    refused = st.session_state.pop(_REFUSED, None)
    if refused:
        st.error(refused, icon=":material/key_off:")
    organizations.picker(base_settings())
    with st.sidebar.expander("Connection", icon=":material/key:"):
        st.caption(settings.describe())
        with st.form("connection_form", border=False):
            base_url = st.text_input("API base URL", value=DEFAULT_BASE_URL)
            org_id = st.text_input("Organization id", placeholder="org-…")
            key = st.text_input("API key", type="password", placeholder="cog_… or apk_…")
            submitted = st.form_submit_button("Connect", icon=":material/login:")
        if submitted:
            typed = {ENV_API_KEY: key.strip(), ENV_ORG_ID: org_id.strip()}
            typed[ENV_BASE_URL] = base_url.strip()
            problem = _validate(typed[ENV_ORG_ID], typed[ENV_API_KEY]) or _connect(typed)
            if problem:
                st.error(problem)
            else:
                st.session_state[_FORM_STATE] = typed
                st.rerun()
        if st.session_state.get(_FORM_STATE) and st.button("Use the default connection"):
            del st.session_state[_FORM_STATE]
            st.rerun()
