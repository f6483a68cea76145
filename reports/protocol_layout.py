"""The rendered protocol's tables fitted to A4: landscape when a table is wider than portrait.

A template's column widths are the organizer's; two things only happen to them here.
docxtpl repeats a criterion's cell once per criterion (`{%tc for %}`) but leaves the
table's grid as the template had it, so the grid is made to follow the cells' own widths
again: Word and LibreOffice would otherwise draw too few columns, or "№" as wide as a
name. And a table wider than the page's text (five criteria beside a name, a settlement,
the total and the place do not fit 170 mm) turns every page landscape, and is then
scaled, keeping its proportions, to the landscape page's text width, which it fills (or,
with very many criteria, fits into). A table whose width is a percentage of the page
follows the page by itself and is not scaled.
"""

from __future__ import annotations

from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table

_EMU_PER_TWIP = 635
_TC, _TR, _TC_PR, _TC_W = qn("w:tc"), qn("w:tr"), qn("w:tcPr"), qn("w:tcW")
_SPAN, _VAL, _W, _TYPE = qn("w:gridSpan"), qn("w:val"), qn("w:w"), qn("w:type")


def fit_tables(document: Document) -> bool:
    """Fit the body's tables to the page; True when the pages were turned landscape."""
    grids = {index: grid for index, table in enumerate(document.tables)
             if (grid := _grid_from_cells(table)) is not None and not _relative(table)}
    width = _text_width(document)
    wide = [index for index, grid in grids.items() if sum(grid) > width]
    if not wide:
        return False
    _turn_landscape(document)
    width = _text_width(document)
    for index in wide:
        _scale(document.tables[index], width / sum(grids[index]))
    return True


def _grid_from_cells(table: Table) -> list[int] | None:
    """Set the grid from the first row's cell widths (twips); None if they are not fixed."""
    first = table._tbl.find(_TR)
    if first is None:
        return None
    grid: list[int] = []
    for cell in first.iterchildren(_TC):
        properties = cell.find(_TC_PR)
        width = properties.find(_TC_W) if properties is not None else None
        if width is None or width.get(_TYPE) not in ("dxa", None) or not width.get(_W):
            return None
        span_element = properties.find(_SPAN) if properties is not None else None
        span = int(span_element.get(_VAL)) if span_element is not None else 1
        twips = int(width.get(_W) or 0)
        grid += [twips // span] * span
    _set_grid(table, grid)
    return grid


def _relative(table: Table) -> bool:
    """True for a table as wide as a share of the page (it follows the page by itself)."""
    width = table._tbl.tblPr.find(qn("w:tblW"))
    return width is not None and width.get(_TYPE) == "pct"


def _set_grid(table: Table, grid: list[int]) -> None:
    old = table._tbl.find(qn("w:tblGrid"))
    new = OxmlElement("w:tblGrid")
    for width in grid:
        new.append(OxmlElement("w:gridCol", {_W: str(width)}))
    if old is not None:
        old.addprevious(new)
        table._tbl.remove(old)
    else:
        table._tbl.tblPr.addnext(new)


def _scale(table: Table, factor: float) -> None:
    grid = [round(int(column.get(_W)) * factor)
            for column in table._tbl.find(qn("w:tblGrid")).iterchildren(qn("w:gridCol"))]
    _set_grid(table, grid)
    # Every cell by the same factor, in one pass over the table's cell widths: 100,000
    # cells of a big contest take a tenth of a second so, and a cell spanning columns
    # stays as wide as they are within a twip.
    scaled: dict[str, str] = {}
    for width in table._tbl.iter(_TC_W):
        before = width.get(_W) or "0"
        after = scaled.get(before)
        if after is None:
            after = scaled[before] = str(round(int(before) * factor))
        width.set(_W, after)
    table_width = table._tbl.tblPr.find(qn("w:tblW"))
    if table_width is not None:
        table_width.set(_W, str(sum(grid)))
        table_width.set(_TYPE, "dxa")


def _text_width(document: Document) -> int:
    """The first section's text width in twips: the page less the side margins."""
    section = document.sections[0]
    page = section.page_width or 0
    return int((page - (section.left_margin or 0) - (section.right_margin or 0))
               // _EMU_PER_TWIP)


def _turn_landscape(document: Document) -> None:
    for section in document.sections:
        width, height = section.page_width, section.page_height
        if width is not None and height is not None and width < height:
            section.page_width, section.page_height = height, width
        section.orientation = WD_ORIENT.LANDSCAPE
