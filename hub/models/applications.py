"""The rows of applications: one per person (regulation 3.3), and the works they sent."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from hub.models.columns import utc_column
from hub.states import ApplicationStatus


class Application(SQLModel, table=True):
    """One person's application: every email from them adds to it (regulation 3.3)."""

    __tablename__ = "application"

    id: int | None = Field(default=None, primary_key=True)
    number: str = Field(default="", index=True)  # A-0012: quoted in every subject
    email: str = Field(index=True)
    name: str = ""
    language: str = ""
    status: ApplicationStatus = Field(default=ApplicationStatus.NEEDS_FIX, index=True)
    # The form as read and merged (intake.form.fields.FormReading.as_dict), with sources.
    fields_json: str = Field(default="{}", sa_column=Column(Text, nullable=False, default="{}"))
    # Every finding of the last check: [{rule, outcome, code, detail, fixable}].
    findings_json: str = Field(default="[]", sa_column=Column(Text, nullable=False, default="[]"))
    reason_codes: str = ""  # the codes of the findings that did not pass, space-separated
    phone_key: str = Field(default="", index=True)  # E.164, to find one person twice
    person_key: str = Field(default="", index=True)  # folded name + birth year, likewise
    duplicate_of: str = ""
    # Review codes an organizer has looked at and let pass.
    cleared_reviews: str = ""
    decided_by_organizer: bool = False
    decision_note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    first_arrived_at: datetime | None = Field(default=None, sa_column=utc_column())
    last_arrived_at: datetime | None = Field(default=None, sa_column=utc_column())
    created_at: datetime = Field(sa_column=utc_column(nullable=False))
    updated_at: datetime = Field(sa_column=utc_column(nullable=False))


class Work(SQLModel, table=True):
    """A work an entrant submitted: an attached file kept by baiqau, or a link."""

    __tablename__ = "work"

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="application.id", index=True)
    inbound_id: int | None = Field(default=None, foreign_key="inbound_message.id")
    kind: str  # video | photo | multimedia | unsupported
    title: str  # the sender's file name, or the link
    is_link: bool = False
    url: str = ""
    size: int | None = None
    sha256: str = ""
    path: str = ""  # relative to the storage folder; never the sender's file name
    withdrawn: bool = False  # replaced by a later email


class Decision(SQLModel, table=True):
    """The audit of organizers' decisions: who accepted or rejected what, when, how."""

    __tablename__ = "decision"

    id: int | None = Field(default=None, primary_key=True)
    application_id: int = Field(foreign_key="application.id", index=True)
    status: str  # accepted | rejected
    note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    decided_by: str  # the organizer's address, or "command line"
    inbound_id: int | None = Field(default=None, foreign_key="inbound_message.id")
    decided_at: datetime = Field(sa_column=utc_column(nullable=False))
