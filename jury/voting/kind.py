"""Voters' mail as kinds of contest mail: registrations, and ballots (secret)."""

from __future__ import annotations

from hub.mail.kinds import MailKind
from hub.models import MessageKind
from jury.voting.lookups import VoterLookups
from jury.voting.registration import detect_registration, handle_registration
from jury.voting.votes import detect_vote, handle_vote

# Registrations first: a voter who writes РЕГИСТРАЦИЯ again mends their registration.
VOTERS = MailKind(
    name="voters",
    detectors=(detect_registration, detect_vote),
    handlers={MessageKind.REGISTER: handle_registration, MessageKind.VOTE: handle_vote},
    lookups=(VoterLookups,),
)
