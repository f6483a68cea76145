"""The database's tables, one module per part of baiqau; every table is importable from here.

`hub.models.mail`: inbound and outbound mail and the mailbox cursors; `hub.models.
applications`: applications and their works. Importing this package registers every
table on `SQLModel.metadata`, which the migrations compare against.
"""

from hub.models.applications import Application, ApplicationStatus, Work
from hub.models.mail import (
    FolderCursor,
    InboundMessage,
    MessageKind,
    MessageState,
    OutboundMessage,
    OutboundState,
)

__all__ = [
    "Application",
    "ApplicationStatus",
    "FolderCursor",
    "InboundMessage",
    "MessageKind",
    "MessageState",
    "OutboundMessage",
    "OutboundState",
    "Work",
]
