"""Every export through the real command: its CSV and its XLSX say what its JSON says.

A contest is built the way it runs: entrants apply by email (one whose name and address
carry every Kazakh letter), the jury gets its sheets and replies with scores, one juror
corrects a score. Then `baiqau export` writes each export as JSON, CSV and XLSX, and the
files are read back as Excel's users' tools read them (the csv module with utf-8-sig,
openpyxl) and compared with the JSON, cell by cell.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from contest import Contest, new_message
from dovecot import Dovecot
from dovecot_mailboxes import MailAccount
from juryroom import MP4, apply, jury_contest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from baiqau.cli import main
from hub.clock import load_zone
from reports.export import APPLICATION_COLUMNS, MESSAGE_COLUMNS
from reports.scores_export import HISTORY_COLUMNS, SCORE_COLUMNS

KAZAKH = "әғқңөұүһі"
ALMATY = load_zone("Asia/Almaty")
FORM = """Сәлеметсіз бе! «Шаңырақ» байқауына өтінімімді жіберемін.

Ақмола облысы, елді мекен: Ақкөл
Тегі, аты, әкесінің аты: Өңірбаева Һәдиша Үмбетқызы
Туған жері және жылы: Ақкөл, 17.05.2001
Тұрақты тұратын мекенжайы: Ақкөл, Ұлы Дала даңғылы 5
Байланыс телефоны: +7 702 333 44 55
Әлеуметтік желілердегі парақшаларына сілтемелер: https://instagram.com/hadisha.kz
Жазылушылар саны: 14 200
"""
RESULT_COLUMNS = ["place", "application", "name", "settlement", "theme", "creativity",
                  "visual", "total", "jurors", "flags", "prize"]
MOMENTS = {"internaldate", "stored_at", "handled_at", "first_arrived_at", "last_arrived_at",
           "recorded_at", "replaced_at"}
CODES = {"reason_codes", "flags"}  # lists of codes: joined by spaces in a cell


def score(contest: Contest, juror: MailAccount, sheet: Any, text: str) -> None:
    contest.send(new_message(juror.address, contest.mailbox.address, f"Re: {sheet['Subject']}",
                             text, headers={"In-Reply-To": sheet["Message-ID"]}),
                 juror.address)


def scored_contest(factory: Callable[..., Contest], dovecot: Dovecot) -> Contest:
    contest, (aliya, boris) = jury_contest(factory, dovecot, ["kk", "ru"],
                                           deadline="2030-04-21T18:00:00")
    entrant = contest.entrant("hadisha")
    contest.send(new_message(entrant.address, contest.mailbox.address, "Өтінім: Һәдиша", FORM,
                             name="Һәдиша Өңірбаева",
                             attachments=[("Үміт ғұмыры.mp4", MP4 + b"!", "video/mp4")]),
                 entrant.address)
    contest.dovecot.wait_for_messages(contest.mailbox.address, 1)
    contest.round()
    first, second, third = apply(contest, 2, start=1)
    assert contest.cli("jury", "send-sheets").returncode == 0
    [aliya_sheet], [boris_sheet] = contest.received(aliya), contest.received(boris)
    score(contest, aliya, aliya_sheet, f"{first}: 9 8 7\n{second}: 6 7 8\n{third}: 5 5 5")
    score(contest, boris, boris_sheet, f"{first}: 8 8 8\n{second}: 7 6 9\n{third}: 4 6 5")
    contest.dovecot.wait_for_messages(contest.mailbox.address, 2)
    contest.round()
    score(contest, aliya, aliya_sheet, f"{third}: шығармашылық 6")  # an audited change
    contest.dovecot.wait_for_messages(contest.mailbox.address, 1)
    contest.round()
    return contest


def flat(key: str, value: Any) -> Any:
    """A JSON value as one cell: codes joined by spaces, other lists and objects as JSON."""
    if key in CODES:
        return " ".join(value)
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def as_csv(value: Any) -> str:
    return "" if value is None else str(value)


def as_xlsx(key: str, value: Any) -> Any:
    if value is None or value == "":
        return None
    if key in MOMENTS:  # on the contest's clock, as the organizers read time
        return datetime.fromisoformat(value).astimezone(ALMATY).replace(tzinfo=None)
    if key == "birth_date":
        return datetime.fromisoformat(value)
    return value


def same(cell: Any, expected: Any) -> bool:
    if isinstance(expected, datetime):
        return isinstance(cell, datetime) and abs(cell - expected) < timedelta(milliseconds=1)
    if isinstance(expected, bool) or expected is None:
        return cell is expected
    if isinstance(expected, int | float):
        return isinstance(cell, int | float) and not isinstance(cell, bool) and cell == expected
    return isinstance(cell, str) and cell == expected


def json_table(what: str, rows: list[dict[str, Any]]) -> tuple[list[str], list[list[Any]]]:
    """The JSON rows as the table CSV and XLSX must show: columns, and flat values."""
    if what == "results":
        keys = RESULT_COLUMNS[4:7]
        assert all(list(row["criteria"]) == keys for row in rows)
        return RESULT_COLUMNS, [[*(row[key] for key in RESULT_COLUMNS[:4]),
                                 *(row["criteria"][key] for key in keys),
                                 *(flat(key, row[key]) for key in RESULT_COLUMNS[7:])]
                                for row in rows]
    columns = {"applications": APPLICATION_COLUMNS, "messages": MESSAGE_COLUMNS,
               "scores": SCORE_COLUMNS, "history": HISTORY_COLUMNS}[what]
    assert all(list(row) == columns for row in rows)  # the JSON's keys are the columns
    return columns, [[flat(key, row[key]) for key in columns] for row in rows]


def check_csv(path: Path, columns: list[str], rows: list[list[Any]]) -> str:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads the file as UTF-8
    with path.open(encoding="utf-8-sig", newline="") as file:
        read = list(csv.reader(file))
    assert read[0] == columns
    assert read[1:] == [[as_csv(value) for value in row] for row in rows]
    return data.decode("utf-8-sig")


def check_xlsx(path: Path, name: str, columns: list[str], rows: list[list[Any]]) -> str:
    sheet = load_workbook(path).active
    assert isinstance(sheet, Worksheet)
    assert sheet.title == name
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(columns)).column_letter}" \
                                    f"{len(rows) + 1}"
    read = list(sheet.iter_rows(values_only=True))
    assert list(read[0]) == columns
    assert len(read) == len(rows) + 1
    for got, row in zip(read[1:], rows, strict=True):
        expected = [as_xlsx(key, value) for key, value in zip(columns, row, strict=True)]
        wrong = [(key, cell, want) for key, cell, want in zip(columns, got, expected, strict=True)
                 if not same(cell, want)]
        assert wrong == []
    return " ".join(str(cell) for row in read for cell in row if isinstance(cell, str))


def export(contest: Contest, args: list[str], fmt: str, path: Path) -> None:
    """`baiqau export ARGS --format FMT -o PATH`: as a process for the applications (the
    whole way, start-up included), in this one for the rest (the same `main`, seconds
    sooner)."""
    argv = ["export", *args, "--format", fmt, "-o", str(path)]
    if args[0] == "applications":
        result = contest.cli(*argv)
        assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
    else:
        assert main(["--config", str(contest.config_path), *argv]) == 0


def test_csv_and_xlsx_say_what_json_says_in_every_export(
        contest_factory: Callable[..., Contest], dovecot: Dovecot, tmp_path: Path) -> None:
    contest = scored_contest(contest_factory, dovecot)
    exports = {"applications": ["applications"], "messages": ["messages"],
               "scores": ["scores"], "history": ["scores", "--history"],
               "results": ["results"]}
    seen: dict[str, list[dict[str, Any]]] = {}
    for what, args in exports.items():
        for fmt in ("json", "csv", "xlsx"):
            export(contest, args, fmt, tmp_path / f"{what}.{fmt}")
        seen[what] = json.loads((tmp_path / f"{what}.json").read_text(encoding="utf-8"))
        columns, rows = json_table(what, seen[what])
        text = check_csv(tmp_path / f"{what}.csv", columns, rows)
        cells = check_xlsx(tmp_path / f"{what}.xlsx", args[0], columns, rows)
        if what in ("applications", "results"):
            assert set(KAZAKH) <= set(text.lower()) and set(KAZAKH) <= set(cells.lower())

    # What was compared holds what it should: the entrant's letters, her date of birth,
    # scores that are numbers, an earlier score with when it was replaced, a ranking.
    hadisha = seen["applications"][0]
    assert (hadisha["full_name"], hadisha["birth_date"], hadisha["status"]) == \
        ("Өңірбаева Һәдиша Үмбетқызы", "2001-05-17", "accepted")
    assert hadisha["works"][0]["title"] == "Үміт ғұмыры.mp4"
    assert seen["messages"][0]["sender_name"] == "Һәдиша Өңірбаева"
    assert {row["score"] for row in seen["scores"]} >= {9, 4}
    [earlier] = [row for row in seen["history"] if not row["current"]]
    assert (earlier["score"], earlier["cause"]) == (5, "reply") and earlier["replaced_at"]
    assert [row["place"] for row in seen["results"]] == [1, 2, 3]
    assert seen["results"][0]["name"] == "Өңірбаева Һәдиша Үмбетқызы"

    # `baiqau results` writes its CSV with the same writer, BOM and all, and its JSON is
    # `export results`'s, byte for byte.
    ranking = tmp_path / "ranking.csv"
    assert contest.cli("results", "--format", "csv", "-o", str(ranking)).returncode == 0
    assert ranking.read_bytes() == (tmp_path / "results.csv").read_bytes()
    assert main(["--config", str(contest.config_path), "results", "--format", "json",
                 "-o", str(tmp_path / "ranking.json")]) == 0
    assert (tmp_path / "ranking.json").read_bytes() == (tmp_path / "results.json").read_bytes()
