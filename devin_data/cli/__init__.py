"""``devin-data``: sync the cache, export sessions, run the API emulator."""

from devin_data.cli.main import main

__all__ = ["main"]
