"""``with`` support for anything that holds a resource and has a ``close()``."""

from __future__ import annotations

from types import TracebackType
from typing import Self


class Closing:
    """Enter gives the object itself; leaving the block closes it, whatever happened inside."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
