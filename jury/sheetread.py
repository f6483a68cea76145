"""Reading the scores back from a DOCX score sheet a juror filled in and attached.

The columns are found by their headings, not by their places: a criterion's column is the
one headed by its name in any of the contest's languages (the scale after it is passed
over) or by words that name it alone ("Тақырыбы"), the number's column is headed "№" (or
is the first), the comment's "Пікір", "Комментарий" or "Comment". So a sheet that went
through Word or LibreOffice, or a juror who moved a column, is read the same.

A row with nothing typed in is a work not scored yet, and no problem. A cell holds one
score ("8", "7,5", "8/10"; words after it, like "балл", are passed over); "ОТВОД",
"ҚАРСЫ" or "RECUSE" in any of a row's cells recuses the juror from its work. A row scored
in part is read, and the criteria left empty are reported as `missing_criterion` (nothing
was left out; the answer can remind the juror). Text typed outside the table is not read.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from zipfile import BadZipFile

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table

from hub.folding import fold
from hub.jury_config import Criterion
from jury.criterionwords import CriterionIndex
from jury.reading import ProblemCode, ReadingBuilder, ScoreReading, ScoreRules, Source
from jury.scorevalues import first_run, scan_scores
from jury.sheetmarks import example_number
from jury.worknumbers import NumberForms, is_recusal_word, recusal_at_start

_NUMBER_HEADINGS = frozenset({"№", "no", "no.", "#", "n", "номер", "нөмір", "number"})
_COMMENT_HEADINGS = frozenset(fold(word) for word in (
    "пікір", "пікірлер", "комментарий", "комментарии", "примечание", "ескерту", "comment",
    "comments", "note", "notes"))
_SCALE = re.compile(r"\([^()]*\d[^()]*\)")


class SheetFileError(ValueError):
    """The attachment is not a DOCX python-docx can open (an old .doc, a broken file)."""


@dataclass(frozen=True)
class _Columns:
    header_row: int
    number: int
    comment: int | None
    criteria: dict[str, int]  # key -> grid column


def read_sheet_docx(path: Path, criteria: Sequence[Criterion], rules: ScoreRules,
                    known_numbers: Collection[str], *, prefix: str = "A") -> ScoreReading:
    """The scores, recusals and problems of a filled-in sheet; every source names the file.

    Raises `SheetFileError` when the file cannot be opened as a DOCX at all.
    """
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, BadZipFile, KeyError, ValueError, SyntaxError) as error:
        # SyntaxError: lxml's XMLSyntaxError for a part that is not well-formed XML.
        raise SheetFileError(f"{path.name}: not a readable DOCX file ({error})") from None
    builder = ReadingBuilder(criteria)
    for table in document.tables:
        columns = _find_columns(table, criteria)
        if columns is not None:
            reader = _RowReader(builder, columns, rules, set(known_numbers), prefix, path.name)
            for index, row in enumerate(table.rows):
                if index > columns.header_row:
                    reader.read([cell.text for cell in row.cells], index + 1)
            return builder.finish()
    builder.problem(ProblemCode.NO_SCORE_TABLE, Source(0, path.name, path.name))
    return builder.finish()


def _find_columns(table: Table, criteria: Sequence[Criterion]) -> _Columns | None:
    names = {fold(" ".join(name.split())): criterion.key
             for criterion in criteria for name in criterion.name.values()}
    names |= {criterion.key: criterion.key for criterion in criteria}
    words = CriterionIndex(criteria)
    for index, row in enumerate(table.rows[:3]):
        found: dict[str, int] = {}
        number, comment = 0, None
        for column, cell in enumerate(row.cells):
            heading = fold(" ".join(_SCALE.sub(" ", cell.text).split()))
            # A heading the juror reworded ("Тақырыбы") still names one criterion, or none.
            key = names.get(heading) or words.resolve(heading).key
            if heading in _NUMBER_HEADINGS:
                number = column
            elif heading in _COMMENT_HEADINGS:
                comment = column if comment is None else comment
            elif key is not None:
                found.setdefault(key, column)
        if found:
            return _Columns(index, number, comment, found)
    return None


class _RowReader:
    def __init__(self, builder: ReadingBuilder, columns: _Columns, rules: ScoreRules,
                 known: set[str], prefix: str, file: str) -> None:
        self.builder, self.columns, self.rules = builder, columns, rules
        self.known, self.forms, self.file = known, NumberForms(prefix), file
        self.example = example_number(prefix)

    def read(self, cells: list[str], row: int) -> None:
        cells = [" ".join(cell.split()) for cell in cells]
        scored = {key: cells[column] for key, column in self.columns.criteria.items()
                  if column < len(cells) and cells[column]}
        comment = cells[self.columns.comment] if self.columns.comment is not None else ""
        if not scored and not comment:
            return  # not scored yet
        source = Source(row, " | ".join(cell for cell in cells if cell), self.file)
        number = self._number(cells[self.columns.number], source)
        if number is None:
            return
        if recusal_at_start(comment) is not None or any(
                is_recusal_word(text) for text in scored.values()):
            self.builder.recuse(number, source)
            return
        self.builder.touch(number, source, check_missing=bool(scored))
        if comment:
            self.builder.comment(number, comment, source)
        for key, text in scored.items():
            self._score(number, key, text, source)

    def _number(self, text: str, source: Source) -> str | None:
        text = text.strip()
        found = self.forms.at_start(text)
        if found is not None:
            number = found.number
        elif re.fullmatch(r"\d{1,6}", text):
            number = self.forms.normalise(text)  # the column says what it is
        else:
            self.builder.problem(ProblemCode.NO_NUMBER, source, written=text)
            return None
        if number == self.example:
            return None
        if number not in self.known:
            self.builder.problem(ProblemCode.UNKNOWN_NUMBER, source, number, written=text)
            return None
        return number

    def _score(self, number: str, key: str, text: str, source: Source) -> None:
        run = first_run(text)
        if run is None:
            self.builder.problem(ProblemCode.UNREADABLE_SCORE, source, number, criterion=key,
                                 written=text)
            return
        scan = scan_scores(text, run.start(), self.rules)
        if scan.unreadable:
            self.builder.problem(ProblemCode.UNREADABLE_SCORE, source, number, criterion=key,
                                 written=text)
        elif len(scan.scores) != 1 or first_run(text, scan.end) is not None:
            self.builder.problem(ProblemCode.TOO_MANY_SCORES, source, number, criterion=key,
                                 written=text)
        elif (score := scan.scores[0]).value is None:
            self.builder.problem(score.problem or ProblemCode.UNREADABLE_SCORE, source, number,
                                 criterion=key, written=score.written)
        else:
            self.builder.score(number, key, score.value, source)
