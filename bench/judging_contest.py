"""The jury benchmark's contest: the Shanyraq jury of config.toml with nine jurors, N
accepted applications put straight into the database, and the real `send_sheets`.

The applications are not made through email: at ~100 a second that would take minutes
and measure intake again (`bench/ingest.py` does). Their rows are inserted as intake
leaves an accepted application: numbered A-0001 upwards in order of arrival, the form as
`FormReading.as_dict` writes it, nine passed findings, and one work, a link (no files).
From there on everything is baiqau's own code: the jurors, their tokens, the assignments
and the sheets come from `jury.sheets.send_sheets`.
"""

from __future__ import annotations

import json
import random
import time
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ingest_mail import KK_NAMES, PLACES, RU_NAMES
from sqlalchemy import insert
from sqlmodel import Session, col, select

from hub.clock import load_zone
from hub.config import load_config
from hub.context import open_context
from hub.mail.rounds import make_poller
from hub.models import (
    Application,
    ApplicationStatus,
    Assignment,
    AssignmentState,
    Juror,
    OutboundMessage,
    OutboundState,
    Work,
)
from hub.tokens import load_key, make_token
from intake.form.fields import BODY, FormReading
from jury.sheets import SheetReport, send_sheets

if TYPE_CHECKING:
    from contest import Contest
    from dovecot import Dovecot
    from smtprelay import SmtpRelay

ROOT = Path(__file__).resolve().parent.parent
JURORS = 9
JUROR_NAMES = [
    ("Әлия Серікқызы", "kk"), ("Борис Ким", "ru"), ("Гүлмира Жақсылықова", "kk"),
    ("Дмитрий Орлов", "ru"), ("Ерболат Сәтбаев", "kk"), ("Ирина Ли", "ru"),
    ("Қуаныш Әбілқасым", "kk"), ("Марат Нуркенов", "ru"), ("Сәуле Ахметова", "kk"),
]
RULES = ("window", "name", "age", "region", "phone", "social_links", "subscribers",
         "works", "duplicate")
INSERT_BATCH = 1_000


def shipped_config() -> tuple[dict[str, Any], str]:
    """config.toml's [jury] table (without its example jurors and dates) and its
    [[prizes]] tables as they are written there."""
    text = (ROOT / "config.toml").read_text(encoding="utf-8")
    jury = dict(tomllib.loads(text)["jury"])
    for key in ("jurors", "opens", "deadline"):
        jury.pop(key, None)
    return jury, text[text.index("[[prizes]]"):]


def judging_contest(dovecot: Dovecot, sink: object, root: Path) -> Contest:
    """A contest with the shipped jury and prizes, nine jurors, and a deadline a month off."""
    from contest import Contest

    jury, prizes = shipped_config()
    deadline = datetime.now(UTC) + timedelta(days=30)
    jury["deadline"] = deadline.astimezone(load_zone("Asia/Almaty")).replace(
        tzinfo=None, microsecond=0).isoformat()
    jury["jurors"] = [{"name": name, "email": f"juror{index}@jury.example.kz",
                       "language": language}
                      for index, (name, language) in enumerate(JUROR_NAMES[:JURORS], start=1)]
    contest = Contest(dovecot, cast("SmtpRelay", sink), root, overrides={"jury": jury})
    # [[prizes]] is an array of tables, which the tests' TOML writer does not write: it
    # goes at the end of the file as config.toml has it, and the contest opens again.
    with contest.config_path.open("a", encoding="utf-8") as config:
        config.write("\n" + prizes)
    contest.config = load_config(contest.config_path)
    contest.context.engine.dispose()
    contest.context = open_context(contest.config)
    contest.poller = make_poller(contest.context, contest.kinds())
    return contest


def _form(rng: random.Random, number: int) -> tuple[str, str, str]:
    kazakh = rng.random() < 0.6
    name = rng.choice(KK_NAMES if kazakh else RU_NAMES)
    settlement = rng.choice(PLACES)
    reading = FormReading()
    reading.put("settlement", settlement, BODY)
    reading.put("full_name", name, BODY)
    reading.put("birthplace", settlement, BODY)
    reading.put("birth_year", rng.randrange(1996, 2010), BODY)
    reading.put("address", f"{settlement}, Абай көшесі {rng.randrange(1, 120)}", BODY)
    reading.put("phone", f"+7 70{rng.randrange(10)} {rng.randrange(100, 1000)} "
                         f"{rng.randrange(10, 100)} {rng.randrange(10, 100)}", BODY)
    reading.put("social_links", [f"https://instagram.com/entrant{number:05d}"], BODY)
    reading.put("subscribers", rng.randrange(1_000, 60_000), BODY)
    reading.put("work_links", [f"https://youtu.be/w{number:09d}"], BODY)
    return name, "kk" if kazakh else "ru", json.dumps(reading.as_dict(), ensure_ascii=False)


def insert_applications(contest: Contest, count: int, seed: int) -> float:
    """`count` accepted applications and their link works, as intake leaves them;
    returns the seconds it took."""
    rng = random.Random(seed)
    findings = json.dumps([{"rule": rule, "outcome": "pass", "code": "", "detail": "",
                            "fixable": False} for rule in RULES])
    start = time.perf_counter()
    arrived = datetime(2026, 3, 13, 3, tzinfo=UTC)
    with contest.context.engine.begin() as connection:
        for first in range(1, count + 1, INSERT_BATCH):
            applications, works = [], []
            for number in range(first, min(count, first + INSERT_BATCH - 1) + 1):
                arrived += timedelta(seconds=rng.randrange(1, 2 * 31 * 24 * 3600 // count + 2))
                name, language, fields = _form(rng, number)
                applications.append({
                    "id": number, "number": f"A-{number:04d}",
                    "email": f"entrant{number:05d}@mail.ru", "name": name,
                    "language": language, "status": ApplicationStatus.ACCEPTED,
                    "fields_json": fields, "findings_json": findings, "reason_codes": "",
                    "first_arrived_at": arrived, "last_arrived_at": arrived,
                    "created_at": arrived, "updated_at": arrived})
                url = f"https://youtu.be/w{number:09d}"
                works.append({"application_id": number, "kind": "video", "title": url,
                              "is_link": True, "url": url})
            connection.execute(insert(Application), applications)
            connection.execute(insert(Work), works)
    return time.perf_counter() - start


@dataclass
class Sheet:
    """A juror's sheet as queued by `send_sheets`, and the token their replies carry."""

    juror: Juror
    token: str
    subject: str
    body: str
    message_id: str
    works: list[str]  # the application numbers on it, in order


def queue_sheets(contest: Contest) -> tuple[SheetReport, float]:
    """The real `send_sheets`: jurors, tokens, assignments, and a sheet each, queued."""
    start = time.perf_counter()
    report = send_sheets(contest.context)
    return report, time.perf_counter() - start


def sheets_of(contest: Contest) -> list[Sheet]:
    """Each juror's sheet from the outbox, in the config's order of jurors."""
    key = load_key(contest.config.storage_path)
    found = []
    with Session(contest.context.engine) as session:
        for juror in session.exec(select(Juror).order_by(col(Juror.id))).all():
            numbers = list(session.exec(
                select(Application.number)
                .join(Assignment, col(Assignment.application_id) == col(Application.id))
                .where(Assignment.juror_id == juror.id,
                       Assignment.state == AssignmentState.ASSIGNED)
                .order_by(col(Application.id))).all())
            sheet = session.exec(select(OutboundMessage).where(
                OutboundMessage.purpose == "jury-sheet",
                OutboundMessage.to_address == juror.email)).one()
            found.append(Sheet(juror, make_token(key, juror.token_nonce), sheet.subject,
                               sheet.body_text, sheet.message_id, numbers))
    return found


def unsent(contest: Contest) -> int:
    with Session(contest.context.engine) as session:
        return len(session.exec(select(OutboundMessage.id).where(
            OutboundMessage.state != OutboundState.SENT)).all())
