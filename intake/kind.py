"""Applications as a kind of contest mail (detectors, handler, look-ups), and the
organizers' decisions on them by reply to the digest."""

from __future__ import annotations

from hub.mail.kinds import MailKind
from hub.models import MessageKind
from intake.applications import handle_application
from intake.detectors import DETECTORS
from intake.lookups import ApplicantLookups
from intake.organizer_replies import detect_decision, handle_decision

APPLICATIONS = MailKind(
    name="applications",
    detectors=DETECTORS,
    handlers={
        MessageKind.APPLICATION: handle_application,
        MessageKind.AMENDMENT: handle_application,
    },
    lookups=(ApplicantLookups,),
)

DECISIONS = MailKind(
    name="organizers' decisions",
    detectors=(detect_decision,),  # a digest token from anyone else: recorded as forged
    handlers={MessageKind.DECISION: handle_decision},
    organizer_detectors=(detect_decision,),
)
