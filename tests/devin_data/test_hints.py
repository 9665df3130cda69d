"""Hints name the value to fix and where it was set: form, secrets, environment or option."""

from __future__ import annotations

from pathlib import Path

import pytest

from devin_data.config import (
    SOURCE_ENVIRONMENT,
    SOURCE_FLAG,
    SOURCE_FORM,
    SOURCE_SECRETS,
    Settings,
)
from devin_data.errors import (
    ApiConnectionError,
    ApiTimeoutError,
    AuthenticationError,
    NotFoundError,
    PermissionDeniedError,
    ServerError,
)
from devin_data.hints import hint_for, origin_of

KEY = "cog_hint_secret_value_7788"
URL = "https://devin.example.test"


def settings_from(source: str, tmp_path: Path) -> Settings:
    values = {"DEVIN_API_KEY": KEY, "DEVIN_ORG_ID": "org-acme", "DEVIN_API_BASE_URL": URL}
    values["DEVIN_CACHE_DIR"] = str(tmp_path)
    return Settings.load((source, values))


@pytest.mark.parametrize(
    ("source", "base_url", "key"),
    [
        (
            SOURCE_FORM,
            "the API base URL field of the Connection form in the sidebar",
            "the API key field of the Connection form in the sidebar",
        ),
        (
            SOURCE_SECRETS,
            "DEVIN_API_BASE_URL in the Streamlit secrets",
            "DEVIN_API_KEY in the Streamlit secrets",
        ),
        (
            SOURCE_ENVIRONMENT,
            "the environment variable DEVIN_API_BASE_URL",
            "the environment variable DEVIN_API_KEY",
        ),
        (SOURCE_FLAG, "the --base-url option", "the --api-key option"),
    ],
)
def test_hints_name_where_the_value_came_from(
    tmp_path: Path, source: str, base_url: str, key: str
) -> None:
    settings = settings_from(source, tmp_path)

    unreachable = hint_for(ApiConnectionError("Could not reach x."), settings)
    timed_out = hint_for(ApiTimeoutError("Could not reach x."), settings)
    rejected = hint_for(AuthenticationError("rejected", status_code=401), settings)
    denied = hint_for(PermissionDeniedError("lacks"), settings)

    assert unreachable == timed_out
    assert f"Check the API base URL {URL} (from {base_url})" in unreachable
    assert f"The API key comes from {key}" in rejected
    assert f"the user of the API key from {key}" in denied
    for hint in (unreachable, rejected, denied):
        assert KEY not in hint


def test_an_unset_base_url_is_named_as_the_default(tmp_path: Path) -> None:
    settings = Settings.load({"DEVIN_API_KEY": KEY, "DEVIN_ORG_ID": "org-acme"})
    assert origin_of(settings, "DEVIN_API_BASE_URL") == (
        "the default, as DEVIN_API_BASE_URL is not set"
    )
    hint = hint_for(ApiConnectionError("x"), settings)
    assert "https://api.devin.ai (from the default, as DEVIN_API_BASE_URL is not set)" in hint


def test_an_unknown_organization_is_never_called_a_session(tmp_path: Path) -> None:
    settings = settings_from(SOURCE_SECRETS, tmp_path)
    error = NotFoundError("Organization org-acme was not found (HTTP 404).", org_id="org-acme")

    hint = hint_for(error, settings)

    assert hint == (
        "Check the organization id org-acme (from DEVIN_ORG_ID in the Streamlit secrets); "
        "Devin shows it under Settings > Devin API."
    )
    assert "session" not in f"{error} {error.hint} {hint}".lower()


def test_an_unknown_session_is_about_the_session(tmp_path: Path) -> None:
    error = NotFoundError("Session devin-abc was not found.", session_id="devin-abc", org_id="o")
    assert hint_for(error, settings_from(SOURCE_ENVIRONMENT, tmp_path)) == "Check the session id."


def test_other_errors_keep_their_own_hint(tmp_path: Path) -> None:
    error = ServerError("The Devin API failed with HTTP 503.", status_code=503)
    assert hint_for(error, settings_from(SOURCE_FORM, tmp_path)) == error.hint
