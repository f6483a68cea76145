"""docxtpl's `DocxTemplate`, three steps of which made fast enough for a 10,000-row table.

Rendering a protocol of 10,000 works through docxtpl as it is took 25 s, most of it in
three steps after Jinja2 had done its work. Each is replaced here by one that gives the
same document:

- `resolve_listing` turns a tab, newline, bell or form feed inside a value into Word's
  own (a tab, a line break, a paragraph, a page break), with a regular expression per
  paragraph, run and text: 10 s for 100,000 cells. A value rarely holds one (an
  organizer's note might), so the document is searched for one first, and only a
  document that has one goes through docxtpl's step.
- `fix_tables` re-parses the rendered body with a recovering parser and evens out the
  grid of a table whose column loop (`{%tc for %}`) changed its cell count.
  `reports.protocol_layout.fit_tables` sets every grid from its cells afterwards, so here
  the body is only parsed, once, as part of the whole document, with python-docx's parser
  (whose elements' `xpath` knows the prefixes itself, which `fix_docpr_ids` follows).
- `map_tree` moved that body into the template's document, node by node across two lxml
  documents: 8 s. The document parsed whole replaces the template's instead.
"""

from __future__ import annotations

import re
from typing import Any

from docx.document import Document
from docx.oxml import parse_xml
from docxtpl import DocxTemplate

_LISTING = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\a\n\f]")


class FastTemplate(DocxTemplate):  # type: ignore[misc]  # docxtpl has no type hints
    docx: Any  # python-docx's Document, once docxtpl has read the template
    docx_ids_index: int

    def resolve_listing(self, xml: str) -> str:
        if _LISTING.search(xml) is None:
            return xml
        return str(super().resolve_listing(xml))

    def fix_tables(self, xml: str) -> Any:
        shell = self.docx.element.xml
        head = shell[:shell.index("<w:body")]
        tail = shell[shell.rindex("</w:body>") + len("</w:body>"):]
        return parse_xml(head + xml + tail).body

    def fix_docpr_ids(self, tree: Any) -> None:
        # docxtpl's own, for python-docx's elements, whose xpath() knows the prefixes.
        for element in tree.xpath("//wp:docPr"):
            self.docx_ids_index += 1
            element.attrib["id"] = str(self.docx_ids_index)

    def map_tree(self, tree: Any) -> None:
        part = self.docx.part
        # A part keeps its root element privately; python-docx serialises whatever is there.
        part._element = tree.getparent()
        self.docx = part.document

    @property
    def document(self) -> Document:
        """The rendered document, to fit and save."""
        document: Document = self.docx
        return document
