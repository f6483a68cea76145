"""The voting protocol's Word templates, built: templates/protocol/voting-kk.docx and -ru.docx.

`python -m reports.voting_template` writes both (run it after changing this file or
`reports.voting_sentences`, and commit the .docx files). They follow seed 000's protocol:
the heading, the contest, its organizer, place and date; how the voting ran; the table
«№ п/п | ФИО участника | Должность | Количество голосов» by votes; the winner, the prizes,
the participants taken out of the contest, the signatures. Built with the jury
protocol's pieces (`reports.protocol_template`): the same page, fonts (Times New Roman,
which has every Kazakh letter), draft header, footer with the data's SHA-256 and page
numbers, and a table whose header row repeats on every page. What a template may use is
`reports.voting_protocol.voting_context`'s dictionary.
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
from reports.protocol_template import TEMPLATES
from reports.voting_sentences import VOTING_SENTENCES, VotingSentences

# The table's columns in mm: 170, the text width of A4 portrait, so it never turns.
_NUMBER, _NAME, _POSITION, _VOTES = 14, 56, 74, 26


def voting_template_path(language: Language) -> Path:
    return TEMPLATES / f"voting-{language.value}.docx"


def build_voting_template(language: Language) -> Document:
    """The voting protocol's template in `language` (kk or ru), as a python-docx document."""
    text = VOTING_SENTENCES[language]
    document = begin_protocol(text)

    add_heading(document, text.how_heading)
    add_paragraph(document, text.how, justify=True)
    for line in text.facts:
        add_paragraph(document, line, after=0).paragraph_format.left_indent = Mm(5)

    add_heading(document, text.table_heading)
    _votes_table(document, text)
    add_paragraph(document, "{%p if count.disqualified %}")
    add_paragraph(document, text.out_note, size=10, before=3)
    add_paragraph(document, "{%p endif %}")

    add_heading(document, text.winner_heading)
    add_paragraph(document, "{%p if winners|length > 1 %}")
    add_paragraph(document, text.winners_many)
    add_paragraph(document, "{%p elif winners %}")
    add_paragraph(document, text.winner_one)
    add_paragraph(document, "{%p else %}")
    add_paragraph(document, text.no_winner)
    add_paragraph(document, "{%p endif %}")
    add_paragraph(document, "{%p for item in winners %}")
    winner = add_paragraph(document, text.winner, bold=True)
    winner.paragraph_format.left_indent = Mm(5)
    add_paragraph(document, "{%p endfor %}")
    add_paragraph(document, "{%p for item in placed %}")
    add_paragraph(document, text.prize, before=6)
    add_paragraph(document, "{%p endfor %}")
    add_paragraph(document, "{%p if others %}")
    add_paragraph(document, text.others, before=6)
    add_paragraph(document, "{%p for item in others %}")
    add_paragraph(document, "— {{ item.prize }}", after=0).paragraph_format.left_indent = Mm(5)
    add_paragraph(document, "{%p endfor %}")
    add_paragraph(document, "{%p endif %}")

    add_heading(document, text.out_heading)
    add_paragraph(document, "{%p if disqualified %}")
    add_paragraph(document, "{%p for item in disqualified %}")
    add_paragraph(document, text.out_item)
    add_paragraph(document, "{%p endfor %}")
    add_paragraph(document, "{%p else %}")
    add_paragraph(document, text.no_out)
    add_paragraph(document, "{%p endif %}")

    signature_block(document, text.signatures)
    return document


def write_voting_templates(folder: Path = TEMPLATES) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for language in VOTING_SENTENCES:
        path = folder / voting_template_path(language).name
        save_template(build_voting_template(language), path,
                      VOTING_SENTENCES[language].title.split("{")[0])
        written.append(path)
    return written


def _votes_table(document: Document, text: VotingSentences) -> None:
    table = grid_table(document, 4, [_NUMBER, _NAME, _POSITION, _VOTES])
    for cell, value in zip(table.rows[0].cells, text.columns, strict=True):
        write_cell(cell, value, bold=True, size=10, align=WD_ALIGN_PARAGRAPH.CENTER)
    repeat_as_header(table, 0)
    cell_margins(table, 1)
    write_cell(table.cell(1, 0), "{%tr for row in rows %}", size=9)
    body = [("{{ row.index }}", True), ("{{ row.name }}" + text.out_mark, False),
            ("{{ row.role }}", False), ("{{ row.votes }}", True)]
    for cell, (value, centred) in zip(table.rows[2].cells, body, strict=True):
        write_cell(cell, value, size=11,
               align=WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT)
    keep_rows_whole(table, 2)
    write_cell(table.cell(3, 0), "{%tr endfor %}", size=9)


def main() -> int:
    for path in write_voting_templates():
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
