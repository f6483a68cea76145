"""Work numbers and criterion words on their own: the forms, the contest's prefix, and the
words that are never taken for a criterion."""

from __future__ import annotations

import pytest

from hub.jury_config import Criterion
from jury.criterionwords import CriterionIndex
from jury.worknumbers import NumberForms, is_recusal_word, recusal_at_start


@pytest.mark.parametrize(("line", "number", "written"), [
    ("A-0012: 8", "A-0012", "A-0012"),
    ("  • A – 7 8", "A-0007", "A – 7"),
    ("№ A-0012", "A-0012", "№ A-0012"),
    ("Nº12 8", "A-0012", "Nº12"),
    ("12345: 8", None, None),  # a bare number has four digits at most
    ("10:00 встреча", None, None),
    ("ANA12 8", None, None),
    ("Я поставила бы 8", None, None),
    ("Оценки для работы A-12: 8", "A-0012", "A-12"),  # up to three words before it
    ("Мои оценки для этой работы A-12 ниже", None, None),
])
def test_number_forms(line: str, number: str | None, written: str | None) -> None:
    found = NumberForms("A").at_start(line)
    assert (found.number, found.written) == (number, written) if found else number is None


def test_another_prefix_and_its_look_alike() -> None:
    forms = NumberForms("K")
    assert forms.at_start("К-15: 8").number == "K-0015"  # type: ignore[union-attr]  # Cyrillic К
    assert forms.at_start("A-15: 8") is None
    assert forms.normalise("123456") == "K-123456"


def test_recusal_words() -> None:
    assert recusal_at_start("  Отвод: A-0012") == 7
    assert recusal_at_start("Қарсылығым жоқ A-0012") is None  # "no objection"
    assert is_recusal_word(" ҚАРСЫ. ") and is_recusal_word("Recuse")
    assert not is_recusal_word("қарсы емеспін")


def test_criterion_words(criteria: list[Criterion]) -> None:
    index = CriterionIndex(criteria)
    assert index.resolve("Шығармашылығы").key == "creativity"  # another ending
    assert index.resolve("тема хаба").key == "theme"
    assert index.resolve("оценка за тему").key == "theme"  # "оценка", "за" name nothing
    assert index.resolve("relevance").key == "relevance"  # the key
    assert index.resolve("и").keys == () and index.resolve("the").keys == ()
    assert index.resolve("про").keys == ()  # three letters match only a whole word
    assert index.resolve("тема творчество").keys == ("theme", "creativity")
