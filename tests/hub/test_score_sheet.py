"""`score_sheet` says what `score` says, grouped by juror and work, on both databases.

The triggers of migration 0004 keep it whatever writes the scores: the reply path's
statements, the ORM (a recusal deletes so), or SQL by hand, in transactions committed or
rolled back. The migration fills it from the scores a contest already has. And `baiqau
results`, which reads it, ranks exactly as the scores read one by one do.
"""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session, select

from hub import schema
from hub.config import Config, parse_config
from hub.models import (
    Application,
    ApplicationStatus,
    Assignment,
    AssignmentState,
    Juror,
    Score,
)
from jury.ranking import RankingError
from jury.recording import WorkValues, write_scores
from reports.results import load_ranking, rank_counted, read_counted

T0 = datetime(2026, 4, 15, 9, 30, tzinfo=UTC)
CRITERIA = ["theme", "creativity", "visual", "impact", "relevance"]
SETTLEMENTS = ["Көкшетау", "Щучинск", "Әйтей би ауылы"]
Sheets = dict[tuple[int, int], dict[str, str]]


def _people(engine: Engine, jurors: int, works: int) -> None:
    with Session(engine) as session:
        for index in range(1, jurors + 1):
            session.add(Juror(id=index, email=f"juror{index}@example.kz",
                              name=f"Қазы {index}", created_at=T0))
        session.flush()
        for index in range(1, works + 1):
            # The form as intake keeps it; some forms lack the settlement.
            form = {"settlement": SETTLEMENTS[index % 3], "full_name": f"Әсем Ұлан {index}"}
            session.add(Application(id=index, number=f"A-{index:04d}",
                                    email=f"e{index}@example.kz", name=f"Әсем Ұлан {index}",
                                    status=ApplicationStatus.ACCEPTED, created_at=T0,
                                    updated_at=T0, first_arrived_at=T0,
                                    fields_json=json.dumps(form if index % 4 else {},
                                                           ensure_ascii=False)))
        session.commit()


def _assign(engine: Engine, jurors: int, works: int) -> None:
    """Every work to every juror: a score needs its assignment (migration 0005)."""
    with engine.begin() as connection:
        for juror in range(1, jurors + 1):
            for work in range(1, works + 1):
                connection.execute(text(
                    "INSERT INTO jury_assignment (juror_id, application_id, state, assigned_at,"
                    " recusal_note) VALUES (:juror, :work, 'ASSIGNED', :now, '')"),
                    {"juror": juror, "work": work, "now": T0})


def from_scores(connection: Connection) -> Sheets:
    """`score` grouped by hand: (juror id, application id) -> criterion -> value."""
    sheets: Sheets = {}
    for juror, application, criterion, value in connection.execute(text(
            "SELECT juror_id, application_id, criterion, value FROM score")):
        sheets.setdefault((juror, application), {})[criterion] = value
    return sheets


def kept(connection: Connection) -> Sheets:
    """`score_sheet` as the results read it, each row's keys and values paired."""
    sheets: Sheets = {}
    for juror, application, criteria, scores in connection.execute(text(
            "SELECT juror_id, application_id, criteria, scores FROM score_sheet")):
        keys, values = criteria.split(" "), scores.split(" ")
        assert len(keys) == len(values) == len(set(keys)), (criteria, scores)
        sheets[juror, application] = dict(zip(keys, values, strict=True))
    return sheets


def test_every_change_to_the_scores_is_in_the_sheets(engine: Engine) -> None:
    schema.upgrade(engine)
    _people(engine, jurors=3, works=4)
    _assign(engine, jurors=3, works=4)
    generator = random.Random(2026)
    values = ["0", "7", "7.5", "10", "8.25"]
    keys = CRITERIA[:3]  # a few, so that some sheets fill up
    sizes: set[int] = set()  # how many scores the sheets have held
    changed = {"insert": 0, "value": 0, "comment": 0, "delete": 0, "move": 0}
    for round_number in range(40):
        with engine.connect() as connection:
            transaction = connection.begin()
            for _ in range(generator.randint(1, 8)):
                present = [tuple(row) for row in connection.execute(text(
                    "SELECT id, juror_id, application_id, criterion FROM score"))]
                taken = {(juror, work, criterion) for _, juror, work, criterion in present}
                free = [(juror, work, criterion) for juror in (1, 2, 3) for work in (1, 2, 3, 4)
                        for criterion in keys if (juror, work, criterion) not in taken]
                action = generator.choice(["insert", "insert", "insert", "value", "comment",
                                           "delete", "move"] if present else ["insert"])
                if action == "insert" and free:
                    juror, work, criterion = generator.choice(free)
                    connection.execute(text(
                        "INSERT INTO score (juror_id, application_id, criterion, value, "
                        "comment, recorded_at, message_id) VALUES (:juror, :work, "
                        ":criterion, :value, '', :now, '')"),
                        {"juror": juror, "work": work, "criterion": criterion,
                         "value": generator.choice(values), "now": T0})
                elif action in ("value", "comment", "delete"):
                    score = generator.choice(present)[0]
                    statement = {
                        "value": "UPDATE score SET value = :value WHERE id = :id",
                        "comment": "UPDATE score SET comment = 'бағасы әділ' WHERE id = :id",
                        "delete": "DELETE FROM score WHERE id = :id"}[action]
                    connection.execute(text(statement),
                                       {"id": score, "value": generator.choice(values)})
                elif action == "move":
                    score, juror, _, criterion = generator.choice(present)
                    targets = [work for work in (1, 2, 3, 4)
                               if (juror, work, criterion) not in taken]
                    if not targets:
                        continue
                    connection.execute(text(
                        "UPDATE score SET application_id = :work WHERE id = :id"),
                        {"work": generator.choice(targets), "id": score})
                else:
                    continue
                changed[action] += 1
                sheets = kept(connection)
                assert sheets == from_scores(connection)
                sizes.update(len(sheet) for sheet in sheets.values())
            if round_number % 7 == 3:
                transaction.rollback()
            else:
                transaction.commit()
        with engine.connect() as connection:
            assert kept(connection) == from_scores(connection)
    assert min(changed.values()) >= 5, changed  # every kind of change was made
    assert sizes == {1, 2, 3}
    with engine.connect() as connection:
        # A sheet whose last score goes leaves no row behind.
        connection.execute(text("DELETE FROM score WHERE juror_id = 1"))
        assert not any(juror == 1 for juror, _ in kept(connection))
        assert kept(connection) == from_scores(connection)


def test_the_reply_path_and_the_orm_keep_the_sheets(engine: Engine) -> None:
    schema.upgrade(engine)
    _people(engine, jurors=2, works=3)
    _assign(engine, jurors=2, works=3)
    with Session(engine) as session:
        first = {key: Decimal(value) for key, value in zip(
            CRITERIA, ["9", "8.5", "7", "10", "6"], strict=True)}
        write_scores(session, juror_id=1, works=[
            WorkValues(1, first), WorkValues(2, {"theme": Decimal("4")})],
            now=T0, inbound_id=None, message_id="<first@example.kz>")
        write_scores(session, juror_id=1, works=[
            WorkValues(1, {"visual": Decimal("7.5")}, comment="түзетілді")],
            now=T0, inbound_id=None, message_id="<second@example.kz>")
        session.commit()
    with engine.connect() as connection:
        assert kept(connection) == {
            (1, 1): {"theme": "9", "creativity": "8.5", "visual": "7.5", "impact": "10",
                     "relevance": "6"},
            (1, 2): {"theme": "4"}}
    with Session(engine) as session:  # a recusal deletes the juror's scores for the work
        for score in session.exec(select(Score).where(Score.application_id == 1)).all():
            session.delete(score)
        session.commit()
    with engine.connect() as connection:
        assert kept(connection) == {(1, 2): {"theme": "4"}} == from_scores(connection)


def test_the_migration_fills_the_sheets_of_scores_already_recorded(engine: Engine) -> None:
    with engine.begin() as connection:
        command.upgrade(schema._alembic_config(connection), "0003")
    _people(engine, jurors=2, works=2)
    _assign(engine, jurors=2, works=2)
    with engine.begin() as connection:
        for juror, work, criterion, value in [(1, 1, "theme", "7.5"), (1, 1, "visual", "10"),
                                              (2, 1, "theme", "0"), (2, 2, "impact", "8")]:
            connection.execute(text(
                "INSERT INTO score (juror_id, application_id, criterion, value, comment, "
                "recorded_at, message_id) VALUES (:juror, :work, :criterion, :value, '', "
                ":now, '')"),
                {"juror": juror, "work": work, "criterion": criterion, "value": value,
                 "now": T0})
    schema.upgrade(engine)
    with engine.connect() as connection:
        assert schema.current(connection) == schema.head()
        assert kept(connection) == from_scores(connection) == {
            (1, 1): {"theme": "7.5", "visual": "10"}, (2, 1): {"theme": "0"},
            (2, 2): {"impact": "8"}}
    with engine.begin() as connection:  # and keeps them from then on
        connection.execute(text("UPDATE score SET value = '9' WHERE juror_id = 2 "
                                "AND criterion = 'impact'"))
        assert kept(connection)[2, 2] == {"impact": "9"}


def test_results_rank_the_sheets_as_they_rank_the_scores(engine: Engine,
                                                           tmp_path: Path) -> None:
    """`load_ranking` reads `score_sheet`; the protocol's snapshot reads `score` one by
    one. On a contest with every case that decides what counts, both give one table."""
    schema.upgrade(engine)
    jurors, works = 5, 30
    _people(engine, jurors=jurors, works=works)
    generator = random.Random(6)
    with Session(engine) as session:
        for work in range(1, works + 1):
            for juror in range(1, jurors + 1):
                # juror 5 recused from work 7 (their score left behind by hand); work 9
                # has no assignment for juror 4 at all
                if (juror, work) == (4, 9):
                    continue
                state = AssignmentState.RECUSED if (juror, work) == (5, 7) \
                    else AssignmentState.ASSIGNED
                session.add(Assignment(juror_id=juror, application_id=work, state=state,
                                       assigned_at=T0))
                if generator.random() < 0.1:
                    continue  # not scored yet
                keys = CRITERIA if generator.random() < 0.9 else CRITERIA[:3]  # incomplete
                for key in keys:
                    session.add(Score(juror_id=juror, application_id=work, criterion=key,
                                      value=str(generator.randint(0, 20) / 2).removesuffix(
                                          ".0"), recorded_at=T0))
        refused = session.get(Application, 12)
        assert refused is not None
        refused.status = ApplicationStatus.REJECTED  # its scores count for nothing
        gone = session.get(Juror, 3)
        assert gone is not None
        gone.active = False  # taken out of the config: their scores count for nothing
        session.commit()
    for aggregate, normalize in [("mean", "none"), ("median", "zscore")]:
        config = _config(engine, tmp_path, [index for index in range(1, jurors + 1)
                                            if index != 3],
                         aggregate=aggregate, normalize=normalize)
        with Session(engine) as session:
            fast = load_ranking(session, config)
            slow = rank_counted(read_counted(session), config)
        assert fast == slow
        rows = {row.application: row for row in fast.rows}
        assert "A-0012" not in rows
        assert any("incomplete" in row.flags for row in rows.values())
        assert rows["A-0007"].jurors <= 3 and rows["A-0009"].jurors <= 3
        assert max(row.jurors for row in rows.values()) == 4  # juror 3 no longer counts
        # The settlement is read from the form by the database, in either.
        assert rows["A-0005"].settlement == "Әйтей би ауылы"
        assert rows["A-0006"].settlement == "Көкшетау"
        assert rows["A-0007"].settlement == "Щучинск"
        assert rows["A-0008"].settlement == ""  # no settlement in the form


def test_a_score_for_a_criterion_out_of_the_config_is_named(engine: Engine,
                                                            tmp_path: Path) -> None:
    schema.upgrade(engine)
    _people(engine, jurors=1, works=1)
    with Session(engine) as session:
        session.add(Assignment(juror_id=1, application_id=1, assigned_at=T0))
        for key in CRITERIA[:2]:
            session.add(Score(juror_id=1, application_id=1, criterion=key, value="5",
                              recorded_at=T0))
        session.add(Score(juror_id=1, application_id=1, criterion="colour", value="5",
                          recorded_at=T0))
        session.commit()
    config = _config(engine, tmp_path, [1])
    with Session(engine) as session, pytest.raises(RankingError) as error:
        load_ranking(session, config)
    assert str(error.value) == ("juror1@example.kz scored A-0001 on 'colour', which is not "
                                "a criterion of jury.criteria")


def _config(engine: Engine, folder: Path, jurors: list[int], **jury: object) -> Config:
    return parse_config({
        "contest": {"name": {"kk": "Шаңырақ"}, "timezone": "Asia/Almaty",
                    "organizers": ["org@example.kz"]},
        "intake": {"opens": "2026-03-13", "closes": "2026-04-13", "results": "2026-04-23"},
        "mailbox": {"host": "127.0.0.1", "port": 993, "username": "c@example.kz"},
        "smtp": {"host": "127.0.0.1", "port": 465, "from_address": "c@example.kz"},
        "database": {"url": engine.url.render_as_string(hide_password=False)},
        "storage": {"path": str(folder / "var")},
        "jury": {"opens": "2026-04-14T09:00:00", "deadline": "2026-04-21T18:00:00",
                 "score_step": 0.5, "quorum": 2,
                 "criteria": [{"key": key, "name": {"kk": key}, "weight": weight}
                              for key, weight in zip(CRITERIA, [1.5, 1, 1, 1, 0.5],
                                                     strict=True)],
                 "jurors": [{"name": f"Қазы {index}", "email": f"juror{index}@example.kz"}
                            for index in jurors],
                 **jury},
    })
