"""Settings, secrets and the credential fingerprint."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from devin_data.config import (
    DEFAULT_BASE_URL,
    DEMO_ORG_ID,
    Secret,
    Settings,
    SpendSettings,
    api_version_for,
    app_layers,
    redact,
    teams_file,
)

KEY = "cog_supersecretvalue1234"


def test_load_reads_the_four_names(tmp_path: Path) -> None:
    settings = Settings.load(
        {
            "DEVIN_API_KEY": f"  {KEY} ",
            "DEVIN_ORG_ID": "org-acme",
            "DEVIN_API_BASE_URL": "http://127.0.0.1:9/",
            "DEVIN_CACHE_DIR": str(tmp_path),
        }
    )
    assert settings.api_key == Secret(KEY)
    assert settings.org_id == "org-acme"
    assert settings.effective_base_url == "http://127.0.0.1:9"
    assert settings.cache_dir == tmp_path
    assert settings.api_version == "v3"
    assert not settings.demo


def test_load_lets_a_later_source_win(tmp_path: Path) -> None:
    env = {"DEVIN_API_KEY": KEY, "DEVIN_ORG_ID": "org-env", "DEVIN_CACHE_DIR": str(tmp_path)}
    settings = Settings.load(env, {"DEVIN_ORG_ID": "org-flag", "DEVIN_API_BASE_URL": None})

    assert settings.org_id == "org-flag"
    assert settings.api_key == Secret(KEY)
    assert settings.base_url == DEFAULT_BASE_URL
    assert settings.cache_dir == tmp_path


def test_no_key_means_demo() -> None:
    settings = Settings.load({"DEVIN_API_KEY": "   "})
    assert settings.demo
    assert settings.effective_org_id == DEMO_ORG_ID
    assert settings.base_url == DEFAULT_BASE_URL
    assert "Demo" in settings.describe()


@pytest.mark.parametrize(
    ("key", "org", "expected"),
    [
        ("cog_abc", None, "v3"),
        ("apk_user_abc", "org-x", "v1"),
        ("apk_abc", None, "v1"),
        ("other", "org-x", "v3"),
        ("other", None, "v1"),
    ],
)
def test_api_version_follows_the_key_prefix(key: str, org: str | None, expected: str) -> None:
    assert api_version_for(key, org) == expected


def test_secret_never_shows_itself() -> None:
    secret = Secret(KEY)
    assert KEY not in repr(secret)
    assert KEY not in str(secret)
    assert KEY not in f"{secret}"
    assert secret.last4 == "1234"
    with pytest.raises(TypeError):
        pickle.dumps(secret)


def test_settings_repr_and_describe_hide_the_key() -> None:
    settings = Settings(api_key=Secret(KEY), org_id="org-acme")
    assert KEY not in repr(settings)
    assert KEY not in settings.describe()
    assert settings.describe().endswith("key …1234")


def test_fingerprint_scopes_base_org_and_key() -> None:
    base = Settings(api_key=Secret(KEY), org_id="org-a")
    fingerprints = {
        base.fingerprint(),
        Settings(api_key=Secret(KEY + "x"), org_id="org-a").fingerprint(),
        Settings(api_key=Secret(KEY), org_id="org-b").fingerprint(),
        Settings(api_key=Secret(KEY), org_id="org-a", base_url="http://x").fingerprint(),
        Settings().fingerprint(),
    }
    assert len(fingerprints) == 5
    assert base.fingerprint() == Settings(api_key=Secret(KEY), org_id="org-a").fingerprint()
    assert KEY not in base.fingerprint()
    assert KEY[4:12] not in base.fingerprint()


def test_redact_masks_every_occurrence() -> None:
    text = f"failed with {KEY} and again {KEY}"
    assert redact(text, Secret(KEY)) == "failed with *** and again ***"
    assert redact(text, None) == text


def test_the_app_reads_the_store_url_of_the_streamlit_connection_section(tmp_path: Path) -> None:
    url = "postgresql://devin:pw@db.internal:5432/devin"
    secrets = {
        "DEVIN_API_KEY": KEY,
        "DEVIN_ORG_ID": "org-acme",
        "connections": {"devin_store": {"url": url, "pool_size": 5}},
    }
    settings = Settings.load(*app_layers({"DEVIN_CACHE_DIR": str(tmp_path)}, secrets))
    assert settings.store_url == Secret(url)
    assert settings.sources["DEVIN_STORE_URL"] == "secrets"
    assert settings.cache_dir == tmp_path
    # A top-level DEVIN_STORE_URL in the secrets wins over the section; the environment's loses.
    named = {**secrets, "DEVIN_STORE_URL": "postgresql://devin@elsewhere/devin"}
    env = {"DEVIN_STORE_URL": "postgresql://devin@from-env/devin"}
    assert Settings.load(*app_layers(env, named)).store_url == Secret(named["DEVIN_STORE_URL"])
    assert Settings.load(*app_layers(env, secrets)).store_url == Secret(url)
    assert Settings.load(*app_layers(env, {})).store_url == Secret(env["DEVIN_STORE_URL"])


def test_the_money_settings_and_the_teams_file_come_from_the_same_layers(tmp_path: Path) -> None:
    env = {"DEVIN_ACU_PRICE": "2.5", "DEVIN_TEAMS_FILE": str(tmp_path / "env.csv")}
    secrets = {"DEVIN_ACU_PRICE": "3", "DEVIN_TEAMS_FILE": str(tmp_path / "secret.csv")}
    spend, problems = SpendSettings.load(*app_layers(env, secrets))
    assert (spend.acu_price, problems) == (3.0, [])
    assert teams_file(*app_layers(env, secrets)) == tmp_path / "secret.csv"
    assert teams_file(*app_layers(env, {})) == tmp_path / "env.csv"
    assert teams_file(*app_layers({}, {})) is None
