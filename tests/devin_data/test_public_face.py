"""The package's public face: every name resolves, and importing it (or the CLI) stays cheap."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import devin_data

HEAVY = ("httpx", "pandas", "diskcache", "pydantic", "plotly", "streamlit")


@pytest.mark.parametrize("name", devin_data.__all__)
def test_every_public_name_resolves(name: str) -> None:
    value = getattr(devin_data, name)
    if isinstance(value, type(devin_data)):
        assert value is importlib.import_module(f"devin_data.{name}")
    else:
        assert getattr(value, "__name__", name) == name


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        devin_data.NoSuchThing  # noqa: B018


@pytest.mark.parametrize("module", ["devin_data", "devin_data.cli"])
def test_importing_loads_no_heavy_library(module: str) -> None:
    probe = f"import sys, {module}; print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert loaded.stdout.strip() == "[]"
