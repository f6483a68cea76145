"""The protocol's words for codes (how scores were combined, flags, prizes), in kk and ru.

The sentences are the template's (templates/protocol/, which an organizer rewords in
Word); these are the pieces a sentence takes from the data, where a Jinja `if` per code
in a Word paragraph would be unreadable. Reasons for refusing an application are not
here: they are the `label` macro of templates/<language>/reasons.txt, the same words the
organizers' letters use. Kazakh endings follow the sound of a word, so a name or a
number never takes one here: it stands after a colon, in «», or before a fixed noun.
"""

from __future__ import annotations

from dataclasses import dataclass

from hub.sections import Language


@dataclass(frozen=True)
class Words:
    aggregate: dict[str, str]  # jury.aggregate -> "the mean" as the method sentence says it
    normalize: dict[str, str]  # jury.normalize -> a clause after the aggregate, or ""
    total: str
    total_weighted: str
    ties: str  # {rules}: the tie-break rules in words
    ties_none: str
    tie_criterion: str  # {name}
    tie_earliest: str
    tie_joiner: str
    flags: dict[str, str]  # a row flag -> why the work is listed ({jurors} {quorum} {flag})
    labels: dict[str, str]  # reason codes that are not the rules' (see reasons.txt)
    currency: dict[str, str]  # "KZT" -> the word after an amount
    no_place: str  # the place of a work left out of the ranking
    decimal_mark: str
    not_awarded: str  # an incentive prize nobody has been given
    place_taken: str  # a place's prize that a shared place above it swallowed
    place_empty: str  # a place's prize with no ranked work to take it


WORDS: dict[Language, Words] = {
    Language.KK: Words(
        aggregate={"mean": "орташа арифметикалық мәні", "median": "медианасы"},
        normalize={"none": "", "zscore": " (алдымен әр қазының әр критерий бойынша "
                                         "бағалары бірыңғай шкалаға келтірілді: z-бағалау)"},
        total="барлық критерийлер бойынша бағалардың қосындысы",
        total_weighted="критерийлер бойынша бағаларды салмағына көбейтіп қосқандағы сома",
        ties="Жалпы балдар тең болса, жоғары орынға {rules} шығады; бұдан кейін де тең "
             "болған жұмыстар орынды бөліседі.",
        ties_none="Жалпы балдары тең жұмыстар орынды бөліседі.",
        tie_criterion="«{name}» критерийі бойынша бағасы жоғары жұмыс",
        tie_earliest="өтінімі ертерек келген жұмыс",
        tie_joiner=", одан кейін ",
        flags={
            "under_quorum": "толық бағалар саны кворумнан аз ({jurors} / {quorum}), "
                            "рейтингке енгізілмеді",
            "spread": "қазылар қойған жалпы балдардың айырмасы шектен асады "
                      "(шек: {flag} балл)",
            "incomplete": "кейбір қазылар барлық критерийді бағаламаған, толық емес "
                          "парақтар есепке алынбады",
            "shared_place": "{place}-орынды бөліседі",
        },
        labels={"organizer_decision": "ұйымдастырушылардың шешімімен қабылданбады",
                "other": "басқа себеп"},
        currency={"KZT": "теңге"},
        no_place="—",
        decimal_mark=",",
        not_awarded="берілмеді",
        place_taken="алдыңғы орынды бірнеше жұмыс бөлісті, бұл орын берілмейді",
        place_empty="бұл орынға рейтингте жұмыс жоқ",
    ),
    Language.RU: Words(
        aggregate={"mean": "среднее арифметическое", "median": "медиана"},
        normalize={"none": "", "zscore": " (предварительно оценки каждого члена жюри по "
                                         "каждому критерию приведены к единой шкале: "
                                         "z-оценка)"},
        total="сумма оценок по всем критериям",
        total_weighted="сумма оценок по критериям, умноженных на их веса",
        ties="При равенстве итоговых баллов выше ставится {rules}; работы, равные и после "
             "этого, делят место.",
        ties_none="Работы с равными итоговыми баллами делят место.",
        tie_criterion="работа с более высокой оценкой по критерию «{name}»",
        tie_earliest="работа, заявка на которую поступила раньше",
        tie_joiner=", затем ",
        flags={
            "under_quorum": "полных оценок жюри меньше кворума ({jurors} из {quorum}), "
                            "в рейтинг не включена",
            "spread": "итоговые баллы членов жюри расходятся больше допустимого "
                      "(предел: {flag})",
            "incomplete": "не все члены жюри оценили все критерии, неполные листы не учтены",
            "shared_place": "делит {place}-е место",
        },
        labels={"organizer_decision": "отклонены решением организаторов",
                "other": "другое"},
        currency={"KZT": "тенге"},
        no_place="—",
        decimal_mark=",",
        not_awarded="не присуждён",
        place_taken="предыдущее место разделили несколько работ, это место не присуждается",
        place_empty="в рейтинге нет работы на это место",
    ),
}


def words_for(language: Language) -> Words:
    try:
        return WORDS[language]
    except KeyError:
        raise ValueError(f"the protocol is written in kk or ru, not {language.value}") from None
