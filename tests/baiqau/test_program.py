"""The `baiqau` program (`baiqau.program.run`): the collector held off while a command
starts, and back on, with the start frozen, for the command itself."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from contest import write_toml

ROOT = Path(__file__).resolve().parents[2]

# A command that says whether the collector is on and how many objects are frozen.
PROBE = """\
import gc, sys
import baiqau.cli
def command(args, config):
    print(gc.isenabled(), gc.get_freeze_count())
    return 5
baiqau.cli.cmd_status = command
"""


@pytest.fixture
def config(tmp_path: Path) -> Path:
    with (ROOT / "config.toml").open("rb") as shipped:
        sections = tomllib.load(shipped)
    sections["database"] = {"url": f"sqlite:///{tmp_path / 'baiqau.db'}"}
    sections["storage"] = {"path": str(tmp_path / "var")}
    write_toml(tmp_path / "config.toml", sections)
    return tmp_path / "config.toml"


def _probe(code: str) -> tuple[int, list[str]]:
    run = subprocess.run([sys.executable, "-c", PROBE + code], cwd=ROOT,
                         capture_output=True, text=True, check=False)
    assert not run.stderr, run.stderr
    return run.returncode, run.stdout.split()


def test_a_command_runs_with_the_collector_on_and_the_start_frozen(config: Path) -> None:
    # `baiqau run` runs for weeks: whatever the start did, its command must collect.
    code, (enabled, frozen) = _probe(f"sys.argv = ['baiqau', '--config', {str(config)!r}, "
                                     "'status']\nfrom baiqau.program import run\nrun()\n")
    assert code == 5
    assert enabled == "True" and int(frozen) > 10_000


def test_main_inside_a_process_leaves_its_collector_alone(config: Path) -> None:
    # Tests and the demo call main(): nothing of theirs is frozen.
    code, (enabled, frozen) = _probe(f"sys.exit(baiqau.cli.main(['--config', {str(config)!r}, "
                                     "'status']))\n")
    assert code == 5
    assert (enabled, frozen) == ("True", "0")
