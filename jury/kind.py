"""Jurors' replies as a kind of contest mail: the detector, the handler, the look-ups."""

from __future__ import annotations

from hub.mail.kinds import MailKind
from hub.models import MessageKind
from jury.detectors import detect_jury_reply
from jury.lookups import JurorLookups
from jury.replies import handle_jury_reply

JURY_REPLIES = MailKind(
    name="jury replies",
    detectors=(detect_jury_reply,),
    handlers={MessageKind.JURY_REPLY: handle_jury_reply},
    lookups=(JurorLookups,),
)
