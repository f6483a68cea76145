"""The jury's letters render clean in every language, whatever a reply held."""

from __future__ import annotations

import pytest

from hub.texts import render
from jury.reading import ProblemCode

KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
@pytest.mark.parametrize("code", list(ProblemCode))
def test_every_problem_has_its_own_words(language: str, code: ProblemCode) -> None:
    text = render("jury_echo", language, contest="Шаңырақ", juror="Әлия", token="J-7Q4K9M",
                  recorded=[], recused=[], left=[], deadline="", begin="---", end="---",
                  ignored=[{"line": "A-0012: 8 11 7", "code": code.value, "number": "A-0012",
                            "criterion": "", "written": "11"}])
    line = next(line for line in text.body.splitlines() if "A-0012: 8 11 7" in line)
    reason = line.split("—", 1)[1].strip()
    assert len(reason) > 10 and "{" not in reason


def test_the_kazakh_echo_keeps_every_letter() -> None:
    text = render("jury_echo", "kk", contest="«Шаңырақ» креативті хабы", juror="Әлия Серікқызы",
                  token="J-7Q4K9M", recused=["A-0007"], deadline="21 сәуір 2026, 18:00",
                  begin="--- baiqau answer [J-7Q4K9M] ---",
                  end="--- end of baiqau answer [J-7Q4K9M] ---",
                  recorded=[{"number": "A-0012", "comment": "Өте әсерлі, һәм шынайы",
                             "scores": [{"name": "Шығармашылық тәсіл және түпнұсқалық",
                                         "value": "8"}]}],
                  ignored=[], left=[{"number": "A-0013", "missing": []}])
    assert text.body.startswith("--- baiqau answer [J-7Q4K9M] ---\nҚұрметті Әлия Серікқызы!")
    assert "  A-0012: Шығармашылық тәсіл және түпнұсқалық — 8\n" in text.body
    assert "    пікір: Өте әсерлі, һәм шынайы\n" in text.body
    assert "Мына жұмыстардан бас тартуыңыз тіркелді: A-0007." in text.body
    assert "Бағаларды жіберудің соңғы мерзімі: 21 сәуір 2026, 18:00." in text.body
    assert len(set(text.body) & KAZAKH_LETTERS) >= 8
    assert "\n\n\n" not in text.body
