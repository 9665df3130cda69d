"""Query-string parsing with FastAPI-style validation errors (HTTP 422)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

_TRUE = frozenset({"true", "1", "yes", "on", "t", "y"})
_FALSE = frozenset({"false", "0", "no", "off", "f", "n"})


class ValidationFailure(Exception):
    """A request the API rejects with 422 and ``{"detail": [errors]}``."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__(f"{len(errors)} validation error(s)")
        self.errors = errors


def _error(kind: str, loc: list[str | int], msg: str, raw: object, **ctx: Any) -> dict[str, Any]:
    error: dict[str, Any] = {"type": kind, "loc": ["query", *loc], "msg": msg, "input": raw}
    if ctx:
        error["ctx"] = ctx
    return error


def _listing(values: Sequence[str]) -> str:
    quoted = [f"'{value}'" for value in values]
    return ", ".join(quoted[:-1]) + f" or {quoted[-1]}" if len(quoted) > 1 else quoted[0]


class Query:
    """The query parameters of one request; read them, then call :meth:`check`."""

    def __init__(self, pairs: Sequence[tuple[str, str]]) -> None:
        self._pairs = list(pairs)
        self.errors: list[dict[str, Any]] = []

    def raw(self, name: str) -> list[str]:
        return [value for key, value in self._pairs if key == name]

    def text(self, name: str) -> str | None:
        """The last value given for ``name``; blank means absent."""
        values = [v.strip() for v in self.raw(name) if v.strip()]
        return values[-1] if values else None

    def many(self, name: str) -> tuple[str, ...] | None:
        """Repeated keys and comma-separated values both make a list."""
        values = [part.strip() for value in self.raw(name) for part in value.split(",")]
        kept = tuple(value for value in values if value)
        return kept or None

    def integer(
        self, name: str, default: int | None = None, *, ge: int | None = None, le: int | None = None
    ) -> int | None:
        raw = self.text(name)
        if raw is None:
            return default
        try:
            value = int(raw)
        except ValueError:
            msg = "Input should be a valid integer, unable to parse string as an integer"
            self.errors.append(_error("int_parsing", [name], msg, raw))
            return default
        if ge is not None and value < ge:
            msg = f"Input should be greater than or equal to {ge}"
            self.errors.append(_error("greater_than_equal", [name], msg, raw, ge=ge))
        elif le is not None and value > le:
            msg = f"Input should be less than or equal to {le}"
            self.errors.append(_error("less_than_equal", [name], msg, raw, le=le))
        return value

    def boolean(self, name: str) -> bool | None:
        raw = self.text(name)
        if raw is None or raw.lower() in _TRUE | _FALSE:
            return None if raw is None else raw.lower() in _TRUE
        msg = "Input should be a valid boolean, unable to interpret input"
        self.errors.append(_error("bool_parsing", [name], msg, raw))
        return None

    def choices(self, name: str, allowed: Sequence[str], *, single: bool = False) -> Any:
        """One value (``single``) or a list of values, each from ``allowed``."""
        values = (self.text(name),) if single else self.many(name)
        if values is None or values == (None,):
            return None
        for index, value in enumerate(values):
            if value not in allowed:
                loc: list[str | int] = [name] if single else [name, index]
                expected = _listing(allowed)
                msg = f"Input should be {expected}"
                self.errors.append(_error("enum", loc, msg, value, expected=expected))
        return values[0] if single else values

    def invalid(self, name: str, msg: str, raw: object) -> None:
        self.errors.append(_error("value_error", [name], msg, raw))

    def check(self) -> None:
        if self.errors:
            raise ValidationFailure(self.errors)
