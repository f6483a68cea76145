"""ZIP and OLE2 files: what they hold tells the format, not their first bytes.

A DOCX, an XLSX, a PPTX, a Keynote deck and an OpenDocument file are all ZIPs, and DOC,
XLS, PPT and an Outlook .msg are all OLE2 compound files; only the names inside tell them
apart. `container_format` reads them from the head and, when the head is not enough, from
one more small read: a ZIP's table of contents at its end (only when it is small) or the
directory sector of an OLE2 file, a few KB either way. Anything else is left to
`intake.files.signatures`.
"""

from __future__ import annotations

import struct
import zipfile
from typing import BinaryIO

ZIP_DIRECTORY_LIMIT = 1024 * 1024  # a larger table of contents is not read: "zip"
OLE_DIRECTORY_BYTES = 8192
_ODF = "application/vnd.oasis.opendocument"


def container_format(file: BinaryIO, head: bytes) -> str | None:
    """The format of a ZIP or OLE2 file whose first bytes are `head`, None for other files."""
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_format(file, head)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _ole_format(file, head)
    return None


# ---------------------------------------------------------------- ZIP containers

_ODF_TYPES = {
    f"{_ODF}.text": "odt",
    f"{_ODF}.presentation": "odp",
    f"{_ODF}.spreadsheet": "ods",
}


def _zip_format(file: BinaryIO, head: bytes) -> str:
    names, mimetype = _local_entries(head)
    if mimetype is not None:
        return _ODF_TYPES.get(mimetype, "zip")
    found = _zip_contents(names)
    if found is None:
        found = _zip_contents(_central_names(file))
    return found or "zip"


def _zip_contents(names: list[str]) -> str | None:
    """What a ZIP holding these entries is: an Office file, a Keynote deck, or None."""
    for name in names:
        if name == "word/document.xml":
            return "docx"
        if name.startswith("ppt/"):
            return "pptx"
        if name.startswith("xl/"):
            return "xlsx"
        if name.startswith("Index/Slide"):  # Keynote: Index/Document.iwa, Index/Slide-N.iwa
            return "key"
    return None


_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")


def _local_entries(head: bytes) -> tuple[list[str], str | None]:
    """The names of the entries whose local headers lie in `head`, and an ODF `mimetype`.

    An OpenDocument file starts with an uncompressed entry `mimetype` holding its type.
    """
    names: list[str] = []
    mimetype: str | None = None
    at = 0
    while at + _LOCAL_HEADER.size <= len(head) and head[at : at + 4] == b"PK\x03\x04":
        _, _, flags, method, _, _, _, packed, _, name_length, extra_length = (
            _LOCAL_HEADER.unpack_from(head, at)
        )
        name_start = at + _LOCAL_HEADER.size
        name = head[name_start : name_start + name_length].decode("utf-8", "replace")
        data = name_start + name_length + extra_length
        names.append(name)
        if len(names) == 1 and name == "mimetype" and method == 0:
            mimetype = head[data : data + packed].decode("ascii", "replace").strip()
        if flags & 0x08:  # sizes follow the data: the next header cannot be found from here
            break
        at = data + packed
    return names, mimetype


def _central_names(file: BinaryIO) -> list[str]:
    """The names in the ZIP's table of contents, when it is small enough to read."""
    size = file.seek(0, 2)
    tail_length = min(size, 22 + 65535)
    file.seek(size - tail_length)
    tail = file.read(tail_length)
    at = tail.rfind(b"PK\x05\x06")
    if at == -1 or at + 22 > len(tail):
        return []
    if int.from_bytes(tail[at + 12 : at + 16], "little") > ZIP_DIRECTORY_LIMIT:
        return []
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return []


# ---------------------------------------------------------------- OLE2 (old Office)

_OLE_STREAMS: tuple[tuple[bytes, str], ...] = tuple(
    (name.encode("utf-16-le"), format_name)
    for name, format_name in (
        ("__properties_version1.0", "msg"),
        ("WordDocument", "doc"),
        ("PowerPoint Document", "ppt"),
        ("Workbook", "xls"),
        ("Book", "xls"),
    )
)


def _ole_format(file: BinaryIO, head: bytes) -> str:
    """DOC, PPT, XLS or MSG, from the stream names in the first directory sectors."""
    if len(head) < 512:
        return "ole"
    sector_shift = int.from_bytes(head[30:32], "little")
    first_directory = int.from_bytes(head[48:52], "little")
    if sector_shift not in (9, 12) or first_directory >= 0xFFFFFFFA:
        return "ole"
    file.seek((first_directory + 1) << sector_shift)
    directory = file.read(OLE_DIRECTORY_BYTES)
    # The first of these streams to appear is the file's own; one further on may belong to
    # an embedded object (a chart's Workbook inside a presentation).
    found = [(directory.find(name), format_name) for name, format_name in _OLE_STREAMS]
    present = [(at, format_name) for at, format_name in found if at != -1]
    return min(present)[1] if present else "ole"
