"""`baiqau results` of a voting contest, from a count built by hand: what the command prints
and writes, parsed by the command line's own parser."""

from __future__ import annotations

import hashlib
import io
import json
from datetime import datetime
from pathlib import Path

import docx
import pytest
from contest import ROOT
from votingcounts import (
    AFTER,
    CLOSES,
    DURING,
    OPENS,
    REASON,
    contest_config,
    prizes,
    reports_config,
    seed_count,
)

from baiqau.cli import build_parser
from baiqau.voting_results_commands import voting_results
from hub.config import Config, load_config
from hub.sections import Language
from reports.voting_protocol import role_of
from reports.voting_results import voting_json, voting_rows


@pytest.fixture(scope="module")
def config() -> Config:
    shipped = load_config(ROOT / "config.toml")
    return shipped.model_copy(update={"contest": contest_config(), "reports": reports_config(),
                                      "prizes": prizes()})


def run(config: Config, *argv: str, now: datetime = AFTER) -> tuple[int, str]:
    args = build_parser().parse_args(["results", *argv])
    out = io.StringIO()
    code = voting_results(args, config, seed_count(), now=now, opens=OPENS, closes=CLOSES,
                          out=out)
    return code, out.getvalue()


def test_results_as_json_csv_and_a_table(config: Config, tmp_path: Path) -> None:
    code, text = run(config, "--format", "json")
    assert code == 0 and text == voting_json(voting_rows(seed_count()))
    rows = json.loads(text)
    assert [(row["place"], row["votes"]) for row in rows] == [
        (1, 58), (2, 53), (3, 48), (4, 26), (5, 6), (6, 2), (6, 2), (8, 1), (9, 0), (9, 0),
        (None, 46)]
    assert rows[-1]["flags"] == [f"disqualified: {REASON}"]

    target = tmp_path / "results.csv"
    code, text = run(config, "--format", "csv", "--output", str(target))
    assert code == 0 and text == ""
    written = target.read_bytes()
    assert written.startswith("\ufeffplace,number,name,position,organization,votes,flags\r\n"
                              .encode())
    assert len(written.decode("utf-8").splitlines()) == 12

    code, text = run(config)  # the table, by default
    assert code == 0 and "Results" in text and "Марат Балауса Маратқызы" in text


@pytest.mark.parametrize("language", ["kk", "ru"])
def test_the_protocol_and_its_snapshot(config: Config, tmp_path: Path, language: str) -> None:
    target, snapshot = tmp_path / "protocol.docx", tmp_path / "snapshot.json"
    code, text = run(config, "--protocol", str(target), "--language", language,
                     "--snapshot", str(snapshot))
    assert code == 0
    digest = hashlib.sha256(snapshot.read_bytes()).hexdigest()
    assert text == (f"wrote the protocol ({language}, 11 participant(s), final) to {target}\n"
                    f"data SHA-256: {digest}\n")
    document = docx.Document(str(target))
    [table] = [table for table in document.tables if len(table.columns) == 4]
    body = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    expected = json.loads(voting_json(voting_rows(seed_count())))
    assert [(row[1].split(" (")[0], row[2], int(row[3])) for row in body] == [
        (want["name"], role_of(want), want["votes"]) for want in expected]


def test_a_draft_while_voting_and_the_contests_language(config: Config,
                                                        tmp_path: Path) -> None:
    target = tmp_path / "draft.docx"
    code, text = run(config, "--protocol", str(target), now=DURING)
    # The contest's default language is Russian.
    assert code == 0 and text.startswith(
        f"wrote the protocol (ru, 11 participant(s), a DRAFT: the voting has not closed) "
        f"to {target}")
    assert docx.Document(str(target)).paragraphs[0].text == "ПРОТОКОЛ (ПРОЕКТ)"
    kazakh = config.model_copy(update={"contest": config.contest.model_copy(
        update={"default_language": Language.KK})})
    code, text = run(kazakh, "--protocol", str(target))
    assert code == 0 and "(kk, 11 participant(s), final)" in text
    assert docx.Document(str(target)).paragraphs[0].text == "ХАТТАМА"
    english = config.model_copy(update={"contest": config.contest.model_copy(
        update={"default_language": Language.EN})})
    assert "(ru, 11 participant(s), final)" in run(english, "--protocol", str(target))[1]


def test_a_mistyped_tag_in_an_organizers_template(config: Config, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from reports.voting_template import voting_template_path

    own = docx.Document(str(voting_template_path(Language.RU)))
    own.paragraphs[1].runs[0].text = "{{ contest_name }}"
    mine = tmp_path / "mine.docx"
    own.save(str(mine))
    code, text = run(config, "--protocol", str(tmp_path / "x.docx"), "--template", str(mine))
    assert code == 1 and text == ""
    assert "'contest_name' is undefined" in capsys.readouterr().err
    code, _ = run(config, "--protocol", str(tmp_path / "y.docx"), "--template",
                  str(tmp_path / "missing.docx"))
    assert code == 1
    assert "missing.docx" in capsys.readouterr().err
