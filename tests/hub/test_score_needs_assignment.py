"""A score only for a work assigned to its juror, held by the database on both (migration
0005): whatever writes, a score without its assignment is refused, and so is taking away
an assignment that has scores. A contest upgraded with such scores keeps them in the
audit, where they are accounted for."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from hub import schema
from hub.models import Application, ApplicationStatus, Assignment, Juror
from jury.recording import WorkValues, write_scores

T0 = datetime(2026, 4, 15, 9, 30, tzinfo=UTC)


def _people(connection: Connection) -> None:
    """Jurors 1 and 2, works 1 to 3; juror 1 has works 1 and 2, juror 2 has work 3."""
    with Session(bind=connection) as session:
        for juror in (1, 2):
            session.add(Juror(id=juror, email=f"juror{juror}@example.kz", name="Қазы",
                              created_at=T0))
        for work in (1, 2, 3):
            session.add(Application(id=work, number=f"A-{work:04d}", email="e@example.kz",
                                    name="Әсем", status=ApplicationStatus.ACCEPTED,
                                    created_at=T0, updated_at=T0, first_arrived_at=T0))
        session.flush()
        for juror, work in ((1, 1), (1, 2), (2, 3)):
            session.add(Assignment(juror_id=juror, application_id=work, assigned_at=T0))
        session.flush()


def _score(connection: Connection, juror: int, work: int, criterion: str = "theme",
           value: str = "7") -> None:
    connection.execute(text(
        "INSERT INTO score (juror_id, application_id, criterion, value, comment, "
        "recorded_at, message_id) VALUES (:juror, :work, :criterion, :value, '', :now, '')"),
        {"juror": juror, "work": work, "criterion": criterion, "value": value, "now": T0})


def _refused(engine: Engine, statement: str, message: str) -> None:
    """`statement` fails with `message` from the database, and changes nothing."""
    with engine.connect() as connection:
        before = _everything(connection)
    with pytest.raises(IntegrityError, match=message), engine.begin() as connection:
        connection.execute(text(statement))
    with engine.connect() as connection:
        assert _everything(connection) == before


def _everything(connection: Connection) -> tuple[object, ...]:
    return tuple(connection.execute(text(f"SELECT * FROM {table} ORDER BY 1, 2")).all()
                 for table in ("score", "score_sheet", "jury_assignment"))


NO_ASSIGNMENT = "a score needs an assignment of its juror to the work"
HAS_SCORES = "this assignment has scores"


def test_a_score_without_its_assignment_is_refused(engine: Engine) -> None:
    schema.upgrade(engine)
    with engine.begin() as connection:
        _people(connection)
        _score(connection, 1, 1)
        _score(connection, 2, 3)
    # Work 3 is juror 2's, not juror 1's; work 9 is nobody's.
    _refused(engine, "INSERT INTO score (juror_id, application_id, criterion, value, comment,"
             " recorded_at, message_id) VALUES (1, 3, 'theme', '5', '', '2026-04-15', '')",
             NO_ASSIGNMENT)
    _refused(engine, "UPDATE score SET application_id = 3 WHERE juror_id = 1", NO_ASSIGNMENT)
    _refused(engine, "UPDATE score SET juror_id = 2 WHERE application_id = 1", NO_ASSIGNMENT)
    # Moving a score to another work of the same juror is the database's to allow.
    with engine.begin() as connection:
        connection.execute(text("UPDATE score SET application_id = 2 WHERE juror_id = 1"))
        assert connection.execute(text(
            "SELECT application_id FROM score_sheet WHERE juror_id = 1")).scalar_one() == 2


def test_an_assignment_with_scores_stays(engine: Engine) -> None:
    schema.upgrade(engine)
    with engine.begin() as connection:
        _people(connection)
        _score(connection, 1, 1)
    _refused(engine, "DELETE FROM jury_assignment WHERE juror_id = 1 AND application_id = 1",
             HAS_SCORES)
    _refused(engine, "UPDATE jury_assignment SET application_id = 3 WHERE juror_id = 1 "
             "AND application_id = 1", HAS_SCORES)
    with engine.begin() as connection:
        # A recusal changes the state and withdraws the scores; then the row may go.
        connection.execute(text("UPDATE jury_assignment SET state = 'RECUSED' "
                                "WHERE juror_id = 1 AND application_id = 1"))
        connection.execute(text("DELETE FROM score WHERE juror_id = 1 AND application_id = 1"))
        connection.execute(text("DELETE FROM jury_assignment WHERE juror_id = 1 "
                                "AND application_id = 1"))
        # An assignment without scores moves freely.
        connection.execute(text("UPDATE jury_assignment SET application_id = 1 "
                                "WHERE juror_id = 1 AND application_id = 2"))


def test_the_reply_path_writes_only_what_is_assigned(engine: Engine) -> None:
    schema.upgrade(engine)
    with engine.begin() as connection:
        _people(connection)
    with Session(engine) as session, pytest.raises(IntegrityError, match=NO_ASSIGNMENT):
        write_scores(session, juror_id=1, works=[WorkValues(3, {"theme": Decimal(5)})],
                     now=T0, inbound_id=None, message_id="<stray@example.kz>")
        session.flush()


def test_the_upgrade_moves_scores_without_an_assignment_to_the_audit(
        engine: Engine, caplog: pytest.LogCaptureFixture) -> None:
    with engine.begin() as connection:
        command.upgrade(schema._alembic_config(connection), "0004")
        _people(connection)
        _score(connection, 1, 1, "theme", "7")
        _score(connection, 1, 3, "theme", "9.5")  # work 3 is not juror 1's
        _score(connection, 1, 3, "visual", "6")
        connection.execute(text("UPDATE score SET message_id = '<by-hand@example.kz>' "
                                "WHERE application_id = 3"))
    caplog.set_level(logging.WARNING)
    schema.upgrade(engine)
    assert any("2 score(s) without their juror's assignment" in message
               for message in caplog.messages)
    with engine.connect() as connection:
        assert connection.execute(text(
            "SELECT juror_id, application_id, criterion, value FROM score")).all() == [
            (1, 1, "theme", "7")]
        assert connection.execute(text(
            "SELECT juror_id, application_id, criteria, scores FROM score_sheet")).all() == [
            (1, 1, "theme", "7")]
        moved = connection.execute(text(
            "SELECT juror_id, application_id, criterion, old_value, new_value, message_id, "
            "cause FROM score_change ORDER BY criterion")).all()
    assert moved == [(1, 3, "theme", "9.5", None, "<by-hand@example.kz>", "unassigned"),
                     (1, 3, "visual", "6", None, "<by-hand@example.kz>", "unassigned")]
    # Down and up again: the guard goes and comes back, nothing left to move.
    with engine.begin() as connection:
        command.downgrade(schema._alembic_config(connection), "0004")
        _score(connection, 2, 1)  # possible again without the guard
    schema.upgrade(engine)
    with engine.connect() as connection:
        assert connection.execute(text(
            "SELECT count(*) FROM score_change WHERE cause = 'unassigned'")).scalar_one() == 3
