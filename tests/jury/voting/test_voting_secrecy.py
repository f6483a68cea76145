"""The ballot is secret, tested, not asserted: after a run with votes, a second vote, a
forged ballot and a voter struck off, no output pairs a voter with their choice, and a
copy of the database without the key does not pair them either."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from pathlib import Path

import pytest
from contest import Contest, body_text, parse
from sqlalchemy import text
from sqlmodel import Session, select
from test_voting_ballots import verified_voters
from votingroom import PARTICIPANTS, arrive, vote, voting_contest

from hub.models import Vote, Voter
from jury.voting.keys import ballot_key, keyed

CHOICES = [1, 2, 3, 4, 2, 1]


def units_of_database(contest: Contest) -> list[str]:
    """Every row of every table, rowid included, a line each: what a stolen copy shows."""
    lines = []
    with contest.context.engine.connect() as connection:
        tables = [row[0] for row in connection.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'table'"))]
        for table in tables:
            for row in connection.execute(text(f'SELECT rowid, * FROM "{table}"')):
                lines.append(f"{table}: " + " | ".join(str(value) for value in row))
    return lines


def test_no_output_and_no_copy_of_the_database_pairs_a_voter_with_a_choice(
        contest_factory: Callable[..., Contest], caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    contest = voting_contest(contest_factory)
    voters = verified_voters(contest, len(CHOICES))
    thief = contest.entrant("thief")
    for (account, ballot), choice in zip(voters, CHOICES, strict=True):
        vote(contest, account, ballot, f"ГОЛОС {choice}", subject=f"ГОЛОС {choice} "
             f"{ballot['Subject']}")
    vote(contest, voters[0][0], voters[0][1], "ГОЛОС 4", sender=thief.address)
    arrive(contest, len(CHOICES) + 1)
    vote(contest, voters[1][0], voters[1][1], "ГОЛОС 3")  # a second vote
    arrive(contest, 1)
    struck = contest.cli("voters", "strike", voters[5][0].address, "--reason", "фейк")
    assert "one vote removed" in struck.stdout

    names = {number: name for number, (name, *_rest) in enumerate(PARTICIPANTS, start=1)}
    with Session(contest.context.engine) as session:
        rows = {row.email: row for row in session.exec(select(Voter)).all()}
    pairs = [(rows[account.address], names[choice])
             for (account, _), choice in zip(voters, CHOICES, strict=True)]

    outputs: list[tuple[str, str]] = []  # (where, one unit of output)
    for command in (["status"], ["voters", "list"], ["voters", "list", "--format", "json"],
                    ["export", "messages", "--format", "json"],
                    ["export", "applications", "--format", "json"]):
        done = contest.cli(*command)
        assert done.returncode == 0, done.stderr
        outputs += [(" ".join(command), line) for line in
                    [*done.stdout.splitlines(), *done.stderr.splitlines()]]
        if "json" in command:
            outputs += [(" ".join(command), json.dumps(item, ensure_ascii=False))
                        for item in json.loads(done.stdout)]
    outputs += [("log", record.getMessage()) for record in caplog.records]
    outputs += [("log", line) for line in struck.stderr.splitlines()]
    mailboxes = [contest.organizer.address, thief.address, contest.mailbox.address]
    for address in mailboxes:
        for folder in contest.dovecot.folders(address):
            for raw in contest.dovecot.messages(address, folder):
                message = parse(raw)
                outputs.append((f"mail to {address}",
                                f"{message['Subject']}\n{body_text(message)}"))
    # Each voter's own mailbox: their own confirmation names their choice (by design);
    # no letter there may name another voter.
    for account, _ in voters:
        for raw in contest.dovecot.messages(account.address):
            others = [voter.email for voter, _ in pairs if voter.email != account.address]
            assert not any(other in raw.decode("ascii", "replace") for other in others)
    storage = Path(contest.config.storage_path)
    outputs += [(str(path), path.read_bytes().decode("utf-8", "replace"))
                for path in storage.rglob("*") if path.is_file()]
    outputs += [("database", line) for line in units_of_database(contest)]

    for (voter, choice), number in zip(pairs, CHOICES, strict=True):
        for where, unit in outputs:
            named = voter.email in unit or voter.name in unit
            # A ballot (or its row in the outbox) lists every participant: that names no one.
            ballot = all(name in unit for name in names.values())
            assert not (named and choice in unit and not ballot), \
                f"{where} pairs {voter.email} with {choice}: {unit[:300]}"
            assert not (named and f"ГОЛОС {number}" in unit and not ballot), \
                f"{where} pairs {voter.email} with №{number}: {unit[:300]}"
    # No stored raw copy of a ballot is left: none carries "ГОЛОС".
    assert not any("ГОЛОС" in unit for where, unit in outputs if where.startswith(str(storage)))

    # The copy of the database: the votes' hashes and ids appear nowhere else, match no
    # hash a thief could compute without the key, and the rows are not in voting order.
    dump = units_of_database(contest)
    with Session(contest.context.engine) as session:
        votes = session.exec(select(Vote)).all()
        rowids = {rowid: vote_id for rowid, vote_id in
                  session.connection().execute(text("SELECT rowid, id FROM vote"))}
    assert len(votes) == len(CHOICES) - 1  # the struck voter's is gone
    assert all(rowid == vote_id and vote_id >= 2**32 for rowid, vote_id in rowids.items())
    elsewhere = [line for line in dump if not line.startswith("vote: ")]
    for row in votes:
        assert not any(row.voter_hash in line or str(row.id) in line for line in elsewhere)
    guessable = {hashlib.sha256(value.encode()).hexdigest() for voter, _ in pairs
                 for value in (voter.email, voter.token_nonce, str(voter.id), voter.token_hash)}
    assert not guessable & {row.voter_hash for row in votes}

    # With the key (and only with it) the link is there: the test is not vacuous.
    key = ballot_key(contest.config)
    by_hash = {row.voter_hash: row.participant_id for row in votes}
    found = {voter.email: by_hash.get(keyed(key, "voter", voter.token_nonce))
             for voter, _ in pairs[:5]}
    assert found == {voter.email: choice for (voter, _), choice in
                     zip(pairs[:5], CHOICES[:5], strict=True)}
