"""The format of a file's first bytes: fixed signatures, ISO media brands, MPEG audio, text.

`head_format` names everything but the two containers (`intake.files.containers`) from the head
`intake.files.filetypes.sniff` reads: a fixed prefix (JPEG, PNG, PDF, an executable, an
archive), a RIFF, EBML or Ogg header refined by what it holds, the `ftyp` brands that tell
HEIC, AVIF, M4A, MOV, 3GP and MP4 apart, MPEG audio without a tag (two frame headers in a
row), and last text (plain, HTML, SVG, a vCard, ...) in UTF-8, UTF-16 or a single-byte
Cyrillic encoding. It returns a format's name, "unknown" when nothing matches; the names
become kinds in `intake.files.filetypes`, so this module needs nothing from it.
"""

from __future__ import annotations

# ---------------------------------------------------------------- fixed signatures

# Checked in order; the first prefix that matches decides (then refined for some below).
_PREFIXES: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "jpeg"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"II+\x00", "tiff"),  # BigTIFF
    (b"MM\x00+", "tiff"),
    (b"{\\rtf", "rtf"),
    (b"FLV\x01", "flv"),
    (b"\x30\x26\xb2\x75\x8e\x66\xcf\x11\xa6\xd9\x00\xaa\x00\x62\xce\x6c", "asf"),
    (b"\x00\x00\x01\xba", "mpeg"),  # program stream pack header (.mpg, .vob)
    (b"\x00\x00\x01\xb3", "mpeg"),  # video sequence header
    (b"fLaC", "flac"),
    (b"#!AMR", "amr"),
    (b"ID3", "mp3"),
    (b"MZ", "exe"),
    (b"\x7fELF", "elf"),
    (b"\xfe\xed\xfa\xce", "mach-o"),
    (b"\xfe\xed\xfa\xcf", "mach-o"),
    (b"\xce\xfa\xed\xfe", "mach-o"),
    (b"\xcf\xfa\xed\xfe", "mach-o"),
    (b"\xca\xfe\xba\xbe", "mach-o"),  # a universal binary (or a Java class: as unsupported)
    (b"Rar!\x1a\x07", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x1f\x8b", "gzip"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"MSCF\x00\x00\x00\x00", "cab"),
    (b"\x78\x9f\x3e\x22", "tnef"),
    (b"#!", "script"),
)
_ISO_BOXES = frozenset({b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"})
_DIB_HEADER_SIZES = frozenset({12, 40, 52, 56, 64, 108, 124})


def head_format(head: bytes) -> str:
    """The format `head`, a file's first bytes, says, "unknown" when nothing matches."""
    for prefix, name in _PREFIXES:
        if head.startswith(prefix):
            return _refine(name, head)
    if b"%PDF-" in head[:1024]:  # readers accept (and some generators leave) a few bytes before
        return "pdf"
    found = (
        _riff(head)
        or _bmp(head)
        or _iso_media(head)
        or _ebml(head)
        or _ogg(head)
        or _transport_stream(head)
        or _tar(head)
        or _mpeg_audio(head)
        or _text(head)
    )
    return found or "unknown"


# Short signatures that text can also start with ("MZ-2 is my film", "ID3 tags"): the
# format only when the content is not text.
_WEAK = frozenset({"exe", "gzip", "mp3", "script"})


def _refine(name: str, head: bytes) -> str:
    if name not in _WEAK:
        return name
    as_text = _text(head)
    if name == "script":
        return as_text or "unknown"
    return as_text or name


def _riff(head: bytes) -> str | None:
    if not head.startswith(b"RIFF") or len(head) < 12:
        return None
    return {b"WAVE": "wav", b"AVI ": "avi", b"WEBP": "webp"}.get(head[8:12], "unknown")


def _bmp(head: bytes) -> str | None:
    # "BM" alone is two letters of text; the DIB header's size after it is not.
    dib_header = int.from_bytes(head[14:18], "little") if len(head) >= 18 else 0
    return "bmp" if head.startswith(b"BM") and dib_header in _DIB_HEADER_SIZES else None


def _ebml(head: bytes) -> str | None:
    if not head.startswith(b"\x1a\x45\xdf\xa3"):
        return None
    # The DocType element (0x42 0x82) names it: "webm", or "matroska" (video or audio alike).
    doctype = head.find(b"\x42\x82", 4, 64)
    if doctype != -1 and head[doctype + 3 : doctype + 7] == b"webm":
        return "webm"
    return "mkv"


def _ogg(head: bytes) -> str | None:
    if not head.startswith(b"OggS"):
        return None
    return "ogv" if b"\x80theora" in head else "ogg"


def _transport_stream(head: bytes) -> str | None:
    # 188-byte packets each starting with the sync byte 0x47; M2TS adds a 4-byte time code.
    if len(head) > 2 * 188 and all(head[i] == 0x47 for i in (0, 188, 376)):
        return "mpeg-ts"
    if len(head) > 4 + 2 * 192 and all(head[i] == 0x47 for i in (4, 196, 388)):
        return "m2ts"
    return None


def _tar(head: bytes) -> str | None:
    return "tar" if head[257:262] == b"ustar" else None


# ---------------------------------------------------------------- ISO base media (ftyp)

_HEIC_BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs"})
_HEIF_BRANDS = frozenset({b"mif1", b"msf1", b"mif2", b"miaf"})
_AVIF_BRANDS = frozenset({b"avif", b"avis"})
_AUDIO_BRANDS = frozenset({b"M4A ", b"M4B ", b"M4P ", b"F4A ", b"F4B "})


def _iso_media(head: bytes) -> str | None:
    if len(head) < 12:
        return None
    size = int.from_bytes(head[0:4], "big")
    box = head[4:8]
    if box != b"ftyp":
        # QuickTime files from before `ftyp` start with another top-level box. Its size's
        # first byte is a control byte (a box under 128 MB), which keeps out text ("Feelfree").
        valid = size >= 8 or size in (0, 1)
        return "mov" if box in _ISO_BOXES and head[0] < 0x08 and valid else None
    major = head[8:12]
    end = min(len(head), max(size, 16))
    brands = {major, *(head[at : at + 4] for at in range(16, end - 3, 4))}
    if major == b"crx ":
        return "cr3"
    if major in _HEIC_BRANDS:
        return "heic"
    if major in _AVIF_BRANDS:
        return "avif"
    if major in _HEIF_BRANDS:
        if brands & _HEIC_BRANDS:
            return "heic"
        return "avif" if brands & _AVIF_BRANDS else "heif"
    if major in _AUDIO_BRANDS:
        return "m4a"
    if major == b"qt  ":
        return "mov"
    if major.startswith(b"M4V"):
        return "m4v"
    if major.startswith(b"3g2"):
        return "3g2"
    if major.startswith((b"3gp", b"3ge", b"3gg", b"3gr", b"3gs")):
        return "3gp"
    # isom, iso2..iso9, mp41, mp42, avc1, dash, XAVC, MSNV, f4v, ... and brands not seen yet:
    # an ISO media file that is not an image or audio is, in practice, a video.
    return "mp4"


# ---------------------------------------------------------------- MPEG audio without a tag

# MPEG audio layer III bit rates (kbit/s) by version, and sample rates (Hz).
_MP3_RATES = {
    3: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),  # MPEG-1
    2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),  # MPEG-2
    0: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),  # MPEG-2.5
}
_MP3_SAMPLES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


def _mpeg_audio(head: bytes) -> str | None:
    """MP3 (layer III) or ADTS AAC, known by two frame headers in a row at the right distance."""
    if len(head) < 8 or head[0] != 0xFF or head[1] & 0xE0 != 0xE0:
        return None
    if head[1] & 0xF6 == 0xF0:  # ADTS: 12 sync bits, layer 00
        length = ((head[3] & 0x03) << 11) | (head[4] << 3) | (head[5] >> 5)
        return "aac" if length >= 7 and _frame_follows(head, length) else None
    version, layer = (head[1] >> 3) & 3, (head[1] >> 1) & 3
    if version == 1 or layer != 1:  # reserved version; layers I and II are not taken
        return None
    rate_index, sample_index = head[2] >> 4, (head[2] >> 2) & 3
    if rate_index in (0, 15) or sample_index == 3:
        return None
    bit_rate = _MP3_RATES[version][rate_index] * 1000
    sample_rate = _MP3_SAMPLES[version][sample_index]
    factor = 144 if version == 3 else 72
    length = factor * bit_rate // sample_rate + ((head[2] >> 1) & 1)
    return "mp3" if _frame_follows(head, length) else None


def _frame_follows(head: bytes, length: int) -> bool:
    return len(head) >= length + 2 and head[length] == 0xFF and head[length + 1] == head[1]


# ---------------------------------------------------------------- text

_TEXT_CONTROLS = frozenset("\t\n\r\f\v\x1b")


def _text(head: bytes) -> str | None:
    """The format of a text file ("text", "html", "svg", ...), None for binary content."""
    text = _decode_text(head)
    if text is None:
        return None
    controls = sum(1 for char in text if (ord(char) < 32 and char not in _TEXT_CONTROLS))
    if controls > len(text) // 100 or text.count("\ufffd") > len(text) // 100:
        return None
    start = text.lstrip("\ufeff \t\r\n").lower()
    if start.startswith("#!"):
        return "script"
    for prefix, name in (
        ("begin:vcard", "vcard"),
        ("begin:vcalendar", "calendar"),
        ("-----begin pgp signature-----", "pgp-signature"),
    ):
        if start.startswith(prefix):
            return name
    opening = start[:1024]
    if opening.startswith("<") and "<svg" in opening and "<html" not in opening:
        return "svg"
    if opening.startswith(("<!doctype html", "<html")) or (
        opening.startswith("<") and "<html" in opening
    ):
        return "html"
    return "text"


def _decode_text(head: bytes) -> str | None:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", "replace")
    if b"\x00" in head:
        return None
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start >= len(head) - 3 and error.reason == "unexpected end of data":
            return head[: error.start].decode("utf-8")  # a letter cut at the end of the head
    # windows-1251, KOI8-R, kz1048: single-byte Cyrillic text; its one unused byte (0x98)
    # decodes as U+FFFD and counts against it above.
    return head.decode("cp1251", "replace")
