"""A juror's reply, handled: proven theirs, read, recorded, and answered in their language.

Only a reply from the juror's address with the juror's token (and DKIM, when asked) can
record anything. Anything else that claimed to be a juror's is kept as `forged` for the
organizers (`baiqau jury status`, the digest); if it came from a juror's address, that
address gets one short notice of what to do, and a stranger gets nothing. A reply that
arrived (by the server's clock) after `jury.deadline` changes nothing and is told so.

A proven reply's own lines are read (quotes and our sheet left out, `jury.quoting`), and
the scores for works on the juror's sheet are written, each replacing that juror's earlier
score with a line in the audit. The answer says what was recorded, quotes every line left
out with why, and lists what is still owed.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from sqlmodel import Session

from hub.clock import load_zone
from hub.config import Language
from hub.db import as_utc
from hub.humanize import format_moment
from hub.jury_config import JuryConfig
from hub.mail.handling import Handling
from hub.mail.htmltext import html_to_text
from hub.mail.outbox import Answer
from hub.models import (
    Juror,
    JuryReply,
    ReplyOutcome,
)
from hub.texts import render
from hub.tokens import find_tokens, make_token
from jury.authentication import Identity, identify
from jury.lookups import JurorLookups
from jury.reading import (
    Problem,
    ProblemCode,
    ScoreReading,
    ScoreRules,
    Source,
    WorkScores,
    restrict,
)
from jury.recording import WorkValues, decimal_text, write_scores
from jury.recusal import RecusalError, recuse
from jury.reminders import deadline_of
from jury.scoretext import read_scores
from jury.sheetmarks import sheet_begin, sheet_end
from jury.sheetread import SheetFileError, read_sheet_docx
from jury.sheets import DOCX_TYPE, jury_of

log = logging.getLogger(__name__)
ECHO_TITLE = "baiqau answer"


class Owed(NamedTuple):
    """A work still owed, as the echo lists it: its number, and the criteria without a
    score (none listed: the whole work is owed)."""

    number: str
    missing: list[str]


def handle_jury_reply(handling: Handling) -> None:
    session, message, letter = handling.session, handling.message, handling.letter
    config = handling.context.config
    jury = jury_of(config)
    now = handling.context.clock.now()
    arrived = as_utc(message.internaldate) or now
    jurors = handling.lookups.of(JurorLookups).jurors(session)
    text = letter.text_plain or html_to_text(letter.text_html)
    tokens = find_tokens(f"{letter.subject}\n{text}")
    identity = identify(letter.sender, tokens, jurors, letter.headers, jury)
    reply = JuryReply(inbound_id=message.id or 0, sender=letter.sender,
                      juror_id=identity.juror.id if identity.juror else None,
                      outcome=ReplyOutcome.FORGED, detail=identity.detail, received_at=arrived)
    session.add(reply)
    if not identity.proven:
        log.warning("%s: a jury reply that proves nothing: %s", message.message_id,
                    identity.detail)
        if identity.from_a_juror:
            _refuse(handling, identity)
        elif identity.token_owner is not None:
            _warn_owner(handling, identity.token_owner, arrived)
        return
    juror = identity.juror
    assert juror is not None and juror.id is not None
    deadline = deadline_of(jury, config.contest.timezone)
    if deadline is not None and arrived > deadline:
        reply.outcome = ReplyOutcome.LATE
        reply.detail = "after the deadline: nothing changed"
        _answer_late(handling, juror, arrived)
        return
    lookups = handling.lookups.of(JurorLookups)
    reading = _read(lookups, session, config.contest.application_prefix, jury, text, juror,
                    [item.path for item in letter.attachments if _is_docx(item.filename,
                                                                          item.content_type)])
    recused = []
    for recusal in reading.recusals:
        try:
            recuse(session, handling.context, juror, recusal.number, note=message.message_id,
                   now=now, inbound_id=message.id, message_id=message.message_id)
        except RecusalError as error:
            log.info("%s: recusal not recorded: %s", message.message_id, error)
            continue
        recused.append(recusal.number)
    if recused:
        lookups.changed()
    ids = lookups.accepted(session)
    works = [WorkValues(ids[work.number], work.scores, work.comment) for work in reading.works]
    recorded = 0
    for work, written in zip(works, write_scores(
            session, juror_id=juror.id, works=works, now=now, inbound_id=message.id,
            message_id=message.message_id), strict=True):
        lookups.scored(juror.id, work.application_id, work.values)
        recorded += len(written)
    reply.scores_recorded = recorded
    reply.outcome = ReplyOutcome.RECORDED if recorded or recused else ReplyOutcome.NOTHING
    reply.detail = f"{recorded} score(s), {len(recused)} recusal(s), " \
                   f"{sum(problem.code.ignored for problem in reading.problems)} left out"
    _echo(handling, juror, reading, recused)


def _is_docx(filename: str, content_type: str) -> bool:
    return filename.lower().endswith(".docx") or content_type.lower() == DOCX_TYPE


def _read(lookups: JurorLookups, session: Session, prefix: str, jury: JuryConfig,
          text: str, juror: Juror, sheets: Sequence[Path] = ()) -> ScoreReading:
    """What the reply says: its DOCX sheets first, then its text, which wins for a work
    both name (a juror who attaches the sheet and then corrects a score in the text)."""
    assert juror.id is not None
    accepted = lookups.accepted(session).keys()
    assigned = lookups.standing(session, juror.id).numbers
    rules = ScoreRules.of(jury)
    readings = []
    for path in sheets:
        try:
            readings.append(read_sheet_docx(path, jury.criteria, rules, accepted,
                                            prefix=prefix))
        except SheetFileError:
            readings.append(ScoreReading(problems=(Problem(
                ProblemCode.NO_SCORE_TABLE, Source(0, path.name, path.name)),)))
    readings.append(read_scores(text, jury.criteria, rules, accepted, prefix=prefix))
    return restrict(_combined(readings), assigned)


def _combined(readings: Sequence[ScoreReading]) -> ScoreReading:
    works: dict[str, WorkScores] = {}
    for reading in readings:
        for work in reading.works:
            earlier = works.get(work.number)
            if earlier is None:
                works[work.number] = work
            else:
                works[work.number] = WorkScores(
                    work.number, {**earlier.scores, **work.scores},
                    work.comment or earlier.comment, (*earlier.sources, *work.sources))
    recusals = {recusal.number: recusal for reading in readings for recusal in reading.recusals}
    return ScoreReading(works=tuple(works.values()), recusals=tuple(recusals.values()),
                        problems=tuple(problem for reading in readings
                                       for problem in reading.problems))


def _token(handling: Handling, juror: Juror) -> str:
    key = handling.lookups.of(JurorLookups).key(handling.context.config.storage_path)
    return make_token(key, juror.token_nonce)


def _contest(handling: Handling, language: Language) -> str:
    names = handling.context.config.contest.name
    return names.get(language) or next(iter(names.values()))


def _echo(handling: Handling, juror: Juror, reading: ScoreReading, recused: list[str]) -> None:
    jury = jury_of(handling.context.config)
    language = Language(juror.language)
    names = {criterion.key: criterion.name.get(language) or next(iter(criterion.name.values()))
             for criterion in jury.criteria}
    recorded = [{"number": work.number, "comment": work.comment,
                 "scores": [{"name": names[key], "value": decimal_text(value)}
                            for key, value in work.scores.items()]}
                for work in reading.works]
    # Criteria still without a score are said under "still owed": the juror's standing as
    # the batch has it, this reply's scores included (`JurorLookups.scored`).
    ignored = [_ignored(problem, names) for problem in reading.problems if problem.code.ignored]
    assert juror.id is not None
    standing = handling.lookups.of(JurorLookups).standing(handling.session, juror.id)
    owed = standing.owed([criterion.key for criterion in jury.criteria])
    every = len(jury.criteria)
    # Attributes, not dict keys: the template reads `work.number` for each of up to
    # thousands of works, and Jinja tries an attribute before a key.
    left = [Owed(number, [] if len(missing) == every else [names[key] for key in missing])
            for number, missing in owed.items()]
    token = _token(handling, juror)
    zone = load_zone(handling.context.config.contest.timezone)
    deadline = deadline_of(jury, handling.context.config.contest.timezone)
    text = render("jury_echo", language, contest=_contest(handling, language),
                  juror=juror.name, token=token, recorded=recorded, recused=recused,
                  ignored=ignored, left=left,
                  deadline=format_moment(deadline, language.value, zone, with_zone=True)
                  if deadline else "",
                  begin=sheet_begin(token, ECHO_TITLE), end=sheet_end(token, ECHO_TITLE))
    _send(handling, juror, text.subject, text.body, "jury-echo", language)


def _ignored(problem: Problem, names: dict[str, str]) -> dict[str, object]:
    return {"line": problem.source.text.strip(), "code": problem.code.value,
            "number": problem.number, "criterion": names.get(problem.criterion, ""),
            "written": problem.written}


def _answer_late(handling: Handling, juror: Juror, arrived: object) -> None:
    config = handling.context.config
    jury = jury_of(config)
    language = Language(juror.language)
    zone = load_zone(config.contest.timezone)
    deadline = deadline_of(jury, config.contest.timezone)
    assert deadline is not None
    token = _token(handling, juror)
    moment = as_utc(handling.message.internaldate) or handling.context.clock.now()
    text = render("jury_late", language, contest=_contest(handling, language),
                  juror=juror.name, token=token,
                  deadline=format_moment(deadline, language.value, zone, with_zone=True),
                  arrived=format_moment(moment, language.value, zone, with_zone=True),
                  begin=sheet_begin(token, ECHO_TITLE), end=sheet_end(token, ECHO_TITLE))
    _send(handling, juror, text.subject, text.body, "jury-late", language)


def _refuse(handling: Handling, identity: Identity[Juror]) -> None:
    juror = identity.juror
    assert juror is not None
    language = Language(juror.language)
    text = render("jury_refused", language, contest=_contest(handling, language),
                  reason=identity.verdict.value)
    # To the juror's own address, whatever the From said: the real juror reads it there.
    handling.answer(Answer(
        dedup_key=f"jury-refused:{handling.message.sha256}", to_address=juror.email,
        to_name=juror.name, subject=text.subject, body_text=text.body,
        purpose="jury-refused", language=language.value,
        in_reply_to=handling.letter.message_id,
    ))


def _warn_owner(handling: Handling, juror: Juror, arrived: datetime) -> None:
    """A stranger's email carried this juror's token: the juror is told at their own
    address (the stranger gets nothing). Often it is the juror, replying from another
    mailbox, who would otherwise take silence for scores recorded; if not, their code is
    out and the organizers should know. One such notice a juror a day, so a forger
    cannot flood the juror's mailbox."""
    language = Language(juror.language)
    text = render("jury_refused", language, contest=_contest(handling, language),
                  reason="stolen_token", other=handling.letter.sender)
    day = arrived.astimezone(load_zone(handling.context.config.contest.timezone)).date()
    handling.answer(Answer(
        dedup_key=f"jury-token-elsewhere:{juror.id}:{day.isoformat()}", to_address=juror.email,
        to_name=juror.name, subject=text.subject, body_text=text.body,
        purpose="jury-refused", language=language.value,
    ))


def _send(handling: Handling, juror: Juror, subject: str, body: str, purpose: str,
          language: Language) -> None:
    letter = handling.letter
    references = " ".join(ref for ref in [*letter.references, letter.message_id] if ref)
    handling.answer(Answer(
        dedup_key=f"{purpose}:{handling.message.sha256}", to_address=juror.email,
        to_name=juror.name, subject=subject, body_text=body, purpose=purpose,
        language=language.value, in_reply_to=letter.message_id, references=references,
        rate_limited=False,
    ))
