"""``devin-data``: sync the cache, export sessions, run the API emulator.

Configuration uses the same names everywhere: ``--api-key``/``DEVIN_API_KEY``,
``--org-id``/``DEVIN_ORG_ID``, ``--base-url``/``DEVIN_API_BASE_URL`` and
``--cache-dir``/``DEVIN_CACHE_DIR``. Errors are one line on stderr and a non-zero exit, never a
traceback. The heavy modules are imported after the arguments are read, so a usage error is instant.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import NoReturn, TypeVar

from devin_data.config import (
    ENV_API_KEY,
    ENV_BASE_URL,
    ENV_CACHE_DIR,
    ENV_ORG_ID,
    SOURCE_ENVIRONMENT,
    SOURCE_FLAG,
    Settings,
    redact,
)
from devin_data.errors import DevinError
from devin_data.hints import hint_for

_N = TypeVar("_N", int, float)
EXPORT_FORMATS = ("csv", "parquet", "json")

_OFFSET = re.compile(r"([+-]?)(\d{1,6}(?:\.\d+)?)([smhdw])", re.IGNORECASE)
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error in one line."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see --help)\n")


def _connection_flags() -> _Parser:
    flags = _Parser(add_help=False)
    group = flags.add_argument_group("connection (default: the environment, else the demo org)")
    group.add_argument("--api-key", help=f"API key (prefer the {ENV_API_KEY} variable)")
    group.add_argument("--org-id", help=f"organization id, org-... ({ENV_ORG_ID})")
    group.add_argument("--base-url", help=f"API base URL ({ENV_BASE_URL})")
    group.add_argument("--cache-dir", help=f"cache folder ({ENV_CACHE_DIR})")
    return flags


def build_parser() -> argparse.ArgumentParser:
    connection = _connection_flags()
    parser = _Parser(prog="devin-data", description=__doc__.splitlines()[0] if __doc__ else None)
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    sync = commands.add_parser("sync", parents=[connection], help="fetch new and changed sessions")
    sync.add_argument("--since", help="first sync window: a date (2026-01-31) or an age (90d, 12w)")
    sync.add_argument("--full", action="store_true", help="fetch the whole history")
    sync.add_argument("--messages", action="store_true", help="also fetch messages (v3 keys)")
    sync.add_argument("--concurrency", type=_positive_int, help="parallel requests (default 8)")
    sync.add_argument("--quiet", action="store_true", help="no progress bar")

    export = commands.add_parser("export", parents=[connection], help="write cached sessions")
    export.add_argument("--format", choices=EXPORT_FORMATS, help="default: from --out")
    export.add_argument("--out", required=True, type=Path, help="output file")

    emulator = commands.add_parser("emulator", help="serve a synthetic organization on 127.0.0.1")
    emulator.add_argument("--port", type=_port, default=8765)
    emulator.add_argument("--sessions", type=_positive_int, default=1500)
    emulator.add_argument("--seed", type=int, default=7)
    emulator.add_argument("--latency-ms", type=_non_negative_float, default=0.0)
    emulator.add_argument("--fault-rate", type=_fraction, default=0.0)
    emulator.add_argument("--retry-after", type=_non_negative_float, default=1.0)
    emulator.add_argument("--anchor", help="the organization's 'now' (default: today 00:00 UTC)")
    emulator.add_argument("--days", type=_positive_int, default=180, help="days of history")
    emulator.add_argument(
        "--clock-offset",
        type=parse_offset,
        default=timedelta(0),
        help="run the API's clock this far from the machine's, e.g. -9d, +3h, 90m, -30s",
    )
    return parser


def _positive_int(text: str) -> int:
    value = _number(text, int)
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


def _port(text: str) -> int:
    value = _number(text, int)
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port between 0 and 65535, got {text!r}")
    return value


def _non_negative_float(text: str) -> float:
    value = _number(text, float)
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a number >= 0, got {text!r}")
    return value


def _fraction(text: str) -> float:
    value = _number(text, float)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"expected a share between 0 and 1, got {text!r}")
    return value


def parse_offset(text: str) -> timedelta:
    """``-9d``, ``+3h``, ``90m``, ``-30s`` or ``2w`` as a signed duration."""
    match = _OFFSET.fullmatch(text.strip())
    if match is None:
        raise argparse.ArgumentTypeError(
            f"expected an offset such as -9d, +3h, 90m or -30s, got {text!r}"
        )
    sign, amount, unit = match.groups()
    delta = timedelta(**{_UNITS[unit.lower()]: float(amount)})
    return -delta if sign == "-" else delta


def _number(text: str, kind: type[_N]) -> _N:
    try:
        return kind(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None


def format_for(path: Path, fmt: str | None) -> str:
    """The explicit export format, or the one the file name ends with."""
    chosen = (fmt or path.suffix.lstrip(".")).lower()
    if chosen not in EXPORT_FORMATS:
        raise ValueError(
            f"unknown export format {chosen!r}; use one of: {', '.join(EXPORT_FORMATS)}"
        )
    return chosen


def settings_from_args(args: argparse.Namespace) -> Settings:
    """Flags win over the environment; both use the DEVIN_* names, and each value's source is
    kept so an error can say which to fix."""
    values: dict[str, object] = dict(os.environ)
    sources: dict[str, str] = {}
    for flag, name in (
        ("api_key", ENV_API_KEY),
        ("org_id", ENV_ORG_ID),
        ("base_url", ENV_BASE_URL),
        ("cache_dir", ENV_CACHE_DIR),
    ):
        given = getattr(args, flag, None)
        if given:
            values[name] = given
            sources[name] = SOURCE_FLAG
        elif name in os.environ:
            sources[name] = SOURCE_ENVIRONMENT
    return Settings.from_mapping(values, sources)


def _signed_values(argv: Sequence[str]) -> list[str]:
    """``--clock-offset -9d`` as ``--clock-offset=-9d``: argparse reads "-9d" as an option."""
    joined: list[str] = []
    for arg in argv:
        if joined and joined[-1] == "--clock-offset" and arg.startswith("-"):
            joined[-1] = f"--clock-offset={arg}"
        else:
            joined.append(arg)
    return joined


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(_signed_values(sys.argv[1:] if argv is None else argv))
    if args.command == "export":
        try:
            args.format = format_for(args.out, args.format)
        except ValueError as err:
            parser.error(str(err))
    from devin_data import cli_commands

    settings = settings_from_args(args) if args.command != "emulator" else None
    key = settings.api_key if settings else None
    try:
        if args.command == "sync":
            assert settings is not None
            return cli_commands.run_sync(args, settings, now=datetime.now(UTC))
        if args.command == "export":
            assert settings is not None
            return cli_commands.run_export(args, settings)
        return cli_commands.run_emulator(args)
    except KeyboardInterrupt:
        print("\ninterrupted: the cache is consistent; the next sync resumes.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except DevinError as err:
        advice = hint_for(err, settings) if settings else err.hint
        hint = f" {advice}" if advice else ""
        print(redact(f"devin-data: error: {err}{hint}", key), file=sys.stderr)
        return EXIT_ERROR
    except (ValueError, OSError) as err:
        print(redact(f"devin-data: error: {err}", key), file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
