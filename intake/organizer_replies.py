"""Organizers decide reviews by replying to their digest: `ACCEPT A-0012`, `REJECT A-0012
не из Акмолинской области`, `ҚАБЫЛДАУ A-0012`, `ПРИНЯТЬ A-0012`.

A decision counts only from an organizer's address carrying that organizer's token,
which every digest has in its subject (`[O-XXXXXX]`) and body; a reply to any earlier
digest counts. Anything else carrying a digest token (another address, another
organizer's token) records nothing, is answered with nothing, never becomes an
application, and shows in the next digest. A real decision is confirmed by return, the
entrant is told in their language exactly as with `baiqau application accept|reject`,
and each is in the `decision` table. A number that does not exist, or a line that is not
understood, is answered, never guessed.

Only the organizer's own lines are read: reading stops at the first quoted line (`>`),
an attribution ("... wrote:", "... написал(а):", "... жазды:", "-----Original
Message-----", "From: ...") or one of baiqau's marker lines, so the quoted digest (whose
review list shows the numbers) is never taken for decisions.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from sqlmodel import select

from hub.config import Language
from hub.mail.handling import Handling
from hub.mail.htmltext import html_to_text
from hub.mail.letter import Letter
from hub.mail.router import Route, RouteContext
from hub.models import FORGED_DECISION, Application, MessageKind
from hub.tokens import ORGANIZER, find_tokens, load_key, organizer_token
from intake.decisions import accept_in, reject_in

log = logging.getLogger(__name__)
ACCEPT_WORDS = ("ACCEPT", "ҚАБЫЛДАУ", "ПРИНЯТЬ", "ПРИНЯТ")
REJECT_WORDS = ("REJECT", "ҚАБЫЛДАМАУ", "ОТКЛОНИТЬ", "ОТКЛОНЕНО")
_COMMAND = re.compile(
    r"^\s*(?P<word>[^\W\d_]+)\s*[:\-–—]?\s*(?P<prefix>[A-ZА]{1,3})\s?[-–—]?\s?"
    r"(?P<digits>\d{1,6})\b[\s,.:;–—-]*(?P<note>.*)$")
_STOP = re.compile(
    r"^\s*>|(wrote|написал\(?а?\)?|пишет|жазды)\s*:\s*$"
    r"|^-{2,}\s*(original message|исходное сообщение|end of baiqau|baiqau)"
    r"|^(from|от|кімнен)\s*:|<[^<>\s]+@[^<>\s]+>\s*:\s*$", re.IGNORECASE)


def detect_decision(letter: Letter, context: RouteContext) -> Route | None:
    """Mail carrying a digest token: an organizer's decisions, or a forgery of them."""
    if find_tokens(f"{letter.subject}\n{letter.text_plain}\n{letter.text_html}", ORGANIZER):
        return Route(MessageKind.DECISION, "carries an organizers' digest token")
    return None


@dataclass
class LineResult:
    line: str
    outcome: str  # accepted | rejected | unknown_number | no_reason | not_understood
    number: str = ""


def handle_decision(handling: Handling) -> None:
    letter, message, config = handling.letter, handling.message, handling.context.config
    text = letter.text_plain or html_to_text(letter.text_html)
    tokens = find_tokens(f"{letter.subject}\n{text}", ORGANIZER)
    key = load_key(config.storage_path)
    sender = letter.sender
    organizer = next((o for o in config.contest.organizers if o.email.lower() == sender), None)
    if organizer is None or organizer_token(key, sender) not in tokens:
        message.kind_reason = f"{FORGED_DECISION}: from {sender}"
        log.warning("%s: %s", message.message_id, message.kind_reason)
        return
    results = [_decide(handling, line) for line in own_lines(text)]
    language = config.contest.language_of(organizer)
    _confirm(handling, language, [result for result in results if result is not None])


def own_lines(text: str) -> list[str]:
    lines = []
    for line in text.splitlines():
        if _STOP.search(line):
            break
        if line.strip():
            lines.append(line.strip())
    return lines


def _decide(handling: Handling, line: str) -> LineResult | None:
    upper = line.upper()
    found = _COMMAND.match(upper)
    if found is None:
        return LineResult(line, "not_understood")
    word = found.group("word")
    if word not in ACCEPT_WORDS + REJECT_WORDS:
        return LineResult(line, "not_understood")
    prefix = handling.context.config.contest.application_prefix
    number = f"{prefix}-{int(found.group('digits')):04d}"
    # The note as the organizer wrote it (the match ran on an upper-case copy).
    note = (line[found.start("note"):] if len(upper) == len(line) else found.group("note"))
    note = note.strip()
    application = handling.session.exec(
        select(Application).where(Application.number == number)).first()
    if application is None:
        return LineResult(line, "unknown_number", number)
    by = handling.letter.sender
    if word in ACCEPT_WORDS:
        accept_in(handling.session, handling.context, application, note, by=by,
                  inbound_id=handling.message.id)
        return LineResult(line, "accepted", number)
    if not note:
        return LineResult(line, "no_reason", number)
    reject_in(handling.session, handling.context, application, note, by=by,
              inbound_id=handling.message.id)
    return LineResult(line, "rejected", number)


def _confirm(handling: Handling, language: Language, results: list[LineResult]) -> None:
    handling.reply("decision_reply", dedup_key=f"decision-reply:{handling.message.sha256}",
                   purpose="decision-reply", language=language,
                   results=[vars(result) for result in results])
