"""each juror's scores for a work kept in one row by triggers, for the results

Revision ID: 0004
Revises: 0003
Created: 2026-12-03 07:44:58.909853
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

# A new score is added to the end of its sheet's row (or starts the row): the common case,
# a juror's first reply, costs one upsert a score. A score changed, moved or deleted
# rebuilds its sheet's row from `score`: deleted, then inserted again from the scores left
# (none left, no row), found by the unique index on (juror_id, application_id, criterion).
# An append adds to both columns at once, and both aggregates of a rebuild walk the same
# rows in one pass, so a row's keys and values always pair up; their order is of no
# consequence to the reader (a rebuild sorts them by criterion).
_SQLITE_APPEND = """
    INSERT INTO score_sheet (juror_id, application_id, criteria, scores)
        VALUES (NEW.juror_id, NEW.application_id, NEW.criterion, NEW.value)
        ON CONFLICT (juror_id, application_id) DO UPDATE SET
            criteria = criteria || ' ' || excluded.criteria,
            scores = scores || ' ' || excluded.scores;
"""

_SQLITE_REBUILD = """
    DELETE FROM score_sheet WHERE juror_id = {row}.juror_id
        AND application_id = {row}.application_id;
    INSERT INTO score_sheet (juror_id, application_id, criteria, scores)
        SELECT juror_id, application_id, group_concat(criterion, ' '), group_concat(value, ' ')
        FROM (SELECT juror_id, application_id, criterion, value FROM score
              WHERE juror_id = {row}.juror_id AND application_id = {row}.application_id
              ORDER BY criterion)
        GROUP BY juror_id, application_id;
"""

SQLITE_TRIGGERS = {
    "score_sheet_on_insert": "AFTER INSERT ON score BEGIN" + _SQLITE_APPEND + "END",
    # Only the columns a sheet shows: a comment or a date changed leaves the row alone.
    "score_sheet_on_update": "AFTER UPDATE OF juror_id, application_id, criterion, value "
                             "ON score BEGIN" + _SQLITE_REBUILD.format(row="NEW") + "END",
    # A score moved to another juror or work (baiqau never does) leaves its old sheet too.
    "score_sheet_on_move": "AFTER UPDATE OF juror_id, application_id ON score "
                           "WHEN OLD.juror_id IS NOT NEW.juror_id "
                           "OR OLD.application_id IS NOT NEW.application_id BEGIN"
                           + _SQLITE_REBUILD.format(row="OLD") + "END",
    "score_sheet_on_delete": "AFTER DELETE ON score BEGIN"
                             + _SQLITE_REBUILD.format(row="OLD") + "END",
}

POSTGRESQL_FUNCTIONS = """
CREATE FUNCTION score_sheet_rebuild(juror integer, work integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM score_sheet WHERE juror_id = juror AND application_id = work;
    INSERT INTO score_sheet (juror_id, application_id, criteria, scores)
        SELECT juror_id, application_id, string_agg(criterion, ' ' ORDER BY criterion),
               string_agg(value, ' ' ORDER BY criterion)
        FROM score WHERE juror_id = juror AND application_id = work
        GROUP BY juror_id, application_id;
END $$;

CREATE FUNCTION score_sheet_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO score_sheet AS sheet (juror_id, application_id, criteria, scores)
            VALUES (NEW.juror_id, NEW.application_id, NEW.criterion, NEW.value)
            ON CONFLICT (juror_id, application_id) DO UPDATE SET
                criteria = sheet.criteria || ' ' || EXCLUDED.criteria,
                scores = sheet.scores || ' ' || EXCLUDED.scores;
        RETURN NULL;
    END IF;
    PERFORM score_sheet_rebuild(OLD.juror_id, OLD.application_id);
    IF TG_OP = 'UPDATE' AND (NEW.juror_id, NEW.application_id)
                            IS DISTINCT FROM (OLD.juror_id, OLD.application_id) THEN
        PERFORM score_sheet_rebuild(NEW.juror_id, NEW.application_id);
    END IF;
    RETURN NULL;
END $$;
"""

POSTGRESQL_TRIGGERS = [
    "CREATE TRIGGER score_sheet_on_change AFTER INSERT OR DELETE ON score "
    "FOR EACH ROW EXECUTE FUNCTION score_sheet_keep()",
    "CREATE TRIGGER score_sheet_on_update AFTER UPDATE OF juror_id, application_id, "
    "criterion, value ON score FOR EACH ROW EXECUTE FUNCTION score_sheet_keep()",
]

# The sheets of the scores already recorded, for a contest upgraded while it is judged.
FILL = {
    "sqlite": """
        INSERT INTO score_sheet (juror_id, application_id, criteria, scores)
        SELECT juror_id, application_id, group_concat(criterion, ' '), group_concat(value, ' ')
        FROM (SELECT juror_id, application_id, criterion, value FROM score
              ORDER BY juror_id, application_id, criterion)
        GROUP BY juror_id, application_id""",
    "postgresql": """
        INSERT INTO score_sheet (juror_id, application_id, criteria, scores)
        SELECT juror_id, application_id, string_agg(criterion, ' ' ORDER BY criterion),
               string_agg(value, ' ' ORDER BY criterion)
        FROM score GROUP BY juror_id, application_id""",
}


def upgrade() -> None:
    # ### commands auto generated by Alembic - please adjust! ###
    op.create_table('score_sheet',
    sa.Column('juror_id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('criteria', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('scores', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], ),
    sa.ForeignKeyConstraint(['juror_id'], ['juror.id'], ),
    sa.PrimaryKeyConstraint('juror_id', 'application_id')
    )
    # ### end Alembic commands ###
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute(POSTGRESQL_FUNCTIONS)
        for trigger in POSTGRESQL_TRIGGERS:
            op.execute(trigger)
    else:
        for name, body in SQLITE_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body}")
    op.execute(FILL["postgresql" if dialect == "postgresql" else "sqlite"])


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER score_sheet_on_change ON score")
        op.execute("DROP TRIGGER score_sheet_on_update ON score")
        op.execute("DROP FUNCTION score_sheet_keep()")
        op.execute("DROP FUNCTION score_sheet_rebuild(integer, integer)")
    else:
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER {name}")
    op.drop_table('score_sheet')
