"""Writing a reply's scores on a real database (SQLite made by the migrations): the rows and
the audit lines, exactly, for a first reply, a correction, a new comment, a repeat, and a
reply handled in a savepoint that is rolled back."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from hub.db import as_utc, make_engine
from hub.models import (
    Application,
    ApplicationStatus,
    Assignment,
    Juror,
    Score,
    ScoreChange,
)
from hub.schema import upgrade
from jury.recording import WorkValues, Written, write_scores

T0 = datetime(2026, 4, 15, 9, 30, tzinfo=UTC)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'baiqau.db'}")
    upgrade(engine)
    with Session(engine) as session:
        for name in ("Әлия Серікқызы", "Борис Ким"):
            session.add(Juror(email=f"{name.split()[1].lower()}@example.kz", name=name,
                              created_at=T0))
        for index in range(1, 4):
            session.add(Application(number=f"A-{index:04d}", email=f"e{index}@example.kz",
                                    status=ApplicationStatus.ACCEPTED, created_at=T0,
                                    updated_at=T0))
        session.flush()
        # Every work to both jurors: the database takes no score without its assignment.
        for juror in (1, 2):
            for work in range(1, 4):
                session.add(Assignment(juror_id=juror, application_id=work, assigned_at=T0))
        session.commit()
    yield engine
    engine.dispose()


def write(session: Session, juror: int, works: list[WorkValues], moment: datetime,
          message: str) -> list[list[Written]]:
    return write_scores(session, juror_id=juror, works=works, now=moment, inbound_id=None,
                        message_id=message)


def scores(session: Session) -> list[tuple[object, ...]]:
    return [(row.juror_id, row.application_id, row.criterion, row.value, row.comment,
             as_utc(row.recorded_at), row.message_id)
            for row in session.exec(select(Score).order_by(col(Score.id))).all()]


def changes(session: Session) -> list[tuple[object, ...]]:
    return [(row.juror_id, row.application_id, row.criterion, row.old_value, row.new_value,
             as_utc(row.changed_at), row.message_id, row.cause)
            for row in session.exec(select(ScoreChange).order_by(col(ScoreChange.id))).all()]


def test_first_scores_then_a_correction_a_comment_and_a_repeat(engine: Engine) -> None:
    t1, t2, t3 = T0 + timedelta(hours=1), T0 + timedelta(hours=2), T0 + timedelta(hours=3)
    with Session(engine) as session:
        written = write(session, 1, [
            WorkValues(1, {"theme": Decimal("8"), "visual": Decimal("7.50")}, "Әсерлі"),
            WorkValues(2, {"theme": Decimal("6")}),
        ], t1, "<one@juror>")
        session.commit()
    assert written == [[Written("theme", None, "8"), Written("visual", None, "7.5")],
                       [Written("theme", None, "6")]]

    with Session(engine) as session:
        # Work 1: theme corrected, visual the same (no line), a new comment for both.
        # Work 2: the same score, no comment: nothing. Work 3: new. Борис: his own row.
        written = write(session, 1, [
            WorkValues(1, {"theme": Decimal("9"), "visual": Decimal("7.5")}, "Қайта қарадым"),
            WorkValues(2, {"theme": Decimal("6.0")}),
            WorkValues(3, {"theme": Decimal("10")}),
        ], t2, "<two@juror>")
        write(session, 2, [WorkValues(1, {"theme": Decimal("3")})], t2, "<boris@juror>")
        session.commit()
    assert written == [[Written("theme", "8", "9"), Written("visual", "7.5", "7.5")],
                       [Written("theme", "6", "6")], [Written("theme", None, "10")]]

    with Session(engine) as session:
        write(session, 1, [WorkValues(1, {"theme": Decimal("9")}, "Қайта қарадым")], t3,
              "<three@juror>")  # a repeat of the same: nothing changes
        session.commit()

    with Session(engine) as session:
        assert scores(session) == [
            (1, 1, "theme", "9", "Қайта қарадым", t2, "<two@juror>"),
            # The comment changed, the value did not: when and by what stay the first's.
            (1, 1, "visual", "7.5", "Қайта қарадым", t1, "<one@juror>"),
            (1, 2, "theme", "6", "", t1, "<one@juror>"),
            (1, 3, "theme", "10", "", t2, "<two@juror>"),
            (2, 1, "theme", "3", "", t2, "<boris@juror>"),
        ]
        assert changes(session) == [
            (1, 1, "theme", None, "8", t1, "<one@juror>", "reply"),
            (1, 1, "visual", None, "7.5", t1, "<one@juror>", "reply"),
            (1, 2, "theme", None, "6", t1, "<one@juror>", "reply"),
            (1, 1, "theme", "8", "9", t2, "<two@juror>", "reply"),
            (1, 3, "theme", None, "10", t2, "<two@juror>", "reply"),
            (2, 1, "theme", None, "3", t2, "<boris@juror>", "reply"),
        ]


def test_scores_written_in_a_savepoint_go_with_it(engine: Engine) -> None:
    # The pipeline's careful path handles each message in a savepoint: a reply that fails
    # after its scores were written must leave neither scores nor audit lines.
    with Session(engine) as session:
        write(session, 1, [WorkValues(1, {"theme": Decimal("8")})], T0, "<kept@juror>")
        savepoint = session.begin_nested()
        write(session, 1, [WorkValues(1, {"theme": Decimal("2")}),
                           WorkValues(2, {"theme": Decimal("5")})], T0, "<lost@juror>")
        savepoint.rollback()
        session.commit()
    with Session(engine) as session:
        assert [row[3] for row in scores(session)] == ["8"]
        assert [row[6] for row in changes(session)] == ["<kept@juror>"]
