"""Pieces of a Word document that the protocols' templates are built from: A4 pages,
Times New Roman for every script, tables with and without lines, rows that repeat on
each page or do not split, paragraphs, headings and page-number fields.

`reports.protocol_template` (the jury's protocol) and `reports.voting_template` (the
voting contest's) lay out their documents with these, so the two look alike and a fix
to one is a fix to both.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

import docx
from docx.document import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
PAGE = (Mm(210), Mm(297))
MARGINS = {"left_margin": Mm(25), "right_margin": Mm(15),
           "top_margin": Mm(20), "bottom_margin": Mm(20)}
TEXT_WIDTH = 170.0  # mm: A4 portrait less the margins
RED = RGBColor(0xC0, 0x00, 0x00)


class ProtocolHead(Protocol):
    """The words a protocol's first lines and its page margins are made of."""

    @property
    def title(self) -> str: ...
    @property
    def subtitle(self) -> str: ...
    @property
    def date(self) -> str: ...  # a template tag and its words: "{{ date }}"
    @property
    def organizer(self) -> str: ...
    @property
    def draft(self) -> str: ...
    @property
    def footer(self) -> str: ...
    @property
    def page(self) -> tuple[str, str]: ...


def begin_protocol(text: ProtocolHead) -> Document:
    """A new protocol template: A4, the fonts, the draft mark, hash and page numbers on
    every page, then the heading, the contest's name, the place and date on one line, and
    the organizer."""
    document = docx.Document()
    set_page(document)
    set_fonts(document)
    header_and_footer(document, text.draft, text.footer, text.page)
    add_paragraph(document, text.title, bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER,
                  after=0)
    add_paragraph(document, text.subtitle, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    add_paragraph(document, "{{ contest }}", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    place = plain_table(document, 1, [100, 70])
    write_cell(place.cell(0, 0), "{{ place }}")
    write_cell(place.cell(0, 1), text.date, align=WD_ALIGN_PARAGRAPH.RIGHT)
    add_paragraph(document, text.organizer, before=6)
    return document


def signature_block(document: Document, heading: str) -> None:
    """The signatures: `heading`, then a row for each of `signatures` (role, a line to
    sign on, name). Without [[reports.signatures]] the block is left out: a table of no
    rows is one Word refuses to open."""
    add_paragraph(document, "{%p if signatures %}")
    title = add_paragraph(document, heading, bold=True, before=18, after=6)
    title.paragraph_format.keep_with_next = True
    _signatures_table(document)
    add_paragraph(document, "{%p endif %}")


def header_and_footer(document: Document, draft: str, footer_text: str,
                      page: tuple[str, str]) -> None:
    """`draft` atop every page (a template tag: the mark shows only on a draft); below,
    `footer_text` (the data's SHA-256) and "page N of M" as `page`'s words around the
    fields."""
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = header.add_run(draft)
    run.bold = True
    run.font.size = Pt(11)
    run.font.color.rgb = RED
    footer = section.footer.paragraphs[0]
    footer.add_run(footer_text).font.size = Pt(7)
    pages = section.footer.add_paragraph()
    pages.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    before, between = page
    pages.add_run(before).font.size = Pt(8)
    add_field(pages, "PAGE")
    pages.add_run(between).font.size = Pt(8)
    add_field(pages, "NUMPAGES")


def save_template(document: Document, path: Path, title: str) -> None:
    """Save a built template with fixed document properties, so that rebuilding an
    unchanged template changes no byte of its text."""
    properties = document.core_properties
    properties.author = properties.last_modified_by = "baiqau"
    properties.title = title
    properties.revision = 1
    properties.created = properties.modified = datetime(2026, 1, 1, tzinfo=UTC)
    document.save(str(path))


def _signatures_table(document: Document) -> None:
    table = plain_table(document, 3, [80, 45, 45])
    write_cell(table.cell(0, 0), "{%tr for signature in signatures %}", size=9)
    write_cell(table.cell(1, 0), "{{ signature.role }}")
    write_cell(table.cell(1, 1), "____________________", align=WD_ALIGN_PARAGRAPH.CENTER)
    write_cell(table.cell(1, 2), "{{ signature.name }}")
    for cell in table.rows[1].cells:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
        cell.paragraphs[0].paragraph_format.space_before = Pt(18)
        cell.paragraphs[0].paragraph_format.keep_with_next = True
    keep_rows_whole(table, 1)
    write_cell(table.cell(2, 0), "{%tr endfor %}", size=9)


def grid_table(document: Document, rows: int, widths: Sequence[float], *,
                full_width: bool = False) -> Table:
    """A table with lines, its columns `widths` mm wide (in proportion, if `full_width`)."""
    table = full_width_table(document, rows, widths) if full_width \
        else document.add_table(rows=rows, cols=len(widths))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    set_widths(table, widths)
    for row in table.rows:
        for cell in row.cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    return table


def full_width_table(document: Document, rows: int, widths: Sequence[float]) -> Table:
    """A table without lines across the text width, whatever the page's orientation."""
    table: Table = document.add_table(rows=rows, cols=len(widths))
    table.autofit = False
    set_widths(table, widths)
    width = table._tbl.tblPr.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        table._tbl.tblPr.append(width)
    width.set(qn("w:type"), "pct")
    width.set(qn("w:w"), "5000")  # fiftieths of a percent: 100 %
    return table


def plain_table(document: Document, rows: int, widths: Sequence[float]) -> Table:
    """A table without lines across the text width, its text in line with the paragraphs."""
    table = full_width_table(document, rows, widths)
    cell_margins(table, 0)
    return table


def set_widths(table: Table, widths: Sequence[float]) -> None:
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def cell_margins(table: Table, mm: float) -> None:
    """`mm` inside a cell's sides (Word's default is 1.9). The ranking's 1 mm lets a
    criterion's long words, like «құндылықтарын», fit its column without breaking; a table
    without lines takes 0, so its text lines up with the paragraphs'."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(round(Mm(mm).twips)))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.append(margins)


def repeat_as_header(table: Table, index: int) -> None:
    properties = table.rows[index]._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)


def keep_rows_whole(table: Table, index: int) -> None:
    """A row is not split across two pages (a name on one, its scores on the next)."""
    properties = table.rows[index]._tr.get_or_add_trPr()
    marker = OxmlElement("w:cantSplit")
    marker.set(qn("w:val"), "true")
    properties.insert(0, marker)


def add_paragraph(document: Document, text: str, *, bold: bool = False, size: float | None = None,
               align: WD_ALIGN_PARAGRAPH | None = None, before: float = 0, after: float = 3,
               justify: bool = False) -> Paragraph:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = bold or None
    if size:
        run.font.size = Pt(size)
    alignment = WD_ALIGN_PARAGRAPH.JUSTIFY if justify else align
    if alignment is not None:
        paragraph.alignment = alignment
    paragraph.paragraph_format.space_before = Pt(before)
    paragraph.paragraph_format.space_after = Pt(after)
    return paragraph


def add_heading(document: Document, text: str) -> None:
    paragraph = add_paragraph(document, text, bold=True, before=12, after=6)
    paragraph.paragraph_format.keep_with_next = True


def write_cell(cell: _Cell, text: str, *, bold: bool = False, size: float = 12,
           align: WD_ALIGN_PARAGRAPH | None = None) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold = bold or None
    run.font.size = Pt(size)


def add_field(paragraph: Paragraph, instruction: str) -> None:
    """A field Word and LibreOffice fill in on every page (the page number, the count)."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "16")
    properties.append(size)
    run.append(properties)
    shown = OxmlElement("w:t")
    shown.text = "1"
    run.append(shown)
    field.append(run)
    paragraph._p.append(field)


def set_page(document: Document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = PAGE
    for side, margin in MARGINS.items():
        setattr(section, side, margin)
    section.header_distance = section.footer_distance = Mm(10)


def set_fonts(document: Document) -> None:
    style = document.styles["Normal"]
    assert isinstance(style, ParagraphStyle)
    style.font.name = FONT
    style.font.size = Pt(12)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for script in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(script), FONT)
    style.paragraph_format.space_after = Pt(3)
