"""Raw messages and their parts on disk, written so that a crash never leaves half a file.

A raw message is named by the SHA-256 of its bytes: writing the same message twice (a
refetch after a crash, a UIDVALIDITY change) lands on the same file, so storing is
idempotent. Every file is written to a temporary name, made durable, then renamed, so
a reader sees either nothing or the whole message.

A fetch batch of small messages is saved together (`save_many`): all files written,
then made durable at once, then renamed, then the renames made durable at once. On
Linux "at once" is one syncfs(2) of the storage's filesystem instead of an fsync per
file and per directory: on the benchmark's disk, 0.33 ms a message instead of 0.68.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from hub.failpoints import failpoint


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

    def save_many(self, raws: Sequence[bytes]) -> list[tuple[str, str]]:
        """Keep a batch of whole messages: (sha256, relative path) for each, in order.

        A message whose file is already in place is not written again: a file gets its
        final name only once its bytes are durable.
        """
        saved = [(hashlib.sha256(raw).hexdigest(), raw) for raw in raws]
        incoming = self.root / "raw" / "incoming"
        self.ensure_dir(incoming)
        pending: dict[Path, Path] = {}  # temporary file -> final name
        for sha, raw in saved:
            final = self.path(self.raw_relpath(sha))
            temp = incoming / f"{sha}.{os.getpid()}.part"
            if temp in pending or final.exists():
                continue
            with temp.open("wb") as file:
                file.write(raw)
            pending[temp] = final
            failpoint("raw-written")
        sync_files(self.root, list(pending))
        for temp, final in pending.items():
            self.ensure_dir(final.parent)
            os.replace(temp, final)
        sync_files(self.root, sorted({final.parent for final in pending.values()}))
        return [(sha, self.raw_relpath(sha)) for sha, _ in saved]

    def sweep_incoming(self) -> int:
        """Delete what a killed process left half-written; call only under the service lock.

        Nothing refers to a temporary file: its message is fetched again, as it is
        still above the cursor on the server.
        """
        incoming = self.root / "raw" / "incoming"
        swept = 0
        for leftover in incoming.glob("*.part") if incoming.is_dir() else ():
            leftover.unlink(missing_ok=True)
            swept += 1
        return swept

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
        # The rename is durable only once the directory entry is on disk.
        _fsync_path(final.parent)


def _load_syncfs() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        syncfs: Callable[[int], int] = libc.syncfs
    except (OSError, AttributeError):
        return None
    return syncfs


_SYNCFS = _load_syncfs()


def sync_files(root: Path, paths: Sequence[Path]) -> None:
    """Make files (or directories, for their entries) durable, all on `root`'s filesystem.

    One syncfs(2) flushes the whole filesystem, whatever the number of files; where it
    is missing or fails, each path is fsynced.
    """
    if not paths:
        return
    if _SYNCFS is not None:
        fd = os.open(root, os.O_RDONLY)
        try:
            if _SYNCFS(fd) == 0:
                return
        finally:
            os.close(fd)
    for path in paths:
        _fsync_path(path)


def _fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
