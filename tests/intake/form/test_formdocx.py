"""Reading a filled-in Appendix 1 form from DOCX files built here with python-docx."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from intake.form.fields import FormFileError
from intake.form.formdocx import read_form_docx

KAZAKH_LETTERS = "ӘәҒғҚқҢңӨөҰұҮүҺһІі"


def _form_heading(document: Document, title: str, section: str) -> None:
    document.add_heading("ҚОСЫМША 1", level=3)
    document.add_paragraph().add_run(title).bold = True
    document.add_heading(section, level=4)


def _bullet(document: Document, label: str, value: str) -> Paragraph:
    paragraph = document.add_paragraph(style="List Bullet")
    paragraph.add_run(label).bold = True
    if value:
        paragraph.add_run(" " + value)
    return paragraph


def _add_hyperlink(paragraph: Paragraph, url: str, shown: str) -> None:
    relation = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = shown
    run.append(text)
    link.append(run)
    paragraph._p.append(link)


def test_kazakh_form_filled_in_word(tmp_path: Path) -> None:
    document = docx.Document()
    _form_heading(
        document,
        "«Шаңырақ» креативті хабына қатысуға ӨТІНІМ",
        "1. Қатысушы туралы мәліметтер",
    )
    _bullet(document, "Ақмола облысы, елді мекен:", "Бурабай ауданы, Қатаркөл ауылы")
    _bullet(document, "Тегі, аты, әкесінің аты:", "Әбілқасымова Гүлжан Нұрланқызы")
    _bullet(document, "Туған жері және жылы:", "Щучинск қ., 2002 ж.")
    _bullet(document, "Тұрақты тұратын мекенжайы:", "Қатаркөл ауылы, Бейбітшілік көшесі, 3")
    _bullet(document, "Байланыс телефоны:", "+7 775 123 45 67")
    links = _bullet(document, "Әлеуметтік желілердегі парақшаларына сілтемелер (бар болса):", "")
    _add_hyperlink(links, "https://www.instagram.com/gulzhan.burabay/", "Instagram парақшам")
    document.add_paragraph("Жазылушылар саны: 15 мың")
    document.add_heading("2. Шығармашылық материалдар", level=2)
    _bullet(document, "Бейне (3 жұмысқа дейін):", "https://youtu.be/Burabay2026")
    path = tmp_path / "Өтінім Әбілқасымова.docx"
    document.save(str(path))

    reading = read_form_docx(path)

    assert reading.settlement == "Бурабай ауданы, Қатаркөл ауылы"
    assert reading.full_name == "Әбілқасымова Гүлжан Нұрланқызы"
    assert reading.birthplace == "Щучинск қ."
    assert reading.birth_year == 2002
    assert reading.address == "Қатаркөл ауылы, Бейбітшілік көшесі, 3"
    assert reading.phone == "+7 775 123 45 67"
    assert reading.social_links == ["https://www.instagram.com/gulzhan.burabay/"]
    assert reading.subscribers == 15000
    assert reading.work_links == ["https://youtu.be/Burabay2026"]
    assert set(reading.sources.values()) == {"Өтінім Әбілқасымова.docx"}


def test_russian_form_with_values_in_the_next_paragraph(tmp_path: Path) -> None:
    document = docx.Document()
    _form_heading(
        document,
        "ЗАЯВКА на участие в креативном хабе «Шанырак»",
        "1. Сведения об участнике",
    )
    for label, value in (
        ("Акмолинская область, населенный пункт:", "с. Зеренда"),
        ("Фамилия, имя, отчество:", "Ковалёва Анастасия Игоревна"),
        ("Место и год рождения:", "г. Кокшетау, 14 февраля 2000 г."),
        ("Адрес постоянного проживания:", "с. Зеренда, ул. Мира, д. 8"),
        ("Контактный телефон:", "8 (702) 555-44-33"),
        ("Ссылки на страницы в социальных сетях (при наличии):", "tiktok.com/@nastya.zerenda"),
        ("Количество подписчиков:", "5 200"),
    ):
        document.add_paragraph(label, style="List Bullet")
        document.add_paragraph(value)
    path = tmp_path / "zayavka.docx"
    document.save(str(path))

    reading = read_form_docx(path)

    assert reading.settlement == "с. Зеренда"
    assert reading.full_name == "Ковалёва Анастасия Игоревна"
    assert reading.birthplace == "г. Кокшетау"
    assert reading.birth_date == date(2000, 2, 14)
    assert reading.birth_year == 2000
    assert reading.address == "с. Зеренда, ул. Мира, д. 8"
    assert reading.phone == "8 (702) 555-44-33"
    assert reading.social_links == ["https://tiktok.com/@nastya.zerenda"]
    assert reading.subscribers == 5200


def test_form_as_a_table_of_label_and_value_cells(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("«Шаңырақ» креативті хабына қатысуға ӨТІНІМ")
    rows = (
        ("Ақмола облысы, елді мекен", "Қосшы қаласы"),
        ("Тегі, аты, әкесінің аты", f"Сейітқали {KAZAKH_LETTERS}"),
        ("Туған жері және жылы", "Астана, 1997"),
        ("Тұрақты тұратын мекенжайы", "Қосшы қ., Республика к-сі 21, 40 п."),
        ("Байланыс телефоны", "87475556677"),
        ("Әлеуметтік желілердегі парақшаларына сілтемелер", "Instagram: @seitkali.media"),
        ("Жазылушылар саны", ""),
    )
    table = document.add_table(rows=len(rows), cols=2)
    for row, (label, value) in zip(table.rows, rows, strict=True):
        row.cells[0].text = label
        row.cells[1].text = value
    path = tmp_path / "table.docx"
    document.save(str(path))

    reading = read_form_docx(path)

    assert reading.settlement == "Қосшы қаласы"
    assert reading.full_name == f"Сейітқали {KAZAKH_LETTERS}"
    assert reading.birthplace == "Астана"
    assert reading.birth_year == 1997
    assert reading.address == "Қосшы қ., Республика к-сі 21, 40 п."
    assert reading.phone == "87475556677"
    assert reading.social_links == ["https://www.instagram.com/seitkali.media"]
    assert reading.subscribers is None


def test_table_with_labels_in_the_first_row(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Заявка")
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text = "ФИО"
    table.rows[0].cells[1].text = "Населённый пункт"
    table.rows[1].cells[0].text = "Тлеубаев Дамир"
    table.rows[1].cells[1].text = "г. Степняк"
    document.add_paragraph("Телефон: 8 701 999 88 77")
    path = tmp_path / "two-rows.docx"
    document.save(str(path))

    reading = read_form_docx(path)

    assert reading.full_name == "Тлеубаев Дамир"
    assert reading.settlement == "г. Степняк"
    assert reading.phone == "8 701 999 88 77"


def test_a_merged_cell_is_read_once(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    table.rows[0].cells[0].text = "Телефон"
    table.rows[0].cells[1].merge(table.rows[0].cells[2]).text = "8 702 487 92 11"
    table.rows[1].cells[0].text = "Елді мекен"
    table.rows[1].cells[1].merge(table.rows[1].cells[2]).text = "Ерейментау"
    path = tmp_path / "merged.docx"
    document.save(str(path))

    reading = read_form_docx(path)

    assert reading.phone == "8 702 487 92 11"
    assert reading.settlement == "Ерейментау"


def test_not_a_docx_is_a_form_file_error(tmp_path: Path) -> None:
    path = tmp_path / "old-word.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(FormFileError, match=r"old-word\.doc"):
        read_form_docx(path)

    truncated = tmp_path / "truncated.docx"
    document = docx.Document()
    document.add_paragraph("Телефон: 87010000000")
    document.save(str(truncated))
    truncated.write_bytes(truncated.read_bytes()[:300])
    with pytest.raises(FormFileError):
        read_form_docx(truncated)
