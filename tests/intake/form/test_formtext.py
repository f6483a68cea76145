"""Reading the application form from mail text: pasted, retyped, in three languages, in HTML."""

from __future__ import annotations

from datetime import date

import pytest

from hub.folding import fold
from hub.mail.htmltext import html_to_text
from intake.form.fields import BODY, HTML, FormField, FormReading
from intake.form.formtext import read_form_text
from intake.form.label_words import Aux
from intake.form.labels import label_kind, match_label
from intake.form.links import canonical_url, extract_links, link_kind
from intake.form.values import Birth, month_number, parse_birth, parse_subscribers

KAZAKH_LETTERS = "ӘәҒғҚқҢңӨөҰұҮүҺһІі"

# The form copied from the regulation's Appendix 1 into a mail.ru web mail and filled in:
# the bullets came along, so did the empty line after the first one.
MAIL_RU_PASTE = """\
Сәлеметсіз бе! «Шаңырақ» хабына өтінім жіберемін.

«Шаңырақ» креативті хабына қатысуға ӨТІНІМ
1. Қатысушы туралы мәліметтер
- Ақмола облысы, елді мекен: Зеренді ауылы

- Тегі, аты, әкесінің аты: Жұмабекова Әйгерім Серікқызы
- Туған жері және жылы: Көкшетау қ., 1999 ж.
- Тұрақты тұратын мекенжайы: Зеренді ауылы, Мұхтар Әуезов көшесі, 15
- Байланыс телефоны: 8 705 111 22 33
- Әлеуметтік желілердегі парақшаларына сілтемелер (бар болса): \
https://www.instagram.com/aigerim.zh/?igsh=MTFxcTRy, tiktok.com/@aigerim_zh
Жазылушылар саны: 12,5 мың

2. Шығармашылық материалдар
- Бейне (3 жұмысқа дейін): https://youtu.be/Xk3bA9_q
https://drive.google.com/file/d/1AbC/view?usp=sharing

Құрметпен, Әйгерім
"""

# Typed on a phone in Russian: the label on one line, the answer on the next.
PHONE_APP_RU = """\
Здравствуйте! Заявка на конкурс Шанырак

ФИО
Сериков Данияр Ерланович

Город/село
г. Щучинск

Дата рождения
03.11.2001

Адрес
ул. Ауэзова 12, кв 5

Телефон
+7 (777) 123-45-67

Инстаграм
@daniyar.films

подписчиков 7,5 тыс

Мои работы:
https://www.instagram.com/reel/C4xYz12AbCd/
https://vm.tiktok.com/ZMabc123/

Отправлено из мобильной Почты Mail.ru
"""

# Kazakh typed on a Russian keyboard: no ә ғ қ ң ө ұ ү һ і; і as a Latin i, ә as э.
KAZAKH_WITHOUT_LETTERS = """\
Акмола облысы, елди мекен - Степногорск каласы
Теги, аты, экесинин аты - Нурланов Ерасыл Бакытулы
Туган жерi жане жылы - Степногорск, 2003 жылы
Туракты туратын мекенжайы - 4 шагын аудан, 12 уй, 34 пэтер
Байланыс телефоны - 87011234567
Элеуметтик желилердеги паракшаларына силтемелер - инстаграм @erasyl.vlog , тикток @erasyl_vlog
Жазылушылар саны - 5 мын
"""

ENGLISH = """\
Hello, please find my application below.

Settlement: Kokshetau
Full name: Madina Serikovna Akhmetova
Date of birth: May 12, 1998
Place of birth: Kokshetau
Address: 15 Auezov St, apt 4, Kokshetau
Phone: +7 (702) 487-92-11
Social media: https://www.instagram.com/madina.frames/
Followers: 12.5k

Works: https://www.youtube.com/watch?v=dQw4w9WgXcQ&si=abcdef
"""

# What mail.ru sends for a message written in its HTML editor, with no text part.
HTML_ONLY = """\
<html><head><style>p { margin: 0 } .x { color: red }</style>
<script>var tracking = "Телефон: 000";</script></head>
<body><div>Сәлеметсіз бе!</div>
<div><b>Тегі, аты, әкесінің аты:</b> Оспанова Гүлнұр Қайратқызы</div>
<div>Ақмола облысы, елді&nbsp;мекен: Степногорск&nbsp;қ.</div>
<table border="1">
<tr><td>Туған жері және жылы</td><td>Ақсу кенті, 2000&nbsp;ж.</td></tr>
<tr><td>Байланыс телефоны</td><td>8&nbsp;702&nbsp;487&nbsp;92&nbsp;11</td></tr>
<tr><td>Instagram</td><td><a href="https://instagram.com/gulnur.art">gulnur.art</a></td></tr>
</table>
<p>Жазылушылар саны &mdash; 6&#160;000</p>
<p>Мекенжайы: Ақсу кенті, Горная к&#1257;шесі&nbsp;7 &amp; 8</p>
</body></html>
"""


def test_form_pasted_from_the_regulation_into_mail_ru() -> None:
    reading = read_form_text(MAIL_RU_PASTE)

    assert reading.settlement == "Зеренді ауылы"
    assert reading.full_name == "Жұмабекова Әйгерім Серікқызы"
    assert reading.birthplace == "Көкшетау қ."
    assert reading.birth_year == 1999
    assert reading.birth_date is None
    assert reading.address == "Зеренді ауылы, Мұхтар Әуезов көшесі, 15"
    assert reading.phone == "8 705 111 22 33"
    assert reading.social_links == [
        "https://www.instagram.com/aigerim.zh/",
        "https://tiktok.com/@aigerim_zh",
    ]
    assert reading.subscribers == 12500
    assert reading.work_links == [
        "https://youtu.be/Xk3bA9_q",
        "https://drive.google.com/file/d/1AbC/view?usp=sharing",
    ]
    assert set(reading.sources.values()) == {BODY}
    assert reading.filled() == [
        "settlement", "full_name", "birthplace", "birth_year", "address", "phone",
        "social_links", "subscribers", "work_links",
    ]


def test_sloppy_phone_mail_in_russian_with_values_on_the_next_line() -> None:
    reading = read_form_text(PHONE_APP_RU)

    assert reading.full_name == "Сериков Данияр Ерланович"
    assert reading.settlement == "г. Щучинск"
    assert reading.birth_date == date(2001, 11, 3)
    assert reading.birth_year == 2001
    assert reading.birthplace is None
    assert reading.address == "ул. Ауэзова 12, кв 5"
    assert reading.phone == "+7 (777) 123-45-67"
    assert reading.social_links == ["https://www.instagram.com/daniyar.films"]
    assert reading.subscribers == 7500
    assert reading.work_links == [
        "https://www.instagram.com/reel/C4xYz12AbCd/",
        "https://vm.tiktok.com/ZMabc123/",
    ]


def test_kazakh_typed_on_a_russian_keyboard() -> None:
    reading = read_form_text(KAZAKH_WITHOUT_LETTERS)

    assert reading.settlement == "Степногорск каласы"
    assert reading.full_name == "Нурланов Ерасыл Бакытулы"
    assert reading.birthplace == "Степногорск"
    assert reading.birth_year == 2003
    assert reading.address == "4 шагын аудан, 12 уй, 34 пэтер"
    assert reading.phone == "87011234567"
    assert reading.social_links == [
        "https://www.instagram.com/erasyl.vlog",
        "https://www.tiktok.com/@erasyl_vlog",
    ]
    assert reading.subscribers == 5000


def test_english_form() -> None:
    reading = read_form_text(ENGLISH)

    assert reading.settlement == "Kokshetau"
    assert reading.full_name == "Madina Serikovna Akhmetova"
    assert reading.birth_date == date(1998, 5, 12)
    assert reading.birth_year == 1998
    assert reading.birthplace == "Kokshetau"
    assert reading.address == "15 Auezov St, apt 4, Kokshetau"
    assert reading.phone == "+7 (702) 487-92-11"
    assert reading.social_links == ["https://www.instagram.com/madina.frames/"]
    assert reading.subscribers == 12500
    assert reading.work_links == ["https://www.youtube.com/watch?v=dQw4w9WgXcQ"]


def test_html_only_mail() -> None:
    text = html_to_text(HTML_ONLY)

    assert "tracking" not in text and "margin" not in text
    assert "\tБайланыс телефоны\t8\u00a0702\u00a0487\u00a092\u00a011" in text.split("\n")
    reading = read_form_text(text, source=HTML)
    assert reading.full_name == "Оспанова Гүлнұр Қайратқызы"
    assert reading.settlement == "Степногорск қ."
    assert reading.birthplace == "Ақсу кенті"
    assert reading.birth_year == 2000
    assert reading.phone == "8 702 487 92 11"
    assert reading.social_links == ["https://instagram.com/gulnur.art"]
    assert reading.subscribers == 6000
    assert reading.address == "Ақсу кенті, Горная көшесі 7 & 8"
    assert set(reading.sources.values()) == {HTML}


def test_html_keeps_line_and_cell_breaks_and_unescapes() -> None:
    html = (
        "<p>Аты-жөні:<br>Әлібек Нұрсұлтан</p><div>Телефон&nbsp;&ndash; 8&#8239;702 000 00 00"
        "</div><table><tr><th>ФИО</th><th>Телефон</th></tr>"
        "<tr><td>Ким Алина</td><td>87010000000</td></tr></table>"
    )
    assert html_to_text(html) == (
        "Аты-жөні:\nӘлібек Нұрсұлтан\n\nТелефон\u00a0– 8\u202f702 000 00 00\n\n"
        "\tФИО\tТелефон\n\n\tКим Алина\t87010000000"
    )


def test_every_kazakh_letter_survives_reading() -> None:
    text = (
        f"Елді мекен: Бурабай {KAZAKH_LETTERS}\n"
        f"Тегі, аты, әкесінің аты: {KAZAKH_LETTERS} Ұлы\n"
        f"Туған жері және жылы: {KAZAKH_LETTERS} ауылы, 2001\n"
        f"Мекенжайы: {KAZAKH_LETTERS} көшесі 1\n"
    )
    for reading in (read_form_text(text), read_form_text(html_to_text(_as_html(text)))):
        assert reading.settlement == f"Бурабай {KAZAKH_LETTERS}"
        assert reading.full_name == f"{KAZAKH_LETTERS} Ұлы"
        assert reading.birthplace == f"{KAZAKH_LETTERS} ауылы"
        assert reading.address == f"{KAZAKH_LETTERS} көшесі 1"


def _as_html(text: str) -> str:
    return "".join(f"<div>{line}</div>" for line in text.splitlines())


def test_a_table_turned_to_text_with_pipes() -> None:
    text = """\
| Елді мекен | Қосшы қ. |
|---|---|
| Тегі, аты, әкесінің аты | Тоқтаров Алихан |
| Байланыс телефоны | +7 747 555 66 77 |
| Жазылушылар | 8 200 |
"""
    reading = read_form_text(text)
    assert reading.settlement == "Қосшы қ."
    assert reading.full_name == "Тоқтаров Алихан"
    assert reading.phone == "+7 747 555 66 77"
    assert reading.subscribers == 8200


def test_a_table_with_a_row_of_labels_over_a_row_of_values() -> None:
    text = "ФИО\tГород\tТелефон\tПодписчики\nКим Алина\tАтбасар\t87010000000\t10 тыс.\n"
    reading = read_form_text(text)
    assert reading.full_name == "Ким Алина"
    assert reading.settlement == "Атбасар"
    assert reading.phone == "87010000000"
    assert reading.subscribers == 10000


def test_everything_on_one_line_stops_each_value_at_the_next_label() -> None:
    text = (
        "ФИО: Ахметов Тимур Телефон: 8 700 111 22 33 Город: Макинск "
        "Instagram: @timur.shots TikTok: @timur_tt Подписчики: 1,2 млн"
    )
    reading = read_form_text(text)
    assert reading.full_name == "Ахметов Тимур"
    assert reading.phone == "8 700 111 22 33"
    assert reading.settlement == "Макинск"
    assert reading.social_links == [
        "https://www.instagram.com/timur.shots",
        "https://www.tiktok.com/@timur_tt",
    ]
    assert reading.subscribers == 1_200_000


def test_one_line_without_colons_stops_where_a_shaped_value_begins() -> None:
    reading = read_form_text(
        "ФИО Иванов Иван телефон 87011234567 инстаграм @ivan.k подписчиков 6 тыс"
    )
    assert reading.full_name == "Иванов Иван"
    assert reading.phone == "87011234567"
    assert reading.social_links == ["https://www.instagram.com/ivan.k"]
    assert reading.subscribers == 6000

    reading = read_form_text("Адрес: Кокшетау, ул. Абая 5, тел 8 716 225 12 34")
    assert reading.address == "Кокшетау, ул. Абая 5"
    assert reading.phone == "8 716 225 12 34"


def test_label_and_value_separated_by_a_dash_or_nothing() -> None:
    text = (
        "Аты-жөні - Бекова Аружан\n"
        "**Тел.** 8 (701) 765-43-21\n"
        "Место и год рождения — г. Есиль, 2004 г.\n"
        "Подписчиков 6к\n"
    )
    reading = read_form_text(text)
    assert reading.full_name == "Бекова Аружан"
    assert reading.phone == "8 (701) 765-43-21"
    assert reading.birthplace == "г. Есиль"
    assert reading.birth_year == 2004
    assert reading.subscribers == 6000


def test_name_split_over_three_lines() -> None:
    text = "Фамилия: Жаксылыков\nИмя: Арман\nОтчество: Серикович\nТелефон: 87771112233\n"
    assert read_form_text(text).full_name == "Жаксылыков Арман Серикович"


def test_a_quoted_reply_is_not_read() -> None:
    text = """\
Телефонды түзеттім: 8 702 000 11 22

Чт, 19 мар. 2026 г. в 10:02, Шаңырақ <contest@mail.ru>:
> Байланыс телефоны: —
> Тегі, аты, әкесінің аты: Жұмабекова Әйгерім
"""
    reading = read_form_text(text)
    assert reading.phone == "8 702 000 11 22"
    assert reading.full_name is None


def test_empty_answers_and_form_blanks_are_not_values() -> None:
    text = (
        "Тегі, аты, әкесінің аты: ______________\n"
        "Байланыс телефоны: —\n"
        "Әлеуметтік желілердегі парақшаларына сілтемелер (бар болса): жоқ\n"
        "Ақмола облысы, елді мекен:\n"
        "Тұрақты тұратын мекенжайы: Көкшетау қ., Абай к-сі 10\n"
    )
    reading = read_form_text(text)
    assert reading.full_name is None
    assert reading.phone is None
    assert reading.social_links == []
    assert reading.settlement is None
    assert reading.address == "Көкшетау қ., Абай к-сі 10"


def test_an_unlabelled_phone_in_the_signature_is_taken() -> None:
    text = "Здравствуйте, высылаю видео https://youtu.be/abc\n\n--\nАлина, 8 777 000 11 22\n"
    reading = read_form_text(text)
    assert reading.phone == "8 777 000 11 22"
    assert reading.work_links == ["https://youtu.be/abc"]


def test_follower_count_written_in_a_sentence() -> None:
    text = "Менің Instagram парақшамда 7 500 жазылушы бар, TikTok-та 2023 жылдан бері 4 мың."
    assert read_form_text(text).subscribers == 7500


def test_nothing_read_from_a_mail_without_a_form() -> None:
    reading = read_form_text("Сәлеметсіз бе! Ережені қайдан табуға болады?")
    assert reading == FormReading()
    assert reading.is_empty()


@pytest.mark.parametrize(
    ("text", "place", "year", "day"),
    [
        ("Көкшетау қ., 1999 ж.", "Көкшетау қ.", 1999, None),
        ("1999 жылы, Зеренді ауылы", "Зеренді ауылы", 1999, None),
        ("12.05.1998", None, 1998, date(1998, 5, 12)),
        ("12/05/1998", None, 1998, date(1998, 5, 12)),
        ("1998-05-12", None, 1998, date(1998, 5, 12)),
        ("12 мамыр 1998", None, 1998, date(1998, 5, 12)),
        ("12-ші мамыр 1998 ж.", None, 1998, date(1998, 5, 12)),
        ("1998 жылғы 12 мамыр", None, 1998, date(1998, 5, 12)),
        ("12 мая 1998 г.", None, 1998, date(1998, 5, 12)),
        ("12 мая 1998 г., г. Кокшетау", "г. Кокшетау", 1998, date(1998, 5, 12)),
        ("May 12, 1998", None, 1998, date(1998, 5, 12)),
        ("12 May 1998", None, 1998, date(1998, 5, 12)),
        ("г. Щучинск, 03.11.01", "г. Щучинск", 2001, date(2001, 11, 3)),
        ("05/25/2000", None, 2000, date(2000, 5, 25)),
        ("Степногорск", "Степногорск", None, None),
        ("1850", "1850", None, None),
    ],
)
def test_birth_place_year_and_date(
    text: str, place: str | None, year: int | None, day: date | None
) -> None:
    assert parse_birth(text) == Birth(place, year, day)


@pytest.mark.parametrize(
    ("word", "month"),
    [
        ("қаңтар", 1), ("қаңтарда", 1), ("января", 1), ("January", 1), ("ақпан", 2),
        ("февраля", 2), ("наурыз", 3), ("марта", 3), ("сәуір", 4), ("сауир", 4),
        ("апреля", 4), ("мамыр", 5), ("мая", 5), ("май", 5), ("маусым", 6), ("июня", 6),
        ("шілде", 7), ("июля", 7), ("тамыз", 8), ("августа", 8), ("қыркүйек", 9),
        ("сентября", 9), ("қазан", 10), ("октября", 10), ("қараша", 11), ("ноября", 11),
        ("желтоқсан", 12), ("желтоксан", 12), ("декабря", 12), ("Dec.", 12), ("Мұхтар", None),
    ],
)
def test_month_names_in_their_forms(word: str, month: int | None) -> None:
    assert month_number(word) == month


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("5000", 5000),
        ("5 000", 5000),
        ("5\u00a0000", 5000),
        ("5\u202f000", 5000),
        ("5\u2009000", 5000),
        ("5,000", 5000),
        ("5.000", 5000),
        ("5к", 5000),
        ("5k", 5000),
        ("5K", 5000),
        ("5 тыс.", 5000),
        ("5 тысяч", 5000),
        ("5 мың", 5000),
        ("12,5 тыс", 12500),
        ("12.5k", 12500),
        ("1.2M", 1_200_000),
        ("1,2 млн", 1_200_000),
        ("более 5000+", 5000),
        ("Instagram — 7 500, TikTok — 12 мың", 12000),
        ("@user_2001: 900", 900),
        ("жоқ", None),
    ],
)
def test_subscriber_counts(text: str, count: int | None) -> None:
    assert parse_subscribers(text) == count


def test_links_and_handles_next_to_platform_names() -> None:
    links = extract_links(
        "Мои страницы: instagram.com/aika_art, тикток - @aika.tt, ютуб канал @AikaFilms,\n"
        "телеграм: t.me/aika_channel, почта aika@mail.ru, сайт https://aika.kz.\n"
        "Видео: https://www.tiktok.com/@aika.tt/video/7340000000000000000?is_from_webapp=1"
    )
    assert links.social == [
        "https://instagram.com/aika_art",
        "https://www.tiktok.com/@aika.tt",
        "https://www.youtube.com/@AikaFilms",
        "https://t.me/aika_channel",
    ]
    assert links.work == [
        "https://aika.kz",
        "https://www.tiktok.com/@aika.tt/video/7340000000000000000",
    ]


def test_handles_without_at_after_a_platform_name_and_a_colon() -> None:
    text = """\
Населенный пункт - с.Кабанбай батыр, Целиноградский район
ФИО - Ахметова Сабина
Соцсети - Instagram: sabina.ahm (6200 подписчиков), TikTok: sabina_tt, Telegram: t.me/sabina
"""
    reading = read_form_text(text)
    assert reading.settlement == "с.Кабанбай батыр, Целиноградский район"
    assert reading.social_links == [
        "https://www.instagram.com/sabina.ahm",
        "https://www.tiktok.com/@sabina_tt",
        "https://t.me/sabina",
    ]
    assert reading.subscribers == 6200


def test_a_bare_handle_under_a_platform_label() -> None:
    reading = read_form_text("Instagram: aigerim_art\nТикТок: @aigerim.tt\n")
    assert reading.social_links == [
        "https://www.instagram.com/aigerim_art",
        "https://www.tiktok.com/@aigerim.tt",
    ]


def test_a_handle_with_no_platform_is_kept_under_the_social_label() -> None:
    reading = read_form_text("Әлеуметтік желілер: @nurlan.visuals\n")
    assert reading.social_links == ["@nurlan.visuals"]


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://www.instagram.com/aika/", "social"),
        ("https://www.instagram.com/p/Cx1/", "work"),
        ("https://www.instagram.com/reel/Cx1/", "work"),
        ("https://www.tiktok.com/@aika", "social"),
        ("https://www.tiktok.com/@aika/video/1", "work"),
        ("https://vt.tiktok.com/ZS1/", "work"),
        ("https://www.youtube.com/@aika", "social"),
        ("https://youtube.com/shorts/abc", "work"),
        ("https://youtu.be/abc", "work"),
        ("https://m.facebook.com/aika.s", "social"),
        ("https://www.facebook.com/share/v/1A/", "work"),
        ("https://www.threads.net/@aika", "social"),
        ("https://t.me/aika", "social"),
        ("https://t.me/aika/15", "work"),
        ("https://vk.com/aika", "social"),
        ("https://vk.com/video-1_2", "work"),
        ("https://disk.yandex.kz/d/abc", "work"),
        ("https://cloud.mail.ru/public/abc", "work"),
        ("https://aika.kz", None),
    ],
)
def test_link_kinds(url: str, kind: str | None) -> None:
    assert link_kind(url) == kind


def test_canonical_url_drops_tracking_and_trailing_punctuation() -> None:
    assert canonical_url("instagram.com/aika?igsh=MWx0Y2,") == "https://instagram.com/aika"
    assert canonical_url("HTTPS://YouTube.com/watch?v=AbC&feature=shared).") == (
        "https://youtube.com/watch?v=AbC"
    )
    assert canonical_url("https://ru.wikipedia.org/wiki/Кокшетау_(город)") == (
        "https://ru.wikipedia.org/wiki/Кокшетау_(город)"
    )


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Тегі, аты, әкесінің аты:", FormField.FULL_NAME),
        ("Аты-жөні:", FormField.FULL_NAME),
        ("Аты жөні", FormField.FULL_NAME),
        ("ТАӘ:", FormField.FULL_NAME),
        ("ФИО", FormField.FULL_NAME),
        ("Ф.И.О.:", FormField.FULL_NAME),
        ("Ф. И. О. -", FormField.FULL_NAME),
        ("Фамилия, имя, отчество (при наличии):", FormField.FULL_NAME),
        ("Full name:", FormField.FULL_NAME),
        ("Name:", FormField.FULL_NAME),
        ("Ақмола облысы, елді мекен:", FormField.SETTLEMENT),
        ("Акмола облысы, елди мекен", FormField.SETTLEMENT),
        ("Елді мекен", FormField.SETTLEMENT),
        ("Населённый пункт:", FormField.SETTLEMENT),
        ("Населенный пункт", FormField.SETTLEMENT),
        ("Город/село:", FormField.SETTLEMENT),
        ("Город / село", FormField.SETTLEMENT),
        ("Settlement:", FormField.SETTLEMENT),
        ("City:", FormField.SETTLEMENT),
        ("Town", FormField.SETTLEMENT),
        ("Туған жері және жылы:", FormField.BIRTHPLACE),
        ("Туган жери жане жылы", FormField.BIRTHPLACE),
        ("Место и год рождения:", FormField.BIRTHPLACE),
        ("Дата рождения:", FormField.BIRTH_DATE),
        ("Туған күні", FormField.BIRTH_DATE),
        ("Date of birth:", FormField.BIRTH_DATE),
        ("Год рождения", FormField.BIRTH_YEAR),
        ("Тұрақты тұратын мекенжайы:", FormField.ADDRESS),
        ("Мекенжай", FormField.ADDRESS),
        ("Адрес проживания:", FormField.ADDRESS),
        ("Адрес:", FormField.ADDRESS),
        ("Байланыс телефоны:", FormField.PHONE),
        ("Телефон", FormField.PHONE),
        ("Тел.:", FormField.PHONE),
        ("Phone:", FormField.PHONE),
        ("Моб.:", FormField.PHONE),
        ("Әлеуметтік желілердегі парақшаларына сілтемелер (бар болса):", FormField.SOCIAL_LINKS),
        ("Ссылки на соцсети:", FormField.SOCIAL_LINKS),
        ("Социальные сети", FormField.SOCIAL_LINKS),
        ("Instagram:", FormField.SOCIAL_LINKS),
        ("Social media:", FormField.SOCIAL_LINKS),
        ("Жазылушылар саны:", FormField.SUBSCRIBERS),
        ("Жазылушылар", FormField.SUBSCRIBERS),
        ("Количество подписчиков:", FormField.SUBSCRIBERS),
        ("Подписчики:", FormField.SUBSCRIBERS),
        ("Followers:", FormField.SUBSCRIBERS),
        ("Subscribers", FormField.SUBSCRIBERS),
        ("2. Шығармашылық материалдар", Aux.WORKS),
        # The e-mail is a field of the press-secretary contest, and never the ADDRESS.
        ("Адрес электронной почты:", FormField.EMAIL),
        ("Эл. пошта:", FormField.EMAIL),
        ("E-mail", FormField.EMAIL),
        ("Лауазымы:", FormField.POSITION),
        ("Атқаратын қызметі", FormField.POSITION),
        ("Должность:", FormField.POSITION),
        ("Job title:", FormField.POSITION),
        ("Ұйымның атауы:", FormField.ORGANIZATION),
        ("Жұмыс орны", FormField.ORGANIZATION),
        ("Организация:", FormField.ORGANIZATION),
        ("Место работы:", FormField.ORGANIZATION),
        ("Organization", FormField.ORGANIZATION),
        ("Контакты:", Aux.IGNORED),
        ("1. Қатысушы туралы мәліметтер", Aux.IGNORED),
    ],
)
def test_label_spellings(line: str, kind: object) -> None:
    assert label_kind(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "1. Телефон: 8 702 487 92 11",
        "1) Телефон: 8 702 487 92 11",
        "- Телефон: 8 702 487 92 11",
        "• Телефон — 8 702 487 92 11",
        "* Телефон – 8 702 487 92 11",
        "**Телефон:** 8 702 487 92 11",
        "  ТЕЛЕФОН :   8 702 487 92 11",
        "Телефон\t8 702 487 92 11",
    ],
)
def test_bullets_bold_case_and_separators(line: str) -> None:
    found = match_label(line)
    assert found is not None
    assert found.kind is FormField.PHONE
    assert found.value.replace("*", "").strip() == "8 702 487 92 11"


def test_a_sentence_that_starts_like_a_label_is_not_one() -> None:
    assert match_label("Name of my channel is Aika Films") is None
    assert match_label("Город у нас маленький, но красивый") is None
    assert match_label("Телефон разрядился, пишу с компьютера") is None


def test_folding_keeps_the_length_and_maps_look_alikes() -> None:
    text = "ӘҒҚҢӨҰҮҺІ әғқңөұүһі Ё ё Туған жерi **x**"
    assert len(fold(text)) == len(text)
    assert fold(text) == "агкноуухи агкноуухи е е туган жери   x  "


# ---------------------------------------------------------------- merging readings


def test_merge_fills_gaps_and_the_body_wins_conflicts() -> None:
    body = read_form_text("ФИО: Ким Алина\nТелефон: 87010000000\nInstagram: @alina.k\n")
    attached = read_form_text(
        "ФИО: Ким Алина Олеговна\nГород: Атбасар\nТелефон:\nПодписчики: 9 000\n"
        "Instagram: https://www.instagram.com/alina.k\nTikTok: @alina.tt\n",
        source="anketa.docx",
    )

    merged = attached.merge(body)

    assert merged.full_name == "Ким Алина"
    assert merged.settlement == "Атбасар"
    assert merged.phone == "87010000000"
    assert merged.subscribers == 9000
    assert merged.social_links == [
        "https://www.instagram.com/alina.k",
        "https://www.tiktok.com/@alina.tt",
    ]
    assert merged.sources == {
        "full_name": "body",
        "settlement": "anketa.docx",
        "phone": "body",
        "social_links": "body",
        "subscribers": "anketa.docx",
    }


def test_merge_keeps_the_first_of_two_attachments_and_an_empty_body_value_loses() -> None:
    first = FormReading()
    first.put(FormField.SETTLEMENT, "Щучинск", "a.docx")
    second = FormReading()
    second.put(FormField.SETTLEMENT, "Бурабай", "b.pdf")
    second.put(FormField.ADDRESS, "Бурабай кенті", "b.pdf")
    body = FormReading()
    body.put(FormField.SETTLEMENT, "", BODY)

    merged = body.merge(first).merge(second)

    assert merged.settlement == "Щучинск"
    assert merged.address == "Бурабай кенті"
    assert merged.sources == {"settlement": "a.docx", "address": "b.pdf"}


def test_merge_drops_a_birth_date_that_contradicts_the_chosen_year() -> None:
    body = read_form_text("Туған жері және жылы: Көкшетау, 2000\n")
    attached = read_form_text("Туған күні: 12.05.1999\n", source="form.pdf")

    merged = attached.merge(body)

    assert merged.birth_year == 2000
    assert merged.birth_date is None
    assert merged.birthplace == "Көкшетау"
    assert merged.sources == {"birthplace": "body", "birth_year": "body"}


def test_merge_takes_a_birth_date_that_agrees_with_the_year() -> None:
    body = read_form_text("Туған жері және жылы: Көкшетау, 1999\n")
    attached = read_form_text("Туған күні: 12.05.1999\n", source="form.pdf")

    merged = body.merge(attached)

    assert (merged.birth_year, merged.birth_date) == (1999, date(1999, 5, 12))
    assert merged.source_of(FormField.BIRTH_DATE) == "form.pdf"
    assert merged.source_of(FormField.BIRTH_YEAR) == "body"


def test_reading_as_a_dict_for_exports() -> None:
    reading = read_form_text("ФИО: Ким Алина\nДата рождения: 01.02.2003\n")
    assert reading.as_dict() == {
        "settlement": None,
        "full_name": "Ким Алина",
        "birthplace": None,
        "birth_year": 2003,
        "birth_date": "2003-02-01",
        "address": None,
        "phone": None,
        "social_links": [],
        "subscribers": None,
        "position": None,
        "organization": None,
        "email": None,
        "work_links": [],
        "sources": {"full_name": "body", "birth_date": "body", "birth_year": "body"},
    }


def test_put_checks_the_type() -> None:
    reading = FormReading()
    with pytest.raises(TypeError):
        reading.put(FormField.SUBSCRIBERS, "5000", BODY)
    with pytest.raises(KeyError):
        reading.put("age", 20, BODY)


@pytest.mark.parametrize(("text", "place"), [
    ("п. Шортанды, 1985 г.р.", "п. Шортанды"),
    ("п. Шортанды, 1985 г. р.", "п. Шортанды"),
    ("1985 г.р., п. Шортанды", "п. Шортанды"),
    ("Шортанды кенті, 1985 ж.т.", "Шортанды кенті"),
])
def test_the_year_of_birth_abbreviations_stay_out_of_the_place(text: str, place: str) -> None:
    birth = parse_birth(text)
    assert (birth.place, birth.year) == (place, 1985)
