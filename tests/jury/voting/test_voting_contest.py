"""The press-secretary contest (seed 000, examples/press-secretary.toml) run end to end by
email against the real Dovecot and SMTP relay, once for the module; the tests read it.

The example's own form, rules and dates: eleven press officers apply in June 2023
(Kazakh and Russian), the eleventh a second entrant from an organization already in,
written another way, and the organizers refuse it; sixty journalists register by email
or come in a roster, fifty-four are verified; ballots go out when voting opens on the
fake clock; votes arrive day by day (the mail server's INTERNALDATE is when) in every
way of writing one, with a planned count; a second vote, a forged ballot, a vote after
the close, an unverified journalist's mail and a voter struck off after voting count
nothing. Then the results and both protocols are checked against the plan, and every
output of the run is searched for a voter paired with their choice.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import subprocess
import tomllib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import docx
import pytest
from contest import ROOT, Contest, body_text, new_message, parse
from dovecot import Dovecot
from dovecot_mailboxes import MailAccount
from smtprelay import RelayedMessage, SmtpRelay
from sqlmodel import Session, col, select
from test_voting_secrecy import units_of_database
from votingcounts import SEED
from votingroom import KEY, KEY_ENV, REGISTRATION, vote

from hub.clock import FAKE_NOW_ENV, FakeClock, load_zone
from hub.models import (
    Application,
    ApplicationStatus,
    BallotOutcome,
    BallotReply,
    Voter,
    VoterState,
)
from hub.tokens import VOTER, find_tokens
from jury.voting.count import VotingCount, count_votes
from jury.voting.keys import ballot_key, keyed
from jury.voting.schedule import voting_job
from reports.voting_protocol import role_of

EXAMPLE = tomllib.loads((ROOT / "examples" / "press-secretary.toml").read_text("utf-8"))
ZONE = load_zone("Asia/Almaty")


def at(day: int, hour: int = 10, minute: int = 0) -> datetime:
    """A moment of June 2023 on the contest's clock (Almaty)."""
    return datetime(2023, 6, day, hour, minute, tzinfo=ZONE)


# -- the participants ---------------------------------------------------------------------
# The seed's first ten, a form each (Kazakh labels for every second), from their own
# domains (a voter from a participant's domain would be its press office).
KK_LABELS = ("Аты-жөні", "Лауазымы", "Ұйым", "Байланыс телефоны", "Электрондық пошта")
RU_LABELS = ("ФИО", "Должность", "Организация", "Контактный телефон", "E-mail")
KONAEV = 'КГУ "Аппарат акима города Конаев"'
APPLICANTS = [(name, position, KONAEV if index == 8 else organization)
              for index, (name, position, organization, _) in enumerate(SEED[:10])]
# The eleventh: the akimat of Konaev again, in Kazakh, its legal form behind.
SECOND_ENTRANT = ("Сейітова Айгүл Маратқызы", "Баспасөз хатшысы",
                  "«Қонаев қаласы әкімінің аппараты» мемлекеттік мекемесі")

# -- the plan of the vote -----------------------------------------------------------------
# Counted votes per ballot number (ballot numbers follow the application numbers): the
# most votes are not №1's, two ties, two with none.
PLAN = {1: 5, 2: 12, 3: 9, 4: 9, 5: 7, 6: 3, 7: 3, 8: 1, 9: 0, 10: 0}
STRUCK_CHOICE = 3  # the struck voter's vote: №3 leads №4 until it is removed
FORMATS = ["{n}", "№{n}", "ГОЛОС {n}", "ДАУЫС {n}", "{name}"]
UNVERIFIED = {36, 37, 38, 39, 58, 59}  # 0..39 register by email, 40..59 by the roster
SURNAMES = ["Ахметов", "Бекова", "Жұмабаев", "Қасымова", "Нұрланов", "Смағұлова", "Әлиев",
            "Оспанова", "Төлеуов", "Ғабитова"]
GIVEN = ["Ерлан", "Әсем", "Данияр", "Гүлнар", "Нұрбол", "Айгерім"]
OUTLETS = ["Казинформ", "Хабар 24", "Егемен Қазақстан", "Вечерний Алматы", "Жетісу",
           "Tengrinews", "Orda.kz", "Ел арна", "Литер", "Кapital.kz"]


@dataclass
class Person:
    index: int
    account: MailAccount
    name: str
    language: str
    ballot: EmailMessage | None = None
    choice: int | None = None  # whom they voted for (counted, struck or refused twice)


@dataclass
class Run:
    """What the scenario did and saw, for the tests to read."""

    contest: Contest
    clock: FakeClock
    entrants: list[MailAccount]
    people: list[Person]
    thief: MailAccount
    counted: list[Person]
    struck: Person
    twice: Person
    late: Person
    forged_victim: Person
    lone: Person  # unverified, writes a vote anyway
    days: Counter[date]
    relayed: list[RelayedMessage]  # the relay's record of this run
    outputs: list[tuple[str, str]] = field(default_factory=list)  # (where, one unit)
    cli: dict[str, subprocess.CompletedProcess[str]] = field(default_factory=dict)


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.name}: {record.getMessage()}")


def sections() -> dict[str, Any]:
    contest = {key: EXAMPLE["contest"][key]
               for key in ("name", "timezone", "default_language", "application_prefix")}
    return {"contest": contest, "intake": EXAMPLE["intake"],
            "voting": {**EXAMPLE["voting"], "ballot_key_env": KEY_ENV},
            "reports": EXAMPLE["reports"], "prizes": EXAMPLE["prizes"]}


def cli(contest: Contest, now: datetime, *args: str) -> subprocess.CompletedProcess[str]:
    """`baiqau ...` in a subprocess whose clock stands at `now`; tables as wide as they
    need, so that a row is a line and a name is never cut across two."""
    return contest.cli(*args, env={FAKE_NOW_ENV: now.isoformat(), "COLUMNS": "500"})


def deliver(contest: Contest) -> None:
    """The outbox until nothing more is due."""
    while contest.send_outbox().sent:
        pass


def handle(contest: Contest) -> None:
    contest.poll()
    deliver(contest)


def apply(contest: Contest, entrant: MailAccount, index: int, row: tuple[str, str, str],
          when: datetime) -> None:
    labels = KK_LABELS if index % 2 else RU_LABELS
    operator = ["701", "702", "705", "707", "747", "771", "775", "776", "777", "778"][index % 10]
    values = [*row, f"8 {operator} 555 {index:02d} {index:02d}", entrant.address]
    greeting = "Сәлеметсіз бе! Өтінім жіберемін." if index % 2 else \
        "Здравствуйте! Прошу принять заявку."
    body = greeting + "\n\n" + "\n".join(f"{label}: {value}"
                                         for label, value in zip(labels, values, strict=True))
    subject = "Өтінім" if index % 2 else "Заявка на конкурс"
    message = new_message(entrant.address, contest.mailbox.address, subject, body + "\n")
    contest.dovecot.append(contest.mailbox.address, message.as_bytes(), internaldate=when)


def first_ballot(contest: Contest, address: str) -> EmailMessage:
    for raw in contest.dovecot.messages(address):
        message = parse(raw)
        if find_tokens(message["Subject"] or "", VOTER):
            return message
    raise AssertionError(f"no ballot reached {address}")


@pytest.fixture(scope="module")
def run(dovecot: Dovecot, smtp_relay: SmtpRelay,
        tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    os.environ[KEY_ENV] = KEY
    records = Records()
    # baiqau's own loggers, at every level (the mail servers' chatter is not baiqau's).
    ours = [logging.getLogger(name) for name in ("baiqau", "hub", "intake", "jury", "reports")]
    levels = [logger.level for logger in ours]
    for logger in ours:
        logger.addHandler(records)
        logger.setLevel(logging.DEBUG)
    relay_start = len(smtp_relay.accepted)
    clock = FakeClock(at(10, 9))
    root = tmp_path_factory.mktemp("press-secretary")
    contest = Contest(dovecot, smtp_relay, root, overrides=sections(), clock=clock)
    try:
        yield scenario(contest, clock, root, records, relay_start)
    finally:
        for logger, level in zip(ours, levels, strict=True):
            logger.removeHandler(records)
            logger.setLevel(level)
        contest.context.engine.dispose()


def scenario(contest: Contest, clock: FakeClock, root: Path, records: Records,
             relay_start: int) -> Run:
    dovecot = contest.dovecot
    # Stage I: applications, 10 June; the second entrant from Konaev on the 12th.
    entrants = [dovecot.new_account("press", domain=f"org{index}.kz") for index in range(11)]
    for index, row in enumerate(APPLICANTS):
        apply(contest, entrants[index], index, row, at(10, 10, index))
    handle(contest)
    clock.set(at(12, 11))
    apply(contest, entrants[10], 11, SECOND_ENTRANT, at(12, 10))
    handle(contest)
    refused = cli(contest, at(13), "application", "reject", "P-0011", "--reason",
                  "от одной организации участвует один сотрудник: заявка P-0009 уже принята")
    assert refused.returncode == 0, refused.stderr

    # Voters: forty register by email (Russian and Kazakh), twenty come in a roster.
    people = []
    for index in range(60):
        name = f"{SURNAMES[index % 10]} {GIVEN[index // 10]}"
        people.append(Person(index, dovecot.new_account(f"voter{index}"), name,
                             "kk" if index % 2 else "ru"))
    clock.set(at(15, 9))
    for person in people[:40]:
        outlet = OUTLETS[person.index % len(OUTLETS)]
        if person.language == "ru":
            body = REGISTRATION.format(name=person.name, n=person.index,
                                       email=person.account.address, outlet=outlet)
        else:
            body = (f"ТІРКЕЛУ\nАты-жөні: {person.name}\nҰялы телефон: 8 702 444 33 "
                    f"{person.index:02d}\nЭлектрондық пошта: {person.account.address}\n"
                    f"БАҚ атауы: {outlet}\n")
        subject = "Регистрация" if person.language == "ru" else "Тіркелу"
        contest.send(new_message(person.account.address, contest.mailbox.address, subject,
                                 body), person.account.address)
    dovecot.wait_for_messages(contest.mailbox.address, 40)
    handle(contest)
    roster = root / "roster.csv"
    roster.write_text("email,name,phone,outlet,language\n" + "".join(
        f"{p.account.address},{p.name},8701555{p.index:04d},"
        f"{OUTLETS[p.index % len(OUTLETS)]},{p.language}\n" for p in people[40:]),
        encoding="utf-8-sig")
    imported = cli(contest, at(16), "voters", "import", str(roster))
    assert imported.returncode == 0 and "20 imported" in imported.stdout, imported
    verified = [p for p in people if p.index not in UNVERIFIED]
    done = cli(contest, at(18), "voters", "verify", *[p.account.address for p in verified])
    assert done.returncode == 0, done.stdout + done.stderr

    # Stage II opens: the service's scheduled job sends the ballots.
    clock.set(at(19, 0, 5))
    voting_job(contest.context)
    deliver(contest)
    for person in verified:
        person.ballot = first_ballot(contest, person.account.address)

    # The plan: the first 49 verified voters' votes count; then the voter struck later,
    # the late one, and two silent (one of whose tokens a stranger steals).
    choices = [number for number, votes in PLAN.items() for _ in range(votes)]
    counted = verified[:49]
    struck, late, victim = verified[49], verified[50], verified[51]
    for person, choice in zip(counted, choices, strict=True):
        person.choice = choice
    struck.choice = STRUCK_CHOICE
    names = {number: APPLICANTS[number - 1][0] for number in PLAN}
    days: Counter[date] = Counter()
    thief = contest.entrant("thief")
    twice, lone = counted[0], people[36]
    for day in range(19, 27):
        clock.set(at(day, 9))
        voting_job(contest.context)  # the reminder, a day before the close
        deliver(contest)
        for position, person in enumerate([*counted, struck]):
            if 19 + position % 8 != day:
                continue
            assert person.ballot is not None and person.choice is not None
            line = FORMATS[position % len(FORMATS)].format(n=person.choice,
                                                           name=names[person.choice])
            vote(contest, person.account, person.ballot, line,
                 at=at(day, 10, position % 60))
            if person is not struck:
                days[date(2023, 6, day)] += 1
        if day == 20:  # a stranger's address with a stolen token
            assert victim.ballot is not None
            vote(contest, victim.account, victim.ballot, "ГОЛОС 10", sender=thief.address,
                 at=at(day, 12))
        if day == 21:  # a registered voter, never verified, writes a vote anyway
            contest.dovecot.append(contest.mailbox.address, new_message(
                lone.account.address, contest.mailbox.address, "Голос", "ГОЛОС 1\n"
            ).as_bytes(), internaldate=at(day, 12))
        if day == 22:  # the first voter votes again, for another
            assert twice.ballot is not None
            vote(contest, twice.account, twice.ballot, "ДАУЫС 10", at=at(day, 13))
        clock.set(at(day, 18))
        handle(contest)
    # After the close (26 June 23:59:59): a vote on the 27th is refused.
    clock.set(at(27, 11))
    assert late.ballot is not None
    vote(contest, late.account, late.ballot, "ГОЛОС 2", at=at(27, 10))
    handle(contest)
    strike = cli(contest, at(27, 12), "voters", "strike", struck.account.address, "--reason",
                 "не журналист: номер принадлежит пресс-службе участника")
    assert strike.returncode == 0, strike.stderr
    clock.set(at(28, 12))
    result = Run(contest=contest, clock=clock, entrants=entrants, people=people, thief=thief,
                 counted=counted, struck=struck, twice=twice, late=late,
                 forged_victim=victim, lone=lone, days=days,
                 relayed=contest.relay.accepted[relay_start:])
    result.cli["strike"] = strike
    collect_outputs(result, root, records)
    return result


def cli_units(where: str, done: subprocess.CompletedProcess[str]) -> list[tuple[str, str]]:
    units = [(where, line) for line in [*done.stdout.splitlines(), *done.stderr.splitlines()]]
    if "json" in where and done.stdout.strip():
        parsed = json.loads(done.stdout)
        items = parsed if isinstance(parsed, list) else [parsed]
        units += [(where, json.dumps(item, ensure_ascii=False)) for item in items]
    return units


def parsed_text(raw: bytes) -> str:
    """A relayed email as its reader sees it: the headers and the text, decoded."""
    message = parse(raw)
    return f"{message['To']}\n{message['Subject']}\n{body_text(message)}"


def collect_outputs(run: Run, root: Path, records: Records) -> None:
    """Every output of the run, cut into units (a line, a JSON item, an email, a row)."""
    contest, after = run.contest, at(28, 12)
    during = at(23, 9)
    outputs = run.outputs
    commands = [(during, ["status"]), (during, ["digest"]), (during, ["voters", "list"]),
                (after, ["status"]), (after, ["voters", "list"]),
                (after, ["voters", "list", "--format", "json"]),
                (after, ["jury", "status"]), (after, ["digest"]),
                (after, ["export", "applications", "--format", "json"]),
                (after, ["export", "messages", "--format", "json"]),
                (after, ["export", "results", "--format", "json"]),
                (after, ["results"]), (after, ["results", "--format", "json"])]
    for now, command in commands:
        done = cli(contest, now, *command)
        run.cli[" ".join(command) + ("" if now == after else " (during)")] = done
        if command == ["jury", "status"]:  # a vote has no jury: said plainly
            assert (done.returncode, done.stderr.strip()) == (
                2, "baiqau: jury: this contest's config has no [jury] section")
        else:
            assert done.returncode == 0, (command, done.stderr)
        outputs += cli_units(" ".join(command), done)
    for language in ("ru", "kk"):
        target = root / f"protocol-{language}.docx"
        done = cli(contest, after, "results", "--protocol", str(target), "--language", language)
        assert done.returncode == 0, done.stderr
        run.cli[f"protocol {language}"] = done
        outputs += cli_units(f"protocol {language}", done)
        document = docx.Document(str(target))
        outputs += [(f"protocol {language}", paragraph.text)
                    for paragraph in document.paragraphs]
        outputs += [(f"protocol {language}", " | ".join(cell.text for cell in row.cells))
                    for table in document.tables for row in table.rows]
    outputs += [("log", line) for line in records.lines]
    outputs += [("cli log", line) for done in run.cli.values()
                for line in done.stderr.splitlines()]
    # Every mailbox but the voters' own (each voter's confirmation names their choice
    # to them, by design), every folder of each.
    own = {person.account.address for person in run.people}
    for address in [contest.organizer.address, contest.mailbox.address, run.thief.address,
                    *[entrant.address for entrant in run.entrants]]:
        for folder in contest.dovecot.folders(address):
            for raw in contest.dovecot.messages(address, folder):
                message = parse(raw)
                outputs.append((f"mail to {address} ({folder})",
                                f"{message['To']}\n{message['Subject']}\n{body_text(message)}"))
    for relayed in run.relayed:
        if set(relayed.rcpt_tos) & own:
            continue  # to a voter: read with their mailbox
        outputs.append(("relay", parsed_text(relayed.data)))
    storage = Path(contest.config.storage_path)
    outputs += [(str(path), path.read_bytes().decode("utf-8", "replace"))
                for path in storage.rglob("*") if path.is_file()]
    outputs += [("database", line) for line in units_of_database(contest)]


def the_count(run: Run) -> VotingCount:
    with Session(run.contest.context.engine) as session:
        return count_votes(session, run.contest.config, at(28, 12))


def expected_rows() -> list[tuple[int, int, str, int]]:
    """(place, ballot number, name, votes) from the plan, places shared as the seed's rules
    say: most votes first, a tie shares the place and the next place skips."""
    order = sorted(PLAN, key=lambda number: (-PLAN[number], number))
    rows = []
    for index, number in enumerate(order, start=1):
        place = index if index == 1 or PLAN[number] != PLAN[order[index - 2]] else rows[-1][0]
        rows.append((place, number, APPLICANTS[number - 1][0], PLAN[number]))
    return rows


# -- the tests ----------------------------------------------------------------------------

def test_the_second_entrant_from_an_organization_is_refused(run: Run) -> None:
    with Session(run.contest.context.engine) as session:
        rows = session.exec(select(Application).order_by(col(Application.id))).all()
    assert [row.status for row in rows] == [ApplicationStatus.ACCEPTED] * 10 + [
        ApplicationStatus.REJECTED]
    assert "same_organization" in rows[10].findings_json
    assert [row.language for row in rows[:4]] == ["ru", "kk", "ru", "kk"]
    told = [parse(raw) for raw in run.contest.dovecot.messages(run.entrants[10].address)]
    assert "тексерілуде" in told[0]["Subject"]  # in review, in Kazakh
    assert len(told) == 2  # then refused, with the reason
    assert "заявка P-0009 уже принята" in body_text(told[1])


def test_voters_registered_verified_and_got_their_ballots(run: Run) -> None:
    with Session(run.contest.context.engine) as session:
        voters = {row.email: row for row in session.exec(select(Voter)).all()}
    assert len(voters) == 60
    states = Counter(row.state for row in voters.values())
    assert states == {VoterState.VERIFIED: 53, VoterState.REGISTERED: 6,
                      VoterState.STRUCK: 1}
    assert voters[run.people[41].account.address].source == "import"
    kazakh = first_ballot(run.contest, run.people[1].account.address)
    russian = first_ballot(run.contest, run.people[0].account.address)
    assert "Сейітова" not in body_text(russian)  # the refused entrant is on no ballot
    for number, (name, *_rest) in enumerate(APPLICANTS, start=1):
        assert f"{number}. {name}" in body_text(kazakh)
    assert body_text(kazakh) != body_text(russian)
    for person in run.people:
        if person.index in UNVERIFIED:
            assert person.ballot is None
            assert not any(find_tokens(parse(raw)["Subject"], VOTER)
                           for raw in run.contest.dovecot.messages(person.account.address))


def test_the_refused_ballots_count_nothing_and_are_answered(run: Run) -> None:
    with Session(run.contest.context.engine) as session:
        outcomes = Counter(row.outcome for row in session.exec(select(BallotReply)).all())
    assert outcomes == {BallotOutcome.SECOND: 1, BallotOutcome.FORGED: 1,
                        BallotOutcome.LATE: 1, BallotOutcome.NOT_ALLOWED: 1}
    mailbox = run.contest.dovecot.messages
    assert mailbox(run.thief.address) == []  # a stranger is told nothing
    def last(person: Person) -> str:
        return body_text(parse(mailbox(person.account.address)[-1]))

    assert "Вы уже проголосовали" in last(run.twice)  # the first voter writes Russian
    assert run.late.language == "ru" and "Голосование закончилось" in last(run.late)
    assert "ещё не подтверждена организаторами" in last(run.lone)  # told, not ignored
    # A stolen token from a stranger's address: the organizers see it in `status`.
    status = run.cli["status"].stdout
    assert "Forged ballots" in status and run.thief.address in status


def test_the_count_is_the_plan(run: Run) -> None:
    count = the_count(run)
    assert {entry.number: entry.votes for entry in count.entries} == PLAN
    assert (count.voters_registered, count.voters_verified, count.votes_counted,
            count.votes_removed) == (60, 53, sum(PLAN.values()), 1)
    assert dict(count.turnout_by_day) == dict(run.days)
    assert "one vote removed" in run.cli["strike"].stdout


def test_the_results_as_json_match_the_plan(run: Run) -> None:
    rows = json.loads(run.cli["results --format json"].stdout)
    assert [(row["place"], row["number"], row["name"], row["votes"]) for row in rows] == \
        expected_rows()
    shared = {row["number"] for row in rows if "shared_place" in row["flags"]}
    assert shared == {3, 4, 6, 7, 9, 10}
    assert [row["organization"] for row in rows if row["number"] == 9] == [KONAEV]


@pytest.mark.parametrize(("language", "winner"), [
    ("ru", "Победителем конкурса стал"), ("kk", "")])
def test_the_protocol_table_matches_the_plan(run: Run, language: str, winner: str) -> None:
    document = docx.Document(str(run.contest.root / f"protocol-{language}.docx"))
    [table] = [table for table in document.tables if len(table.columns) == 4]
    body = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    rows = json.loads(run.cli["results --format json"].stdout)
    assert [(int(row[0]), row[1].split(" (")[0], row[2], int(row[3])) for row in body] == [
        (index, name, role_of(want), votes) for index, ((_, _, name, votes), want)
        in enumerate(zip(expected_rows(), rows, strict=True), start=1)]
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert APPLICANTS[1][0] in text and "1" in text
    if winner:
        assert f"{winner}" in text


def voter_pairs(run: Run) -> list[tuple[Person, str, int]]:
    """Everyone whose choice the run knows, with the name and number they chose."""
    voted = [*run.counted, run.struck]
    return [(person, APPLICANTS[(person.choice or 0) - 1][0], person.choice or 0)
            for person in voted]


def pairings(outputs: list[tuple[str, str]], pairs: list[tuple[Person, str, int]],
             names: list[str]) -> list[str]:
    """Each unit of output that names a voter (address or name) with their choice (the
    participant's name, or the number as a vote writes it); a ballot, which lists every
    participant, names no one's choice."""
    found = []
    for person, choice, number in pairs:
        spelled = [choice, f"ГОЛОС {number}", f"ДАУЫС {number}", f"№ {number},"]
        for where, unit in outputs:
            named = person.account.address in unit or person.name in unit
            if named and not all(name in unit for name in names) and \
                    any(text in unit for text in spelled):
                found.append(f"{where} pairs {person.name} with №{number}: {unit[:300]}")
    return found


def test_no_output_pairs_a_voter_with_their_choice(run: Run) -> None:
    names = [name for name, *_rest in APPLICANTS]
    assert len(run.outputs) > 1000  # the search covers the whole run
    wheres = {where for where, _ in run.outputs}
    for kind in ("log", "cli log", "relay", "mail to", "database", "status", "voters list",
                 "digest", "jury status", "export applications", "export messages",
                 "export results", "results", "protocol ru", "protocol kk"):
        assert any(where.startswith(kind) for where in wheres), kind
    found = pairings(run.outputs, voter_pairs(run), names)
    assert found == [], "\n".join(found[:5])
    # A voter's own mailbox holds their own choice (the confirmation) and no one else's.
    addresses = {person.account.address for person in run.people}
    for person in run.people:
        for raw in run.contest.dovecot.messages(person.account.address):
            text = parsed_text(raw)
            assert not any(other in text for other in addresses - {person.account.address})
    # The search finds a pairing where there is one: a voter's own confirmation names
    # them (To:) with their choice, by design, and is found.
    person, choice, number = voter_pairs(run)[0]
    mail = run.contest.dovecot.messages(person.account.address)
    own = [(f"mail to {person.account.address}", parsed_text(raw)) for raw in mail]
    assert len(pairings(own, [(person, choice, number)], names)) >= 1


def test_a_copy_of_the_database_without_the_key_pairs_no_one(run: Run) -> None:
    """The vote table's rows (rowid | id | voter_hash | participant_id | day) name no voter:
    their ids and hashes appear in no other table, match no hash computed without the
    key, and the ids are random, not in the order the votes came."""
    dump = units_of_database(run.contest)
    votes = [line.removeprefix("vote: ").split(" | ") for line in dump
             if line.startswith("vote: ")]
    assert len(votes) == sum(PLAN.values())
    elsewhere = [line for line in dump if not line.startswith("vote: ")]
    for rowid, vote_id, hashed, _participant, _day in votes:
        assert rowid == vote_id and int(vote_id) >= 2**32
        assert not any(hashed in line or vote_id in line for line in elsewhere)
    with Session(run.contest.context.engine) as session:
        voters = {row.email: row for row in session.exec(select(Voter)).all()}
    guessable = {hashlib.sha256(value.encode()).hexdigest() for row in voters.values()
                 for value in (row.email, row.token_nonce, str(row.id), row.token_hash)}
    assert not guessable & {hashed for _, _, hashed, _, _ in votes}
    # With the key, and only with it, each counted vote is found: the search is not vacuous.
    key = ballot_key(run.contest.config)
    hashes = {hashed for _, _, hashed, _, _ in votes}
    found = sum(keyed(key, "voter", voters[p.account.address].token_nonce) in hashes
                for p in run.counted)
    assert found == len(run.counted)
    assert keyed(key, "voter", voters[run.struck.account.address].token_nonce) not in hashes

