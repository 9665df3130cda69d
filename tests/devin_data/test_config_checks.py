"""Settings that cannot work are refused by name, never by value: a key an HTTP header cannot
carry, an org id that is not a URL path segment, a key set to nothing; the demo is never shared."""

from __future__ import annotations

import pytest

from devin_data.config import ENV_API_KEY, ENV_ORG_ID, SOURCE_SECRETS, Secret, Settings
from devin_data.connect import client_for
from devin_data.errors import ConfigurationError
from devin_data.hints import hint_for

KEY = "cog_supersecretvalue1234"


@pytest.mark.parametrize(
    "key",
    [KEY + "é", "cog_two\nQ7x9", "cog_\u201cquoted\u201d", "cog_with spaceQ7x9", "cog_\x00Q7x9"],
)
def test_a_key_no_header_can_carry_is_refused_by_its_source(key: str) -> None:
    settings = Settings.load((SOURCE_SECRETS, {"DEVIN_API_KEY": key, "DEVIN_ORG_ID": "org-a"}))
    with pytest.raises(ConfigurationError) as caught:
        client_for(settings)
    assert caught.value.setting == ENV_API_KEY
    advice = f"{caught.value} {hint_for(caught.value, settings)}"
    assert "DEVIN_API_KEY in the Streamlit secrets" in advice
    assert key not in advice
    assert key[-4:] not in advice
    assert key not in settings.describe()


@pytest.mark.parametrize("org", ["..", "org-a/b", "org a", "org-é", "org-a\n", "o" * 129])
def test_an_org_id_that_is_not_a_path_segment_is_refused(org: str) -> None:
    settings = Settings(api_key=Secret(KEY), org_id=org)
    with pytest.raises(ConfigurationError, match="is not one") as caught:
        client_for(settings)
    assert caught.value.setting == ENV_ORG_ID


@pytest.mark.parametrize("org", ["org-acme", "org_1", "ORG-9f3a", "o" * 128])
def test_an_ordinary_org_id_and_key_pass(org: str) -> None:
    assert Settings(api_key=Secret(KEY), org_id=org).unsendable() is None
    assert Settings().unsendable() is None  # the demo


def test_a_key_set_to_blanks_is_told_apart_from_no_key() -> None:
    assert Settings.load(("environment", {"DEVIN_API_KEY": "  "})).key_blank
    assert not Settings.load(("environment", {})).key_blank
    assert not Settings.load(("environment", {"DEVIN_API_KEY": KEY})).key_blank
    assert Settings.load(("environment", {"DEVIN_API_KEY": "  "})).demo


def test_the_demo_never_uses_the_shared_store() -> None:
    url = "postgresql://devin:pw@127.0.0.1:5432/devin"
    assert Settings.load({"DEVIN_STORE_URL": url}).shared_store_url is None
    keyed = Settings.load({"DEVIN_STORE_URL": url, "DEVIN_API_KEY": KEY, "DEVIN_ORG_ID": "org-a"})
    assert keyed.shared_store_url == Secret(url)
