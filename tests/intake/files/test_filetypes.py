"""Sniffing files by content: real headers of each format, built here byte by byte."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import docx
import pytest

from intake.files.filetypes import (
    FORMATS,
    HEAD_BYTES,
    Category,
    FileKind,
    kind_of,
    sniff,
    sniff_file,
)

# ---------------------------------------------------------------- builders


def ftyp(major: bytes, *compatible: bytes, body: bytes = b"\x00" * 64) -> bytes:
    """An ISO media file's start: the `ftyp` box, then a `free` box and some bytes."""
    payload = major + b"\x00\x00\x02\x00" + b"".join(compatible)
    return struct.pack(">I", 8 + len(payload)) + b"ftyp" + payload + b"\x00\x00\x00\x08free" + body


def zip_bytes(entries: list[tuple[str, bytes]], *, stored_first: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, (name, data) in enumerate(entries):
            method = zipfile.ZIP_STORED if stored_first and number == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=method)
    return buffer.getvalue()


def incompressible(size: int, seed: int = 1) -> bytes:
    """Bytes that deflate cannot shrink (a linear congruential sequence's high bytes)."""
    out = bytearray()
    state = seed
    while len(out) < size:
        state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
        out += state.to_bytes(8, "big")[:4]
    return bytes(out[:size])


def ole(*streams: str, sector_shift: int = 9, directory_sector: int = 0) -> bytes:
    """An OLE2 compound file's header and a directory sector naming `streams`."""
    sector = 1 << sector_shift
    header = bytearray(sector)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[26:28] = (3 if sector_shift == 9 else 4).to_bytes(2, "little")
    header[28:30] = b"\xfe\xff"
    header[30:32] = sector_shift.to_bytes(2, "little")
    header[32:34] = (6).to_bytes(2, "little")
    header[48:52] = directory_sector.to_bytes(4, "little")
    filler = b"\x00" * (sector * directory_sector)
    entries = bytearray()
    for name in ("Root Entry", *streams):
        entry = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        entry[: len(encoded)] = encoded
        entry[64:66] = len(encoded).to_bytes(2, "little")
        entry[66] = 5 if name == "Root Entry" else 2
        entries += entry
    entries += b"\x00" * (-len(entries) % sector)
    return bytes(header) + filler + bytes(entries)


def mp3_frames(count: int = 3) -> bytes:
    # MPEG-1 layer III, 128 kbit/s, 44.1 kHz, no padding: 144 * 128000 // 44100 = 417 bytes.
    frame = b"\xff\xfb\x90\x64" + b"\x00" * 413
    return frame * count


def adts_frames(count: int = 3) -> bytes:
    length = 200
    header = bytes(
        [0xFF, 0xF1, 0x50, 0x80 | (length >> 11), (length >> 3) & 0xFF, ((length & 7) << 5) | 0x1F,
         0xFC]
    )
    return (header + b"\x11" * (length - len(header))) * count


def docx_bytes(text: str = "Сәлем") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


EBML_MKV = (
    b"\x1a\x45\xdf\xa3\xa3\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04\x42\xf3\x81\x08"
    b"\x42\x82\x88matroska\x42\x87\x81\x04\x42\x85\x81\x02" + b"\x00" * 32
)
EBML_WEBM = (
    b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04\x42\xf3\x81\x08"
    b"\x42\x82\x84webm\x42\x87\x81\x04\x42\x85\x81\x02" + b"\x00" * 32
)
TS_PACKET = b"\x47\x40\x00\x10" + b"\xff" * 184


SAMPLES: list[tuple[str, bytes, str]] = [
    # photos
    ("jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + b"\x00" * 64, "jpeg"),
    ("jpeg exif", b"\xff\xd8\xff\xe1\x1c\x45Exif\x00\x00MM\x00*" + b"\x00" * 64, "jpeg"),
    ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 32, "png"),
    ("gif", b"GIF89a\x01\x00\x01\x00\x80\x00\x00" + b"\x00" * 16, "gif"),
    ("webp", b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 32, "webp"),
    ("bmp", b"BM\x46\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00\x28\x00\x00\x00" + b"\x00" * 40,
     "bmp"),
    ("tiff le", b"II*\x00\x08\x00\x00\x00" + b"\x00" * 32, "tiff"),
    ("tiff be (nef)", b"MM\x00*\x00\x00\x00\x08" + b"\x00" * 32, "tiff"),
    ("heic iphone", ftyp(b"heic", b"mif1", b"heic"), "heic"),
    ("heic mif1 major", ftyp(b"mif1", b"mif1", b"heic"), "heic"),
    ("heix", ftyp(b"heix", b"mif1", b"heix"), "heic"),
    ("heif plain", ftyp(b"mif1", b"mif1", b"miaf"), "heif"),
    ("avif", ftyp(b"avif", b"avif", b"mif1", b"miaf"), "avif"),
    ("canon cr3", ftyp(b"crx ", b"crx ", b"isom"), "cr3"),
    # videos
    ("mp4 isom", ftyp(b"isom", b"isom", b"iso2", b"avc1", b"mp41"), "mp4"),
    ("mp4 android mp42", ftyp(b"mp42", b"isom", b"mp42"), "mp4"),
    ("mp4 avc1 only", ftyp(b"avc1", b"avc1"), "mp4"),
    ("mp4 dash", ftyp(b"iso5", b"iso5", b"dash"), "mp4"),
    ("sony xavc", ftyp(b"XAVC", b"XAVC", b"mp42", b"iso2"), "mp4"),
    ("mov iphone", ftyp(b"qt  ", b"qt  "), "mov"),
    ("mov without ftyp", b"\x00\x00\x00\x08wide\x00\x10\x00\x00mdat" + b"\x00" * 64, "mov"),
    ("mov moov first", b"\x00\x00\x01\x00moov\x00\x00\x00\x6cmvhd" + b"\x00" * 64, "mov"),
    ("m4v", ftyp(b"M4V ", b"M4V ", b"M4A ", b"mp42", b"isom"), "m4v"),
    ("3gp", ftyp(b"3gp4", b"isom", b"3gp4"), "3gp"),
    ("3gp5", ftyp(b"3gp5", b"3gp5"), "3gp"),
    ("3g2", ftyp(b"3g2a", b"3g2a"), "3g2"),
    ("avi", b"RIFF\x00\x10\x00\x00AVI LIST" + b"\x00" * 32, "avi"),
    ("mkv", EBML_MKV, "mkv"),
    ("webm", EBML_WEBM, "webm"),
    ("mpeg-ts", TS_PACKET * 4, "mpeg-ts"),
    ("m2ts", (b"\x00\x00\x00\x00" + TS_PACKET) * 4, "m2ts"),
    ("mpeg ps", b"\x00\x00\x01\xba\x44\x00\x04\x00\x04\x01" + b"\x00" * 32, "mpeg"),
    ("flv", b"FLV\x01\x05\x00\x00\x00\x09" + b"\x00" * 32, "flv"),
    ("wmv", b"\x30\x26\xb2\x75\x8e\x66\xcf\x11\xa6\xd9\x00\xaa\x00\x62\xce\x6c" + b"\x00" * 32,
     "asf"),
    ("ogg theora", b"OggS\x00\x02" + b"\x00" * 22 + b"\x80theora" + b"\x00" * 32, "ogv"),
    # multimedia
    ("pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "pdf"),
    ("pdf after junk", b"\r\n\r\n%PDF-1.4\n" + b"\x00" * 16, "pdf"),
    ("mp3 id3", b"ID3\x04\x00\x00\x00\x00\x00\x00" + mp3_frames(), "mp3"),
    ("mp3 bare frames", mp3_frames(), "mp3"),
    ("aac adts", adts_frames(), "aac"),
    ("m4a", ftyp(b"M4A ", b"M4A ", b"mp42", b"isom"), "m4a"),
    ("wav", b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 32, "wav"),
    ("ogg opus", b"OggS\x00\x02" + b"\x00" * 22 + b"OpusHead" + b"\x00" * 32, "ogg"),
    ("flac", b"fLaC\x00\x00\x00\x22" + b"\x00" * 32, "flac"),
    ("amr", b"#!AMR\n" + b"\x3c" * 64, "amr"),
    # documents and text
    ("rtf", b"{\\rtf1\\ansi\\ansicpg1251 \\f0 \\'c0\\'eb\\'ec\\'e0\\'f2\\'fb}", "rtf"),
    ("text utf-8", "Сәлем! Бұл менің өтінішім: ә ғ қ ң ө ұ ү һ і\n".encode(), "text"),
    ("text cp1251", "Здравствуйте, это моя заявка на конкурс.\r\n".encode("cp1251"), "text"),
    ("text kz1048", "Сәлем, өтінім қоса беріліп отыр.\r\n".encode("kz1048"), "text"),
    ("text utf-16", "Сәлем".encode("utf-16"), "text"),
    ("html", b"<!DOCTYPE html><html><body><p>hi</p></body></html>", "html"),
    ("html with bom", "\ufeff<html><head></head></html>".encode(), "html"),
    ("vcard", b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Aigerim\r\nEND:VCARD\r\n", "vcard"),
    ("calendar", b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n",
     "calendar"),
    ("pgp signature", b"-----BEGIN PGP SIGNATURE-----\n\niQEzBAEBCAAdFiEE\n", "pgp-signature"),
    ("text starting like an exe", b"MZ-2 is the name of my film crew.\n", "text"),
    # unsupported
    ("exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64, "exe"),
    ("elf", b"\x7fELF\x02\x01\x01" + b"\x00" * 64, "elf"),
    ("mach-o", b"\xcf\xfa\xed\xfe\x07\x00\x00\x01" + b"\x00" * 32, "mach-o"),
    ("shell script", b"#!/bin/sh\nrm -rf ~\n", "script"),
    ("svg", b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>', "svg"),
    ("rar", b"Rar!\x1a\x07\x01\x00" + b"\x00" * 32, "rar"),
    ("7z", b"7z\xbc\xaf\x27\x1c\x00\x04" + b"\x00" * 32, "7z"),
    ("gzip", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + b"\x00" * 16, "gzip"),
    ("xz", b"\xfd7zXZ\x00\x00\x04" + b"\x00" * 16, "xz"),
    ("tar", b"video.mp4".ljust(257, b"\x00") + b"ustar\x0000" + b"\x00" * 300, "tar"),
    ("cab", b"MSCF\x00\x00\x00\x00" + b"\x00" * 32, "cab"),
    ("tnef", b"\x78\x9f\x3e\x22\x01\x00\x01\x06\x90\x08\x00" + b"\x00" * 16, "tnef"),
    ("riff of another kind", b"RIFF\x24\x00\x00\x00ACON" + b"\x00" * 32, "unknown"),
    ("binary noise", bytes(range(256)) * 4, "unknown"),
    ("one mp3-like frame header", b"\xff\xfb\x90\x64" + bytes(range(1, 200)), "unknown"),
    ("empty", b"", "empty"),
]


@pytest.mark.parametrize(
    ("content", "expected"),
    [pytest.param(content, expected, id=label) for label, content, expected in SAMPLES],
)
def test_sniffs_format_by_content(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "file.bin"
    path.write_bytes(content)

    assert sniff(path).format == expected


def test_categories_follow_the_table() -> None:
    assert kind_of("mov") == FileKind("mov", Category.VIDEO, "video/quicktime", ".mov")
    assert kind_of("heic").category is Category.PHOTO
    assert kind_of("pptx").category is Category.MULTIMEDIA
    assert kind_of("mp3").category is Category.MULTIMEDIA
    assert kind_of("docx").category is Category.DOCUMENT
    assert kind_of("zip").category is Category.UNSUPPORTED
    assert [name for name in FORMATS if kind_of(name).is_work] == [
        "jpeg", "png", "gif", "webp", "bmp", "tiff", "heic", "heif", "avif", "cr3",
        "mp4", "mov", "m4v", "3gp", "3g2", "avi", "mkv", "webm", "mpeg-ts", "m2ts", "mpeg",
        "flv", "asf", "ogv",
        "pdf", "pptx", "ppt", "odp", "key", "mp3", "aac", "m4a", "wav", "ogg", "flac", "amr",
    ]


def test_name_and_declared_type_do_not_matter(tmp_path: Path) -> None:
    exe = tmp_path / "video.mp4"
    exe.write_bytes(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200)
    mp4 = tmp_path / "photo.jpg"
    mp4.write_bytes(ftyp(b"isom", b"isom", b"avc1"))

    assert sniff(exe) == kind_of("exe")
    assert sniff(mp4) == kind_of("mp4")


# ---------------------------------------------------------------- ZIP and OLE containers


def test_docx_written_by_python_docx(tmp_path: Path) -> None:
    path = tmp_path / "form"
    path.write_bytes(docx_bytes())

    assert sniff(path) == kind_of("docx")


@pytest.mark.parametrize(
    ("entries", "stored_first", "expected"),
    [
        pytest.param(
            [("[Content_Types].xml", b"<Types/>"), ("_rels/.rels", b"<r/>"),
             ("ppt/presentation.xml", b"<p/>"), ("ppt/slides/slide1.xml", b"<s/>")],
            False, "pptx", id="pptx",
        ),
        pytest.param(
            [("[Content_Types].xml", b"<Types/>"), ("xl/workbook.xml", b"<w/>")],
            False, "xlsx", id="xlsx",
        ),
        pytest.param(
            [("mimetype", b"application/vnd.oasis.opendocument.presentation"),
             ("content.xml", b"<x/>")],
            True, "odp", id="odp",
        ),
        pytest.param(
            [("mimetype", b"application/vnd.oasis.opendocument.text"), ("content.xml", b"<x/>")],
            True, "odt", id="odt",
        ),
        pytest.param(
            [("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
             ("content.xml", b"<x/>")],
            True, "ods", id="ods",
        ),
        pytest.param(
            [("mimetype", b"application/epub+zip"), ("content.opf", b"<x/>")],
            True, "zip", id="epub is an archive",
        ),
        pytest.param(
            [("Index/Document.iwa", b"\x00" * 32), ("Index/Slide-1.iwa", b"\x00" * 32)],
            False, "key", id="keynote",
        ),
        pytest.param(
            [("video.mp4", ftyp(b"isom")), ("photo.jpg", b"\xff\xd8\xff\xe0")],
            False, "zip", id="zip of works",
        ),
        pytest.param(
            [("AndroidManifest.xml", b"\x03\x00"), ("classes.dex", b"dex\n035")],
            False, "zip", id="apk",
        ),
    ],
)
def test_zip_family(
    tmp_path: Path, entries: list[tuple[str, bytes]], stored_first: bool, expected: str
) -> None:
    path = tmp_path / "file"
    path.write_bytes(zip_bytes(entries, stored_first=stored_first))

    assert sniff(path).format == expected


def test_pptx_whose_slides_start_after_the_head_is_read_from_the_table_of_contents(
    tmp_path: Path,
) -> None:
    # A large picture stored first pushes every `ppt/` entry past the first 8 KB.
    entries = [
        ("[Content_Types].xml", b"<Types/>"),
        ("docProps/thumbnail.jpeg", incompressible(3 * HEAD_BYTES)),
        ("ppt/presentation.xml", b"<p/>"),
    ]
    path = tmp_path / "deck"
    path.write_bytes(zip_bytes(entries))

    assert sniff(path) == kind_of("pptx")


def test_an_empty_zip_and_a_broken_one_are_archives(tmp_path: Path) -> None:
    empty = tmp_path / "empty.zip"
    empty.write_bytes(zip_bytes([]))
    broken = tmp_path / "broken.zip"
    broken.write_bytes(zip_bytes([("a.txt", incompressible(2 * HEAD_BYTES))])[: HEAD_BYTES + 100])

    assert sniff(empty).format == "zip"
    assert sniff(broken).format == "zip"


@pytest.mark.parametrize(
    ("streams", "sector_shift", "directory_sector", "expected"),
    [
        pytest.param(("1Table", "WordDocument", "\x05SummaryInformation"), 9, 0, "doc",
                     id="doc"),
        pytest.param(("Current User", "PowerPoint Document", "Pictures"), 9, 3, "ppt",
                     id="ppt, directory further on"),
        pytest.param(("Workbook",), 12, 1, "xls", id="xls, 4 KB sectors"),
        pytest.param(("__properties_version1.0", "__substg1.0_0037001F"), 9, 0, "msg",
                     id="outlook msg"),
        pytest.param(("PowerPoint Document", "Workbook"), 9, 0, "ppt",
                     id="ppt with an embedded chart"),
        pytest.param(("Contents",), 9, 0, "ole", id="another ole file"),
    ],
)
def test_old_office_files(
    tmp_path: Path, streams: tuple[str, ...], sector_shift: int, directory_sector: int,
    expected: str,
) -> None:
    path = tmp_path / "old"
    path.write_bytes(ole(*streams, sector_shift=sector_shift, directory_sector=directory_sector))

    assert sniff(path).format == expected


# ---------------------------------------------------------------- how much is read


class CountingReader(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size: int | None = -1, /) -> bytes:
        chunk = super().read(size)
        self.bytes_read += len(chunk)
        return chunk


def test_a_large_video_costs_one_small_read() -> None:
    video = CountingReader(ftyp(b"mp42", b"isom", b"mp42") + b"\x00" * (20 * 1024 * 1024))

    assert sniff_file(video) == kind_of("mp4")
    assert video.bytes_read == HEAD_BYTES


def test_a_large_zip_costs_its_head_and_its_table_of_contents_only() -> None:
    clip = 2 * 1024 * 1024
    entries = [(f"clip{number}.mp4", incompressible(clip, number)) for number in range(4)]
    archive = CountingReader(zip_bytes(entries))

    assert sniff_file(archive) == kind_of("zip")
    assert archive.bytes_read < HEAD_BYTES + 70_000


def test_text_cut_in_the_middle_of_a_letter_at_the_end_of_the_head_is_text(tmp_path: Path) -> None:
    text = ("а" * (HEAD_BYTES // 2 - 1) + "xә").encode()  # "ә" straddles byte HEAD_BYTES
    assert len(text) > HEAD_BYTES
    path = tmp_path / "long.txt"
    path.write_bytes(text)

    assert sniff(path).format == "text"
