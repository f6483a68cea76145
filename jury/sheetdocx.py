"""The score sheet as a DOCX a juror fills in: a row per work, a column per criterion.

Landscape A4, so five criteria, the entrant's name and a comment fit across the page; the
header row repeats on every page. A criterion's column is headed by its name in the juror's
language and the scale, which is also how `jury.sheetread` finds the columns again after a
juror's Word or LibreOffice has saved the file over. Arial is named for every script, so the
Kazakh letters (ә ғ қ ң ө ұ ү һ і) do not fall back to a font without them on Windows; where
Arial is missing, LibreOffice takes Liberation Sans, which has them too.

The table is built with python-docx rather than a docxtpl template: the number of criteria
columns comes from config.toml, and a template with a column loop is harder to reword than
the few lines here.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import IO

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Cell, _Row

from hub.jury_config import Criterion
from hub.sections import Language
from jury.reading import ScoreRules
from jury.sheetmarks import sheet_begin
from jury.sheettext import SheetRow
from jury.sheetwords import WORDS, name_in, scale_text, step_text

FONT = "Arial"
_PAGE = (Mm(297), Mm(210))
_MARGIN = Mm(12)
_NUMBER_WIDTH = 20.0  # mm
_LABEL_WIDTH = 45.0
_COMMENT_WIDTH = 40.0
_ROW_HEIGHT = Mm(10)
_GREY = RGBColor(0x59, 0x59, 0x59)


def write_sheet_docx(target: Path | IO[bytes], *, contest: str, token: str,
                     language: Language, criteria: Sequence[Criterion], rules: ScoreRules,
                     rows: Sequence[SheetRow], deadline: str = "") -> None:
    """Write the juror's sheet. `rows` carry the entrant's name and settlement, or no label
    on a blind sheet, where the column is left out altogether."""
    words = WORDS[language]
    document = docx.Document()
    _set_page(document)
    _set_font(document)
    properties = document.core_properties
    properties.title = words.title.format(contest=contest)
    properties.subject = sheet_begin(token)
    properties.author = contest

    title = document.add_paragraph()
    run = title.add_run(words.title.format(contest=contest))
    run.bold, run.font.size = True, Pt(15)
    document.add_paragraph(words.juror.format(token=token)).runs[0].bold = True
    instructions = [
        words.table,
        words.criteria.format(range=scale_text(rules, language),
                              step=step_text(rules, language)).rstrip(":") + ".",
        words.table_recuse.format(word=words.recusal_word),
        words.later + (" " + words.deadline.format(deadline=deadline) if deadline else ""),
    ]
    for place, text in enumerate(instructions, start=1):
        paragraph = document.add_paragraph(text)
        paragraph.paragraph_format.space_after = Pt(8 if place == len(instructions) else 2)
        paragraph.runs[0].font.color.rgb = _GREY
    _add_table(document, language, criteria, rules, rows)
    document.save(target if not isinstance(target, Path) else str(target))


def _add_table(document: Document, language: Language, criteria: Sequence[Criterion],
               rules: ScoreRules, rows: Sequence[SheetRow]) -> None:
    sheet = WORDS[language]
    labelled = any(row.label for row in rows)
    usable = (_PAGE[0] - 2 * _MARGIN) / Mm(1)
    fixed = _NUMBER_WIDTH + _COMMENT_WIDTH + (_LABEL_WIDTH if labelled else 0)
    criterion_width = (usable - fixed) / len(criteria)
    headings: list[tuple[str, str, float]] = [(sheet.number, "", _NUMBER_WIDTH)]
    if labelled:
        headings.append((sheet.work, "", _LABEL_WIDTH))
    headings += [(name_in(criterion, language), f"({scale_text(rules, language)})",
                  criterion_width) for criterion in criteria]
    headings.append((sheet.comment, "", _COMMENT_WIDTH))

    table = document.add_table(rows=1 + len(rows), cols=len(headings))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, (_, _, width) in zip(table.columns, headings, strict=True):
        column.width = Mm(width)
    header = table.rows[0]
    _repeat_as_header(header)
    for cell, (name, scale, width) in zip(header.cells, headings, strict=True):
        cell.width = Mm(width)
        _write(cell, name, bold=True, size=8)
        if scale:
            cell.add_paragraph().add_run(scale).font.size = Pt(8)
    for row, work in zip(table.rows[1:], rows, strict=True):
        row.height, row.height_rule = _ROW_HEIGHT, WD_ROW_HEIGHT_RULE.AT_LEAST
        for cell, (_, _, width) in zip(row.cells, headings, strict=True):
            cell.width = Mm(width)
        _write(row.cells[0], work.number, bold=True)
        if labelled:
            _write(row.cells[1], work.label)


def _write(cell: _Cell, text: str, *, bold: bool = False, size: int = 9) -> None:
    run = cell.paragraphs[0].add_run(text)
    run.bold = bold
    run.font.size = Pt(size)


def _repeat_as_header(row: _Row) -> None:
    properties = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)


def _set_page(document: Document) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = _PAGE
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, _MARGIN)


def _set_font(document: Document) -> None:
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(10)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), FONT)
