"""The score sheet's words in the juror's language (kk, ru, en), for its mail and its DOCX.

Instructions say what the readers accept (`jury.scoretext`, `jury.sheetread`) and nothing
more, with examples built from the contest's own criteria and scale, so that a juror who
follows them is always read.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from hub.jury_config import Criterion
from hub.sections import Language
from jury.criterionwords import CriterionIndex
from jury.reading import ScoreRules
from jury.sheetmarks import example_line, example_number, example_scores, format_score


@dataclass(frozen=True)
class SheetWords:
    title: str  # "{contest}"
    juror: str  # "{token}"
    criteria: str  # "{range}", "{step}"
    whole: str
    fraction: str  # "{step}", "{example}"
    reply: str
    named: str
    recuse: str
    later: str
    deadline: str  # "{deadline}"
    works: str
    table: str
    table_recuse: str  # "{word}"
    number: str
    work: str
    comment: str
    recusal_word: str


WORDS: dict[Language, SheetWords] = {
    Language.KK: SheetWords(
        title="{contest} — бағалау парағы",
        juror="Қазылар мүшесінің коды: {token}",
        criteria="Критерийлер, осы ретпен (әрқайсысына {range} балл, {step}):",
        whole="бүтін сан",
        fraction="қадамы {step}, мысалы {example}",
        reply="Осы хатқа жауап жазыңыз, әр жұмысқа бір жол: нөмірі, критерийлердің ретімен "
              "баллдар, қаласаңыз — пікір. Мысалы:",
        named="Немесе критерийдің атымен, жұмыс нөмірінің астындағы жолдарда:",
        recuse="Жұмыстың авторы сізге таныс болса (туысыңыз, әріптесіңіз), баға қоймай, "
               "мына жолды жазыңыз:",
        later="Барлық жұмысты бірден бағалау міндетті емес: қалғанын кейін жіберуге болады.",
        deadline="Соңғы мерзім: {deadline}.",
        works="Жұмыстар:",
        table="Кестені толтырып, файлды осы хатқа жауап ретінде жіберіңіз. Бос ұяшық — "
              "«әлі бағаланбаған».",
        table_recuse="Жұмыстың авторы сізге таныс болса, «Пікір» бағанына {word} деп жазыңыз.",
        number="№",
        work="Жұмыс",
        comment="Пікір",
        recusal_word="ҚАРСЫ",
    ),
    Language.RU: SheetWords(
        title="{contest} — оценочный лист",
        juror="Код члена жюри: {token}",
        criteria="Критерии, в этом порядке (по каждому {range} баллов, {step}):",
        whole="целым числом",
        fraction="с шагом {step}, например {example}",
        reply="Ответьте на это письмо, по строке на работу: номер, баллы в порядке критериев, "
              "по желанию — комментарий. Например:",
        named="Или по названию критерия, в строках под номером работы:",
        recuse="Если автор работы вам знаком (родственник, коллега), не оценивайте её, "
               "а напишите строку:",
        later="Оценивать все работы сразу не обязательно: остальные можно прислать позже.",
        deadline="Крайний срок: {deadline}.",
        works="Работы:",
        table="Заполните таблицу и пришлите файл ответом на это письмо. Пустая клетка — "
              "«ещё не оценено».",
        table_recuse="Если автор работы вам знаком, напишите {word} в столбце «Комментарий».",
        number="№",
        work="Работа",
        comment="Комментарий",
        recusal_word="ОТВОД",
    ),
    Language.EN: SheetWords(
        title="{contest} — score sheet",
        juror="Juror's code: {token}",
        criteria="The criteria, in this order ({range} points each, {step}):",
        whole="whole numbers",
        fraction="in steps of {step}, like {example}",
        reply="Reply to this email with one line per work: its number, the scores in the "
              "criteria's order, and a comment if you like. For example:",
        named="Or by the criterion's name, on the lines below the work's number:",
        recuse="If you know the author (a relative, a colleague), do not score the work; "
               "write this line instead:",
        later="You need not score every work at once: send the rest later.",
        deadline="Deadline: {deadline}.",
        works="The works:",
        table="Fill in the table and send the file back as a reply to this email. An empty "
              "cell means “not scored yet”.",
        table_recuse="If you know the author, write {word} in the “Comment” column.",
        number="No.",
        work="Work",
        comment="Comment",
        recusal_word="RECUSE",
    ),
}


def score_text(score: Decimal, language: Language) -> str:
    """7.5 as '7,5' in Kazakh and Russian, '7.5' in English."""
    text = format_score(score)
    return text.replace(",", ".") if language is Language.EN else text


def scale_text(rules: ScoreRules, language: Language) -> str:
    """'0–10'."""
    return f"{score_text(rules.minimum, language)}–{score_text(rules.maximum, language)}"


def step_text(rules: ScoreRules, language: Language) -> str:
    words = WORDS[language]
    if not rules.fractional:
        return words.whole
    example = Decimal("7.5")
    if rules.check(example) is not None or example == example.to_integral_value():
        example = rules.maximum - rules.step
    return words.fraction.format(step=score_text(rules.step, language),
                                 example=score_text(example, language))


def name_in(criterion: Criterion, language: Language) -> str:
    """The criterion's name in the juror's language, or in the first language it has."""
    return criterion.name.get(language) or next(iter(criterion.name.values()))


def examples(criteria: Sequence[Criterion], rules: ScoreRules, prefix: str,
             language: Language) -> tuple[str, str, str]:
    """The example lines: scores in order, one score by name, a recusal; all with the
    number no work has, so a quoted or copied example is never recorded."""
    scores = example_scores(len(criteria), rules.minimum, rules.maximum, rules.step)
    in_order = example_line(prefix, scores)
    if language is Language.EN:
        in_order = in_order.replace(",", ".")
    criterion = criteria[1] if len(criteria) > 1 else criteria[0]
    index = CriterionIndex(criteria)
    word = next((word for word in name_in(criterion, language).split()
                 if index.resolve(word).key == criterion.key), criterion.key)
    by_name = f"{word.strip('«»,.:;')} {score_text(scores[1 % len(scores)], language)}"
    recusal = f"{WORDS[language].recusal_word} {example_number(prefix)}"
    return in_order, by_name, recusal
