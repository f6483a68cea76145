"""Sorting an email's attachments: what may be the form, what is a work, what is neither.

A mail carries much more than the works and the form: a logo in the signature, an S/MIME
signature, a calendar invite, the same video twice. `sort_parts` puts every attachment in
exactly one list of `Parts`, by its content, its headers and whether the HTML shows it; no
form is read here:

- `forms`: what may be the filled-in form, with how to read it (a `Candidate`); reading
  them and deciding is `intake.form.attached`'s job;
- `works`: files meant as works, of any kind, supported or not;
- `ignored`: the rest, with the reason (an `Ignored` value).

What an attachment is comes from its content (`intake.files.filetypes.sniff`), never from its
name or declared type. The decisions where the regulation says nothing:

- Multimedia (see `intake.files.filetypes`) is PDF, presentations and audio. Archives are not
  accepted (unsupported): the jury cannot watch a ZIP, and unpacking strangers' archives
  is a risk; the entrant is asked for the files or a link instead.
- Text documents (DOCX, DOC, ODT, RTF, TXT, spreadsheets) are never works. A DOCX is a
  candidate to read as the form; any other document is ignored, unless named like the form.
- A PDF is a candidate too: the form, or a multimedia work (a presentation, a portfolio),
  which only its text can tell. A DOCX or PDF over `FORM_READ_LIMIT` is not read.
- A file whose name says "form" (өтінім, өтініш, заявка, анкета, сауалнама, application,
  in Kazakh, Russian or Latin letters) but that cannot be read is the form all the same:
  a scanned PDF, a photo of the paper form, an old .doc (`Candidate.NAMED`).
- Pictures in the body: an image referenced from the HTML by `cid:` is part of the letter
  (a logo, a banner, a pasted sticker) when it is smaller than `INLINE_PHOTO_MIN_BYTES`;
  a larger one is a photo the entrant put in the body, as iPhone Mail does with every
  photo and Gmail does with "insert inline", and counts as a work. An inline image under
  `TINY_INLINE_BYTES` is a logo or icon. An image attached as an attachment is a work at
  any size. A `cid:` picture in a format that is no work at all (Outlook's EMF and .wmz
  signature drawings) is part of the letter at any size, not an unsupported work.
- Signatures, calendar invites, vCards, winmail.dat and attached email messages are known
  by their declared type, name or content, but only while the content is not a photo,
  video or multimedia file: a video declared as `application/pkcs7-signature` is a video.
- The same file attached twice (same SHA-256, whatever the names) counts once. A copy of a
  DOCX counts once only when the first copy was the form, which is known once it is read,
  so every copy of a DOCX stays a candidate here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import unquote

from hub.folding import fold
from hub.mail.letter import Attachment, Letter
from intake.files.filetypes import Category, FileKind, sniff

TINY_INLINE_BYTES = 10 * 1024  # an inline image below this is a logo or an icon
INLINE_PHOTO_MIN_BYTES = 50 * 1024  # a cid:-referenced image from this size on is a photo
FORM_READ_LIMIT = 10 * 1024 * 1024  # a larger DOCX or PDF is not read as a form


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


class Candidate(StrEnum):
    """Why an attachment may be the filled-in form, which says how to read it."""

    DOCX = "a DOCX: the form when any field is read from it"
    PDF = "a PDF: the form when it reads as one, a work otherwise"
    NAMED = "named like the form, with nothing in it to read"


@dataclass(frozen=True)
class Part:
    """One attachment as sorted: its place in the letter, its content's kind, its title."""

    index: int  # position in `Letter.attachments`
    attachment: Attachment
    kind: FileKind
    title: str  # the sender's file name, or "attachment-N.ext" when the part had none


@dataclass
class Parts:
    """A letter's attachments sorted; every attachment is in one list, in the letter's order."""

    forms: list[tuple[Part, Candidate]] = field(default_factory=list)
    works: list[Part] = field(default_factory=list)
    ignored: list[tuple[Part, Ignored]] = field(default_factory=list)


def sort_parts(letter: Letter) -> Parts:
    """Sort the letter's attachments into what may be the form, the works and the rest."""
    parts = Parts()
    cids = referenced_cids(letter.text_html)
    counted: set[str] = set()  # SHA-256 of the files taken as works or as the form
    for index, attachment in enumerate(letter.attachments):
        kind = sniff(attachment.path)
        name = sender_filename(attachment, kind)
        part = Part(index, attachment, kind, name or f"attachment-{index + 1}{kind.extension}")
        place = _place(part, name, cids, counted)
        if isinstance(place, Ignored):
            parts.ignored.append((part, place))
        elif place is None:
            parts.works.append(part)
            counted.add(attachment.sha256)
        else:
            parts.forms.append((part, place))
            # A PDF ends up the form or a work, counted either way; a DOCX once it is read.
            if place is not Candidate.DOCX:
                counted.add(attachment.sha256)
    return parts


def _place(part: Part, name: str, cids: set[str], counted: set[str]) -> Ignored | Candidate | None:
    """Where an attachment goes: ignored, a candidate for the form, or (None) the works."""
    attachment, kind = part.attachment, part.kind
    reason = _mail_part(attachment, name, kind)
    if reason is not None:
        return reason
    if attachment.sha256 in counted:
        return Ignored.SAME_FILE
    if kind.category is Category.DOCUMENT:
        if kind.format == "docx" and attachment.size <= FORM_READ_LIMIT:
            return Candidate.DOCX
        return Candidate.NAMED if named_like_form(part.title) else Ignored.DOCUMENT
    if kind.format == "pdf":
        if attachment.size <= FORM_READ_LIMIT:
            return Candidate.PDF
        return Candidate.NAMED if named_like_form(part.title) else None
    if body := _body_part(attachment, kind, cids):
        return body
    if kind.category is Category.PHOTO and named_like_form(name):
        return Candidate.NAMED
    return None


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
