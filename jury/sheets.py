"""Score sheets out: each juror gets their works by email, once, and later only what changed.

`send_sheets` brings the jurors and the assignments up to date (a new juror, a newly
accepted application, a recusal's replacement) and queues, for each juror with works
not yet sent, one sheet: the first lists all their works, a later one only the new ones
and says so. The works' files ride along within the per-email budget (jury.packing).
An assignment is marked sent in the same transaction that queues its email, so a sheet
is never sent twice and never forgotten.

With `jury.blind`, no name, address, phone or settlement of an entrant appears in any
jury email or file name: works are known by their numbers, files as "A-0012-1.mp4".
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import PurePosixPath

from sqlmodel import Session, select

from hub.clock import contest_moment, load_zone
from hub.config import Config, ConfigError, Language
from hub.context import Context
from hub.db import session_scope
from hub.humanize import format_moment, format_size
from hub.jury_config import JuryConfig
from hub.mail.headers import header_safe
from hub.mail.outbox import Answer, OutboundAttachment, queue_answer
from hub.models import Assignment, AssignmentState, Juror, Work
from hub.storage import sync_files
from hub.texts import render
from hub.tokens import load_key, make_token
from jury.assignment import Plan, plan_assignments
from jury.packing import Delivery, FileToSend, Placed, pack, part_count
from jury.reading import ScoreRules
from jury.recording import decimal_text
from jury.roster import Entry, accepted_entries, sync_jurors
from jury.sheetdocx import write_sheet_docx
from jury.sheetmarks import example_line, example_scores, sheet_begin, sheet_end
from jury.sheettext import SheetRow

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SHEET_FILE_NAMES = {Language.KK: "Бағалау парағы", Language.RU: "Оценочный лист",
                    Language.EN: "Score sheet"}


@dataclass
class SheetReport:
    jurors: int = 0  # jurors who were sent something
    emails: int = 0
    assigned: int = 0  # assignments added


def jury_of(config: Config) -> JuryConfig:
    if config.jury is None:
        raise ConfigError("jury: this contest's config has no [jury] section")
    return config.jury


def number(value: float) -> str:
    """A score bound or weight as people write it: 10, 7.5 (as scores are kept)."""
    return decimal_text(Decimal(str(value)))


def send_sheets(context: Context) -> SheetReport:
    """Assign what is unassigned and queue every juror's sheet of works not yet sent."""
    with session_scope(context.engine) as session:
        return send_sheets_in(session, context)


def send_sheets_in(session: Session, context: Context) -> SheetReport:
    """`send_sheets` inside the caller's transaction (a recusal handled from a reply)."""
    config, now = context.config, context.clock.now()
    jury = jury_of(config)
    key = load_key(config.storage_path)
    report = SheetReport()
    jurors = sync_jurors(session, jury, key, now)
    entries = accepted_entries(session)
    report.assigned = assign_works(session, jury, jurors, entries, now)
    by_id = {entry.application_id: entry for entry in entries}
    for juror in jurors:
        mine = [row for row in _assignments(session, juror)
                if row.state is AssignmentState.ASSIGNED and row.application_id in by_id]
        new = [row for row in mine if row.sheet_sent_at is None]
        if not new:
            continue
        first = not any(row.sheet_sent_at for row in _assignments(session, juror))
        works = [by_id[row.application_id] for row in (mine if first else new)]
        token = make_token(key, juror.token_nonce)
        report.emails += queue_sheet(session, context, juror, token, works, first=first,
                                     now=now, all_works=[by_id[row.application_id]
                                                         for row in mine])
        report.jurors += 1
        for row in new:
            row.sheet_sent_at = now
            session.add(row)
    return report


def assign_works(session: Session, jury: JuryConfig, jurors: Sequence[Juror],
                 entries: Sequence[Entry], now: datetime) -> int:
    rows = session.exec(select(Assignment)).all()
    accepted = {entry.application_id for entry in entries}
    plan = Plan(
        jurors=[juror.id for juror in jurors if juror.id is not None],
        works=[entry.application_id for entry in entries],
        assigned={(row.juror_id, row.application_id) for row in rows
                  if row.state is AssignmentState.ASSIGNED and row.application_id in accepted},
        recused={(row.juror_id, row.application_id) for row in rows
                 if row.state is AssignmentState.RECUSED},
    )
    added = plan_assignments(plan, jury.reviews_per_work)
    for juror_id, application_id in added:
        session.add(Assignment(juror_id=juror_id, application_id=application_id, assigned_at=now))
    session.flush()
    return len(added)


def _assignments(session: Session, juror: Juror) -> list[Assignment]:
    return list(session.exec(select(Assignment).where(Assignment.juror_id == juror.id)).all())


@dataclass
class SheetWork:
    number: str
    name: str
    settlement: str
    links: list[str]
    files: list[dict[str, object]] = field(default_factory=list)


def queue_sheet(session: Session, context: Context, juror: Juror, token: str,
                works: Sequence[Entry], *, first: bool, now: datetime,
                all_works: Sequence[Entry] = ()) -> int:
    """Queue one juror's sheet (in as many parts as its files need); returns the emails.

    `works` are the ones the email lists (all, or the new ones); the DOCX sheet on part 1
    has a row for every work of `all_works`, so the juror always fills in one table.
    """
    config = context.config
    jury = jury_of(config)
    language = Language(juror.language)
    files = [_file_to_send(entry, work, index, jury.blind)
             for entry in works for index, work in enumerate(entry.files, start=1)]
    placed = pack(files, jury.max_email_bytes, jury.public_storage_url)
    parts = part_count(placed)
    zone = load_zone(config.contest.timezone)
    criteria = [{"number": index, "name": criterion.name.get(language)
                 or next(iter(criterion.name.values())), "weight": number(criterion.weight)}
                for index, criterion in enumerate(jury.criteria, start=1)]
    rules = ScoreRules.of(jury)
    example = example_line(config.contest.application_prefix, example_scores(
        len(jury.criteria), rules.minimum, rules.maximum, rules.step))
    deadline = ""
    if jury.deadline is not None:
        moment = contest_moment(jury.deadline, zone)
        deadline = format_moment(moment, language.value, zone, with_zone=True)
    sheet_works = [_sheet_work(entry, placed, jury.blind, language) for entry in works]
    numbers = ",".join(entry.number for entry in works)
    digest = hashlib.sha256(f"{first}:{numbers}".encode()).hexdigest()[:16]
    contest = config.contest.name.get(language) or next(iter(config.contest.name.values()))
    table = _write_docx(context, juror, token, all_works or works, digest, contest=contest,
                        deadline=deadline)
    for part in range(1, parts + 1):
        text = render("jury_sheet", language, contest=contest, juror=juror.name, token=token,
                      address=juror.email, first=first, part=part, parts=parts,
                      criteria=criteria, low=number(jury.score_min),
                      high=number(jury.score_max), step=number(jury.score_step),
                      example=example, deadline=deadline, works=sheet_works,
                      blind=jury.blind, sheet_begin=sheet_begin(token),
                      sheet_end=sheet_end(token))
        attachments = tuple(
            OutboundAttachment(item.file.path, item.file.filename, item.file.content_type)
            for item in placed if item.delivery is Delivery.ATTACHED and item.part == part)
        if part == 1:
            attachments = (table, *attachments)
        queue_answer(session, Answer(
            dedup_key=f"jury-sheet:{juror.id}:{digest}:{part}",
            to_address=juror.email, to_name=juror.name, subject=text.subject,
            body_text=text.body, purpose="jury-sheet", language=language.value,
            rate_limited=False, attachments=attachments,
        ), config=config, clock=context.clock)
    return parts


def _write_docx(context: Context, juror: Juror, token: str, works: Sequence[Entry],
                digest: str, *, contest: str, deadline: str) -> OutboundAttachment:
    """The juror's DOCX sheet, written durably into the storage folder before the email
    that carries it is queued (the outbox reads it when it sends)."""
    jury = jury_of(context.config)
    language = Language(juror.language)
    relpath = f"jury/sheets/{juror.id}-{digest}.docx"
    target = context.config.storage_path / relpath
    target.parent.mkdir(parents=True, exist_ok=True)
    rows = [SheetRow(entry.number, "" if jury.blind else
                     ", ".join(part for part in (entry.name, entry.settlement) if part))
            for entry in works]
    temporary = target.with_suffix(".tmp")
    write_sheet_docx(temporary, contest=contest, token=token, language=language,
                     criteria=jury.criteria, rules=ScoreRules.of(jury), rows=rows,
                     deadline=deadline)
    sync_files(target.parent, [temporary])
    os.replace(temporary, target)
    sync_files(target.parent, [target.parent])
    return OutboundAttachment(relpath, f"{SHEET_FILE_NAMES[language]} {token}.docx", DOCX_TYPE)


def _file_to_send(entry: Entry, work: Work, index: int, blind: bool) -> FileToSend:
    suffix = PurePosixPath(work.path).suffix
    if blind:
        # The sender's own file name often carries their name: never shown when blind.
        filename = f"{entry.number}-{index}{suffix}"
    else:
        title = header_safe(work.title, limit=80).replace("/", "_").replace("\\", "_")
        filename = f"{entry.number}-{index} {title}" if title else f"{entry.number}-{index}{suffix}"
    content_type = mimetypes.guess_type(f"x{suffix}")[0] or "application/octet-stream"
    return FileToSend(number=entry.number, path=work.path, filename=filename,
                      size=work.size or 0, content_type=content_type)


def _sheet_work(entry: Entry, placed: Sequence[Placed], blind: bool,
                language: Language) -> SheetWork:
    files: list[dict[str, object]] = [
        {"filename": item.file.filename, "size": format_size(item.file.size, language.value),
         "delivery": item.delivery.value, "part": item.part, "link": item.link}
        for item in placed if item.file.number == entry.number]
    return SheetWork(number=entry.number, name="" if blind else entry.name,
                     settlement="" if blind else entry.settlement,
                     links=list(entry.work_links), files=files)
