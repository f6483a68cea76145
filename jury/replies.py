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
from pathlib import Path

from sqlmodel import Session, col, select

from hub.clock import load_zone
from hub.config import Language
from hub.db import as_utc
from hub.humanize import format_moment
from hub.jury_config import JuryConfig
from hub.mail.handling import Handling
from hub.mail.htmltext import html_to_text
from hub.mail.outbox import Answer
from hub.models import (
    Application,
    ApplicationStatus,
    Assignment,
    AssignmentState,
    Juror,
    JuryReply,
    ReplyOutcome,
)
from hub.texts import render
from hub.tokens import find_tokens, load_key, make_token
from jury.authentication import Identity, identify
from jury.lookups import JurorLookups
from jury.progress import jury_progress
from jury.reading import (
    Problem,
    ProblemCode,
    ScoreReading,
    ScoreRules,
    Source,
    WorkScores,
    restrict,
)
from jury.recording import decimal_text, write_scores
from jury.recusal import RecusalError, recuse
from jury.reminders import deadline_of
from jury.scoretext import read_scores
from jury.sheetmarks import sheet_begin, sheet_end
from jury.sheetread import SheetFileError, read_sheet_docx
from jury.sheets import DOCX_TYPE, jury_of

log = logging.getLogger(__name__)
ECHO_TITLE = "baiqau answer"


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
        return
    juror = identity.juror
    assert juror is not None and juror.id is not None
    deadline = deadline_of(jury, config.contest.timezone)
    if deadline is not None and arrived > deadline:
        reply.outcome = ReplyOutcome.LATE
        reply.detail = "after the deadline: nothing changed"
        _answer_late(handling, juror, arrived)
        return
    reading = _read(session, config.contest.application_prefix, jury, text, juror,
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
    ids = _application_ids(session, [work.number for work in reading.works])
    recorded = 0
    for work in reading.works:
        written = write_scores(session, juror_id=juror.id, application_id=ids[work.number],
                               values=work.scores, comment=work.comment, now=now,
                               inbound_id=message.id, message_id=message.message_id)
        recorded += len(written)
    session.flush()
    reply.scores_recorded = recorded
    reply.outcome = ReplyOutcome.RECORDED if recorded or recused else ReplyOutcome.NOTHING
    reply.detail = f"{recorded} score(s), {len(recused)} recusal(s), " \
                   f"{sum(problem.code.ignored for problem in reading.problems)} left out"
    _echo(handling, juror, reading, recused)


def _is_docx(filename: str, content_type: str) -> bool:
    return filename.lower().endswith(".docx") or content_type.lower() == DOCX_TYPE


def _read(session: Session, prefix: str, jury: JuryConfig, text: str, juror: Juror,
          sheets: Sequence[Path] = ()) -> ScoreReading:
    """What the reply says: its DOCX sheets first, then its text, which wins for a work
    both name (a juror who attaches the sheet and then corrects a score in the text)."""
    accepted = set(session.exec(
        select(Application.number).where(Application.status == ApplicationStatus.ACCEPTED)
    ).all())
    assigned = set(session.exec(
        select(Application.number)
        .join(Assignment, col(Assignment.application_id) == col(Application.id))
        .where(Assignment.juror_id == juror.id, Assignment.state == AssignmentState.ASSIGNED,
               Application.status == ApplicationStatus.ACCEPTED)
    ).all())
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


def _application_ids(session: Session, numbers: Sequence[str]) -> dict[str, int]:
    if not numbers:
        return {}
    return {number: application_id for number, application_id in session.exec(
        select(Application.number, Application.id).where(col(Application.number).in_(numbers))
    ).all() if application_id is not None}


def _token(handling: Handling, juror: Juror) -> str:
    return make_token(load_key(handling.context.config.storage_path), juror.token_nonce)


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
    # Criteria still without a score are said under "still owed", from the database.
    ignored = [_ignored(problem, names) for problem in reading.problems if problem.code.ignored]
    [progress] = jury_progress(handling.session, jury, [juror])
    every = len(jury.criteria)
    left = [{"number": number,
             "missing": [] if len(progress.missing[number]) == every
             else [names[key] for key in progress.missing[number]]}
            for number in progress.left]
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
