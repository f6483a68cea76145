"""What in an application email is a work, and what is not.

The regulation asks for up to three works "in any format (video, multimedia projects)"
(3.3) and Appendix 1 lists photo, video and multimedia. A mail carries much more than
that: the filled-in form, a logo in the signature, an S/MIME signature, a calendar invite,
the same video twice. `collect_works` sorts every attachment and every link to a work
into exactly one of:

- `works`: each a `Work` of kind "photo", "video", "multimedia" or "unsupported" (a file
  meant as a work in a format the jury cannot take: an archive, a program, an unknown
  file; the rules answer it with `unsupported_format`);
- `form_attachments` (with their readings in `form_readings`): the filled-in form;
- `ignored`: every attachment that is not a work, with the reason (an `Ignored` value).
  The form is listed here too, so every attachment is either a work or in `ignored`.

What an attachment is comes from its content (`intake.works.filetypes.sniff`), never from its
name or declared type. The decisions where the regulation says nothing:

- Multimedia (see `intake.works.filetypes`) is PDF, presentations and audio. Archives are not
  accepted (unsupported): the jury cannot watch a ZIP, and unpacking strangers' archives
  is a risk; the entrant is asked for the files or a link instead.
- Text documents (DOCX, DOC, ODT, RTF, TXT, spreadsheets) are never works. A DOCX is read
  as the form: any field or link read makes it the form (it is not a work either way, so
  whatever it holds is worth reading); one with nothing read is ignored as a document.
  A PDF is the form when at least `PDF_FORM_MIN_FIELDS` of the form's personal fields are
  read from it; otherwise it is a multimedia work (a presentation, a portfolio).
- A file whose text says nothing but whose name says "form" (өтінім, өтініш, заявка,
  анкета, сауалнама, application, in Kazakh, Russian or Latin letters) is taken as the
  form that could not be read: a scanned PDF, a photo of the paper form, an old .doc.
  It goes to `form_attachments` with what could be read (often nothing), not to works.
- Pictures in the body: an image referenced from the HTML by `cid:` is part of the letter
  (a logo, a banner, a pasted sticker) when it is smaller than `INLINE_PHOTO_MIN_BYTES`;
  a larger one is a photo the entrant put in the body, as iPhone Mail does with every
  photo and Gmail does with "insert inline", and counts as a work. An inline image under
  `TINY_INLINE_BYTES` is a logo or icon. An image attached as an attachment is a work at
  any size. A `cid:` picture in a format that is no work at all (Outlook's EMF and .wmz
  signature drawings) is part of the letter at any size, not an unsupported work.
- A DOCX or PDF that its reader cannot open, whatever the error, is not a readable form:
  a DOCX is then ignored as broken, a PDF stays a work.
- Signatures, calendar invites, vCards, winmail.dat and attached email messages are known
  by their declared type, name or content, but only while the content is not a photo,
  video or multimedia file: a video declared as `application/pkcs7-signature` is a video.
- The same file attached twice (same SHA-256, whatever the names) counts once.
- Links to works, their kinds and when two are the same work: see `intake.works.links`.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field, replace
from enum import StrEnum
from urllib.parse import unquote

from hub.mail.letter import Attachment, Letter
from intake.folding import fold
from intake.form.fields import FormField, FormFileError, FormReading
from intake.form.formdocx import read_form_docx
from intake.form.formpdf import read_form_pdf
from intake.works.filetypes import Category, FileKind, sniff
from intake.works.links import link_works
from intake.works.work import UNSUPPORTED, Work

log = logging.getLogger(__name__)

TINY_INLINE_BYTES = 10 * 1024  # an inline image below this is a logo or an icon
INLINE_PHOTO_MIN_BYTES = 50 * 1024  # a cid:-referenced image from this size on is a photo
FORM_READ_LIMIT = 10 * 1024 * 1024  # a larger DOCX or PDF is not read as a form
PDF_FORM_MIN_FIELDS = 2

# The form's personal fields (section 1): what a presentation does not carry by chance.
_PERSONAL_FIELDS = (
    FormField.SETTLEMENT,
    FormField.FULL_NAME,
    FormField.BIRTHPLACE,
    FormField.BIRTH_YEAR,
    FormField.ADDRESS,
    FormField.PHONE,
    FormField.SUBSCRIBERS,
)


class Ignored(StrEnum):
    """Why an attachment is not a work."""

    INLINE_CID = "inline image referenced by the HTML body (cid:)"
    TINY_INLINE = "a tiny inline image (a logo or an icon)"
    SIGNATURE = "signature (smime.p7s / pgp-signature)"
    CALENDAR = "calendar invite"
    VCARD = "vCard"
    TNEF = "winmail.dat (Outlook TNEF), not unpacked"
    MESSAGE = "an attached email message, not a work itself"
    FORM = "the filled form"
    FORM_UNREAD = "the form (by its name), but no field could be read from it"
    DOCUMENT = "a document without the form's fields, not a work"
    BROKEN_DOCUMENT = "a document that could not be opened"
    SAME_FILE = "the same file as an earlier attachment (counted once)"


@dataclass
class WorkList:
    """What `collect_works` found; `form_readings[i]` is what was read from `form_attachments[i]`.

    Each reading's sources name the sender's file name, not the stored part's.
    """

    works: list[Work] = field(default_factory=list)
    form_attachments: list[Attachment] = field(default_factory=list)
    form_readings: list[FormReading] = field(default_factory=list)
    ignored: list[tuple[Attachment, str]] = field(default_factory=list)

    @property
    def unsupported(self) -> list[Work]:
        return [work for work in self.works if work.kind == UNSUPPORTED]


def collect_works(letter: Letter, reading: FormReading) -> WorkList:
    """Sort the letter's attachments and the work links into works, forms and the rest."""
    sorter = _Sorter(letter)
    for index, attachment in enumerate(letter.attachments):
        sorter.sort(index, attachment)
    found = sorter.found
    links = [*reading.work_links]
    for form in found.form_readings:
        links.extend(form.work_links)
    found.works.extend(link_works(links))
    return found


# ---------------------------------------------------------------- attachments


class _Sorter:
    def __init__(self, letter: Letter) -> None:
        self.found = WorkList()
        self.cids = referenced_cids(letter.text_html)
        self.counted: set[str] = set()  # SHA-256 of the files taken as works or forms

    def sort(self, index: int, attachment: Attachment) -> None:
        kind = sniff(attachment.path)
        name = sender_filename(attachment, kind)
        title = name or f"attachment-{index + 1}{kind.extension}"
        reason = _mail_part(attachment, name, kind)
        if reason is not None:
            self.ignore(attachment, reason)
        elif attachment.sha256 in self.counted:
            self.ignore(attachment, Ignored.SAME_FILE)
        elif kind.category is Category.DOCUMENT:
            self.document(attachment, kind, title)
        elif kind.format == "pdf" and self.pdf_form(attachment, title):
            return
        elif body := _body_part(attachment, kind, self.cids):
            self.ignore(attachment, body)
        elif kind.category is Category.PHOTO and named_like_form(name):
            self.form(attachment, FormReading(), title, Ignored.FORM_UNREAD)
        else:
            self.work(index, attachment, kind, title)

    def ignore(self, attachment: Attachment, reason: Ignored) -> None:
        self.found.ignored.append((attachment, reason))

    def work(self, index: int, attachment: Attachment, kind: FileKind, title: str) -> None:
        self.counted.add(attachment.sha256)
        category = kind.category
        self.found.works.append(
            Work(
                kind=str(category) if kind.is_work else UNSUPPORTED,
                title=title,
                is_link=False,
                size=attachment.size,
                sha256=attachment.sha256,
                attachment_index=index,
                format=kind.format,
            )
        )

    def form(
        self, attachment: Attachment, reading: FormReading, title: str, reason: Ignored
    ) -> None:
        self.counted.add(attachment.sha256)
        # The readers name the stored part ("part-002.bin"); the entrant knows their file.
        sources = dict.fromkeys(reading.sources, title)
        self.found.form_attachments.append(attachment)
        self.found.form_readings.append(replace(reading, sources=sources))
        self.ignore(attachment, reason)

    def document(self, attachment: Attachment, kind: FileKind, title: str) -> None:
        if kind.format == "docx" and attachment.size <= FORM_READ_LIMIT:
            try:
                reading = read_form_docx(attachment.path)
            except Exception as error:  # any failure means "not a readable form": see _unreadable
                _unreadable(attachment, error)
                self.ignore(attachment, Ignored.BROKEN_DOCUMENT)
                return
            if not reading.is_empty():
                self.form(attachment, reading, title, Ignored.FORM)
                return
        if named_like_form(title):
            self.form(attachment, FormReading(), title, Ignored.FORM_UNREAD)
        else:
            self.ignore(attachment, Ignored.DOCUMENT)

    def pdf_form(self, attachment: Attachment, title: str) -> bool:
        """Take a PDF as the form when it reads as one (or is named as one and reads as
        nothing); False leaves it to be a work."""
        reading = FormReading()
        if attachment.size <= FORM_READ_LIMIT:
            try:
                reading = read_form_pdf(attachment.path)
            except Exception as error:  # any failure means "not a readable form": see _unreadable
                _unreadable(attachment, error)
        personal = sum(1 for name in _PERSONAL_FIELDS if _has(reading, name))
        if personal >= PDF_FORM_MIN_FIELDS:
            self.form(attachment, reading, title, Ignored.FORM)
            return True
        if personal == 0 and named_like_form(title):
            self.form(attachment, reading, title, Ignored.FORM_UNREAD)
            return True
        return False


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


_SIGNATURE_TYPES = frozenset(
    {"application/pkcs7-signature", "application/x-pkcs7-signature", "application/pgp-signature"}
)
_CALENDAR_TYPES = frozenset({"text/calendar", "application/ics", "text/x-vcalendar"})
_VCARD_TYPES = frozenset({"text/vcard", "text/x-vcard", "text/directory"})
_TNEF_TYPES = frozenset({"application/ms-tnef", "application/vnd.ms-tnef"})


def _mail_part(attachment: Attachment, name: str, kind: FileKind) -> Ignored | None:
    """Why an attachment is part of the mail's machinery rather than a file sent, if it is."""
    if kind.is_work:
        return None
    declared = attachment.content_type.lower()
    lowered = name.casefold()
    if (
        kind.format == "pgp-signature"
        or declared in _SIGNATURE_TYPES
        or lowered.endswith((".p7s", ".sig"))
    ):
        return Ignored.SIGNATURE
    if kind.format == "calendar" or declared in _CALENDAR_TYPES or lowered.endswith(".ics"):
        return Ignored.CALENDAR
    if kind.format == "vcard" or declared in _VCARD_TYPES or lowered.endswith(".vcf"):
        return Ignored.VCARD
    if kind.format == "tnef" or declared in _TNEF_TYPES or lowered == "winmail.dat":
        return Ignored.TNEF
    if declared.startswith("message/") or declared == "text/rfc822-headers":
        return Ignored.MESSAGE
    return None


def _body_part(attachment: Attachment, kind: FileKind, cids: set[str]) -> Ignored | None:
    """Why a picture belongs to the letter's body rather than being a work sent, if it does.

    Pictures are photos and also what is not a work at all: Outlook draws signatures with
    EMF or a gzipped WMF (.wmz), which are no photo format, and they are no more a work
    than a PNG logo. Videos and multimedia are never part of the body.
    """
    if kind.category not in (Category.PHOTO, Category.UNSUPPORTED):
        return None
    referenced = bool(attachment.content_id) and _cid_key(attachment.content_id) in cids
    photo_sized = kind.category is Category.PHOTO and attachment.size >= INLINE_PHOTO_MIN_BYTES
    if referenced and not photo_sized:
        return Ignored.INLINE_CID
    if attachment.inline and attachment.size < TINY_INLINE_BYTES:
        return Ignored.TINY_INLINE
    return None


_CID = re.compile(r"""cid:([^\s"'<>()]+)""", re.IGNORECASE)


def referenced_cids(html: str) -> set[str]:
    """The Content-IDs that the HTML shows with `cid:` (in `src`, `background`, CSS `url()`)."""
    return {_cid_key(unquote(found)) for found in _CID.findall(html)}


def _cid_key(content_id: str) -> str:
    return content_id.strip().strip("<>").strip().casefold()


# mail-parser names a part that has no file name with ten random letters and ".txt"/".rtf".
_GENERATED_NAME = re.compile(r"[a-z]{10}\.(?:txt|rtf)")


def sender_filename(attachment: Attachment, kind: FileKind) -> str:
    """The file name the sender gave (NFC, without folders), '' when the part had none.

    Parts without a name arrive named after their Content-ID, or with a generated name,
    depending on which reader read the letter; both mean "no name". Old clients send the
    whole path ("C:\\Users\\Aigerim\\Desktop\\film.mp4"): only the name is the title.
    """
    name = unicodedata.normalize("NFC", attachment.filename).strip()
    name = name.replace("\\", "/").rsplit("/", 1)[-1].strip()
    content_id = attachment.content_id.strip().strip("<>")
    if content_id and name.strip("<>") == content_id:
        return ""
    if _GENERATED_NAME.fullmatch(name) and kind.format not in ("text", "rtf"):
        return ""
    return name


_FORM_WORDS = tuple(
    fold(stem)
    for stem in (
        "өтінім", "өтініш", "сауалнам", "анкет", "заявк", "заявлен",
        "otinim", "otinish", "saualnam", "anket", "zayavk", "zaiavk", "application",
    )
)
_WORDS = re.compile(r"[^\W\d_]+")


def named_like_form(filename: str) -> bool:
    """Whether a file name calls the file the application form ("Өтінім_Асанов.pdf")."""
    words = _WORDS.findall(fold(filename))
    return any(word.startswith(stem) for word in words for stem in _FORM_WORDS)
