"""The states rows are in, as plain enums: what a command reads without the ORM.

`hub.models` keeps them in its tables (and names them from there too); they live here so
that code which only reads, such as `baiqau results` through SQLAlchemy Core, and the
intake's findings can name a state without importing sqlmodel and SQLAlchemy's ORM (a
third of a second). A column of one of these enums holds the member's name
("ACCEPTED"), as SQLAlchemy's `Enum` type stores it.
"""

from __future__ import annotations

from enum import StrEnum


class ApplicationStatus(StrEnum):
    """Where an application stands (see intake.findings for how it is decided)."""

    ACCEPTED = "accepted"
    NEEDS_FIX = "needs_fix"  # the entrant can mend it by replying
    REJECTED = "rejected"  # no reply can mend it (too old, outside the region, late)
    REVIEW = "review"  # nothing fails, but a person must decide


class AssignmentState(StrEnum):
    ASSIGNED = "assigned"
    RECUSED = "recused"  # a conflict of interest: released from this work
