"""The application form (Appendix 1), read from a mail body, an HTML part, a DOCX or a
PDF: its fields, the labels people type, the values and the links."""
