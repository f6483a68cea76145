"""Reading a filled-in application form (Appendix 1) from a DOCX attachment, with python-docx.

The DOCX is turned into lines of text in document order, paragraphs as lines and table rows
as tab-separated cells, and read by `read_form_text`: the same labels, the same value
parsing, whether the entrant typed "Label: value" in one paragraph, the value in the next
paragraph, or filled a table (label | value, or a row of labels over a row of values).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from zipfile import BadZipFile

import docx
from docx.document import Document
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from intake.form.fields import FormFileError, FormReading
from intake.form.formtext import read_form_text


def read_form_docx(path: Path) -> FormReading:
    """The form read from a DOCX file; every field's source is the file's name.

    Raises `FormFileError` when the file is not a DOCX python-docx can open (an old .doc,
    a corrupt or truncated file).
    """
    try:
        document = docx.Document(str(path))
        text = "\n".join(docx_lines(document))
    except (PackageNotFoundError, BadZipFile, KeyError, ValueError, SyntaxError) as error:
        # SyntaxError: lxml's XMLSyntaxError for a part that is not well-formed XML.
        raise FormFileError(f"{path.name}: not a readable DOCX file ({error})") from None
    return read_form_text(text, source=path.name)


def docx_lines(document: Document) -> Iterator[str]:
    """The document's text in reading order: a line per paragraph, a line per table row."""
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            yield paragraph_text(block)
        else:
            yield from _table_lines(block)


def paragraph_text(paragraph: Paragraph) -> str:
    """A paragraph's text, with the address of any link whose shown text hides it."""
    text = paragraph.text
    for link in paragraph.hyperlinks:
        address = link.url
        if address.startswith(("http://", "https://")) and address not in text:
            text += f" {address}"
    return text


def _table_lines(table: Table) -> Iterator[str]:
    nested: list[Table] = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            # A merged cell is returned once per grid column it spans: read it once.
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(_cell_text(cell, nested))
        yield "\t".join(cells)
    for inner in nested:
        yield from _table_lines(inner)


def _cell_text(cell: _Cell, nested: list[Table]) -> str:
    parts: list[str] = []
    for block in cell.iter_inner_content():
        if isinstance(block, Paragraph):
            parts.append(paragraph_text(block))
        else:
            nested.append(block)
    # Paragraphs inside one cell belong to one value (a label and its answer, or two links).
    return " ".join(part.strip() for part in parts if part.strip())
