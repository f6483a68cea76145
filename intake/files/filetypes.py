"""What a file is, by its content (magic bytes), never by its name or its declared type.

An entrant's phone names a video `IMG_0042.MOV`, a mail client labels it
`application/octet-stream`, and a prankster renames `setup.exe` to `video.mp4`: only the
bytes tell. `sniff` reads the first few KB of a file and sorts it into one of five
categories:

- photo: JPEG, PNG, GIF, WebP, BMP, TIFF (and the RAW formats built on it: DNG, CR2, NEF),
  HEIC/HEIF, AVIF, Canon CR3;
- video: the ISO media family told apart by its `ftyp` brands (MP4, MOV, M4V, 3GP, 3G2),
  old QuickTime without `ftyp`, AVI, Matroska and WebM, MPEG-TS and the camcorders'
  M2TS, MPEG program streams, FLV, ASF/WMV, Ogg with Theora video;
- multimedia (the regulation's «мультимедиялық жобалар»: a project to be looked at or
  listened to that is neither one photo nor one video): PDF, presentations (PPTX, PPT,
  ODP, Keynote) and audio (MP3, AAC, M4A, WAV, Ogg/Opus, FLAC, AMR);
- document: text documents and spreadsheets (DOCX, DOC, ODT, RTF, XLSX, XLS, ODS, an
  Outlook .msg, plain text, HTML) and the text parts mail carries (calendar invites,
  vCards, PGP signatures). Not works, though a DOCX may be the filled-in form;
- unsupported: executables and scripts, archives (ZIP, RAR, 7z, gzip, bzip2, xz, tar,
  CAB: a jury cannot watch a ZIP, and unpacking strangers' archives is a risk), SVG
  (it can carry scripts), Outlook's winmail.dat, empty files and anything unknown.

Only the first `HEAD_BYTES` are read, except for two containers whose type is written
elsewhere: a ZIP's table of contents at its end (read only when it is small) and the
directory sector of an OLE2 file (old Office), a few KB either way, so a 25 MB video costs
one small read. The bytes are read by `intake.files.containers` (ZIP and OLE2) and
`intake.files.signatures` (everything else), which name the format; this module is the
vocabulary: each format's category, MIME type and extension.

Why a table here and not a library: `filetype` (last release 2022) misses MP4s whose brand
is not mp41/mp42/isom (`avc1`, `iso5`, DASH), never matches 3GP (it looks for `ftyp` at
offset 0), misses HEIC with a `heix` brand and MPEG-TS; `puremagic` matches fixed byte
strings only, so it cannot tell a DOCX from a PPTX or a plain ZIP, ranks an AVIF or an
M4A as MP4, and does not know HEIC with a `mif1` brand or MPEG-TS. Both would still need
the ISO brand and ZIP logic written in those two modules, and the formats that matter are
few.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO

from intake.files.containers import container_format
from intake.files.signatures import head_format

HEAD_BYTES = 8192


class Category(StrEnum):
    PHOTO = "photo"
    VIDEO = "video"
    MULTIMEDIA = "multimedia"
    DOCUMENT = "document"
    UNSUPPORTED = "unsupported"


WORK_CATEGORIES = frozenset({Category.PHOTO, Category.VIDEO, Category.MULTIMEDIA})


@dataclass(frozen=True)
class FileKind:
    """A file's format as its content says: a short name, its category, MIME type, extension."""

    format: str  # "jpeg", "mp4", "docx", "exe", "zip", "empty", "unknown", ...
    category: Category
    mime: str
    extension: str  # with the dot; "" when the format has none of its own

    @property
    def is_work(self) -> bool:
        """Whether a file of this kind can be a work (a photo, a video or multimedia)."""
        return self.category in WORK_CATEGORIES


_P, _V, _M = Category.PHOTO, Category.VIDEO, Category.MULTIMEDIA
_D, _U = Category.DOCUMENT, Category.UNSUPPORTED
_OOXML = "application/vnd.openxmlformats-officedocument"
_ODF = "application/vnd.oasis.opendocument"

FORMATS: dict[str, tuple[Category, str, str]] = {
    "jpeg": (_P, "image/jpeg", ".jpg"),
    "png": (_P, "image/png", ".png"),
    "gif": (_P, "image/gif", ".gif"),
    "webp": (_P, "image/webp", ".webp"),
    "bmp": (_P, "image/bmp", ".bmp"),
    "tiff": (_P, "image/tiff", ".tif"),
    "heic": (_P, "image/heic", ".heic"),
    "heif": (_P, "image/heif", ".heif"),
    "avif": (_P, "image/avif", ".avif"),
    "cr3": (_P, "image/x-canon-cr3", ".cr3"),
    "mp4": (_V, "video/mp4", ".mp4"),
    "mov": (_V, "video/quicktime", ".mov"),
    "m4v": (_V, "video/x-m4v", ".m4v"),
    "3gp": (_V, "video/3gpp", ".3gp"),
    "3g2": (_V, "video/3gpp2", ".3g2"),
    "avi": (_V, "video/x-msvideo", ".avi"),
    "mkv": (_V, "video/x-matroska", ".mkv"),
    "webm": (_V, "video/webm", ".webm"),
    "mpeg-ts": (_V, "video/mp2t", ".ts"),
    "m2ts": (_V, "video/mp2t", ".m2ts"),
    "mpeg": (_V, "video/mpeg", ".mpg"),
    "flv": (_V, "video/x-flv", ".flv"),
    "asf": (_V, "video/x-ms-asf", ".wmv"),
    "ogv": (_V, "video/ogg", ".ogv"),
    "pdf": (_M, "application/pdf", ".pdf"),
    "pptx": (_M, f"{_OOXML}.presentationml.presentation", ".pptx"),
    "ppt": (_M, "application/vnd.ms-powerpoint", ".ppt"),
    "odp": (_M, f"{_ODF}.presentation", ".odp"),
    "key": (_M, "application/vnd.apple.keynote", ".key"),
    "mp3": (_M, "audio/mpeg", ".mp3"),
    "aac": (_M, "audio/aac", ".aac"),
    "m4a": (_M, "audio/mp4", ".m4a"),
    "wav": (_M, "audio/wav", ".wav"),
    "ogg": (_M, "audio/ogg", ".ogg"),
    "flac": (_M, "audio/flac", ".flac"),
    "amr": (_M, "audio/amr", ".amr"),
    "docx": (_D, f"{_OOXML}.wordprocessingml.document", ".docx"),
    "doc": (_D, "application/msword", ".doc"),
    "odt": (_D, f"{_ODF}.text", ".odt"),
    "rtf": (_D, "application/rtf", ".rtf"),
    "xlsx": (_D, f"{_OOXML}.spreadsheetml.sheet", ".xlsx"),
    "xls": (_D, "application/vnd.ms-excel", ".xls"),
    "ods": (_D, f"{_ODF}.spreadsheet", ".ods"),
    "msg": (_D, "application/vnd.ms-outlook", ".msg"),
    "text": (_D, "text/plain", ".txt"),
    "html": (_D, "text/html", ".html"),
    "calendar": (_D, "text/calendar", ".ics"),
    "vcard": (_D, "text/vcard", ".vcf"),
    "pgp-signature": (_D, "application/pgp-signature", ".asc"),
    "exe": (_U, "application/x-msdownload", ".exe"),
    "elf": (_U, "application/x-executable", ""),
    "mach-o": (_U, "application/x-mach-binary", ""),
    "script": (_U, "text/x-script", ""),
    "svg": (_U, "image/svg+xml", ".svg"),
    "zip": (_U, "application/zip", ".zip"),
    "rar": (_U, "application/vnd.rar", ".rar"),
    "7z": (_U, "application/x-7z-compressed", ".7z"),
    "gzip": (_U, "application/gzip", ".gz"),
    "bzip2": (_U, "application/x-bzip2", ".bz2"),
    "xz": (_U, "application/x-xz", ".xz"),
    "tar": (_U, "application/x-tar", ".tar"),
    "cab": (_U, "application/vnd.ms-cab-compressed", ".cab"),
    "tnef": (_U, "application/vnd.ms-tnef", ".dat"),
    "ole": (_U, "application/x-ole-storage", ""),
    "empty": (_U, "application/x-empty", ""),
    "unknown": (_U, "application/octet-stream", ""),
}


def kind_of(format_name: str) -> FileKind:
    """The `FileKind` of a format named in `FORMATS`."""
    category, mime, extension = FORMATS[format_name]
    return FileKind(format_name, category, mime, extension)


def sniff(path: Path) -> FileKind:
    """What the file at `path` is, from its first few KB (see the module's docstring)."""
    with path.open("rb") as file:
        return sniff_file(file)


def sniff_file(file: BinaryIO) -> FileKind:
    """What an open, seekable binary file is, read from its start."""
    return kind_of(_sniff(file))


def _sniff(file: BinaryIO) -> str:
    file.seek(0)
    head = file.read(HEAD_BYTES)
    if not head:
        return "empty"
    return container_format(file, head) or head_format(head)
