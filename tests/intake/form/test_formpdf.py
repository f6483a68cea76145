"""Reading the form from PDFs written here byte by byte.

Cyrillic text is set in an installed TrueType font, embedded (DejaVu Sans, found with fc-list
or under /usr/share/fonts; on a machine without fonts the same text layer is written with a
font that is named but not embedded); Latin text in the standard Helvetica, which needs no
font file; and a scan-like PDF has pages with no text layer at all.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfWriter

from intake.form.fields import FormFileError, FormReading
from intake.form.formpdf import pdf_text, read_form_pdf

KAZAKH_LETTERS = "ӘәҒғҚқҢңӨөҰұҮүҺһІі"

# ---------------------------------------------------------------- a minimal PDF writer


def _pdf(objects: Sequence[bytes]) -> bytes:
    """A PDF file of these objects, numbered from 1; object 1 must be the catalog."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: list[int] = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    start = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{start}\n%%EOF\n"
    ).encode()
    return bytes(out)


def _stream(data: bytes, entries: str = "") -> bytes:
    return f"<< /Length {len(data)} {entries}>>\nstream\n".encode() + data + b"\nendstream"


def _pages(contents: Sequence[bytes], font: int) -> list[bytes]:
    """Catalog, page tree and pages (objects 1 .. 2 + 2n) for these content streams."""
    count = len(contents)
    kids = " ".join(f"{3 + 2 * index} 0 R" for index in range(count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode()]
    for index, content in enumerate(contents):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * index} 0 R"
            f" /Resources << /Font << /F1 {font} 0 R >> >> >>".encode()
        )
        objects.append(_stream(content))
    return objects


def _text_ops(lines: Sequence[str], encode: object) -> bytes:
    assert callable(encode)
    body = [b"BT /F1 11 Tf 50 800 Td 16 TL"]
    for line in lines:
        body.append(encode(line) + b" Tj T*")
    body.append(b"ET")
    return b"\n".join(body)


# ---------------------------------------------------------------- Latin: standard Helvetica


def _latin_pdf(pages: Sequence[Sequence[str]]) -> bytes:
    def encode(line: str) -> bytes:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return b"(" + escaped.encode("cp1252") + b")"

    contents = [_text_ops(lines, encode) for lines in pages]
    font = 3 + 2 * len(contents)
    objects = _pages(contents, font)
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                   b"/Encoding /WinAnsiEncoding >>")
    return _pdf(objects)


# ---------------------------------------------------------------- Cyrillic: an embedded TTF


def _installed_font() -> Path | None:
    """DejaVu Sans (it has every Kazakh letter), found the way the system finds fonts."""
    candidates: list[Path] = []
    if shutil.which("fc-list"):
        listed = subprocess.run(["fc-list", ":lang=kk", "file"], capture_output=True,
                                text=True, check=False).stdout
        candidates += [Path(line.split(":")[0].strip()) for line in listed.splitlines()]
    candidates += sorted(Path("/usr/share/fonts").rglob("*.ttf"))
    for path in sorted(candidates, key=lambda p: p.name != "DejaVuSans.ttf"):
        if path.suffix.lower() == ".ttf" and path.is_file():
            return path
    return None


def _ttf_tables(font: bytes) -> dict[str, tuple[int, int]]:
    count = struct.unpack(">H", font[4:6])[0]
    tables = {}
    for index in range(count):
        tag, _, offset, length = struct.unpack(">4sIII", font[12 + 16 * index : 28 + 16 * index])
        tables[tag.decode("latin-1")] = (offset, length)
    return tables


def _ttf_glyphs(font: bytes) -> dict[int, int]:
    """Unicode code point -> glyph id, from the cmap's Windows Unicode (3, 1) format 4 table."""
    cmap, _ = _ttf_tables(font)["cmap"]
    count = struct.unpack(">H", font[cmap + 2 : cmap + 4])[0]
    for index in range(count):
        platform, encoding, offset = struct.unpack(
            ">HHI", font[cmap + 4 + 8 * index : cmap + 12 + 8 * index]
        )
        table = cmap + offset
        if (platform, encoding) == (3, 1) and struct.unpack(">H", font[table:table + 2])[0] == 4:
            break
    else:
        raise AssertionError("the font has no Unicode BMP cmap")
    segments = struct.unpack(">H", font[table + 6 : table + 8])[0] // 2

    def array(start: int) -> tuple[int, ...]:
        return struct.unpack(f">{segments}H", font[start : start + 2 * segments])

    ends = array(table + 14)
    starts = array(table + 16 + 2 * segments)
    deltas = array(table + 16 + 4 * segments)
    range_offsets_at = table + 16 + 6 * segments
    range_offsets = array(range_offsets_at)
    glyphs: dict[int, int] = {}
    for segment in range(segments):
        for code in range(starts[segment], ends[segment] + 1):
            if code == 0xFFFF:
                continue
            if range_offsets[segment] == 0:
                glyph = (code + deltas[segment]) & 0xFFFF
            else:
                at = (range_offsets_at + 2 * segment + range_offsets[segment]
                      + 2 * (code - starts[segment]))
                glyph = struct.unpack(">H", font[at : at + 2])[0]
                glyph = (glyph + deltas[segment]) & 0xFFFF if glyph else 0
            if glyph:
                glyphs[code] = glyph
    return glyphs


def _ttf_widths(font: bytes) -> tuple[int, list[int]]:
    tables = _ttf_tables(font)
    head, _ = tables["head"]
    units = struct.unpack(">H", font[head + 18 : head + 20])[0]
    hhea, _ = tables["hhea"]
    metrics = struct.unpack(">H", font[hhea + 34 : hhea + 36])[0]
    hmtx, _ = tables["hmtx"]
    widths = [struct.unpack(">H", font[hmtx + 4 * i : hmtx + 4 * i + 2])[0]
              for i in range(metrics)]
    return units, widths


def _to_unicode(codes: dict[int, str]) -> bytes:
    entries = sorted(codes.items())
    blocks = []
    for start in range(0, len(entries), 100):
        chunk = entries[start : start + 100]
        rows = "\n".join(f"<{code:04X}> <{ord(char):04X}>" for code, char in chunk)
        blocks.append(f"{len(chunk)} beginbfchar\n{rows}\nendbfchar")
    return (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        + "\n".join(blocks)
        + "\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend"
    ).encode()


def _cyrillic_pdf(pages: Sequence[Sequence[str]], font_path: Path | None) -> bytes:
    """Text in a TrueType font: Type0 / Identity-H, glyph ids as codes, and a ToUnicode map,
    as Word and LibreOffice write a PDF. With a font file the font is embedded and the page
    renders; without one (a machine with no fonts) the codes are made up and only the text
    layer, which is all a reader of the form looks at, is the same."""
    if font_path is not None:
        font = font_path.read_bytes()
        glyphs = _ttf_glyphs(font)
        units, widths = _ttf_widths(font)
    else:
        font = b""
        characters = sorted({char for lines in pages for line in lines for char in line})
        glyphs = {ord(char): index for index, char in enumerate(characters, start=1)}
        units, widths = 1000, [600]
    used: dict[int, str] = {}

    def encode(line: str) -> bytes:
        codes = []
        for char in line:
            glyph = glyphs[ord(char)]
            used[glyph] = char
            codes.append(f"{glyph:04X}")
        return b"<" + "".join(codes).encode() + b">"

    contents = [_text_ops(lines, encode) for lines in pages]
    first = 3 + 2 * len(contents)
    objects = _pages(contents, first)
    width_list = " ".join(
        f"{glyph} [{widths[min(glyph, len(widths) - 1)] * 1000 // units}]" for glyph in sorted(used)
    )
    embedded = f"/FontFile2 {first + 4} 0 R " if font else ""
    objects += [
        f"<< /Type /Font /Subtype /Type0 /BaseFont /DejaVuSans /Encoding /Identity-H "
        f"/DescendantFonts [{first + 1} 0 R] /ToUnicode {first + 2} 0 R >>".encode(),
        f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /DejaVuSans "
        f"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        f"/FontDescriptor {first + 3} 0 R /CIDToGIDMap /Identity /DW 600 "
        f"/W [{width_list}] >>".encode(),
        _stream(_to_unicode(used)),
        f"<< /Type /FontDescriptor /FontName /DejaVuSans /Flags 32 "
        f"/FontBBox [-1021 -463 1793 1232] /ItalicAngle 0 /Ascent 928 /Descent -236 "
        f"/CapHeight 729 /StemV 80 {embedded}>>".encode(),
    ]
    if font:
        objects.append(_stream(font, f"/Length1 {len(font)} "))
    return _pdf(objects)


# ---------------------------------------------------------------- the tests

KAZAKH_FORM = [
    [
        "ҚОСЫМША 1",
        "«Шаңырақ» креативті хабына қатысуға ӨТІНІМ",
        "1. Қатысушы туралы мәліметтер",
        "• Ақмола облысы, елді мекен: Шортанды кенті",
        f"• Тегі, аты, әкесінің аты: Қуанышбекова {KAZAKH_LETTERS}",
        "• Туған жері және жылы: Жолымбет кенті, 2001 ж.",
    ],
    [
        "• Тұрақты тұратын мекенжайы: Шортанды кенті, Бейбітшілік көшесі 12",
        "• Байланыс телефоны: 8 (771) 234-56-78",
        "• Әлеуметтік желілердегі парақшаларына сілтемелер: instagram.com/quanyshbekova.art",
        "• Жазылушылар саны: 5 300",
        "2. Шығармашылық материалдар",
        "• Бейне: https://youtu.be/Shortandy01",
    ],
]


@pytest.fixture(scope="module")
def cyrillic_font() -> Path | None:
    return _installed_font()


@pytest.mark.parametrize("embedded", [True, False], ids=["embedded-font", "no-font-file"])
def test_kazakh_form_in_a_pdf(tmp_path: Path, cyrillic_font: Path | None, embedded: bool) -> None:
    cyrillic_font = cyrillic_font if embedded else None
    path = tmp_path / "Өтінім.pdf"
    path.write_bytes(_cyrillic_pdf(KAZAKH_FORM, cyrillic_font))

    assert f"Қуанышбекова {KAZAKH_LETTERS}" in pdf_text(path)
    reading = read_form_pdf(path)

    assert reading.settlement == "Шортанды кенті"
    assert reading.full_name == f"Қуанышбекова {KAZAKH_LETTERS}"
    assert reading.birthplace == "Жолымбет кенті"
    assert reading.birth_year == 2001
    assert reading.address == "Шортанды кенті, Бейбітшілік көшесі 12"
    assert reading.phone == "8 (771) 234-56-78"
    assert reading.social_links == ["https://instagram.com/quanyshbekova.art"]
    assert reading.subscribers == 5300
    assert reading.work_links == ["https://youtu.be/Shortandy01"]
    assert set(reading.sources.values()) == {"Өтінім.pdf"}


def test_russian_form_in_a_pdf(tmp_path: Path, cyrillic_font: Path | None) -> None:
    lines = [
        "ЗАЯВКА на участие в креативном хабе «Шанырак»",
        "Населённый пункт: г. Макинск",
        "ФИО: Лебедева Ольга Сергеевна",
        "Дата рождения: 7 июля 1995 г.",
        "Телефон: +7 705 000 12 34",
        "Подписчики: 11 тыс.",
    ]
    path = tmp_path / "anketa.pdf"
    path.write_bytes(_cyrillic_pdf([lines], cyrillic_font))

    reading = read_form_pdf(path)

    assert reading.settlement == "г. Макинск"
    assert reading.full_name == "Лебедева Ольга Сергеевна"
    assert reading.birth_date == date(1995, 7, 7)
    assert reading.phone == "+7 705 000 12 34"
    assert reading.subscribers == 11000


def test_english_form_in_a_pdf_with_a_standard_font(tmp_path: Path) -> None:
    lines = [
        "APPLICATION - Shanyraq creative hub",
        "Settlement: Stepnogorsk",
        "Full name: Daniyar Askarovich Bekov",
        "Date of birth: 03/11/2001",
        "Address: 4th microdistrict, 12-34, Stepnogorsk",
        "Phone: 8 (702) 487-92-11",
        "Social media: https://www.tiktok.com/@daniyar.bekov",
        "Followers: 8,400",
    ]
    path = tmp_path / "application.pdf"
    path.write_bytes(_latin_pdf([lines]))

    reading = read_form_pdf(path)

    assert reading.settlement == "Stepnogorsk"
    assert reading.full_name == "Daniyar Askarovich Bekov"
    assert reading.birth_date == date(2001, 11, 3)
    assert reading.address == "4th microdistrict, 12-34, Stepnogorsk"
    assert reading.phone == "8 (702) 487-92-11"
    assert reading.social_links == ["https://www.tiktok.com/@daniyar.bekov"]
    assert reading.subscribers == 8400
    assert reading.sources["full_name"] == "application.pdf"


def test_a_pdf_without_a_text_layer_gives_an_empty_reading(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_blank_page(width=595, height=842)
    path = tmp_path / "scan.pdf"
    with path.open("wb") as file:
        writer.write(file)

    assert read_form_pdf(path) == FormReading()


def test_a_broken_or_locked_pdf_is_a_form_file_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\nthis is not a PDF at all")
    with pytest.raises(FormFileError, match=r"broken\.pdf"):
        read_form_pdf(broken)

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as file:
        writer.write(file)
    with pytest.raises(FormFileError, match="password"):
        read_form_pdf(locked)
