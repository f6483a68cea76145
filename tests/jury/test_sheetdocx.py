"""The DOCX score sheet: written in the juror's language, filled in the way a juror fills it,
read back; and read the same after LibreOffice has saved it over, as a juror's office does."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import docx
import pytest

from hub.jury_config import Criterion
from hub.sections import Language
from jury.reading import ProblemCode, ScoreReading, ScoreRules, Source
from jury.sheetdocx import write_sheet_docx
from jury.sheetread import SheetFileError, read_sheet_docx
from jury.sheettext import SheetRow

KNOWN = {"A-0012", "A-0013", "A-0014", "A-0015"}
ROWS = [SheetRow("A-0012", "Айгүл Серікова, Көкшетау"),
        SheetRow("A-0013", "Данияр Әбенов, Степногорск"),
        SheetRow("A-0014", "Шаһизада Һасенова, Ақкөл"),
        SheetRow("A-0015", "Ғалым Іскаков, Щучинск")]
KEYS = ("theme", "creativity", "visual", "impact", "relevance")
CONTEST = {Language.KK: "«Шаңырақ» креативті хабы", Language.RU: "Креативный хаб «Шаңырақ»",
           Language.EN: "Shanyraq creative hub"}
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

Write = Callable[..., Path]


@pytest.fixture
def write(tmp_path: Path, criteria: list[Criterion], rules: ScoreRules) -> Write:
    def writer(language: Language = Language.KK, rows: list[SheetRow] = ROWS,
               scale: ScoreRules = rules) -> Path:
        path = tmp_path / f"sheet-{language}.docx"
        write_sheet_docx(path, contest=CONTEST[language], token="J-7Q4K9M", language=language,
                         criteria=criteria, rules=scale, rows=rows,
                         deadline="21 сәуір 2026, 18:00")
        return path
    return writer


def fill(path: Path, cells: dict[tuple[int, int], str], name: str = "filled.docx") -> Path:
    """Type into the sheet's table as a juror does: (row, column) -> text, row 0 the header."""
    document = docx.Document(str(path))
    table = document.tables[0]
    for (row, column), text in cells.items():
        table.rows[row].cells[column].text = text
    filled = path.with_name(name)
    document.save(str(filled))
    return filled


def row(number: int, *values: str, first: int = 2) -> dict[tuple[int, int], str]:
    return {(number, first + index): value for index, value in enumerate(values)}


def read(path: Path, criteria: list[Criterion], rules: ScoreRules) -> ScoreReading:
    return read_sheet_docx(path, criteria, rules, KNOWN)


def problems(reading: ScoreReading) -> list[tuple[str, int, str, str, str]]:
    return [(problem.code.value, problem.source.line, problem.number, problem.criterion,
             problem.written) for problem in reading.problems]


# ---------------------------------------------------------------- what is written

def test_the_kazakh_sheet_has_a_row_per_work_and_a_column_per_criterion(
        write: Write, criteria: list[Criterion]) -> None:
    document = docx.Document(str(write(Language.KK)))
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    assert paragraphs[:2] == ["«Шаңырақ» креативті хабы — бағалау парағы",
                              "Қазылар мүшесінің коды: J-7Q4K9M"]
    assert "Жұмыстың авторы сізге таныс болса, «Пікір» бағанына ҚАРСЫ деп жазыңыз." in (
        paragraphs)
    table = document.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == [
        "№", "Жұмыс", *(f"{criterion.name['kk']}\n(0–10)" for criterion in criteria), "Пікір"]
    assert [[cell.text for cell in table.rows[index].cells[:2]] for index in (1, 3)] == [
        ["A-0012", "Айгүл Серікова, Көкшетау"], ["A-0014", "Шаһизада Һасенова, Ақкөл"]]
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape, so the table fits


def test_a_blind_sheet_has_no_column_for_names(write: Write) -> None:
    path = write(Language.RU, rows=[SheetRow(row.number) for row in ROWS])
    header = [cell.text for cell in docx.Document(str(path)).tables[0].rows[0].cells]
    assert header[0] == "№" and header[-1] == "Комментарий"
    assert "Работа" not in header and len(header) == 7


# ---------------------------------------------------------------- what is read back

def test_an_empty_sheet_is_nothing_scored_yet(write: Write, criteria: list[Criterion],
                                              rules: ScoreRules) -> None:
    assert read(write(), criteria, rules) == ScoreReading()


def test_a_filled_sheet_is_read_with_its_comments_and_recusals(
        write: Write, criteria: list[Criterion], rules: ScoreRules) -> None:
    filled = fill(write(), {
        **row(1, "8", "7", "9", "6", "8", "Ұлттық нақыш әдемі, һәм дыбысы ғажап"),
        **row(2, "10", "9", "10", "8 балл", "9/10"),
        **row(3, "", "", "", "", "", "ҚАРСЫ — туысым"),
        **row(4, "отвод"),
    })
    reading = read(filled, criteria, rules)
    assert [(work.number, dict(work.scores), work.comment) for work in reading.works] == [
        ("A-0012", dict(zip(KEYS, map(Decimal, (8, 7, 9, 6, 8)), strict=True)),
         "Ұлттық нақыш әдемі, һәм дыбысы ғажап"),
        ("A-0013", dict(zip(KEYS, map(Decimal, (10, 9, 10, 8, 9)), strict=True)), ""),
    ]
    assert [recusal.number for recusal in reading.recusals] == ["A-0014", "A-0015"]
    assert reading.problems == ()
    assert reading.works[0].sources == (Source(
        2, "A-0012 | Айгүл Серікова, Көкшетау | 8 | 7 | 9 | 6 | 8 | "
           "Ұлттық нақыш әдемі, һәм дыбысы ғажап", "filled.docx"),)


def test_bad_cells_are_reported_one_by_one(write: Write, criteria: list[Criterion],
                                           rules: ScoreRules) -> None:
    filled = fill(write(), {
        **row(1, "7,5", "11", "сегіз", "8 7", "8"),
        **row(2, "9", "", "", "", ""),
    })
    reading = read(filled, criteria, rules)
    assert [(work.number, dict(work.scores)) for work in reading.works] == [
        ("A-0012", {"relevance": Decimal(8)}), ("A-0013", {"theme": Decimal(9)})]
    assert problems(reading) == [
        ("off_step", 2, "A-0012", "theme", "7,5"),
        ("out_of_range", 2, "A-0012", "creativity", "11"),
        ("unreadable_score", 2, "A-0012", "visual", "сегіз"),
        ("too_many_scores", 2, "A-0012", "impact", "8 7"),
        ("missing_criterion", 3, "A-0013", "", ""),
    ]
    assert reading.problems[-1].keys == ("creativity", "visual", "impact", "relevance")


def test_half_points_in_cells_when_the_step_allows_them(
        write: Write, criteria: list[Criterion], rules: ScoreRules) -> None:
    half = ScoreRules(rules.minimum, rules.maximum, Decimal("0.5"))
    filled = fill(write(scale=half), row(1, "7,5", "8.5", "9", "6,0", "10"))
    reading = read_sheet_docx(filled, criteria, half, KNOWN)
    assert dict(reading.works[0].scores) == dict(zip(
        KEYS, map(Decimal, ("7.5", "8.5", "9", "6", "10")), strict=True))
    assert reading.problems == ()


def test_rows_a_juror_added(write: Write, criteria: list[Criterion], rules: ScoreRules) -> None:
    document = docx.Document(str(write()))
    table = document.tables[0]
    for number, scores in (("A-0099", "5"), ("", "6"), ("12", "7"), ("A-0000", "8")):
        cells = table.add_row().cells
        cells[0].text, cells[2].text = number, scores
    path = write().with_name("added.docx")
    document.save(str(path))
    reading = read(path, criteria, rules)
    assert [(work.number, dict(work.scores)) for work in reading.works] == [
        ("A-0012", {"theme": Decimal(7)})]
    assert problems(reading)[:2] == [("unknown_number", 6, "A-0099", "", "A-0099"),
                                     ("no_number", 7, "", "", "")]


def test_columns_are_found_by_their_headings_wherever_they_stand(
        write: Write, criteria: list[Criterion], rules: ScoreRules) -> None:
    """An English sheet whose juror swapped the first two criteria's columns, headings and
    all, is read by the headings."""
    document = docx.Document(str(write(Language.EN)))
    table = document.tables[0]
    for table_row in table.rows:
        first, second = table_row.cells[2], table_row.cells[3]
        first_text, second_text = first.text, second.text
        first.text, second.text = second_text, first_text
    table.rows[1].cells[2].text, table.rows[1].cells[3].text = "7", "8"  # creativity, theme
    table.rows[0].cells[4].text = "Visuals"  # reworded by the juror
    table.rows[1].cells[4].text = "9"
    path = write(Language.EN).with_name("swapped.docx")
    document.save(str(path))
    reading = read(path, criteria, rules)
    assert dict(reading.works[0].scores) == {"theme": Decimal(8), "creativity": Decimal(7),
                                             "visual": Decimal(9)}


def test_a_document_without_the_sheets_table(tmp_path: Path, criteria: list[Criterion],
                                             rules: ScoreRules) -> None:
    document = docx.Document()
    document.add_paragraph("A-0012: 8 7 9 6 8")
    path = tmp_path / "notes.docx"
    document.save(str(path))
    reading = read(path, criteria, rules)
    assert reading.works == ()
    assert problems(reading) == [("no_score_table", 0, "", "", "")]
    assert reading.problems[0].source == Source(0, "notes.docx", "notes.docx")


def test_a_file_that_is_no_docx(tmp_path: Path, criteria: list[Criterion],
                                rules: ScoreRules) -> None:
    path = tmp_path / "sheet.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0 an old .doc")
    with pytest.raises(SheetFileError, match=r"sheet\.docx: not a readable DOCX file"):
        read(path, criteria, rules)


# ---------------------------------------------------------------- through LibreOffice

def resave(path: Path, out: Path) -> Path:
    """Save `path` over with LibreOffice, as a juror's LibreOffice Writer would."""
    assert SOFFICE is not None
    out.mkdir()
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{out / 'profile'}", "--headless",
         "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(path)],
        check=True, capture_output=True, timeout=120,
    )
    return out / path.name


@pytest.mark.office
@pytest.mark.parametrize("language", [Language.KK, Language.RU])
def test_a_sheet_saved_over_by_libreoffice_reads_the_same(
        write: Write, tmp_path: Path, criteria: list[Criterion], rules: ScoreRules,
        language: Language) -> None:
    filled = fill(write(language), {
        **row(1, "8", "7", "9", "6", "8", "Ұлттық нақыш әдемі, һәм дыбысы ғажап"),
        **row(2, "7,5", "11", "", "", ""),
        **row(3, "", "", "", "", "", "ОТВОД"),
    })
    before = read(filled, criteria, rules)
    after = read(resave(filled, tmp_path / "libreoffice"), criteria, rules)
    assert after == before
    assert [work.number for work in after.works] == ["A-0012"]
    assert [code.value for code in after.codes] == ["off_step", "out_of_range",
                                                    "missing_criterion"]
    assert after.problems[0].code is ProblemCode.OFF_STEP
