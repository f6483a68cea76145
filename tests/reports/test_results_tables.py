"""`baiqau results` reads with SQLAlchemy Core alone, from tables it names itself: those
names must be the models', and the command must not come to import the ORM again."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from contest import write_toml
from sqlalchemy import Enum
from sqlmodel import SQLModel

import hub.models  # noqa: F401  (every table on SQLModel.metadata)
from hub.db import make_engine
from hub.schema import upgrade
from reports import results

ROOT = Path(__file__).resolve().parents[2]


def test_the_tables_results_reads_are_the_models() -> None:
    for light in (results.APPLICATION, results.JUROR, results.ASSIGNMENT,
                  results.PRIZE_AWARD, results.SCORE, results.SCORE_SHEET):
        model = SQLModel.metadata.tables[light.name]
        assert set(light.columns.keys()) <= set(model.columns.keys()), light.name


def test_the_states_results_compares_are_typed_as_the_models_type_them() -> None:
    # PostgreSQL compares an enum column with its own type only (not with text).
    for light in (results.APPLICATION.c.status, results.ASSIGNMENT.c.state):
        model = SQLModel.metadata.tables[light.table.name].columns[light.name].type
        assert isinstance(light.type, Enum) and isinstance(model, Enum)
        assert (light.type.name, light.type.enum_class, light.type.enums) == (
            model.name, model.enum_class, model.enums)


def test_baiqau_results_imports_neither_the_orm_nor_intake(tmp_path: Path) -> None:
    # The command's start is a third of its budget (bench/judging.py); sqlmodel and
    # SQLAlchemy's ORM would add a third of a second to it, intake's rules and the
    # region's gazetteer a tenth. It handles no mail, so the intake's config is not its
    # to check: a region without a gazetteer stops `poll` (tests/baiqau/test_cli.py), not
    # the results.
    probe = (
        "import sys\n"
        "from baiqau.cli import main\n"
        f"code = main(['--config', {str(tmp_path / 'config.toml')!r}, 'results', "
        "'--format', 'json'])\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] in "
        "('sqlmodel', 'intake') or name.startswith('sqlalchemy.orm') "
        "or name.startswith('hub.models')))\n"
        "sys.exit(code)\n")
    with (ROOT / "config.toml").open("rb") as shipped:
        sections = tomllib.load(shipped)  # the shipped contest, on a database of its own
    sections["database"] = {"url": f"sqlite:///{tmp_path / 'baiqau.db'}"}
    sections["storage"] = {"path": str(tmp_path / "var")}
    sections["intake"]["region"] = "atlantis"
    write_toml(tmp_path / "config.toml", sections)
    engine = make_engine(sections["database"]["url"])
    upgrade(engine)  # made beforehand: making a database runs the migrations, which do
    engine.dispose()
    run = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True,
                         text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[-1] == "[]"
