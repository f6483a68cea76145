"""Reading scores from a juror's own lines: every way of writing them the sheet allows, in
Kazakh, Russian and English, and every way of getting them wrong, reported with the line."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from hub.jury_config import Criterion
from jury.reading import Problem, ProblemCode, ScoreReading, ScoreRules, Source, restrict
from jury.scoretext import read_scores

Read = Callable[..., ScoreReading]  # the `read` fixture of conftest.py
KEYS = ("theme", "creativity", "visual", "impact", "relevance")
EIGHT_SEVEN = {key: Decimal(value) for key, value in zip(KEYS, "87968", strict=True)}


def scores(reading: ScoreReading, number: str = "A-0012") -> dict[str, Decimal]:
    work = reading.work(number)
    assert work is not None, f"{number} not read: {reading.problems}"
    return dict(work.scores)


def problems(reading: ScoreReading) -> list[tuple[str, str, str, str]]:
    """(code, number, criterion, what was written) of each problem, in line order."""
    return [(p.code.value, p.number, p.criterion, p.written) for p in reading.problems]


# ---------------------------------------------------------------- numbers and positions

@pytest.mark.parametrize("line", [
    "A-0012: 8 7 9 6 8",
    "A-0012 — 8, 7, 9, 6, 8",
    "№12 8/7/9/6/8",
    "№ 12: 8; 7; 9; 6; 8",
    "#12 8 7 9 6 8",
    "N12 8-7-9-6-8",
    "No. 12 8 7 9 6 8",
    "A 0012 8 7 9 6 8",
    "A-12: 8 7 9 6 8",
    "A0012 8 | 7 | 9 | 6 | 8",
    "а-0012: 8 7 9 6 8",  # a Cyrillic а
    "А-0012 — 8 7 9 6 8",  # a Cyrillic capital А
    "a-12 8 7 9 6 8",
    "12: 8 7 9 6 8",
    "- A-0012: 8 7 9 6 8",
    "1. A-0012: 8 7 9 6 8",
    "Работа A-0012: 8 7 9 6 8",
    "Жұмыс №12: 8 7 9 6 8",
    "A-0012:8 7 9 6 8",
    "A-0012 - 08 07 09 06 08",
    "A-0012: 8,7,9,6,8",
    "A-0012: 8.7.9.6.8",
    "A-0012: 8/10 7/10 9/10 6/10 8/10",
    "A-0012: 8 из 10, 7 из 10, 9 из 10, 6 из 10, 8 из 10",
    "A-0012 — Айгүл Серікова, Көкшетау: 8 7 9 6 8",  # the sheet's line, copied
])
def test_a_work_line_in_every_form_the_sheet_allows(read: Read, line: str) -> None:
    reading = read(f"Сәлеметсіз бе!\n\n{line}\n\nҚұрметпен, Әлия")
    assert scores(reading) == EIGHT_SEVEN
    assert reading.problems == ()
    assert reading.work("A-0012").sources == (Source(3, line),)  # type: ignore[union-attr]


def test_several_works_one_line_each(read: Read) -> None:
    reading = read("A-0012: 8 7 9 6 8\nA-0013: 10 10 9 9 10\n#14 0 1 2 3 4")
    assert [work.number for work in reading.works] == ["A-0012", "A-0013", "A-0014"]
    assert scores(reading, "A-0013") == dict(zip(KEYS, map(Decimal, (10, 10, 9, 9, 10)),
                                                 strict=True))
    assert scores(reading, "A-0014") == dict(zip(KEYS, map(Decimal, range(5)), strict=True))
    assert reading.problems == ()


def test_ten_out_of_ten_in_a_list_of_slashes_is_five_scores(read: Read) -> None:
    reading = read("A-0012: 10/10/10/10/10")
    assert scores(reading) == dict.fromkeys(KEYS, Decimal(10))


@pytest.mark.parametrize(("text", "written"), [
    ("12 8 7 9 6 8", "12 8 7 9 6 8"),  # a bare number without a colon is a score
    ("8 7 9 6 8", "8 7 9 6 8"),
])
def test_scores_without_a_work_number_are_reported(read: Read, text: str, written: str) -> None:
    reading = read(text)
    assert reading.works == ()
    assert problems(reading) == [("no_number", "", "", written)]


def test_a_lower_case_a_and_a_space_is_russian_and_not_a_number(read: Read) -> None:
    reading = read("а 5 баллов за тему")
    assert reading.works == ()
    assert problems(reading) == []


def test_times_and_dates_are_no_work_numbers(read: Read) -> None:
    reading = read("Смотрела вчера в 10:00, 14.04.2026.\nA-0012: 8 7 9 6 8")
    assert scores(reading) == EIGHT_SEVEN
    assert reading.problems == ()


# ---------------------------------------------------------------- by criterion name

@pytest.mark.parametrize("line", [
    "A-0012 шығармашылық 7, тақырып 8, визуалды 9, ықпалы 6, өзектілігі 8",
    "A-0012 шыгармашылык 7, такырып 8, визуалды 9, ыкпалы 6, озектилиги 8",  # no kk keyboard
    "A-0012: тема 8; творчество 7; качество 9; влияние 6; актуальность 8",
    "A-0012 creativity 7, theme 8, visual 9, impact 6, relevance 8",
    "A-0012 Visual quality: 9, Fit with the hub's theme: 8, Creativity and originality: 7, "
    "Impact on the audience: 6, Relevance to unity and accord: 8",
])
def test_scores_by_criterion_name_in_any_order_and_language(read: Read, line: str) -> None:
    reading = read(line)
    assert scores(reading) == EIGHT_SEVEN
    assert reading.problems == ()


@pytest.mark.parametrize("text", [
    "A-0012\nТақырыбы: 8\nШығармашылық: 7\nВизуалды сапасы: 9\nЫқпалы: 6\nӨзектілігі: 8",
    "A-0012 (Айгүл Серікова)\n\nтема 8\nтворческий подход 7\nвизуал 9\nаудитория 6\n"
    "единство 8",
    "Work #12\ntheme = 8\ncreativity = 7\nvisual = 9\nimpact = 6\nrelevance = 8",
    "A-0012\nтема 8, творчество 7\nкачество 9; влияние 6\nактуальность 8",
    "A-0012\n8 7 9 6 8",  # the scores on the line below the number
])
def test_criteria_on_the_lines_below_the_work(read: Read, text: str) -> None:
    reading = read(text)
    assert scores(reading) == EIGHT_SEVEN
    assert reading.problems == ()


def test_latin_look_alikes_inside_a_kazakh_word(read: Read) -> None:
    reading = read("A-0012\nтaқырып 8")  # a Latin "a"
    assert scores(reading) == {"theme": Decimal(8)}


def test_criteria_not_named_are_reported_as_missing_not_as_ignored(read: Read) -> None:
    reading = read("A-0012 тема 8, визуал 9")
    assert scores(reading) == {"theme": Decimal(8), "visual": Decimal(9)}
    assert reading.problems == (
        Problem(ProblemCode.MISSING_CRITERION, Source(1, "A-0012 тема 8, визуал 9"), "A-0012",
                keys=("creativity", "impact", "relevance")),
    )
    assert not ProblemCode.MISSING_CRITERION.ignored


def test_an_ambiguous_label_is_reported_never_guessed(read: Read) -> None:
    reading = read("A-0012\nвизуал и влияние 8\nтема 7")
    assert scores(reading) == {"theme": Decimal(7)}
    assert [problem.code for problem in reading.problems] == [
        ProblemCode.MISSING_CRITERION, ProblemCode.AMBIGUOUS_CRITERION]
    assert reading.problems[0].keys == ("creativity", "relevance")
    assert reading.problems[1] == Problem(
        ProblemCode.AMBIGUOUS_CRITERION, Source(2, "визуал и влияние 8"), "A-0012",
        written="визуал и влияние", keys=("visual", "impact"))


def test_an_ambiguous_word_among_similar_criteria(rules: ScoreRules) -> None:
    criteria = [
        Criterion(key="technical", name={"en": "Technical quality", "ru": "Техническое качество"}),
        Criterion(key="visual", name={"en": "Visual quality", "ru": "Качество изображения"}),
    ]
    reading = read_scores("A-0012\nquality 8\nкачество 7\ntechnical 6", criteria, rules,
                          {"A-0012"})
    assert dict(reading.work("A-0012").scores) == {"technical": Decimal(6)}  # type: ignore[union-attr]
    assert problems(reading) == [
        ("ambiguous_criterion", "A-0012", "", "quality"),
        ("ambiguous_criterion", "A-0012", "", "качество"),
    ]  # visual is not reported missing as well: the juror is asked about it once
    assert reading.problems[0].keys == ("technical", "visual")


def test_a_word_the_contest_has_no_criterion_for(read: Read) -> None:
    reading = read("A-0012: 8 7 9 6 8\nЗвук 5")
    assert scores(reading) == EIGHT_SEVEN
    assert problems(reading) == [("unknown_criterion", "A-0012", "", "Звук")]


def test_small_words_of_the_names_name_nothing_alone(read: Read) -> None:
    reading = read("A-0012\nthe 5\nдля 6\nthe theme 8")
    assert scores(reading) == {"theme": Decimal(8)}
    assert problems(reading)[1:] == [("unknown_criterion", "A-0012", "", "the"),
                                     ("unknown_criterion", "A-0012", "", "для")]


# ---------------------------------------------------------------- comments

def test_a_comment_after_the_scores_keeps_its_kazakh_letters(read: Read) -> None:
    reading = read("A-0012: 8 7 9 6 8 — Ұлттық нақыш өте әдемі, һәм дыбысы ғажап! Қуаттымын.")
    assert reading.work("A-0012").comment == (  # type: ignore[union-attr]
        "Ұлттық нақыш өте әдемі, һәм дыбысы ғажап! Қуаттымын.")
    assert read("A-0012: 8 7 9 6 8.").work("A-0012").comment == ""  # type: ignore[union-attr]


def test_a_comment_on_the_next_line_and_a_labelled_one(read: Read) -> None:
    reading = read("A-0012: 8 7 9 6 8\nМонтаж хороший, звук тихий.\n\n"
                   "A-0013\nтема 8\nПікір: түсірілімі әдемі, бірақ ұзақ\n\nРахмет!")
    assert reading.work("A-0012").comment == "Монтаж хороший, звук тихий."  # type: ignore[union-attr]
    assert reading.work("A-0013").comment == "түсірілімі әдемі, бірақ ұзақ"  # type: ignore[union-attr]
    assert [problem.code for problem in reading.problems] == [ProblemCode.MISSING_CRITERION]


def test_a_greeting_after_a_blank_line_is_no_comment(read: Read) -> None:
    reading = read("A-0012: 8 7 9 6 8\n\nСпасибо, с уважением,\nАйгерим")
    assert reading.work("A-0012").comment == ""  # type: ignore[union-attr]
    assert reading.problems == ()


# ---------------------------------------------------------------- decimals and the scale

def test_a_decimal_comma_with_a_step_of_one_is_one_score_off_the_step(read: Read) -> None:
    reading = read("A-0012: 8 7,5 9 6 8")
    assert scores(reading) == {"theme": Decimal(8), "visual": Decimal(9), "impact": Decimal(6),
                               "relevance": Decimal(8)}
    assert problems(reading) == [("off_step", "A-0012", "creativity", "7,5")]
    assert reading.problems[0].source == Source(1, "A-0012: 8 7,5 9 6 8")


def test_a_decimal_point_with_a_step_of_one_is_off_the_step_too(read: Read) -> None:
    reading = read("A-0012\nтема 7.5")
    assert reading.works == ()
    assert problems(reading) == [("missing_criterion", "A-0012", "", ""),
                                 ("off_step", "A-0012", "theme", "7.5")]


@pytest.mark.parametrize("line", [
    "A-0012: 8 7,5 9 6 8",
    "A-0012: 8, 7,5, 9, 6, 8",  # a comma and a space part; a comma between digits joins
    "A-0012: 8; 7.5; 9; 6; 8",
])
def test_a_decimal_comma_with_a_step_of_a_half_is_half_a_point(read: Read, line: str) -> None:
    reading = read(line, step=0.5)
    assert scores(reading) == {**EIGHT_SEVEN, "creativity": Decimal("7.5")}
    assert reading.problems == ()


def test_commas_between_digits_with_a_step_of_a_half_are_not_guessed(read: Read) -> None:
    reading = read("A-0012: 8,7,9,6,8", step=0.5)
    assert reading.works == ()
    assert problems(reading) == [("unreadable_line", "A-0012", "", "8,7,9,6,8")]


def test_a_score_out_of_range_is_left_out_and_the_others_count(read: Read) -> None:
    reading = read("A-0013: 8 7 11 6 8")
    assert scores(reading, "A-0013") == {"theme": Decimal(8), "creativity": Decimal(7),
                                         "impact": Decimal(6), "relevance": Decimal(8)}
    assert problems(reading) == [("out_of_range", "A-0013", "visual", "11")]


def test_too_many_and_too_few_positional_scores_record_nothing(read: Read) -> None:
    reading = read("A-0012: 8 7 9 6 8 5\nA-0013: 8 7 9 6")
    assert reading.works == ()
    assert problems(reading) == [("too_many_scores", "A-0012", "", "8 7 9 6 8 5"),
                                 ("too_few_scores", "A-0013", "", "8 7 9 6")]
    assert [problem.source.line for problem in reading.problems] == [1, 2]


def test_two_scores_for_one_named_criterion(read: Read) -> None:
    reading = read("A-0012\nтема 8 9\nвизуал 8/10")
    assert scores(reading) == {"visual": Decimal(8)}
    assert problems(reading)[1] == ("too_many_scores", "A-0012", "theme", "8 9")


def test_numbers_glued_to_letters_are_no_scores(read: Read) -> None:
    reading = read("A-0012\nтақырып: 10-нан 8\nсапасы 9, 4K форматта")
    assert scores(reading) == {"theme": Decimal(8), "visual": Decimal(9)}
    assert reading.work("A-0012").comment == "4K форматта"  # type: ignore[union-attr]


# ---------------------------------------------------------------- numbers that do not count

def test_an_unknown_number_is_reported_with_its_lines(read: Read) -> None:
    reading = read("A-0099: 8 7 9 6 8\nA-0098\nтема 8\nтворчество 7\n\nA-0012: 8 7 9 6 8")
    assert [work.number for work in reading.works] == ["A-0012"]
    assert problems(reading) == [("unknown_number", "A-0099", "", "A-0099"),
                                 ("unknown_number", "A-0098", "", "A-0098")]


def test_the_sheets_example_line_is_never_recorded_nor_reported(read: Read) -> None:
    reading = read("A-0000: 8 7 9 6 8\nҚАРСЫ A-0000\nA-0012: 8 7 9 6 8")
    assert [work.number for work in reading.works] == ["A-0012"]
    assert reading.recusals == ()
    assert reading.problems == ()


def test_two_works_on_one_line_are_not_guessed(read: Read) -> None:
    reading = read("A-0012 8 7 9 6 8 A-0013 7 7 7 7 7")
    assert reading.works == ()
    assert problems(reading) == [("unreadable_line", "A-0012", "", "A-0013")]


def test_a_work_named_in_a_comment_is_only_a_comment(read: Read) -> None:
    reading = read("A-0012: 8 7 9 6 8 — сильнее, чем A-0013")
    assert scores(reading) == EIGHT_SEVEN
    assert reading.work("A-0012").comment == "сильнее, чем A-0013"  # type: ignore[union-attr]


def test_a_work_line_with_no_scores(read: Read) -> None:
    reading = read("A-0012 видео не открывается\n\nA-0013: 8 7 9 6 8")
    assert problems(reading) == [("no_scores", "A-0012", "", "")]
    assert [work.number for work in reading.works] == ["A-0013"]


def test_different_scores_for_one_criterion_are_both_left_out(read: Read) -> None:
    reading = read("A-0012: 8 7 9 6 8\nA-0012\nтема 9\nтворчество 7")
    assert scores(reading) == {key: value for key, value in EIGHT_SEVEN.items()
                               if key != "theme"}
    assert problems(reading) == [("conflicting_scores", "A-0012", "theme", "8 / 9")]


# ---------------------------------------------------------------- recusals

@pytest.mark.parametrize(("line", "numbers"), [
    ("ОТВОД A-0012", ["A-0012"]),
    ("отвод: №12, №13", ["A-0012", "A-0013"]),
    ("ҚАРСЫ A-0012", ["A-0012"]),
    ("қарсы а-0012", ["A-0012"]),  # Cyrillic а in the number
    ("карсы A-12", ["A-0012"]),  # no Kazakh keyboard
    ("RECUSE A-0012", ["A-0012"]),
    ("Recuse: #12 and #14", ["A-0012", "A-0014"]),
    ("OTBOД A-0012", ["A-0012"]),  # Latin O, T, B in a Cyrillic word
    ("A-0012 — отвод, автор мой племянник", ["A-0012"]),
])
def test_recusals_in_the_three_spellings(read: Read, line: str, numbers: list[str]) -> None:
    reading = read(f"Добрый день.\n{line}\nA-0013: 8 7 9 6 8" if "13" not in line else line)
    assert [recusal.number for recusal in reading.recusals] == numbers
    assert [work.number for work in reading.works] == (["A-0013"] if "13" not in line else [])
    assert reading.problems == ()


def test_a_recusal_of_an_unknown_work_and_one_without_a_number(read: Read) -> None:
    reading = read("ОТВОД A-0099\nRECUSE")
    assert reading.recusals == ()
    assert problems(reading) == [("unknown_number", "A-0099", "", "A-0099"),
                                 ("no_number", "", "", "RECUSE")]


def test_a_recused_work_keeps_no_scores(read: Read) -> None:
    reading = read("A-0012: 8 7 9 6 8\nҚАРСЫ A-0012")
    assert reading.works == ()
    assert [recusal.number for recusal in reading.recusals] == ["A-0012"]
    assert problems(reading) == [("recused_and_scored", "A-0012", "", "")]


def test_qarsy_inside_a_sentence_is_no_recusal(read: Read) -> None:
    reading = read("A-0012: 8 7 9 6 8\n\nМен бұл жұмысқа қарсы емеспін, A-0013 туралы кейін.")
    assert reading.recusals == ()


# ---------------------------------------------------------------- the caller's assignment

def test_works_not_on_this_jurors_sheet_become_not_assigned(read: Read) -> None:
    reading = restrict(read("A-0012: 8 7 9 6 8\nA-0013: 8 7 9 6 8\nОТВОД A-0014"),
                       {"A-0012"})
    assert [work.number for work in reading.works] == ["A-0012"]
    assert reading.recusals == ()
    assert problems(reading) == [("not_assigned", "A-0013", "", ""),
                                 ("not_assigned", "A-0014", "", "")]
    assert reading.problems[1].source == Source(3, "ОТВОД A-0014")


def test_units_after_scores_are_passed_over(read: Read) -> None:
    reading = read("A-0012: 8 баллов, 7 баллов, 9 баллов, 6 баллов, 8 баллов\n"
                   "A-0013\nтақырып 8 ұпай, шығармашылық 7 ұпай\n\nA-0014: 8 7 9 6 8 points")
    assert scores(reading) == EIGHT_SEVEN
    assert scores(reading, "A-0013") == {"theme": Decimal(8), "creativity": Decimal(7)}
    assert scores(reading, "A-0014") == EIGHT_SEVEN
    assert [work.comment for work in reading.works] == ["", "", ""]
