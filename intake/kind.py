"""Applications as a kind of contest mail: intake's detectors, handler and look-ups."""

from __future__ import annotations

from hub.mail.kinds import MailKind
from hub.models import MessageKind
from intake.applications import handle_application
from intake.detectors import DETECTORS
from intake.lookups import ApplicantLookups

APPLICATIONS = MailKind(
    name="applications",
    detectors=DETECTORS,
    handlers={
        MessageKind.APPLICATION: handle_application,
        MessageKind.AMENDMENT: handle_application,
    },
    lookups=(ApplicantLookups,),
)
