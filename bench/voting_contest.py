"""The voting benchmark's contest: examples/press-secretary.toml's contest on the test
servers, its participants and verified voters put straight into the database, the real
`send_ballots`, and each voter's vote as an email.

Participants and voters are not made through email: 5,000 registrations would measure the
registration handler, not votes. The rows are those the code leaves: accepted
applications with position and organization in the form (as `tests/votingroom` makes
them), and voters as `baiqau voters import` + `voters verify` leave them (state verified,
no token yet). From there everything is baiqau's own: `jury.voting.ballots.send_ballots`
numbers the participants, gives each voter a token and queues their ballot.
"""

from __future__ import annotations

import json
import random
import time
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from ingest_mail import KK_NAMES, RU_NAMES
from sqlalchemy import insert
from sqlmodel import Session, col, select

from hub.clock import load_zone
from hub.config import load_config
from hub.context import open_context
from hub.mail.rounds import make_poller
from hub.models import (
    Application,
    ApplicationStatus,
    OutboundMessage,
    Participant,
    Voter,
    VoterState,
)
from jury.voting.ballots import BallotReport, send_ballots

if TYPE_CHECKING:
    from contest import Contest
    from dovecot import Dovecot
    from smtprelay import SmtpRelay

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "press-secretary.toml"
KEY_ENV = "BAIQAU_BENCH_BALLOT_KEY"
KEY = "bench ballot key: ӘҒҚҢӨҰҮҺІ әғқңөұүһі 0123456789"  # not a secret: a benchmark's
INSERT_BATCH = 1_000

# Seed 000's participants (its protocol's table), name, position and organization.
PARTICIPANTS = [
    ("Марат Балауса Маратқызы", "Пресс-секретарь",
     "Палата предпринимателей Алматинской области"),
    ("Мұхамеджанова Мөлдір Қайратқызы", "Баспасөз қызметі бөлімінің басшысы",
     "Сот әкімшілігінің Алматы облысы бойынша департаменті"),
    ("Тюлемисова Динара Булатбековна", "Пресс-секретарь акима",
     "ГУ «Аппарат акима Енбекшиказахского района»"),
    ("Маді Сайдильдин", "Пресс-секретарь", "Алматинский областной филиал партии «AMANAT»"),
    ("Әбілова Гүлнұр Серікқызы", "Баспасөз хатшысы", "Талдықорған қалалық әкімдігі"),
    ("Қасымов Ерлан Нұрланұлы", "Пресс-секретарь", "АО «Жетісу су арнасы»"),
    ("Ибраимова Аружан Бахытовна", "Руководитель пресс-службы",
     "Департамент полиции Алматинской области"),
    ("Сейітқали Айгерім Дәуренқызы", "Баспасөз хатшысы", "Облыстық денсаулық сақтау басқармасы"),
    ("Ли Виктория Олеговна", "Пресс-секретарь", "ТОО «Qazaq Agro Trade»"),
    ("Нұрмағамбетов Дәулет Асқарұлы", "Баспасөз хатшысы", "Іле ауданы әкімінің аппараты"),
    ("Ким Сергей Анатольевич", "Пресс-секретарь", "ОФ «Жетісу жастары»"),
]


def _local(days: float) -> str:
    moment = datetime.now(load_zone("Asia/Almaty")) + timedelta(days=days)
    return moment.replace(tzinfo=None, microsecond=0).isoformat()


def example_sections() -> tuple[dict[str, Any], str]:
    """The example's contest, intake, voting and reports sections, the voting open now,
    and its [[prizes]] tables as written there."""
    text = EXAMPLE.read_text(encoding="utf-8")
    example = tomllib.loads(text)
    contest = {key: example["contest"][key]
               for key in ("name", "default_language", "application_prefix")}
    intake = {key: example["intake"][key] for key in ("fields", "rules")}
    voting = dict(example["voting"], opens=_local(-1), closes=_local(5), results=_local(6)[:10],
                  ballot_key_env=KEY_ENV)
    reports = dict(example["reports"])
    return ({"contest": contest, "intake": intake, "voting": voting, "reports": reports},
            text[text.index("[[prizes]]"):])


def voting_contest(dovecot: Dovecot, sink: object, root: Path) -> Contest:
    """The press-secretary contest with its voting open, on the private Dovecot."""
    import os

    from contest import Contest

    os.environ[KEY_ENV] = KEY
    overrides, prizes = example_sections()
    contest = Contest(dovecot, cast("SmtpRelay", sink), root, overrides=overrides)
    # [[prizes]] is an array of tables, which the tests' TOML writer does not write.
    with contest.config_path.open("a", encoding="utf-8") as config:
        config.write("\n" + prizes)
    contest.config = load_config(contest.config_path)
    contest.context.engine.dispose()
    contest.context = open_context(contest.config)
    contest.poller = make_poller(contest.context, contest.kinds())
    return contest


def insert_participants(contest: Contest, count: int) -> None:
    """`count` accepted applications (P-0001 ...), position and organization in the form."""
    now = datetime.now(UTC) - timedelta(days=10)
    prefix = contest.config.contest.application_prefix
    rows = []
    for index in range(count):
        name, position, organization = PARTICIPANTS[index % len(PARTICIPANTS)]
        if index >= len(PARTICIPANTS):
            organization = f"{organization} ({index + 1})"
        rows.append({
            "id": index + 1, "number": f"{prefix}-{index + 1:04d}",
            "email": f"press{index + 1}@org{index + 1}.kz", "name": name, "language": "ru",
            "status": ApplicationStatus.ACCEPTED, "reason_codes": "",
            "fields_json": json.dumps({"full_name": name, "position": position,
                                       "organization": organization}, ensure_ascii=False),
            "findings_json": "[]", "first_arrived_at": now, "last_arrived_at": now,
            "created_at": now, "updated_at": now})
    with contest.context.engine.begin() as connection:
        connection.execute(insert(Application), rows)


def insert_voters(contest: Contest, count: int, seed: int) -> float:
    """`count` verified voters without a ballot yet, as `voters verify` leaves them;
    three in five write Kazakh. Returns the seconds."""
    rng = random.Random(seed)
    now = datetime.now(UTC) - timedelta(days=3)
    start = time.perf_counter()
    with contest.context.engine.begin() as connection:
        for first in range(count):
            if first % INSERT_BATCH:
                continue
            rows = []
            for number in range(first, min(count, first + INSERT_BATCH)):
                kazakh = rng.random() < 0.6
                rows.append({
                    "email": f"journalist{number:05d}@mail.kz",
                    "name": rng.choice(KK_NAMES if kazakh else RU_NAMES),
                    "phone": f"+7 70{rng.randrange(10)} {rng.randrange(100, 1000)} "
                             f"{rng.randrange(10, 100)} {rng.randrange(10, 100)}",
                    "outlet": f"{'Газеті' if kazakh else 'Газета'} №{number % 300}",
                    "language": "kk" if kazakh else "ru", "state": VoterState.VERIFIED,
                    "reason": "", "source": "import", "registered_at": now})
            connection.execute(insert(Voter), rows)
    return time.perf_counter() - start


def queue_ballots(contest: Contest) -> tuple[BallotReport, float]:
    """The real `send_ballots`: numbers, tokens, a ballot queued for every voter."""
    start = time.perf_counter()
    report = send_ballots(contest.context)
    return report, time.perf_counter() - start


@dataclass
class Ballot:
    """A voter's ballot as queued: what their vote answers."""

    email: str
    language: str
    subject: str
    body: str
    message_id: str


def ballots_of(contest: Contest) -> tuple[list[Ballot], list[Participant]]:
    with Session(contest.context.engine) as session:
        languages = dict(session.exec(select(Voter.email, Voter.language)).all())
        ballots = [Ballot(row.to_address, languages[row.to_address], row.subject,
                          row.body_text, row.message_id)
                   for row in session.exec(select(OutboundMessage)
                                           .where(OutboundMessage.purpose == "ballot")
                                           .order_by(col(OutboundMessage.id))).all()]
        participants = list(session.exec(select(Participant)
                                         .order_by(col(Participant.number))).all())
    return ballots, participants


@dataclass
class VoteMail:
    raw: bytes
    arrived: datetime
    number: int  # whom it votes for


# How journalists write their choice (jury.voting.choice reads them all); {n} a number.
WAYS = ["{n}", "№{n}", "ГОЛОС {n}", "ДАУЫС {n}", "VOTE {n}", "Голосую за №{n}", "{name}"]


def votes(ballots: list[Ballot], participants: list[Participant], contest_address: str,
          seed: int) -> list[VoteMail]:
    """One vote a voter, answering their ballot as a mail client does: their line on top,
    the ballot quoted; a few favourites and a long tail; one in four with an HTML part."""
    rng = random.Random(seed + 1)
    weights = [1.0 / (rank + 1) ** 1.2 for rank in range(len(participants))]
    arrived = datetime.now(UTC) - timedelta(hours=2)
    mail = []
    for index, ballot in enumerate(ballots):
        participant = rng.choices(participants, weights)[0]
        line = rng.choice(WAYS).format(n=participant.number, name=participant.name)
        greeting = "Сәлеметсіз бе!\n\n" if ballot.language == "kk" else "Добрый день!\n\n"
        quoted = "\n".join(f"> {row}" for row in ballot.body.splitlines())
        text = (f"{greeting if rng.random() < 0.3 else ''}{line}\n\n"
                f"{format_datetime(arrived)}, NewsHub.kz <{contest_address}>:\n{quoted}\n")
        message = EmailMessage()
        message["From"] = ballot.email
        message["To"] = contest_address
        message["Subject"] = f"Re: {ballot.subject}"
        message["Date"] = format_datetime(arrived)
        message["Message-ID"] = make_msgid(f"v{index}", "mail.kz")
        message["In-Reply-To"] = ballot.message_id
        message["References"] = ballot.message_id
        message.set_content(text)
        if rng.random() < 0.25:
            html = "<div>" + "<br>".join(line.replace("&", "&amp;").replace("<", "&lt;")
                                         for line in text.splitlines()) + "</div>"
            message.add_alternative(html, subtype="html")
        mail.append(VoteMail(bytes(message), arrived, participant.number))
        arrived += timedelta(milliseconds=50)
    return mail
