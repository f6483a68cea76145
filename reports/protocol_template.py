"""The protocol's Word templates, built: templates/protocol/protocol-kk.docx and -ru.docx.

`python -m reports.protocol_template` writes both (run it after changing this file, and
commit the .docx files it writes). They are docxtpl templates: Jinja2 tags in the text of
a Word document, which an organizer can open in Word or LibreOffice and reword, restyle
or widen (`baiqau results --protocol X --template MY.docx`). One template a language,
rather than one with every sentence passed in, so an organizer rewording the Kazakh
protocol reads Kazakh sentences, not `{{ words.section_1 }}`; the sentences are
`reports.protocol_sentences`, the layout is here.

What a template may use is `reports.protocol.protocol_context`'s dictionary. Tags that
stand alone in a paragraph, row or cell take docxtpl's prefix: `{%p for %}` repeats a
paragraph, `{%tr for %}` a table row, `{%tc for %}` a table cell (a column per criterion).
After rendering, a table wider than A4 portrait (the ranking with five criteria, at the
template's widths) turns the pages landscape and is widened to fill them
(`reports.protocol_layout`).

Times New Roman is named for every script, so the Kazakh letters (ә ғ қ ң ө ұ ү һ і) do not
fall back to a font without them in Word; LibreOffice takes Liberation Serif for it,
which has them too.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

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

from hub.sections import Language
from reports.protocol_sentences import SENTENCES, Sentences

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "protocol"
FONT = "Times New Roman"
PAGE = (Mm(210), Mm(297))
MARGINS = {"left_margin": Mm(25), "right_margin": Mm(15),
           "top_margin": Mm(20), "bottom_margin": Mm(20)}
TEXT_WIDTH = 170.0  # mm: A4 portrait less the margins
_RED = RGBColor(0xC0, 0x00, 0x00)

# The ranking table's columns in mm; a criterion's is its least width (see the docstring).
_NUMBER, _NAME, _SETTLEMENT, _CRITERION, _TOTAL, _PLACE, _LOOP = 9, 46, 28, 26, 16, 12, 6


def template_path(language: Language) -> Path:
    return TEMPLATES / f"protocol-{language.value}.docx"


def build_template(language: Language) -> Document:
    """The protocol's template in `language` (kk or ru), as a python-docx document."""
    text = SENTENCES[language]
    document = docx.Document()
    _set_page(document)
    _set_fonts(document)
    _header_and_footer(document, text)

    _paragraph(document, text.title, bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER,
               after=0)
    _paragraph(document, text.subtitle, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    _paragraph(document, "{{ contest }}", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    place = _plain_table(document, 1, [100, 70])
    _write(place.cell(0, 0), "{{ place }}")
    _write(place.cell(0, 1), text.date, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph(document, text.organizer, before=6)

    _heading(document, text.intake_heading)
    _paragraph(document, text.intake, justify=True)
    _repeated(document, "reasons", text.reasons, "— {{ item.label }}: {{ item.count }}")
    _repeated(document, "decided", text.decided,
              "— {{ item.number }}, {{ item.name }}: {{ item.note }}")

    _heading(document, text.jury_heading)
    _paragraph(document, text.jury, justify=True)
    _loop(document, "{%p for juror in jurors %}", text.juror)
    _paragraph(document, text.criteria, before=6)
    _loop(document, "{%p for criterion in criteria %}", text.criterion)
    _paragraph(document, text.method, before=6, justify=True)

    _heading(document, text.results_heading)
    _ranking_table(document, text)
    _paragraph(document, text.unranked, size=10, before=3)

    _heading(document, text.prizes_heading)
    _paragraph(document, "{%p if winners %}")
    _winners_table(document, text)
    _paragraph(document, "{%p else %}")
    _paragraph(document, text.no_winners)
    _paragraph(document, "{%p endif %}")
    _paragraph(document, "{%p for item in unawarded %}")
    _paragraph(document, text.unawarded, before=6)
    _paragraph(document, "{%p endfor %}")
    _repeated(document, "incentives", text.incentives, "— {{ item.prize }}: {{ item.winner }}")

    _heading(document, text.flagged_heading)
    _paragraph(document, "{%p if flagged %}")
    _loop(document, "{%p for item in flagged %}",
          "— {{ item.number }}, {{ item.name }}: {{ item.why }}")
    _paragraph(document, "{%p else %}")
    _paragraph(document, text.no_flagged)
    _paragraph(document, "{%p endif %}")

    # Without [[reports.signatures]] the block is left out: a table of no rows is one
    # Word refuses to open.
    _paragraph(document, "{%p if signatures %}")
    signatures = _paragraph(document, text.signatures, bold=True, before=18, after=6)
    signatures.paragraph_format.keep_with_next = True
    _signatures_table(document)
    _paragraph(document, "{%p endif %}")
    return document


def write_templates(folder: Path = TEMPLATES) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for language in SENTENCES:
        path = folder / template_path(language).name
        document = build_template(language)
        # Fixed document properties, so rebuilding an unchanged template changes no text.
        properties = document.core_properties
        properties.author = properties.last_modified_by = "baiqau"
        properties.title = SENTENCES[language].title.split("{")[0]
        properties.revision = 1
        properties.created = properties.modified = datetime(2026, 1, 1, tzinfo=UTC)
        document.save(str(path))
        written.append(path)
    return written


# ------------------------------------------------------------------ the tables

def _ranking_table(document: Document, text: Sentences) -> None:
    number, name, settlement, total, place = text.columns
    widths = [_NUMBER, _NAME, _SETTLEMENT, _LOOP, _CRITERION, _LOOP, _TOTAL, _PLACE]
    table = _grid_table(document, 4, widths)
    header = [number, name, settlement, "{%tc for criterion in criteria %}",
              "{{ criterion.name }}", "{%tc endfor %}", total, place]
    for cell, value in zip(table.rows[0].cells, header, strict=True):
        _write(cell, value, bold=True, size=8, align=WD_ALIGN_PARAGRAPH.CENTER)
    _repeat_as_header(table, 0)
    _cell_margins(table, 1)
    _write(table.cell(1, 0), "{%tr for row in rows %}", size=9)
    body = [("{{ row.index }}", True), ("{{ row.name }}", False),
            ("{{ row.settlement }}", False), ("{%tc for score in row.scores %}", True),
            ("{{ score }}", True), ("{%tc endfor %}", True), ("{{ row.total }}", True),
            ("{{ row.place }}", True)]
    for cell, (value, centred) in zip(table.rows[2].cells, body, strict=True):
        _write(cell, value, size=10,
               align=WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT)
    _keep_rows_whole(table, 2)
    table.rows[2].cells[6].paragraphs[0].runs[0].bold = True
    _write(table.cell(3, 0), "{%tr endfor %}", size=9)


def _winners_table(document: Document, text: Sentences) -> None:
    table = _grid_table(document, 4, [16, 52, 34, 22, 46], full_width=True)
    for cell, value in zip(table.rows[0].cells, text.prize_columns, strict=True):
        _write(cell, value, bold=True, size=10, align=WD_ALIGN_PARAGRAPH.CENTER)
    _repeat_as_header(table, 0)
    _write(table.cell(1, 0), "{%tr for item in winners %}", size=9)
    body = [("{{ item.place }}", True), ("{{ item.name }}", False),
            ("{{ item.settlement }}", False), ("{{ item.total }}", True),
            ("{{ item.prize }}", False)]
    for cell, (value, centred) in zip(table.rows[2].cells, body, strict=True):
        _write(cell, value, size=10,
               align=WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT)
    _keep_rows_whole(table, 2)
    _write(table.cell(3, 0), "{%tr endfor %}", size=9)


def _signatures_table(document: Document) -> None:
    table = _plain_table(document, 3, [80, 45, 45])
    _write(table.cell(0, 0), "{%tr for signature in signatures %}", size=9)
    _write(table.cell(1, 0), "{{ signature.role }}")
    _write(table.cell(1, 1), "____________________", align=WD_ALIGN_PARAGRAPH.CENTER)
    _write(table.cell(1, 2), "{{ signature.name }}")
    for cell in table.rows[1].cells:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
        cell.paragraphs[0].paragraph_format.space_before = Pt(18)
        cell.paragraphs[0].paragraph_format.keep_with_next = True
    _keep_rows_whole(table, 1)
    _write(table.cell(2, 0), "{%tr endfor %}", size=9)


def _grid_table(document: Document, rows: int, widths: Sequence[float], *,
                full_width: bool = False) -> Table:
    """A table with lines, its columns `widths` mm wide (in proportion, if `full_width`)."""
    table = _full_width_table(document, rows, widths) if full_width \
        else document.add_table(rows=rows, cols=len(widths))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _set_widths(table, widths)
    for row in table.rows:
        for cell in row.cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    return table


def _full_width_table(document: Document, rows: int, widths: Sequence[float]) -> Table:
    """A table without lines across the text width, whatever the page's orientation."""
    table: Table = document.add_table(rows=rows, cols=len(widths))
    table.autofit = False
    _set_widths(table, widths)
    width = table._tbl.tblPr.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        table._tbl.tblPr.append(width)
    width.set(qn("w:type"), "pct")
    width.set(qn("w:w"), "5000")  # fiftieths of a percent: 100 %
    return table


def _plain_table(document: Document, rows: int, widths: Sequence[float]) -> Table:
    """A table without lines across the text width, its text in line with the paragraphs."""
    table = _full_width_table(document, rows, widths)
    _cell_margins(table, 0)
    return table


def _set_widths(table: Table, widths: Sequence[float]) -> None:
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def _cell_margins(table: Table, mm: float) -> None:
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


def _repeat_as_header(table: Table, index: int) -> None:
    properties = table.rows[index]._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)


def _keep_rows_whole(table: Table, index: int) -> None:
    """A row is not split across two pages (a name on one, its scores on the next)."""
    properties = table.rows[index]._tr.get_or_add_trPr()
    marker = OxmlElement("w:cantSplit")
    marker.set(qn("w:val"), "true")
    properties.insert(0, marker)


# ------------------------------------------------------------------ paragraphs

def _paragraph(document: Document, text: str, *, bold: bool = False, size: float | None = None,
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


def _heading(document: Document, text: str) -> None:
    paragraph = _paragraph(document, text, bold=True, before=12, after=6)
    paragraph.paragraph_format.keep_with_next = True


def _loop(document: Document, opening: str, line: str) -> None:
    _paragraph(document, opening)
    _paragraph(document, line, after=0).paragraph_format.left_indent = Mm(5)
    _paragraph(document, "{%p endfor %}")


def _repeated(document: Document, name: str, title: str, line: str) -> None:
    """A titled list of `name`'s items, left out altogether when there are none."""
    _paragraph(document, f"{{%p if {name} %}}")
    _paragraph(document, title, before=6)
    _loop(document, f"{{%p for item in {name} %}}", line)
    _paragraph(document, "{%p endif %}")


def _write(cell: _Cell, text: str, *, bold: bool = False, size: float = 12,
           align: WD_ALIGN_PARAGRAPH | None = None) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold = bold or None
    run.font.size = Pt(size)


def _header_and_footer(document: Document, text: Sentences) -> None:
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = header.add_run(text.draft)
    run.bold = True
    run.font.size = Pt(11)
    run.font.color.rgb = _RED
    footer = section.footer.paragraphs[0]
    footer.add_run(text.footer).font.size = Pt(7)
    pages = section.footer.add_paragraph()
    pages.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    before, between = text.page
    pages.add_run(before).font.size = Pt(8)
    _field(pages, "PAGE")
    pages.add_run(between).font.size = Pt(8)
    _field(pages, "NUMPAGES")


def _field(paragraph: Paragraph, instruction: str) -> None:
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


def _set_page(document: Document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = PAGE
    for side, margin in MARGINS.items():
        setattr(section, side, margin)
    section.header_distance = section.footer_distance = Mm(10)


def _set_fonts(document: Document) -> None:
    style = document.styles["Normal"]
    assert isinstance(style, ParagraphStyle)
    style.font.name = FONT
    style.font.size = Pt(12)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for script in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(script), FONT)
    style.paragraph_format.space_after = Pt(3)


def main() -> int:
    for path in write_templates():
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
