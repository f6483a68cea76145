"""Every export written one way per format: JSON for scripts, CSV and XLSX for Excel.

An export is read from the database first (`Export`: its JSON text, and its rows as a
`Table` of plain cells) and written after, so a failure to read it leaves no half file.
CSV is UTF-8 with a byte order mark: without one Excel reads UTF-8 as the machine's
ANSI code page (windows-1251 in Kazakhstan) and every Cyrillic letter turns to mojibake.
XLSX is a real workbook (openpyxl, in its streaming write-only mode: 10,000 applications
take seconds), with the header frozen on top and filtered, numbers as numbers and times
as real dates on the contest's clock.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from typing import Any, BinaryIO, TextIO

Cell = str | int | float | bool | date | datetime | None

FORMATS = ("json", "csv", "xlsx")
BOM = "\ufeff"

DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"  # ISO's order: no day-month confusion in kk, ru, en
DATE_FORMAT = "yyyy-mm-dd"
_MOMENT_SHOWN = "2026-04-13 23:59:59"
NARROWEST, WIDEST = 8, 60  # a column's width, in characters
EXCEL_TEXT_LIMIT = 32767  # characters in one cell
# XML 1.0 cannot carry these control characters at all; openpyxl refuses the whole file.
ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# A text openpyxl would store as something else: a formula, or one of Excel's errors.
NOT_TEXT = re.compile(r"=.|(?:#NULL!|#DIV/0!|#VALUE!|#REF!|#NAME\?|#NUM!|#N/A)\Z", re.DOTALL)


@dataclass(frozen=True)
class Table:
    """An export as people read it: a sheet's name, its columns, a list of cells a row."""

    name: str
    columns: Sequence[str]
    rows: Sequence[Sequence[Cell]]

    @classmethod
    def of(cls, name: str, columns: Sequence[str], rows: Sequence[Mapping[str, Any]],
           cell: Callable[[str, Any], Cell] | None = None) -> Table:
        """The rows' values under `columns`, each made a cell by `cell` (as they are
        without one)."""
        if cell is None:
            return cls(name, columns, [[row.get(key) for key in columns] for row in rows])
        return cls(name, columns, [[cell(key, row.get(key)) for key in columns] for row in rows])


@dataclass(frozen=True)
class Export:
    """An export read from the database, not yet written: each format made on demand."""

    json: Callable[[], str]
    table: Callable[[], Table]


def json_text(rows: Sequence[Any]) -> str:
    """A JSON array of the rows, indented, with their times in ISO 8601."""
    return json.dumps(rows, ensure_ascii=False, indent=2, default=_iso) + "\n"


def write_export(export: Export, fmt: str, out: BinaryIO, zone: tzinfo) -> None:
    """Writes `export` as `fmt` to a binary stream; text formats are UTF-8."""
    if fmt == "json":
        out.write(export.json().encode("utf-8"))
    elif fmt == "csv":
        text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
        write_csv(export.table(), text)
        text.detach()  # the stream is the caller's to close, stdout included
    elif fmt == "xlsx":
        write_xlsx(export.table(), out, zone)
    else:
        raise ValueError(f"unknown format {fmt!r}: one of {', '.join(FORMATS)}")


def write_csv(table: Table, out: TextIO) -> None:
    """The header, then a line a row; times in ISO 8601 (UTC), as the JSON has them.

    Texts are written as they are, even one that starts with `=` and that Excel would take
    for a formula: the CSV is also for scripts, which must read back what was sent. A
    sender's text is safe in the XLSX, where every text is stored as text.
    """
    out.write(BOM)
    writer = csv.writer(out)
    writer.writerow(table.columns)
    writer.writerows([_iso(cell) if isinstance(cell, date) else cell for cell in row]
                     for row in table.rows)


def write_xlsx(table: Table, out: BinaryIO, zone: tzinfo) -> None:
    """A workbook of one sheet: a bold header row frozen on top, an autofilter over the
    data, each column as wide as its contents (within limits), times on `zone`'s clock."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(table.name[:31])
    # A write-only sheet takes its layout before the first row, which streams out at once.
    for index, width in enumerate(_widths(table), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    last = get_column_letter(max(len(table.columns), 1))
    sheet.auto_filter.ref = f"A1:{last}{len(table.rows) + 1}"
    sheet.print_title_rows = "1:1"  # printed, each page has the header too
    sheet.page_setup.orientation = "landscape"
    bold = Font(name="Calibri", size=11, bold=True)  # the workbook's own font, in bold
    header = []
    for name in table.columns:
        cell = WriteOnlyCell(sheet, value=_text(name))
        cell.font = bold
        header.append(cell)
    sheet.append(header)

    def written(value: Cell) -> Any:
        if type(value) is str:  # most cells: tested first
            if not value:
                return None
            text = _text(value)
            if NOT_TEXT.match(text):
                # An entrant's `=HYPERLINK(...)` in a name or a subject stays a text, which
                # Excel shows and never runs.
                cell = WriteOnlyCell(sheet, value=text)
                cell.data_type = "s"
                return cell
            return text
        if isinstance(value, datetime):
            moment = value if value.tzinfo else value.replace(tzinfo=UTC)
            cell = WriteOnlyCell(sheet, value=moment.astimezone(zone).replace(tzinfo=None))
            cell.number_format = DATETIME_FORMAT
            return cell
        if isinstance(value, date):  # Excel keeps a date as a moment: its midnight
            cell = WriteOnlyCell(sheet, value=datetime(value.year, value.month, value.day))
            cell.number_format = DATE_FORMAT
            return cell
        if isinstance(value, str):  # a str subclass (an enum's value): as plain text
            return written(str(value))
        return value  # bool, int, float, None

    for row in table.rows:
        sheet.append([written(value) for value in row])
    book.save(out)


def _text(value: str) -> str:
    """A text as a cell can hold it: control characters shown as U+FFFD, and a text over
    Excel's limit cut with a visible `…` (openpyxl would cut it without a sign)."""
    text = ILLEGAL.sub("\ufffd", value)
    if len(text) > EXCEL_TEXT_LIMIT:
        text = text[:EXCEL_TEXT_LIMIT - 1] + "…"
    return text


def _widths(table: Table) -> list[float]:
    """Each column as wide as its longest line, header included (with room for the
    filter's button), between NARROWEST and WIDEST."""
    widths = [len(name) + 3 for name in table.columns]
    # Column by column (zip transposes in C): 10,000 applications take a tenth of a second.
    for index, column in enumerate(zip(*table.rows, strict=True)):
        texts = [value for value in column if type(value) is str]
        lengths = [len(value) for value in texts if "\n" not in value]
        lengths += [len(line) for value in texts if "\n" in value for line in value.splitlines()]
        lengths += [len(_MOMENT_SHOWN) if isinstance(value, datetime) else len(str(value))
                    for value in column if value is not None and type(value) is not str]
        widths[index] = max([widths[index], *lengths])
    return [min(max(width + 1, NARROWEST), WIDEST) for width in widths]


def _iso(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")
