"""docxtpl's `DocxTemplate`, four steps of which made fast enough for a 10,000-row table.

Rendering a protocol of 10,000 works through docxtpl as it is took 25 s, most of it in
four steps after Jinja2 had done its work. Each is replaced here by one that gives the
same document:

- `render_xml_part` puts a newline before every paragraph for Jinja2 and takes it out
  afterwards, with a regular expression whose replacement names a group: for the 100,000
  paragraphs of a big table, 110,000 expansions of that group, 0.3 to 0.5 s. Two plain
  `str.replace` calls make exactly the same text.

- `resolve_listing` turns a tab, newline, bell or form feed inside a value into Word's
  own (a tab, a line break, a paragraph, a page break), with a regular expression per
  paragraph, run and text: 10 s for 100,000 cells. A value rarely holds one (an
  organizer's note might), so the document is searched for one first (for the four
  characters, then, only where one is, for one inside a text), and only a document that
  has one goes through docxtpl's step.
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
from jinja2 import Environment, Template, TemplateError

_CONTROLS = "\t\a\n\f"
_LISTING = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\t\a\n\f]")


class FastTemplate(DocxTemplate):  # type: ignore[misc]  # docxtpl has no type hints
    docx: Any  # python-docx's Document, once docxtpl has read the template
    docx_ids_index: int
    current_rendering_part: Any

    def render_xml_part(self, src_xml: str, part: Any, context: dict[str, Any],
                        jinja_env: Environment | None = None) -> str:
        # docxtpl 0.20's, with its two re.sub(r"\n?<w:p([ >])", ...) as str.replace: the
        # same text, since "<w:p" followed by a space or ">" is all that the pattern matched.
        src_xml = src_xml.replace("<w:p ", "\n<w:p ").replace("<w:p>", "\n<w:p>")
        try:
            self.current_rendering_part = part
            template = (jinja_env.from_string(src_xml) if jinja_env
                        else Template(src_xml))
            dst_xml = template.render(context)
        except TemplateError as error:
            # As docxtpl does: the lines around the error, without their XML, for its message.
            line = getattr(error, "lineno", None)
            if line is not None:
                first = max(line - 4, 0)
                error.docx_context = [re.sub(r"<[^>]+>", "", text)  # type: ignore[attr-defined]
                                      for text in src_xml.splitlines()[first:first + 7]]
            raise
        dst_xml = dst_xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
        dst_xml = (dst_xml.replace("{_{", "{{").replace("}_}", "}}")
                   .replace("{_%", "{%").replace("%_}", "%}"))
        return self.resolve_listing(dst_xml)

    def resolve_listing(self, xml: str) -> str:
        # Finding none of the characters is four scans at memory speed; the expression
        # takes 0.1 s over the 27 MB of a big table.
        if not any(char in xml for char in _CONTROLS) or _LISTING.search(xml) is None:
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
