"""A journalist's or blogger's registration to vote, by email: recorded, and answered in
their language with what was recorded and that it waits for verification.

Claimed before applications, so a registration never becomes an application. A voter
writes again to mend what was missing; once verified (or refused), the details change
only through the organizers.
"""

from __future__ import annotations

from hub.config import Config, Language
from hub.mail.handling import Handling
from hub.mail.htmltext import html_to_text
from hub.mail.letter import Letter
from hub.mail.router import Route, RouteContext
from hub.models import MessageKind, Voter, VoterState
from hub.tokens import VOTER, find_tokens
from jury.quoting import own_text
from jury.voting.lookups import VoterLookups
from jury.voting.registration_form import (
    KEYWORD_LANGUAGES,
    Registration,
    is_registration,
    keyword_of,
    read_registration,
)


def _text(letter: Letter) -> str:
    return letter.text_plain or html_to_text(letter.text_html)


def detect_registration(letter: Letter, context: RouteContext) -> Route | None:
    if context.config.voting is None:
        return None
    text = _text(letter)
    if find_tokens(f"{letter.subject}\n{text}", VOTER):
        return None  # a reply to a ballot is a ballot, whatever its first line says
    if is_registration(letter.subject, own_text(text)):
        return Route(MessageKind.REGISTER, "a registration to vote (РЕГИСТРАЦИЯ/ТІРКЕЛУ/REGISTER)")
    return None


def below_threshold(config: Config, voter: Voter) -> dict[str, object] | None:
    """A blogger's followers under `voting.min_followers` for their platform, or None."""
    if config.voting is None or not voter.blog_platform or voter.followers is None:
        return None
    threshold = config.voting.min_followers.get(voter.blog_platform)
    if threshold is None or voter.followers >= threshold:
        return None
    return {"platform": voter.blog_platform, "followers": voter.followers,
            "threshold": threshold}


def handle_registration(handling: Handling) -> None:
    session, letter = handling.session, handling.letter
    now = handling.context.clock.now()
    text = own_text(_text(letter))
    reading = read_registration(text)
    keyword = keyword_of(letter.subject, text)
    language = Language(KEYWORD_LANGUAGES[keyword]) if keyword else handling.language
    voter = handling.lookups.of(VoterLookups).voter(session, letter.sender)
    changed = voter is not None
    if voter is None:
        voter = Voter(email=letter.sender, language=language.value, source="email",
                      registered_at=now)
    if voter.state is VoterState.REGISTERED:
        _update(voter, reading)
        voter.language = language.value
        session.add(voter)
        session.flush()
    problems = _problems(voter, reading)
    handling.reply(
        "voter_registered", dedup_key=f"voter-registered:{handling.message.sha256}",
        purpose="voter-registered",
        voter={"name": voter.name, "phone": voter.phone, "email": voter.email,
               "outlet": voter.outlet, "account": voter.blog_account,
               "platform": voter.blog_platform, "followers": voter.followers},
        problems=problems, below=below_threshold(handling.context.config, voter),
        state=voter.state.value, changed=changed, language=language)


def _update(voter: Voter, reading: Registration) -> None:
    """What this email says overrides what an earlier one said; what it leaves out stays."""
    voter.name = reading.name or voter.name
    if reading.phone and "phone_invalid" not in reading.problems:
        voter.phone = reading.phone
    voter.outlet = reading.outlet or voter.outlet
    voter.blog_account = reading.account or voter.blog_account
    voter.blog_platform = reading.platform or voter.blog_platform
    if reading.followers is not None:
        voter.followers = reading.followers


def _problems(voter: Voter, reading: Registration) -> list[str]:
    """What is still missing, from the voter's row (an earlier email may have given it)."""
    problems = []
    if not voter.name:
        problems.append("name_missing")
    if not voter.phone:
        problems.append("phone_invalid" if "phone_invalid" in reading.problems
                        else "phone_missing")
    if not voter.outlet and not voter.blog_account:
        problems.append("outlet_missing")
    if voter.blog_account and voter.followers is None:
        problems.append("followers_missing")
    return problems
