"""Reading the form from the attachments that may be it, and deciding which ones are.

`intake.parts` finds the candidates; here each is read with its reader and becomes the
form, a work, or an ignored attachment. The decisions where the regulation says nothing:

- A DOCX is the form when any field or link is read from it: it is not a work either way,
  so whatever it holds is worth reading. One with nothing read is ignored as a document,
  unless its name says it is the form.
- A PDF is the form when at least `PDF_FORM_MIN_FIELDS` of the form's personal fields are
  read from it, or when its name says it is the form and none is read (a scan); otherwise
  it is a multimedia work (a presentation, a portfolio).
- A file named like the form with nothing to read is the form that could not be read.
- A DOCX or PDF that its reader cannot open, whatever the error, is not a readable form:
  a DOCX is then ignored as broken, a PDF stays a work.
- A copy of a DOCX already taken as the form counts once.

Each reading's sources name the sender's file name, not the stored part's.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from hub.mail.letter import Attachment
from intake.form.fields import FormField, FormFileError, FormReading
from intake.form.formdocx import read_form_docx
from intake.form.formpdf import read_form_pdf
from intake.parts import Candidate, Ignored, Part, named_like_form

log = logging.getLogger(__name__)

PDF_FORM_MIN_FIELDS = 2

# The form's personal fields (section 1, and the press-secretary's position and
# organization): what a presentation does not carry by chance.
_PERSONAL_FIELDS = (
    FormField.SETTLEMENT,
    FormField.FULL_NAME,
    FormField.BIRTHPLACE,
    FormField.BIRTH_YEAR,
    FormField.ADDRESS,
    FormField.PHONE,
    FormField.SUBSCRIBERS,
    FormField.POSITION,
    FormField.ORGANIZATION,
)


@dataclass
class AttachedForms:
    """What the candidates turned out to be, each list in the letter's order."""

    forms: list[tuple[Part, FormReading]] = field(default_factory=list)
    works: list[Part] = field(default_factory=list)  # PDFs that are not the form
    # The forms too (`Ignored.FORM`, `Ignored.FORM_UNREAD`): an attachment that is the form
    # is not a work.
    ignored: list[tuple[Part, Ignored]] = field(default_factory=list)


def read_attached_forms(candidates: Iterable[tuple[Part, Candidate]]) -> AttachedForms:
    """Read each candidate for the form, and decide whether it is the form."""
    found = AttachedForms()
    for part, candidate in candidates:
        if candidate is Candidate.NAMED:
            _take(found, part, FormReading(), Ignored.FORM_UNREAD)
        elif candidate is Candidate.PDF:
            _read_pdf(found, part)
        elif any(part.attachment.sha256 == form.attachment.sha256 for form, _ in found.forms):
            # `sort_parts` counts a DOCX only here: a copy of a letter that is not the form
            # is not the same form twice, and is read (and ignored) again.
            found.ignored.append((part, Ignored.SAME_FILE))
        else:
            _read_docx(found, part)
    return found


def _read_docx(found: AttachedForms, part: Part) -> None:
    try:
        reading = read_form_docx(part.attachment.path)
    except Exception as error:  # any failure means "not a readable form": see _unreadable
        _unreadable(part.attachment, error)
        found.ignored.append((part, Ignored.BROKEN_DOCUMENT))
        return
    if not reading.is_empty():
        _take(found, part, reading, Ignored.FORM)
    elif named_like_form(part.title):
        _take(found, part, FormReading(), Ignored.FORM_UNREAD)
    else:
        found.ignored.append((part, Ignored.DOCUMENT))


def _read_pdf(found: AttachedForms, part: Part) -> None:
    reading = FormReading()
    try:
        reading = read_form_pdf(part.attachment.path)
    except Exception as error:  # any failure means "not a readable form": see _unreadable
        _unreadable(part.attachment, error)
    personal = sum(1 for name in _PERSONAL_FIELDS if _has(reading, name))
    if personal >= PDF_FORM_MIN_FIELDS:
        _take(found, part, reading, Ignored.FORM)
    elif personal == 0 and named_like_form(part.title):
        _take(found, part, reading, Ignored.FORM_UNREAD)
    else:
        found.works.append(part)


def _take(found: AttachedForms, part: Part, reading: FormReading, reason: Ignored) -> None:
    # The readers name the stored part ("part-002.bin"); the entrant knows their file.
    sources = dict.fromkeys(reading.sources, part.title)
    found.forms.append((part, replace(reading, sources=sources)))
    found.ignored.append((part, reason))


def _unreadable(attachment: Attachment, error: Exception) -> None:
    """Note a file that could not be read as a form.

    The readers turn the errors they know into `FormFileError`; a malformed file can still
    trip something else deep in pypdf or python-docx. Either way the file is simply not a
    form that can be read, which is an answer for the entrant, not a crash.
    """
    if not isinstance(error, FormFileError):
        log.warning("%s: reading it as a form failed", attachment.path, exc_info=error)


def _has(reading: FormReading, name: FormField) -> bool:
    if name is FormField.BIRTH_YEAR:
        return reading.birth_year is not None or reading.birth_date is not None
    return name in reading.filled()
