"""The results commands in a contest decided by votes: the count's table, JSON, CSV,
export and protocol, and the jury's own actions refused, saying why."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from contest import Contest
from docx import Document
from test_voting_ballots import verified_voters
from votingroom import arrive, vote, voting_contest


@pytest.fixture
def contest(contest_factory: Callable[..., Contest]) -> Contest:
    contest = voting_contest(contest_factory)
    voters = verified_voters(contest, 3)
    for (account, ballot), line in zip(voters, ["ГОЛОС 2", "ДАУЫС 2", "VOTE 4"], strict=True):
        vote(contest, account, ballot, line)
    arrive(contest, 3)
    return contest


def test_results_are_the_vote_count(contest: Contest, tmp_path: Path) -> None:
    done = contest.cli("results", "--format", "json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert [(row["place"], row["number"], row["votes"]) for row in rows] == [
        (1, 2, 2), (2, 4, 1), (3, 1, 0), (3, 3, 0)]
    assert rows[0]["name"] == "Мұхамеджанова Мөлдір Қайратқызы"

    exported = contest.cli("export", "results", "--format", "json")
    assert exported.returncode == 0, exported.stderr
    assert exported.stdout == done.stdout

    protocol = tmp_path / "хаттама.docx"
    written = contest.cli("results", "--protocol", str(protocol), "--language", "kk")
    assert written.returncode == 0, written.stderr
    assert "DRAFT" in written.stdout  # the voting is still open
    cells = [cell.text for table in Document(str(protocol)).tables
             for row in table.rows for cell in row.cells]
    assert "Мұхамеджанова Мөлдір Қайратқызы" in cells


@pytest.mark.parametrize("action", [["results", "award", "A-0001", "--prize", "first"],
                                    ["results", "publish", "--yes"]])
def test_the_jurys_actions_are_refused(contest: Contest, action: list[str]) -> None:
    done = contest.cli(*action)
    assert done.returncode == 2
    assert "decided by votes" in done.stderr
