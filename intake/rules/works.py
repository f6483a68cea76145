"""Works: one to three works in the regulation's formats (3.3 and 7.2), each one sendable.

Every work that is not a video, photo or multimedia project is `unsupported_format`, and
every attachment above the size limit is `attachment_too_large` (send it as a link); both
are fixable and neither counts. The works that count are then judged as a number: too few
is `no_works`, too many is `too_many_works` (fixable: the reply says which to keep). The
count is always reported, so the answer can say how many works were found.
"""

from __future__ import annotations

from collections.abc import Sequence

from intake.findings import (
    ATTACHMENT_TOO_LARGE,
    NO_WORKS,
    TOO_MANY_WORKS,
    UNSUPPORTED_FORMAT,
    Finding,
    failed,
    passed,
)
from intake.rules.submission import SUPPORTED_KINDS, WorkSummary

RULE = "works"


def check_works(
    works: Sequence[WorkSummary], *, min_works: int, max_works: int, max_bytes: int
) -> list[Finding]:
    """The count of works that count, then one failure per work that cannot count."""
    problems: list[Finding] = []
    counted = 0
    for work in works:
        if work.kind not in SUPPORTED_KINDS:
            problems.append(failed(RULE, UNSUPPORTED_FORMAT, work.title))
        elif too_large(work, max_bytes):
            detail = f"{work.title}: {work.size} > {max_bytes}"
            problems.append(failed(RULE, ATTACHMENT_TOO_LARGE, detail))
        else:
            counted += 1
    if counted < min_works:
        count = failed(RULE, NO_WORKS, str(counted))
    elif counted > max_works:
        count = failed(RULE, TOO_MANY_WORKS, f"{counted} > {max_works}")
    else:
        count = passed(RULE, str(counted))
    return [count, *problems]


def too_large(work: WorkSummary, max_bytes: int) -> bool:
    """Whether an attached work is above the limit; a link has no size to exceed."""
    return not work.is_link and work.size is not None and work.size > max_bytes
