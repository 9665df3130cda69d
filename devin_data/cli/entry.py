"""``devin-data``: sync the cache, export sessions, insight coverage, run the API emulator.

Configuration uses the same names everywhere: ``--api-key``/``DEVIN_API_KEY``,
``--org-id``/``DEVIN_ORG_ID``, ``--base-url``/``DEVIN_API_BASE_URL`` and
``--cache-dir``/``DEVIN_CACHE_DIR``. Arguments are read by click; errors are one line on stderr and
a non-zero exit, never a traceback. The heavy modules are imported after the arguments are read,
so a usage error is instant.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import click

from devin_data import config
from devin_data.cli.params import (
    NON_NEGATIVE,
    OFFSET,
    ORG_OPTION,
    PERIOD,
    PORT,
    POSITIVE,
    SECONDS,
    SHARE,
    parse_offset,
)
from devin_data.cli.store import store as store_group
from devin_data.config import Settings, redact
from devin_data.errors import ConfigurationError, DevinError, OptionError
from devin_data.hints import explain

__all__ = ["EXIT_ERROR", "EXIT_INTERRUPTED", "EXIT_USAGE", "cli", "main", "parse_offset"]

EXPORT_FORMATS = ("csv", "parquet", "json")
REPORT_FORMATS = ("html", "md")

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class Commands(click.Group):
    """The subcommands; an unknown one is named with the choices."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and name not in self.commands:
            choices = ", ".join(repr(command) for command in self.commands)
            raise click.UsageError(
                f"argument command: invalid choice: {name!r} (choose from {choices})", ctx
            )
        return super().resolve_command(ctx, args)


# Each connection flag, the DEVIN_* name it stands for, and its help.
_CONNECTION = (
    ("--api-key", config.ENV_API_KEY, "API key (prefer the {name} variable)"),
    ("--org-id", config.ENV_ORG_ID, "organization id, org-... ({name})"),
    ("--base-url", config.ENV_BASE_URL, "API base URL ({name})"),
    ("--cache-dir", config.ENV_CACHE_DIR, "cache folder ({name})"),
    ("--store-url", config.ENV_STORE_URL, "shared store URL, postgresql://... ({name})"),
)


def _connection(command: Callable[..., Any]) -> Callable[..., Any]:
    """The connection flags; the environment fills in what is not given."""
    for flag, name, text in reversed(_CONNECTION):
        command = click.option(flag, help=text.format(name=name))(command)
    return command


@click.group(
    cls=Commands,
    no_args_is_help=False,
    help="Sync the cache of Devin sessions, export them, or run the API emulator.",
)
def cli() -> None:
    """The ``devin-data`` command group."""


@cli.command(help="fetch new and changed sessions")
@click.option("--since", help="first sync window: a date (2026-01-31) or an age (90d, 12w)")
@click.option("--full", is_flag=True, help="fetch the whole history")
@click.option("--messages", is_flag=True, help="also fetch messages (v3 keys)")
@click.option("--concurrency", type=POSITIVE, help="parallel requests (default 8)")
@click.option(
    "--time-limit",
    type=SECONDS,
    help="stop after this many seconds, keeping what was fetched (default 900)",
)
@click.option("--quiet", is_flag=True, help="no progress bar")
@ORG_OPTION
@_connection
def sync(**params: Any) -> int:
    args = SimpleNamespace(**params)
    settings = settings_from_args(args)

    return _guarded(lambda: _commands().run_sync(args, settings, now=_now()), settings)


@cli.command(help="write cached sessions")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), help="default: from --out")
@click.option("--out", required=True, type=click.Path(path_type=Path), help="output file")
@click.option("--acu-price", help="add acus_consumed_usd at this price per ACU (DEVIN_ACU_PRICE)")
@ORG_OPTION
@_connection
def export(fmt: str | None, **params: Any) -> int:
    try:
        chosen = format_for(params["out"], fmt)
    except ValueError as err:
        raise click.UsageError(str(err)) from None
    args = SimpleNamespace(format=chosen, **params)
    settings = settings_from_args(args)

    return _guarded(lambda: _commands().run_export(args, settings, now=_now()), settings)


@cli.command(help="show insight coverage by week; generate the missing insights")
@click.option(
    "--generate-missing",
    is_flag=True,
    help="ask for the insights of ended sessions without them (needs ManageOrgSessions)",
)
@click.option("--limit", type=POSITIVE, help="ask for at most this many in this run")
@click.option("--quiet", is_flag=True, help="no progress bar")
@_connection
def insights(**params: Any) -> int:
    args = SimpleNamespace(**params)
    settings = settings_from_args(args)

    return _guarded(lambda: _insights().run_insights(args, settings, now=_now()), settings)


@cli.command(help="write a digest of a period (HTML or Markdown) from the cache")
@click.option(
    "--period", type=PERIOD, default="7d", show_default=True, help="the last N days (7d) or weeks"
)
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), help="default: from --out")
@click.option("--out", required=True, type=click.Path(path_type=Path), help="output file")
@click.option("--acu-price", help="money per ACU (DEVIN_ACU_PRICE)")
@click.option("--monthly-budget-acus", help="ACUs per monthly cycle (DEVIN_MONTHLY_BUDGET_ACUS)")
@click.option("--alert-spend-pace", help="flag a cycle projected above this share of its budget")
@click.option("--alert-error-share", help="flag a period with more sessions in error than this")
@click.option("--offline", is_flag=True, help="do not refresh billed ACUs from the API")
@click.option(
    "--tz", default="UTC", show_default=True, help="the zone whose local days the period counts"
)
@_connection
def report(fmt: str | None, **params: Any) -> int:
    chosen = (fmt or params["out"].suffix.lstrip(".")).lower().replace("markdown", "md")
    if chosen not in REPORT_FORMATS:
        raise click.UsageError(f"unknown report format {chosen!r}; use html or md")
    args = SimpleNamespace(format=chosen, **params)
    settings = settings_from_args(args)

    return _guarded(lambda: _report().run_report(args, settings, now=_now()), settings)


@cli.command(help="serve a synthetic organization on 127.0.0.1")
@click.option("--port", type=PORT, default=8765)
@click.option("--sessions", type=POSITIVE, default=1500)
@click.option("--seed", type=int, default=7)
@click.option("--latency-ms", type=NON_NEGATIVE, default=0.0)
@click.option("--fault-rate", type=SHARE, default=0.0)
@click.option("--retry-after", type=NON_NEGATIVE, default=1.0)
@click.option("--anchor", help="the organization's 'now' (default: today 00:00 UTC)")
@click.option("--days", type=POSITIVE, default=180, help="days of history")
@click.option(
    "--clock-offset",
    type=OFFSET,
    default=timedelta(0),
    help="run the API's clock this far from the machine's, e.g. -9d, +3h, 90m, -30s",
)
def emulator(**params: Any) -> int:
    return _guarded(lambda: _commands().run_emulator(SimpleNamespace(**params)), None)


# The work of each command is imported once its arguments are read, so `--help` and a usage
# error never load pandas, httpx or the store.
def _commands() -> ModuleType:
    from devin_data.cli import commands

    return commands


def _insights() -> ModuleType:
    from devin_data.cli import insights

    return insights


def _report() -> ModuleType:
    from devin_data.cli import report

    return report


def _now() -> datetime:
    return datetime.now(UTC)


def format_for(path: Path, fmt: str | None) -> str:
    """The explicit export format, or the one the file name ends with."""
    chosen = (fmt or path.suffix.lstrip(".")).lower()
    if chosen not in EXPORT_FORMATS:
        raise ValueError(
            f"unknown export format {chosen!r}; use one of: {', '.join(EXPORT_FORMATS)}"
        )
    return chosen


def settings_from_args(args: SimpleNamespace) -> Settings:
    """Flags win over the environment; both use the DEVIN_* names, and each value's source is
    kept so an error can say which to fix."""
    flags = {name: getattr(args, flag[2:].replace("-", "_")) for flag, name, _ in _CONNECTION}
    given = {name: value for name, value in flags.items() if value is not None}
    return Settings.load((config.SOURCE_ENVIRONMENT, os.environ), (config.SOURCE_FLAG, given))


def _guarded(run: Callable[[], int], settings: Settings | None) -> int:
    """Run a command; what goes wrong is one line on stderr, with the key masked."""
    key = settings.api_key if settings else None
    url = settings.store_url.get() if settings and settings.store_url else None
    try:
        if settings is not None:
            _check(settings)
        return run()
    except KeyboardInterrupt:
        print("\ninterrupted: the cache is consistent; the next sync resumes.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OptionError as err:
        command = click.get_current_context(silent=True)
        where = command.command_path if command else "devin-data"
        print(_masked(f"{where}: error: {err} (see --help)", key, url), file=sys.stderr)
        return EXIT_USAGE
    except DevinError as err:
        print(_masked(f"devin-data: error: {explain(err, settings)}", key, url), file=sys.stderr)
        return EXIT_ERROR
    except (ValueError, OSError) as err:
        print(_masked(f"devin-data: error: {err}", key, url), file=sys.stderr)
        return EXIT_ERROR


def _check(settings: Settings) -> None:
    """Refuse what cannot work before anything is read or sent: a key set to nothing (which
    would quietly mean the demo organization), a key or an org id that cannot be sent."""
    if settings.key_blank:
        raise ConfigurationError(
            "The API key is set but empty. Set DEVIN_API_KEY (or --api-key) to a key, or unset "
            "it to use the demo organization.",
            setting=config.ENV_API_KEY,
        )
    refused = settings.unsendable()
    if refused is not None:
        raise ConfigurationError(refused[0], setting=refused[1])


def _masked(text: str, key: config.Secret | None, url: str | None) -> str:
    """The key and the store URL's password, masked."""
    if url:
        from devin_data.store.shared.url import mask_text

        text = mask_text(text, url)
    return redact(text, key)


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``devin-data`` with ``argv`` (default: the command line); returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        code = cli.main(args, prog_name="devin-data", standalone_mode=False)
    except click.UsageError as err:
        where = err.ctx.command_path if err.ctx else "devin-data"
        print(f"{where}: error: {err.format_message()} (see --help)", file=sys.stderr)
        return EXIT_USAGE
    return code if isinstance(code, int) else 0


cli.add_command(store_group)

if __name__ == "__main__":
    sys.exit(main())
