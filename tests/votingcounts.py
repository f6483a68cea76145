"""Counts of the press-secretary contest (seed 000) built by hand, with the config pieces its
results and protocol are written from, for the voting reports' tests.

The eleven participants are the seed's, with the seed's votes (58, 53, 48, 46, 26, 6, 2,
2, 1, 0, 0: a tie and two with none), on a ballot in another order than the votes', so
sorting is seen to happen; one more case makes the participant with 46 votes
disqualified for the seed's reason. Names and positions hold every Kazakh letter.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from hub.config import ContestConfig
from hub.jury_config import PrizeConfig
from hub.reports_config import ReportsConfig, Signature
from hub.sections import Language
from jury.voting.count import BallotEntry, VotingCount

KAZAKH = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
# (name, position, organization, votes), in the order of the seed's table.
SEED = [
    ("Марат Балауса Маратқызы", "Пресс-секретарь",
     "Палата предпринимателей Алматинской области", 58),
    ("Мұхамеджанова Мөлдір Қайратқызы", "Баспасөз қызметі бөлімінің басшысы",
     "Қазақстан Республикасы Сот әкімшілігінің Алматы облысы бойынша департаменті", 53),
    ("Тюлемисова Динара Булатбековна", "Пресс-секретарь акима Енбекшиказахского района",
     "Аппарат акима Енбекшиказахского района", 48),
    ("Маді Сайдильдин", "Пресс-секретарь",
     "Алматинский областной филиал партии «AMANAT»", 46),
    ("Айталы Бақтияр", "Жамбыл ауданы әкімінің баспасөз хатшысы",
     "Жамбыл ауданы әкімінің аппараты, Ұзынағаш ауылы", 26),
    ("Назырбаева Индира Торехановна", "Пресс-секретарь",
     "ҚР ІІМ Алматы облысы бойынша қылмыстық-атқару жүйесі департаменті", 6),
    ("Алматы Алма Алматықызы", "Балқаш ауданы әкімінің баспасөз хатшысы",
     "Балқаш ауданы әкімінің аппараты", 2),
    ("Орынбасар Бұрым Ермекқызы", "Қарасай аудандық әкімдігінің баспасөз хатшысы",
     "Қарасай аудандық әкімдігі", 2),
    ("Колесниченко Екатерина Юрьевна", "Пресс-секретарь аппарата акима города Конаев",
     "ГУ «Аппарат акима города Конаев» (жауапты: Һ. Шаһизадаева)", 1),
    ("Улан Аяла Ұланқызы", "Райымбек ауданы әкімінің баспасөз хатшысы",
     "Райымбек ауданы әкімінің аппараты, Үкімет үйі, Өтеген батыр көшесі", 0),
    ("Кисабаев Айдар Серикболович", "Пресс-секретарь акима Уйгурского района",
     "«ҰЙҒЫР АУДАНЫ ӘКІМІНІҢ АППАРАТЫ» ММ", 0),
]
BALLOT = [4, 9, 1, 11, 2, 7, 10, 3, 5, 8, 6]  # each row's number on the ballot
REASON = "Многочисленные голоса лиц, не являющихся представителями СМИ"
OPENS, CLOSES = datetime(2023, 6, 19, 9, 0), datetime(2023, 6, 26, 23, 59, 59)
DURING = datetime.fromisoformat("2023-06-22T12:00:00+05:00")
AFTER = datetime.fromisoformat("2023-06-28T10:00:00+05:00")


def seed_count(*, disqualify: bool = True) -> VotingCount:
    """The seed's count; `disqualify`: number 11 (46 votes) taken out of the contest."""
    entries = tuple(sorted(
        (BallotEntry(number=number, application=f"A-{number:04d}", name=name,
                     position=position, organization=organization, votes=votes,
                     disqualified=REASON if disqualify and number == 11 else None)
         for number, (name, position, organization, votes) in zip(BALLOT, SEED, strict=True)),
        key=lambda entry: entry.number))
    counted = sum(entry.votes for entry in entries)
    return VotingCount(
        entries=entries, voters_registered=260, voters_verified=249, votes_counted=counted,
        votes_removed=3,
        turnout_by_day=((date(2023, 6, 19), 61), (date(2023, 6, 20), 48),
                        (date(2023, 6, 21), 30), (date(2023, 6, 23), 22),
                        (date(2023, 6, 24), 15), (date(2023, 6, 25), 9),
                        (date(2023, 6, 26), 4)))


def with_votes(count: VotingCount, votes: dict[int, int]) -> VotingCount:
    """`count` with some participants' votes (by ballot number) changed."""
    return replace(count, entries=tuple(
        replace(entry, votes=votes.get(entry.number, entry.votes)) for entry in count.entries))


def contest_config() -> ContestConfig:
    return ContestConfig(
        name={Language.RU: "«Лучший пресс-секретарь Алматинской области - 2023»",
              Language.KK: "«Алматы облысының үздік баспасөз хатшысы - 2023»"},
        timezone="Asia/Almaty", default_language=Language.RU,
        organizers=[{"email": "info@newshub.kz"}])


def reports_config(*, signatures: bool = True) -> ReportsConfig:
    return ReportsConfig(
        organizer={Language.RU: "ИА Информационный хаб Казахстана «NewsHub.kz»",
                   Language.KK: "«NewsHub.kz» Қазақстанның ақпараттық хабы АА"},
        place={Language.RU: "г. Алматы", Language.KK: "Алматы қаласы"},
        signatures=[Signature(name="Е. Рамазанов",
                              role={Language.RU: "Директор ТОО «RET & Media»",
                                    Language.KK: "«RET & Media» ЖШС директоры"})]
        if signatures else [])


def prizes() -> list[PrizeConfig]:
    return [
        PrizeConfig(key="winner", place=1, amount=400000,
                    name={Language.RU: "премия и диплом организатора конкурса",
                          Language.KK: "сыйақы және ұйымдастырушының дипломы"}),
        PrizeConfig(key="bonus", amount=500000,
                    name={Language.RU: "бонус в личном кабинете «Пресс-службы» каждому "
                                       "участнику",
                          Language.KK: "әр қатысушыға «Баспасөз қызметі» жеке кабинетіндегі "
                                       "бонус"}),
    ]
