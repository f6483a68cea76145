"""The sheet's mail: between its markers, in the juror's language, with examples a juror can
follow and that are never recorded themselves."""

from __future__ import annotations

from decimal import Decimal

from hub.jury_config import Criterion
from hub.sections import Language
from jury.reading import ScoreRules
from jury.scoretext import read_scores
from jury.sheettext import SheetRow, write_sheet_text

ROWS = [SheetRow("A-0012", "Шаһизада Һасенова, Көкшетау"), SheetRow("A-0013", "")]


def write(criteria: list[Criterion], rules: ScoreRules, language: Language) -> str:
    return write_sheet_text(contest="«Шаңырақ» креативті хабы", token="J-7Q4K9M",
                            language=language, criteria=criteria, rules=rules, rows=ROWS)


def test_the_kazakh_sheet(criteria: list[Criterion], rules: ScoreRules) -> None:
    text = write(criteria, rules, Language.KK)
    lines = text.splitlines()
    assert lines[0] == "--- baiqau score sheet [J-7Q4K9M] ---"
    assert lines[-1] == "--- end of baiqau score sheet [J-7Q4K9M] ---"
    assert lines[1:3] == ["«Шаңырақ» креативті хабы — бағалау парағы",
                          "Қазылар мүшесінің коды: J-7Q4K9M"]
    assert "Критерийлер, осы ретпен (әрқайсысына 0–10 балл, бүтін сан):" in lines
    assert "  5. Бірлік пен келісім құндылықтарын насихаттаудағы өзектілігі" in lines
    assert "  A-0000: 8 7 9 6 8" in lines
    assert "  Шығармашылық 7" in lines
    assert "  ҚАРСЫ A-0000" in lines
    assert lines[-3:-1] == ["  A-0012 — Шаһизада Һасенова, Көкшетау", "  A-0013"]


def test_the_russian_and_english_sheets_at_half_points(criteria: list[Criterion],
                                                       rules: ScoreRules) -> None:
    half = ScoreRules(rules.minimum, rules.maximum, Decimal("0.5"))
    russian = write(criteria, half, Language.RU).splitlines()
    assert "Критерии, в этом порядке (по каждому 0–10 баллов, с шагом 0,5, например 7,5):" in (
        russian)
    assert "  ОТВОД A-0000" in russian
    assert "  Творческий 7" in russian
    english = write(criteria, half, Language.EN).splitlines()
    assert "The criteria, in this order (0–10 points each, in steps of 0.5, like 7.5):" in (
        english)
    assert "  RECUSE A-0000" in english


def test_every_example_of_the_sheet_is_readable_and_never_recorded(
        criteria: list[Criterion], rules: ScoreRules) -> None:
    """A juror who copies an example and changes only its number is read; the examples
    themselves, outside their markers, record nothing and report nothing but the works'
    list: its lines have no scores (the lines under the example belong to the example)."""
    for language in Language:
        text = write(criteria, rules, language)
        body = "\n".join(text.splitlines()[1:-1])
        reading = read_scores(body, criteria, rules, {"A-0012", "A-0013"})
        assert reading.works == () and reading.recusals == ()
        assert [problem.code.value for problem in reading.problems] == [
            "no_scores", "no_scores"]
        example = next(line for line in text.splitlines() if "A-0000:" in line)
        copied = read_scores(example.replace("A-0000", "A-0012"), criteria, rules, {"A-0012"})
        assert len(copied.works[0].scores) == len(criteria)
