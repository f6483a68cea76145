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

from pathlib import Path

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from hub.sections import Language
from reports.docxparts import (
    add_heading,
    add_paragraph,
    begin_protocol,
    cell_margins,
    grid_table,
    keep_rows_whole,
    repeat_as_header,
    save_template,
    signature_block,
    write_cell,
)
from reports.protocol_sentences import SENTENCES, Sentences

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "protocol"

# The ranking table's columns in mm; a criterion's is its least width (see the docstring).
_NUMBER, _NAME, _SETTLEMENT, _CRITERION, _TOTAL, _PLACE, _LOOP = 9, 46, 28, 26, 16, 12, 6


def template_path(language: Language) -> Path:
    return TEMPLATES / f"protocol-{language.value}.docx"


def build_template(language: Language) -> Document:
    """The protocol's template in `language` (kk or ru), as a python-docx document."""
    text = SENTENCES[language]
    document = begin_protocol(text)

    add_heading(document, text.intake_heading)
    add_paragraph(document, text.intake, justify=True)
    _repeated(document, "reasons", text.reasons, "— {{ item.label }}: {{ item.count }}")
    _repeated(document, "decided", text.decided,
              "— {{ item.number }}, {{ item.name }}: {{ item.note }}")

    add_heading(document, text.jury_heading)
    add_paragraph(document, text.jury, justify=True)
    _loop(document, "{%p for juror in jurors %}", text.juror)
    add_paragraph(document, text.criteria, before=6)
    _loop(document, "{%p for criterion in criteria %}", text.criterion)
    add_paragraph(document, text.method, before=6, justify=True)

    add_heading(document, text.results_heading)
    _ranking_table(document, text)
    add_paragraph(document, text.unranked, size=10, before=3)

    add_heading(document, text.prizes_heading)
    add_paragraph(document, "{%p if winners %}")
    _winners_table(document, text)
    add_paragraph(document, "{%p else %}")
    add_paragraph(document, text.no_winners)
    add_paragraph(document, "{%p endif %}")
    add_paragraph(document, "{%p for item in unawarded %}")
    add_paragraph(document, text.unawarded, before=6)
    add_paragraph(document, "{%p endfor %}")
    _repeated(document, "incentives", text.incentives, "— {{ item.prize }}: {{ item.winner }}")

    add_heading(document, text.flagged_heading)
    add_paragraph(document, "{%p if flagged %}")
    _loop(document, "{%p for item in flagged %}",
          "— {{ item.number }}, {{ item.name }}: {{ item.why }}")
    add_paragraph(document, "{%p else %}")
    add_paragraph(document, text.no_flagged)
    add_paragraph(document, "{%p endif %}")

    signature_block(document, text.signatures)
    return document


def write_templates(folder: Path = TEMPLATES) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for language in SENTENCES:
        path = folder / template_path(language).name
        save_template(build_template(language), path, SENTENCES[language].title.split("{")[0])
        written.append(path)
    return written


# ------------------------------------------------------------------ the tables

def _ranking_table(document: Document, text: Sentences) -> None:
    number, name, settlement, total, place = text.columns
    widths = [_NUMBER, _NAME, _SETTLEMENT, _LOOP, _CRITERION, _LOOP, _TOTAL, _PLACE]
    table = grid_table(document, 4, widths)
    header = [number, name, settlement, "{%tc for criterion in criteria %}",
              "{{ criterion.name }}", "{%tc endfor %}", total, place]
    for cell, value in zip(table.rows[0].cells, header, strict=True):
        write_cell(cell, value, bold=True, size=8, align=WD_ALIGN_PARAGRAPH.CENTER)
    repeat_as_header(table, 0)
    cell_margins(table, 1)
    write_cell(table.cell(1, 0), "{%tr for row in rows %}", size=9)
    body = [("{{ row.index }}", True), ("{{ row.name }}", False),
            ("{{ row.settlement }}", False), ("{%tc for score in row.scores %}", True),
            ("{{ score }}", True), ("{%tc endfor %}", True), ("{{ row.total }}", True),
            ("{{ row.place }}", True)]
    for cell, (value, centred) in zip(table.rows[2].cells, body, strict=True):
        write_cell(cell, value, size=10,
               align=WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT)
    keep_rows_whole(table, 2)
    table.rows[2].cells[6].paragraphs[0].runs[0].bold = True
    write_cell(table.cell(3, 0), "{%tr endfor %}", size=9)


def _winners_table(document: Document, text: Sentences) -> None:
    table = grid_table(document, 4, [16, 52, 34, 22, 46], full_width=True)
    for cell, value in zip(table.rows[0].cells, text.prize_columns, strict=True):
        write_cell(cell, value, bold=True, size=10, align=WD_ALIGN_PARAGRAPH.CENTER)
    repeat_as_header(table, 0)
    write_cell(table.cell(1, 0), "{%tr for item in winners %}", size=9)
    body = [("{{ item.place }}", True), ("{{ item.name }}", False),
            ("{{ item.settlement }}", False), ("{{ item.total }}", True),
            ("{{ item.prize }}", False)]
    for cell, (value, centred) in zip(table.rows[2].cells, body, strict=True):
        write_cell(cell, value, size=10,
               align=WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT)
    keep_rows_whole(table, 2)
    write_cell(table.cell(3, 0), "{%tr endfor %}", size=9)


# ------------------------------------------------------------------ paragraphs

def _loop(document: Document, opening: str, line: str) -> None:
    add_paragraph(document, opening)
    add_paragraph(document, line, after=0).paragraph_format.left_indent = Mm(5)
    add_paragraph(document, "{%p endfor %}")


def _repeated(document: Document, name: str, title: str, line: str) -> None:
    """A titled list of `name`'s items, left out altogether when there are none."""
    add_paragraph(document, f"{{%p if {name} %}}")
    add_paragraph(document, title, before=6)
    _loop(document, f"{{%p for item in {name} %}}", line)
    add_paragraph(document, "{%p endif %}")


def main() -> int:
    for path in write_templates():
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
