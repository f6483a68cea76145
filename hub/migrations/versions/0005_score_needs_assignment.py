"""a score only for a work assigned to its juror, held by the database

Revision ID: 0005
Revises: 0004
Created: 2026-12-03 11:20:00

A juror scores the works assigned to them: the reply path records nothing else, and a
recusal keeps the assignment (its state says recused) while it withdraws the scores. Here
the database holds to it whatever writes: a score without its juror's assignment to the
work is refused, and so is deleting or moving an assignment that has scores. Triggers, in
SQLite and PostgreSQL alike, as for `score_sheet` (0004): they hold in SQLite whether or
not a connection turned foreign keys on (the sqlite3 shell does not), and the models do
not change.

So every sheet has an assignment, and `baiqau results` finds the sheets that no longer
count among the few assignments not in the assigned state, instead of comparing all
90,000 sheets with all 90,000 assignments (0.1 s of it on 10,000 works).

Scores a contest already has without an assignment (only SQL by hand could write them)
never counted in the ranking. They are moved to the audit (`score_change`, cause
"unassigned", the value kept as old_value) before the triggers are made, and a warning
says how many.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

log = logging.getLogger("baiqau.schema")

# Said by the database to whoever writes: no apostrophe, they are SQL string literals.
REFUSED_SCORE = "a score needs an assignment of its juror to the work (jury_assignment)"
REFUSED_ASSIGNMENT = "this assignment has scores: withdraw them first (baiqau jury recuse)"

_ASSIGNED = ("EXISTS (SELECT 1 FROM jury_assignment WHERE juror_id = NEW.juror_id "
             "AND application_id = NEW.application_id)")
_SCORED = ("EXISTS (SELECT 1 FROM score WHERE juror_id = OLD.juror_id "
           "AND application_id = OLD.application_id)")
_MOVED = "(OLD.juror_id IS NOT NEW.juror_id OR OLD.application_id IS NOT NEW.application_id)"

SQLITE_TRIGGERS = {
    "score_needs_assignment_on_insert": f"BEFORE INSERT ON score WHEN NOT {_ASSIGNED} "
                                        f"BEGIN SELECT RAISE(ABORT, '{REFUSED_SCORE}'); END",
    "score_needs_assignment_on_move": f"BEFORE UPDATE OF juror_id, application_id ON score "
                                      f"WHEN NOT {_ASSIGNED} "
                                      f"BEGIN SELECT RAISE(ABORT, '{REFUSED_SCORE}'); END",
    "assignment_keeps_scores_on_delete": f"BEFORE DELETE ON jury_assignment WHEN {_SCORED} "
                                         f"BEGIN SELECT RAISE(ABORT, '{REFUSED_ASSIGNMENT}'); "
                                         "END",
    "assignment_keeps_scores_on_move": f"BEFORE UPDATE OF juror_id, application_id "
                                       f"ON jury_assignment WHEN {_MOVED} AND {_SCORED} "
                                       f"BEGIN SELECT RAISE(ABORT, '{REFUSED_ASSIGNMENT}'); "
                                       "END",
}

# PostgreSQL raises foreign_key_violation (23503), what a foreign key would.
POSTGRESQL_FUNCTIONS = f"""
CREATE FUNCTION score_needs_assignment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT {_ASSIGNED} THEN
        RAISE EXCEPTION '{REFUSED_SCORE}' USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NEW;
END $$;

CREATE FUNCTION assignment_keeps_scores() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (TG_OP = 'DELETE' OR (NEW.juror_id, NEW.application_id)
                            IS DISTINCT FROM (OLD.juror_id, OLD.application_id))
       AND {_SCORED} THEN
        RAISE EXCEPTION '{REFUSED_ASSIGNMENT}' USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;
"""

POSTGRESQL_TRIGGERS = {
    "score_needs_assignment": "BEFORE INSERT OR UPDATE OF juror_id, application_id ON score "
                              "FOR EACH ROW EXECUTE FUNCTION score_needs_assignment()",
    "assignment_keeps_scores": "BEFORE DELETE OR UPDATE OF juror_id, application_id "
                               "ON jury_assignment "
                               "FOR EACH ROW EXECUTE FUNCTION assignment_keeps_scores()",
}

_UNASSIGNED = """
    FROM score WHERE NOT EXISTS (
        SELECT 1 FROM jury_assignment
        WHERE jury_assignment.juror_id = score.juror_id
          AND jury_assignment.application_id = score.application_id)"""


def upgrade() -> None:
    connection = op.get_bind()
    moved = connection.execute(sa.text(
        "INSERT INTO score_change (juror_id, application_id, criterion, old_value, new_value,"
        " changed_at, inbound_id, message_id, cause) "
        "SELECT juror_id, application_id, criterion, value, NULL, :now, inbound_id, "
        "message_id, 'unassigned'" + _UNASSIGNED).bindparams(
            sa.bindparam("now", datetime.now(UTC), type_=sa.DateTime(timezone=True)))).rowcount
    if moved:
        connection.execute(sa.text("DELETE" + _UNASSIGNED))
        log.warning("%d score(s) without their juror's assignment to the work, which never "
                    "counted, moved to the audit (score_change, cause 'unassigned')", moved)
    if connection.dialect.name == "postgresql":
        op.execute(POSTGRESQL_FUNCTIONS)
        for name, body in POSTGRESQL_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body}")
    else:
        for name, body in SQLITE_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER score_needs_assignment ON score")
        op.execute("DROP TRIGGER assignment_keeps_scores ON jury_assignment")
        op.execute("DROP FUNCTION score_needs_assignment()")
        op.execute("DROP FUNCTION assignment_keeps_scores()")
    else:
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER {name}")
