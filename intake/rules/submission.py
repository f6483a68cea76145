"""What the rules judge: one application's merged form, its works, and when it arrived."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from intake.form.fields import FormReading

# The kinds of work the regulation names (3.3, Appendix 1 section 2), and the kind given to
# anything meant as a work that is none of them (an archive, a document, an audio file).
VIDEO = "video"
PHOTO = "photo"
MULTIMEDIA = "multimedia"
UNSUPPORTED = "unsupported"
SUPPORTED_KINDS = frozenset({VIDEO, PHOTO, MULTIMEDIA})


class WorkSummary(Protocol):
    """One work as the rules see it: an attachment (with its size) or a link (without).

    Read-only members, so a frozen dataclass from the works reader satisfies it as well as
    a plain object does.
    """

    @property
    def kind(self) -> str: ...

    @property
    def size(self) -> int | None: ...

    @property
    def title(self) -> str: ...

    @property
    def is_link(self) -> bool: ...


@dataclass(frozen=True)
class Work:
    """A ready-made `WorkSummary`, for callers that have nothing richer, and for tests."""

    kind: str
    title: str
    size: int | None = None
    is_link: bool = False


@dataclass(frozen=True)
class Submission:
    """One application as it stands after its latest email, ready to be checked.

    `arrived_at` is the server's arrival time (IMAP INTERNALDATE) of the email that brought
    the latest change, never the sender's Date header. `duplicate_of` is the number of
    another application by the same person, found by the caller; `same_organization_as`
    names another application from the same organization (the `same_organization`
    rule's detail), found by the caller too. `first_arrived_at` is kept
    for the caller's own decision on late amendments; the rules judge `arrived_at` only.
    """

    reading: FormReading
    arrived_at: datetime
    works: Sequence[WorkSummary] = ()
    duplicate_of: str | None = None
    first_arrived_at: datetime | None = None
    same_organization_as: str | None = None

    def __post_init__(self) -> None:
        # A naive time would be read in the host's zone and misjudge the closing minute:
        # that is a bug in the caller, so it fails here rather than deciding wrongly.
        for name in ("arrived_at", "first_arrived_at"):
            moment: datetime | None = getattr(self, name)
            if moment is not None and moment.utcoffset() is None:
                raise ValueError(f"Submission.{name} must be timezone-aware, got {moment!r}")
