"""The writers every export shares: CSV that Excel reads as UTF-8, XLSX that keeps types."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from hub.clock import load_zone
from reports.tables import Export, Table, write_csv, write_export, write_xlsx

ALMATY = load_zone("Asia/Almaty")
CLOSES = datetime(2026, 4, 13, 18, 59, 59, 250000, tzinfo=UTC)  # 23:59:59 in Akmola
TABLE = Table("applications", ["number", "name", "subscribers", "arrived", "born", "ok"], [
    ["A-0001", "Өңірбаева Һәдиша Үмбетқызы", 12500, CLOSES, date(2001, 5, 17), True],
    ["A-0002", "Ғалым Құлұлы", None, "", None, False],
])


def sheet_of(data: bytes) -> Worksheet:
    sheet = load_workbook(io.BytesIO(data)).active
    assert isinstance(sheet, Worksheet)
    return sheet


def xlsx(table: Table) -> Worksheet:
    out = io.BytesIO()
    write_xlsx(table, out, ALMATY)
    return sheet_of(out.getvalue())


def test_csv_starts_with_a_bom_and_keeps_iso_times() -> None:
    out = io.StringIO()
    write_csv(TABLE, out)
    text = out.getvalue()
    assert text.startswith("\ufeffnumber,name,")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[1] == ["A-0001", "Өңірбаева Һәдиша Үмбетқызы", "12500",
                       "2026-04-13T18:59:59.250000+00:00", "2001-05-17", "True"]
    assert rows[2] == ["A-0002", "Ғалым Құлұлы", "", "", "", "False"]


def test_csv_as_bytes_is_utf8_with_one_bom() -> None:
    out = io.BytesIO()
    write_export(Export(json=lambda: "[]\n", table=lambda: TABLE), "csv", out, ALMATY)
    data = out.getvalue()
    assert data.startswith(b"\xef\xbb\xbfnumber,")
    assert data.count(b"\xef\xbb\xbf") == 1
    assert "Һәдиша".encode() in data


def test_xlsx_has_a_frozen_filtered_bold_header() -> None:
    sheet = xlsx(TABLE)
    assert sheet.title == "applications"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:F3"
    [header] = sheet.iter_rows(max_row=1)
    assert [cell.value for cell in header] == list(TABLE.columns)
    assert all(cell.font.bold for cell in header)


def test_xlsx_keeps_numbers_dates_and_kazakh_text() -> None:
    sheet = xlsx(TABLE)
    first, second = list(sheet.iter_rows(min_row=2, values_only=True))
    number, name, subscribers, arrived, born, ok = first
    assert (number, name, subscribers, ok) == ("A-0001", "Өңірбаева Һәдиша Үмбетқызы", 12500,
                                               True)
    # The deadline's last second as the organizers' clock shows it, a real date to Excel.
    assert isinstance(arrived, datetime)
    assert abs(arrived - datetime(2026, 4, 13, 23, 59, 59, 250000)).total_seconds() < 0.001
    assert born == datetime(2001, 5, 17)
    assert sheet["D2"].number_format == "yyyy-mm-dd hh:mm:ss"
    assert sheet["E2"].number_format == "yyyy-mm-dd"
    assert second == ("A-0002", "Ғалым Құлұлы", None, None, None, False)


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x.test\",\"Әсем\")", "=1+1", "#N/A"])
def test_a_senders_formula_stays_text_in_xlsx(text: str) -> None:
    sheet = xlsx(Table("messages", ["subject"], [[text]]))
    assert (sheet["A2"].value, sheet["A2"].data_type) == (text, "s")


def test_what_a_cell_cannot_hold_is_shown_not_refused() -> None:
    long = "ә" * 40000
    sheet = xlsx(Table("messages", ["error", "long"], [["line\x1b[0m\x00end", long]]))
    assert sheet["A2"].value == "line\ufffd[0m\ufffdend"
    cut = sheet["B2"].value
    assert isinstance(cut, str)
    assert len(cut) == 32767 and cut.endswith("ә…")


def test_xlsx_columns_are_as_wide_as_their_contents_within_limits() -> None:
    table = Table("applications", ["number", "findings", "x", "error", "none"], [
        ["A-0001", "ә" * 500, 1, "Traceback:\n" + "  line 12\n" * 3, None],
        ["A-0002", "short", 22222222222, "", None],
    ])
    widths = {letter: dimension.width
              for letter, dimension in xlsx(table).column_dimensions.items()}
    assert widths["A"] == len("number") + 4  # the header and the filter's button
    assert widths["B"] == 60
    assert widths["C"] == len("22222222222") + 1
    assert widths["D"] == len("Traceback:") + 1  # the longest line, not the whole text
    assert widths["E"] == 8


def test_an_empty_export_is_a_header() -> None:
    sheet = xlsx(Table("scores", ["juror", "score"], []))
    assert [row for row in sheet.iter_rows(values_only=True)] == [("juror", "score")]
    assert sheet.auto_filter.ref == "A1:B1"
