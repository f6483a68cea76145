"""Reading a filled-in application form from a PDF attachment's text layer, with pypdf.

Only the text layer is read: a scanned form (pictures of pages, no text) gives an empty
reading, not an error, so the application goes on and the organizers are asked to look; an
unreadable or password-protected file is a `FormFileError`.
"""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from intake.form.fields import FormFileError, FormReading
from intake.form.formtext import read_form_text


def read_form_pdf(path: Path) -> FormReading:
    """The form read from a PDF's text; every field's source is the file's name."""
    text = pdf_text(path)
    if not text.strip():
        return FormReading()
    return read_form_text(text, source=path.name)


def pdf_text(path: Path) -> str:
    """The text layer of every page, pages separated by a line break ('' when there is none)."""
    try:
        reader = PdfReader(str(path))
        # Many forms are "encrypted" with an empty password only to stop editing.
        locked = reader.is_encrypted and not reader.decrypt("")
        text = "" if locked else "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, RecursionError) as error:
        # pypdf reports a broken file with its own errors, and with these from deep inside.
        raise FormFileError(f"{path.name}: not a readable PDF file ({error})") from None
    if locked:
        raise FormFileError(f"{path.name}: the PDF is protected by a password")
    return text
