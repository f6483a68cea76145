"""Named places where a test can make baiqau die, to prove a restart loses nothing.

`BAIQAU_FAILPOINT=after-store:5` makes the process SIGKILL itself the fifth time it
passes `failpoint("after-store")`. It is a real kill (no cleanup, no flush, no
`finally`), the same as a power cut as far as the database and the mailbox can tell.
Unset, a failpoint costs one dictionary look-up.
"""

from __future__ import annotations

import os
import signal

FAILPOINT_ENV = "BAIQAU_FAILPOINT"
_hits: dict[str, int] = {}


def _armed() -> tuple[str, int] | None:
    spec = os.environ.get(FAILPOINT_ENV, "")
    if not spec:
        return None
    name, _, count = spec.partition(":")
    return name, int(count or 1)


def failpoint(name: str) -> None:
    armed = _armed()
    if armed is None or armed[0] != name:
        return
    _hits[name] = _hits.get(name, 0) + 1
    if _hits[name] >= armed[1]:
        os.kill(os.getpid(), signal.SIGKILL)
