"""``devin-data``: sync the cache, export sessions, run the API emulator."""

from devin_data.cli.entry import main

__all__ = ["main"]
