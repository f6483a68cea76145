"""A juror's reply quotes our sheet, the way their mail client does it: only the juror's own
lines are read, never the sheet's example or its list of works, above or below, with `>`
or without."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from hub.jury_config import Criterion
from hub.sections import Language
from jury.quoting import Line, own_lines, own_text
from jury.reading import ScoreReading, ScoreRules, Source
from jury.sheetmarks import marker_kind, sheet_begin, sheet_end
from jury.sheettext import SheetRow, write_sheet_text

Read = Callable[..., ScoreReading]  # the `read` fixture of conftest.py
TOKEN = "J-7Q4K9M"
ROWS = [SheetRow("A-0012", "Айгүл Серікова, Көкшетау"), SheetRow("A-0013", "Данияр Әбенов, Ақкөл"),
        SheetRow("A-0014", "Ұлжан Өмірбекова, Щучинск")]
JUROR = "A-0012: 8 7 9 6 8 Керемет!\nҚАРСЫ A-0013"


@pytest.fixture
def sheet(criteria: list[Criterion], rules: ScoreRules) -> Callable[[Language], str]:
    def write(language: Language = Language.KK) -> str:
        return write_sheet_text(contest="«Шаңырақ» креативті хабы", token=TOKEN,
                                language=language, criteria=criteria, rules=rules, rows=ROWS,
                                deadline="21 сәуір 2026, 18:00")
    return write


def quoted(text: str, mark: str = "> ") -> str:
    return "\n".join(f"{mark}{line}".rstrip() for line in text.splitlines())


def assert_only_the_jurors(reading: ScoreReading) -> None:
    assert [work.number for work in reading.works] == ["A-0012"]
    assert reading.work("A-0012").comment == "Керемет!"  # type: ignore[union-attr]
    assert [recusal.number for recusal in reading.recusals] == ["A-0013"]
    assert reading.problems == ()


# ---------------------------------------------------------------- `>` quotes

@pytest.mark.parametrize("language", list(Language))
def test_gmail_top_posted_over_the_quoted_sheet(read: Read, sheet: Callable[[Language], str],
                                                language: Language) -> None:
    reply = (f"{JUROR}\n\nOn Tue, 14 Apr 2026 at 09:00, «Шаңырақ» креативті хабы "
             f"<aslan_80_80@mail.ru> wrote:\n\n{quoted(sheet(language))}\n")
    assert_only_the_jurors(read(reply))


def test_gmail_wraps_a_long_attribution_over_two_lines() -> None:
    reply = ("A-0012: 8 7 9 6 8\n\nOn Tue, 14 Apr 2026 at 09:00, «Шаңырақ» креативті хабы <\n"
             "aslan_80_80@mail.ru> wrote:\n\n> A-0000: 8 7 9 6 8\n")
    assert own_lines(reply) == [Line(1, "A-0012: 8 7 9 6 8")]


def test_gmail_in_russian_names_no_verb(read: Read, sheet: Callable[[Language], str]) -> None:
    reply = (f"{JUROR}\n\nвт, 14 апр. 2026 г. в 09:00, Креативный хаб «Шаңырақ» "
             f"<aslan_80_80@mail.ru>:\n\n{quoted(sheet(Language.RU))}\n")
    assert_only_the_jurors(read(reply))


def test_bottom_posted_below_the_quoted_sheet(read: Read,
                                              sheet: Callable[[Language], str]) -> None:
    reply = (f"«Шаңырақ» креативті хабы <aslan_80_80@mail.ru> жазды:\n"
             f"{quoted(sheet(), '>')}\n\n{JUROR}\n\n-- \nӘлия Серікқызы\n+7 701 234 56 78\n")
    assert_only_the_jurors(read(reply))


def test_gmail_inline_reply_between_quoted_lines(read: Read,
                                                 sheet: Callable[[Language], str]) -> None:
    quote = quoted(sheet()).splitlines()
    at = next(index for index, line in enumerate(quote) if "A-0012 —" in line)
    lines = [*quote[:at + 1], "A-0012: 8 7 9 6 8 Керемет!", *quote[at + 1:], "", "ҚАРСЫ A-0013"]
    reply = "On Tue, 14 Apr 2026 at 09:00, Shanyraq <aslan_80_80@mail.ru> wrote:\n" + "\n".join(
        lines)
    assert_only_the_jurors(read(reply))


def test_apple_mail_on_a_phone(read: Read, sheet: Callable[[Language], str]) -> None:
    reply = (f"{JUROR}\n\nОтправлено с iPhone\n\n> 14 апр. 2026 г., в 09:00, Креативный хаб "
             f"«Шаңырақ» <aslan_80_80@mail.ru> написал(а):\n>\n{quoted(sheet(Language.RU))}")
    reading = read(reply)
    assert_only_the_jurors(reading)
    reply = (f"{JUROR}\n\nSent from my iPhone\n\nOn 14 Apr 2026, at 09:00, Shanyraq "
             f"<aslan_80_80@mail.ru> wrote:\n\n{quoted(sheet(Language.EN))}")
    assert_only_the_jurors(read(reply))


def test_mail_ru_quotes_without_a_space_after_the_mark(read: Read,
                                                       sheet: Callable[[Language], str]) -> None:
    reply = (f"{JUROR}\n\n\nОтправлено из мобильной Почты Mail.ru\n\n\n>Вторник, 14 апреля "
             f"2026, 9:00 +05:00 от «Шаңырақ» креативті хабы <aslan_80_80@mail.ru>:\n>\n"
             f"{quoted(sheet(), '>')}\n")
    assert_only_the_jurors(read(reply))


# ---------------------------------------------------------------- quotes without `>`

def test_outlook_puts_the_sheet_below_a_header_block(read: Read,
                                                     sheet: Callable[[Language], str]) -> None:
    reply = (f"{JUROR}\n\n________________________________\nFrom: Shanyraq creative hub "
             f"<aslan_80_80@mail.ru>\nSent: Tuesday, April 14, 2026 9:00 AM\nTo: Aliya "
             f"<aliya@example.kz>\nSubject: Score sheet J-7Q4K9M\n\n{sheet(Language.EN)}")
    assert_only_the_jurors(read(reply))


def test_outlook_in_russian_with_its_original_message_line(
        read: Read, sheet: Callable[[Language], str]) -> None:
    reply = (f"{JUROR}\n\n-----Исходное сообщение-----\nОт: Креативный хаб «Шаңырақ» "
             f"<aslan_80_80@mail.ru>\nОтправлено: 14 апреля 2026 г. 9:00\nКому: Айгерим\n"
             f"Тема: Оценочный лист\n\n{sheet(Language.RU)}")
    assert_only_the_jurors(read(reply))


def test_bottom_posted_below_an_unquoted_sheet_in_kazakh_outlook(
        read: Read, sheet: Callable[[Language], str]) -> None:
    reply = (f"Кімнен: «Шаңырақ» креативті хабы <aslan_80_80@mail.ru>\nЖіберілді: 14 сәуір "
             f"2026 ж. 9:00\nКімге: Әлия\nТақырып: Бағалау парағы\n\n{sheet()}\n{JUROR}\n")
    assert_only_the_jurors(read(reply))


def test_mail_ru_web_mail_top_posted_over_the_unquoted_sheet(
        read: Read, sheet: Callable[[Language], str]) -> None:
    reply = (f"{JUROR}\n\n\nВторник, 14 апреля 2026, 9:00 +05:00 от «Шаңырақ» креативті хабы "
             f"<aslan_80_80@mail.ru>:\n\n{sheet()}")
    assert_only_the_jurors(read(reply))


def test_a_pasted_sheet_between_the_jurors_lines(read: Read,
                                                 sheet: Callable[[Language], str]) -> None:
    reply = f"A-0012: 8 7 9 6 8 Керемет!\n\n{sheet()}\nҚАРСЫ A-0013\n"
    assert_only_the_jurors(read(reply))


def test_a_sheet_cut_before_its_end_marker_is_never_read(
        read: Read, sheet: Callable[[Language], str]) -> None:
    cut = sheet().split("  A-0013")[0]
    reading = read(f"{JUROR}\n\n{cut}")
    assert_only_the_jurors(reading)


def test_a_quoted_answer_of_ours_is_never_read_back(read: Read) -> None:
    answer = "Жазылды:\nA-0012: 8 7 9 6 8\nA-0014: 5 5 5 5 5\n"
    reply = (f"A-0013: 9 9 9 9 9\n\nВторник, 14 апреля 2026, 12:00 +05:00 от «Шаңырақ» "
             f"креативті хабы <aslan_80_80@mail.ru>:\n\n{answer}")
    reading = read(reply)
    assert [work.number for work in reading.works] == ["A-0013"]
    assert dict(reading.work("A-0013").scores) == dict.fromkeys(  # type: ignore[union-attr]
        ["theme", "creativity", "visual", "impact", "relevance"], Decimal(9))


@pytest.mark.parametrize("separator", [
    "-------- Пересылаемое сообщение --------",
    "---------- Forwarded message ---------",
    "Begin forwarded message:",
    "-------- Original Message --------",
])
def test_a_forwarded_message_is_not_the_jurors(separator: str) -> None:
    reply = f"A-0012: 8 7 9 6 8\n\n{separator}\nSubject: x\nFrom: y@example.kz\n\nA-0013: 1 1 1 1 1"
    assert own_text(reply) == "A-0012: 8 7 9 6 8"


# ---------------------------------------------------------------- what is not a quote

def test_a_jurors_lines_ending_in_a_colon_are_kept() -> None:
    reply = "A-0012:\nТема: 8\nПікір:\nжақсы\nFrom: мен, Әлия\nTo: сіздерге"
    assert own_text(reply) == reply


def test_line_numbers_are_those_of_the_reply_received() -> None:
    reply = "Сәлем!\r\n\r\n> quoted\r\nA-0012: 8 7 9 6 8\u200b\r\n"
    assert own_lines(reply) == [Line(1, "Сәлем!"), Line(4, "A-0012: 8 7 9 6 8")]


def test_the_markers_are_recognised_however_a_client_dashes_them() -> None:
    assert marker_kind(sheet_begin(TOKEN)) == "begin"
    assert marker_kind(sheet_end(TOKEN)) == "end"
    assert marker_kind("— baiqau score sheet [J-7Q4K9M] —") == "begin"
    assert marker_kind("--- END OF BAIQAU SCORE SHEET ---") == "end"
    assert marker_kind("--- baiqau is great") is None


def test_scores_typed_into_an_unquoted_copy_of_the_sheet_are_reported_not_read(
        read: Read, sheet: Callable[[Language], str]) -> None:
    """Outlook quotes without `>`; a juror who types the scores into the quoted list of works
    is told where they went, and nothing of the copy is recorded."""
    copy = sheet().replace("  A-0012 — Айгүл Серікова, Көкшетау",
                           "  A-0012 — Айгүл Серікова, Көкшетау: 8 7 9 6 8")
    copy = copy.replace("  ҚАРСЫ A-0000", "  ҚАРСЫ A-0014")
    reply = (f"Бағалар төменде.\n\nКімнен: «Шаңырақ» <aslan_80_80@mail.ru>\nЖіберілді: 14 сәуір "
             f"2026 ж. 9:00\nКімге: Әлия\nТақырып: Бағалау парағы\n\n{copy}")
    reading = read(reply)
    assert reading.works == () and reading.recusals == ()
    lines = reply.splitlines()
    assert [(problem.code.value, problem.number, problem.source) for problem in reading.problems
            ] == [
        ("in_quoted_sheet", "A-0014", Source(lines.index("  ҚАРСЫ A-0014") + 1,
                                             "ҚАРСЫ A-0014")),
        ("in_quoted_sheet", "A-0012", Source(
            lines.index("  A-0012 — Айгүл Серікова, Көкшетау: 8 7 9 6 8") + 1,
            "A-0012 — Айгүл Серікова, Көкшетау: 8 7 9 6 8")),
    ]
