"""Which mail is a juror's reply: it carries a jury token, or it comes from a juror.

Claimed before applications: a juror's reply quoting their sheet is a reply to our mail
and would otherwise be taken for an entrant's amendment. A token from a stranger is
claimed too, so a forged reply is recorded as one (and never becomes an application).
"""

from __future__ import annotations

from hub.mail.letter import Letter
from hub.mail.router import Route, RouteContext
from hub.models import MessageKind
from hub.tokens import find_tokens
from jury.lookups import JurorLookups


def detect_jury_reply(letter: Letter, context: RouteContext) -> Route | None:
    if context.config.jury is None:
        return None
    if find_tokens(f"{letter.subject}\n{letter.text_plain}\n{letter.text_html}"):
        return Route(MessageKind.JURY_REPLY, "carries a jury token")
    jurors = context.lookups.of(JurorLookups).active_addresses(context.session)
    if letter.sender in jurors:
        return Route(MessageKind.JURY_REPLY, "from a juror's address")
    return None
