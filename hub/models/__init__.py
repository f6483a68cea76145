"""The database's tables, one module per part of baiqau; every table is importable from here.

`hub.models.mail`: inbound and outbound mail and the mailbox cursors; `hub.models.
applications`: applications and their works; `hub.models.jury`: jurors, assignments,
scores and their audit; `hub.models.voting`: voters, the ballot, secret votes.
Importing this package registers every table on `SQLModel.metadata`, which the
migrations compare against.
"""

from hub.models.applications import Application, Decision, Work
from hub.models.jury import (
    Assignment,
    Juror,
    JuryReply,
    PrizeAward,
    ReplyOutcome,
    Score,
    ScoreChange,
    ScoreSheet,
)
from hub.models.mail import (
    FORGED_DECISION,
    FolderCursor,
    InboundMessage,
    MessageKind,
    MessageState,
    OutboundMessage,
    OutboundState,
)
from hub.models.voting import (
    BallotKeyCheck,
    BallotOutcome,
    BallotReply,
    Participant,
    Vote,
    Voter,
    VoterState,
    VotingAudit,
)
from hub.states import ApplicationStatus, AssignmentState

__all__ = [
    "FORGED_DECISION",
    "Application",
    "ApplicationStatus",
    "Assignment",
    "AssignmentState",
    "BallotKeyCheck",
    "BallotOutcome",
    "BallotReply",
    "Decision",
    "FolderCursor",
    "InboundMessage",
    "Juror",
    "JuryReply",
    "MessageKind",
    "MessageState",
    "OutboundMessage",
    "OutboundState",
    "Participant",
    "PrizeAward",
    "ReplyOutcome",
    "Score",
    "ScoreChange",
    "ScoreSheet",
    "Vote",
    "Voter",
    "VoterState",
    "VotingAudit",
    "Work",
]
