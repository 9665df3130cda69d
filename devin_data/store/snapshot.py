"""The columnar snapshot of the sessions table: an Arrow file read memory-mapped by the frames.

Written once per sync, never per page view: a full build streams the table in chunks (the
organization is never in memory, as records or as columns), and a later sync rewrites the file
with the rows that changed since moved to its end. The file names the table generation and
batch it shows, so a stale or foreign snapshot is never read, and it is replaced atomically, so
a reader in another process sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from devin_data._gc import gc_paused
from devin_data.models.columnar import SCHEMA, json_batch
from devin_data.store.table import SessionTable

FILE_NAME = "sessions.arrow"
# Arrow's own allocator keeps what a build freed for later; the system's gives it back to the
# operating system when asked (release_unused), which keeps a long-lived app and a sync small.
pa.set_memory_pool(pa.system_memory_pool())
_CHUNK = 5000


class Snapshot:
    """``sessions.arrow`` beside the table of one cache folder."""

    def __init__(self, folder: Path, table: SessionTable) -> None:
        self.path = folder / FILE_NAME
        self.table = table

    def read(self, generation: str) -> pa.Table:
        """The snapshot of the table as it is now, brought up to date first when it lags."""
        seq = self.table.seq()
        current = self._open()
        if current is not None:
            meta = current.schema.metadata or {}
            same = meta.get(b"generation") == generation.encode()
            built = int(meta.get(b"seq", b"-1"))
            if same and built == seq:
                return current
            if same and 0 <= built < seq:
                return self._write(self._updated(current, built), generation, seq)
        return self._write(self._batches(), generation, seq)

    def discard(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()

    def _open(self) -> pa.Table | None:
        try:
            with pa.memory_map(str(self.path)) as source:
                table = pa.ipc.open_file(source).read_all()
        except (FileNotFoundError, pa.ArrowInvalid, OSError):
            return None
        return table if table.schema.remove_metadata().equals(SCHEMA) else None

    def _batches(self, after_seq: int = 0) -> Iterator[pa.RecordBatch]:
        """The table's rows in storage order, a chunk at a time (written after ``after_seq``)."""
        for chunk in self.table.raw_chunks("record", after_seq=after_seq, size=_CHUNK):
            with gc_paused():
                yield json_batch([raw for _, raw in chunk])

    def _updated(self, current: pa.Table, built: int) -> Iterator[pa.RecordBatch]:
        """The current rows minus those rewritten since batch ``built``, then those rows: the
        snapshot's order is the order of writing, and a change moves a session to the end."""
        fresh = pa.Table.from_batches(list(self._batches(built)), schema=SCHEMA)
        changed = fresh["session_id"].combine_chunks()
        for batch in current.replace_schema_metadata(None).to_batches(max_chunksize=_CHUNK):
            yield batch.filter(pc.invert(pc.is_in(batch["session_id"], changed)))
        yield from fresh.to_batches()

    def _write(self, batches: Iterable[pa.RecordBatch], generation: str, seq: int) -> pa.Table:
        """Write batch by batch to a temporary file, then move it over the snapshot."""
        schema = SCHEMA.with_metadata({"generation": generation, "seq": str(seq)})
        handle, name = tempfile.mkstemp(prefix=".sessions-", suffix=".arrow", dir=self.path.parent)
        try:
            with os.fdopen(handle, "wb") as sink, pa.ipc.new_file(sink, schema) as writer:
                for batch in batches:
                    if batch.num_rows:
                        writer.write_batch(batch.replace_schema_metadata(None))
            os.replace(name, self.path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(name)
            raise
        pa.default_memory_pool().release_unused()  # give the build's buffers back at once
        written = self._open()
        if written is None:
            raise OSError(f"the snapshot {self.path} could not be read back")
        return written
