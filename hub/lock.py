"""One baiqau at a time per contest: a lock file in the storage folder.

Two pollers on one mailbox would store and answer the same message twice over; the
lock also lets a starting process know that any mail left half-sent was left by a
process that is dead, so it can be sent again safely.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from types import TracebackType


class AlreadyRunning(Exception):
    """Another baiqau process holds this contest's lock."""


class ServiceLock:
    def __init__(self, storage: Path) -> None:
        self.path = storage / "baiqau.lock"
        self._fd: int | None = None

    def __enter__(self) -> ServiceLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise AlreadyRunning(f"another baiqau holds {self.path}") from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
