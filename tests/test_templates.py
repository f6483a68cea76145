"""The letters entrants and organizers receive, rendered for every status, code and language.

Each template is rendered the way hub.texts renders it (StrictUndefined, trim_blocks,
lstrip_blocks), with realistic data: Kazakh names and places with ә ғ қ ң ө ұ ү һ і, the
details the rules write ("1990 (35–36)", "4999 < 5000", ...). A letter must come out clean:
no undefined variable, no Jinja left over, no pile of blank lines, every problem on a line
of its own, the number in the subject.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import pytest

from hub.clock import load_zone
from hub.config import IntakeConfig
from hub.humanize import format_count, format_moment, format_size, rules_context, work_kind_name
from hub.texts import TEMPLATES, Rendered, environment, render
from intake.findings import REASON_CODES

LANGUAGES = ("kk", "ru", "en")
STATUSES = ("accepted", "needs_fix", "rejected", "review")
# Every reason code, and the one the pipeline's `Rejected` uses for an unreadable mail.
CODES = (*REASON_CODES, "unreadable_message")
KAZAKH_LETTERS = "әғқңөұүһі"

ZONE = load_zone("Asia/Almaty")
INTAKE = IntakeConfig(opens=datetime(2026, 3, 13, 0, 0), closes=datetime(2026, 4, 13, 23, 59, 59))
CLOSES_AT = datetime(2026, 4, 13, 18, 59, tzinfo=UTC)
ARRIVED_AT = datetime(2026, 4, 13, 19, 3, tzinfo=UTC)  # 00:03 on 14 April in Kokshetau
CONTEST = {
    "kk": "«Шаңырақ» креативті хабы",
    "ru": "Креативный хаб «Шаңырақ»",
    "en": "Shanyraq creative hub",
}
REGION = {"kk": "Ақмола облысы", "ru": "Акмолинская область", "en": "Akmola region"}

# What the rules write into `detail`, code by code (intake/rules/*.py and DESIGN.md).
DETAILS: dict[str, str] = {
    "late": "2026-04-14T00:03:00+05:00",
    "too_early": "2026-03-12T21:15:00+05:00",
    "too_young": "2009 (16–17)",
    "too_old": "1989 (36–37)",
    "age_unclear": "1990 (35–36)",
    "birth_year_missing": "2031",
    "outside_region": "Астана",
    "region_unclear": "Жаңаауыл",
    "settlement_missing": "",
    "name_missing": "Әлия",
    "phone_missing": "",
    "phone_invalid": "8 777 12",
    "social_links_missing": "",
    "subscribers_missing": "",
    "few_subscribers": "4999 < 5000",
    "no_works": "",
    "too_many_works": "4 > 3",
    "attachment_too_large": "Бірлік_туы.mov: 31457280 bytes",
    "unsupported_format": "жұмыстарым.zip",
    "duplicate_application": "A-0007",
    "position_missing": "",
    "organization_missing": "",
    "same_organization": "A-0003 (Аппарат акима Алматинской области)",
    "unreadable_message": "бұзылған кодтама",
}

WORKS: list[dict[str, Any]] = [
    {"title": "Бірлік_шаңырағы.mp4", "kind": "video", "is_link": False},
    {"title": "https://youtu.be/q9Ұ3ZкАқмола", "kind": "video", "is_link": True},
    {"title": "Зуһра_апаның_шаңырағы.jpg", "kind": "photo", "is_link": False},
]
SOCIAL = ["https://www.instagram.com/aliya.kokshe", "https://www.tiktok.com/@әлия_blog"]


def read(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "settlement": "Ақмола облысы, Бурабай ауданы, Щучинск қ.",
        "full_name": "Сейтқали Әлия Нұрланқызы",
        "birthplace": "Көкшетау қ.",
        "birth": "12.05.2001",
        "address": "Щучинск қ., Абылай хан к-сі, 14-үй, 7-пәтер",
        "phone": "+7 701 234 56 78",
        "social_links": list(SOCIAL),
        "subscribers": 12500,
    }
    values.update(overrides)
    return values


def context(language: str, status: str, **overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "contest": CONTEST[language],
        "number": "A-0012",
        "name": "Әлия",
        "status": status,
        "amendment": False,
        "read": read(),
        "works": list(WORKS),
        "problems": [],
        "reasons": [],
        "reviews": [],
        "closes": format_moment(CLOSES_AT, language, ZONE, with_zone=True),
        "results": "23 сәуір 2026" if language == "kk" else "23 April 2026",
        "arrived": format_moment(ARRIVED_AT, language, ZONE),
        "rules": rules_context(INTAKE, language, ZONE, REGION[language]),
    }
    if status == "needs_fix":
        values["problems"] = [finding("subscribers_missing"), finding("phone_invalid")]
    elif status == "rejected":
        values["reasons"] = [finding("too_old")]
    elif status == "review":
        values["reviews"] = [finding("age_unclear")]
    values.update(overrides)
    return values


def finding(code: str) -> dict[str, str]:
    return {"code": code, "detail": DETAILS[code]}


def assert_clean(text: Rendered) -> None:
    for part in (text.subject, text.body):
        for leftover in ("{{", "}}", "{%", "%}", "{#", "#}"):
            assert leftover not in part, f"Jinja left over ({leftover}):\n{part}"
        assert "None" not in part
        assert "Undefined" not in part
    assert text.subject and "\n" not in text.subject
    assert "\n\n\n" not in text.body, text.body
    assert not text.body.startswith("\n")
    assert text.body.endswith("\n") and not text.body.endswith("\n\n")
    for line in text.body.splitlines():
        assert line == line.rstrip(), f"trailing space: {line!r}"
        assert "  ." not in line and " ." not in line.replace("No. ", ""), line
        assert ".." not in line.replace('"..."', ""), line


def module(language: str, name: str = "reasons") -> Any:
    return environment().get_template(f"{language}/{name}.txt").module


def numbered(body: str) -> list[str]:
    return [line for line in body.splitlines() if re.match(r"  \d+\. ", line)]


# ------------------------------------------------------------------ application.txt

@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("amendment", [False, True])
@pytest.mark.parametrize("with_rules", [True, False])
def test_every_status_renders_clean_and_quotes_back(language: str, status: str, amendment: bool,
                                                    with_rules: bool) -> None:
    values = context(language, status, amendment=amendment)
    if not with_rules:
        del values["rules"]  # optional: the letters then name the rules without numbers
    text = render("application", language, **values)
    assert_clean(text)
    assert "A-0012" in text.subject
    assert text.subject.startswith(CONTEST[language])
    body = text.body
    for value in ("Ақмола облысы, Бурабай ауданы, Щучинск қ.", "Сейтқали Әлия Нұрланқызы",
                  "Көкшетау қ.", "12.05.2001", "Щучинск қ., Абылай хан к-сі, 14-үй, 7-пәтер",
                  "+7 701 234 56 78", *SOCIAL, format_count(12500, language)):
        assert value in body, value
    for work in WORKS:
        kind = work_kind_name(work["kind"], language)
        assert f"{work['title']} ({kind}" in body
    assert all(letter in body for letter in KAZAKH_LETTERS)
    assert "Әлия" in body.splitlines()[0]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("status", STATUSES)
def test_fields_not_found_are_said_to_be_not_found(language: str, status: str) -> None:
    empty = read(settlement="", full_name="", birthplace="", birth="", address="", phone="",
                 social_links=[], subscribers=None)
    text = render("application", language,
                  **context(language, status, name="", read=empty, works=[]))
    assert_clean(text)
    not_found = {"kk": "табылмады", "ru": "не найдено", "en": "not found"}[language]
    fields = [line for line in text.body.splitlines() if line.startswith("  ")]
    assert sum(line.endswith(f": {not_found}") for line in fields) == 8
    assert {"kk": "Жұмыстар: табылмады.", "ru": "Работы: не найдены.",
            "en": "Works: none found."}[language] in text.body
    greeting = {"kk": "Сәлеметсіз бе!", "ru": "Здравствуйте!", "en": "Hello,"}[language]
    assert text.body.splitlines()[0] == greeting


@pytest.mark.parametrize("language", LANGUAGES)
def test_one_social_link_stays_on_its_line(language: str) -> None:
    text = render("application", language,
                  **context(language, "accepted", read=read(social_links=[SOCIAL[0]])))
    assert_clean(text)
    assert any(line.endswith(f": {SOCIAL[0]}") for line in text.body.splitlines())


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("with_rules", [True, False])
def test_every_code_in_every_list(language: str, code: str, with_rules: bool) -> None:
    explain = module(language)
    for status, key, macro in (("needs_fix", "problems", "problem"),
                               ("rejected", "reasons", "reason"),
                               ("review", "reviews", "check")):
        values = context(language, status, problems=[], reasons=[], reviews=[])
        values[key] = [finding(code)]
        if not with_rules:
            del values["rules"]
        text = render("application", language, **values)
        assert_clean(text)
        facts = dict(values.get("rules", {}), closes=values["closes"], arrived=values["arrived"])
        line = str(getattr(explain, macro)(code, DETAILS[code], facts)).strip()
        assert line and "\n" not in line
        assert line in text.body, f"{code} as {macro} missing from:\n{text.body}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_problem_is_one_distinct_line(language: str) -> None:
    problems = [finding(code) for code in CODES]
    text = render("application", language,
                  **context(language, "needs_fix", problems=problems, works=[]))
    assert_clean(text)
    lines = numbered(text.body)
    assert len(lines) == len(CODES)
    assert len(set(lines)) == len(lines)
    # Without their details the lines are still told apart: the text, not the detail, differs.
    bare = render("application", language, **context(
        language, "needs_fix", problems=[{"code": code, "detail": ""} for code in CODES],
        works=[]))
    bare_lines = numbered(bare.body)
    assert len(set(bare_lines)) == len(CODES)
    for line in lines:
        assert line.rstrip().endswith((".", ")", "»", "”")), line


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("code", CODES)
def test_every_code_has_its_own_text(language: str, code: str) -> None:
    explain = module(language)
    cause = str(explain.cause(code, DETAILS[code])).strip()
    for fallback in ("(код:", "(code:", "(коды:"):
        assert fallback not in cause, cause
    label = str(explain.brief(code, DETAILS[code])).strip()
    assert label.endswith(f"[{code}]")
    assert not label.startswith(("басқа мәселе", "другое", "other"))
    unknown = str(explain.cause("no_such_code", "x")).strip()
    assert "no_such_code" in unknown  # an unknown code still says something, and names itself


@pytest.mark.parametrize("language", LANGUAGES)
def test_details_are_woven_in(language: str) -> None:
    explain = module(language)
    rules = rules_context(INTAKE, language, ZONE, REGION[language])
    closes = format_moment(CLOSES_AT, language, ZONE, with_zone=True)
    arrived = format_moment(ARRIVED_AT, language, ZONE)
    facts = dict(rules, closes=closes, arrived=arrived)

    def line(macro: str, code: str, detail: str | None = None) -> str:
        return str(getattr(explain, macro)(code, DETAILS[code] if detail is None else detail,
                                           facts)).strip()

    assert "1989" in line("reason", "too_old") and "35" in line("reason", "too_old")
    assert "2009" in line("reason", "too_young") and "18" in line("reason", "too_young")
    assert "Астана" in line("reason", "outside_region")
    assert REGION[language] in line("reason", "outside_region")
    assert isinstance(rules["opens"], str)
    assert arrived in line("reason", "late") and closes in line("reason", "late")
    assert rules["opens"] in line("problem", "too_early")
    assert format_count(4999, language) in line("problem", "few_subscribers")
    assert format_count(5000, language) in line("problem", "few_subscribers")
    too_large = line("problem", "attachment_too_large")
    assert "Бірлік_туы.mov" in too_large
    assert format_size(31457280, language) in too_large
    assert str(rules["max_attachment"]) in too_large
    assert "жұмыстарым.zip" in line("problem", "unsupported_format")
    assert "A-0007" in line("check", "duplicate_application")
    same = line("check", "same_organization")
    assert "A-0003" in same and "Алматинской области)" not in same
    assert ("«Аппарат акима Алматинской области»" in same
            or "“Аппарат акима Алматинской области”" in same)
    assert "Жаңаауыл" in line("check", "region_unclear")
    assert "1990" in line("check", "age_unclear")
    assert "4" in line("problem", "too_many_works") and "3" in line("problem", "too_many_works")
    assert "«8 777 12»" in line("problem", "phone_invalid") or "“8 777 12”" in line(
        "problem", "phone_invalid")
    full_date = line("reason", "too_old", "1989-02-11 (37)")
    assert {"kk": "11.02.1989", "ru": "11.02.1989", "en": "11 February 1989"}[language] in full_date


def test_russian_counts_agree_with_their_numbers() -> None:
    explain = module("ru")
    assert "4 991 подписчик," in str(explain.cause("few_subscribers", "4991 < 5000"))
    assert "4 992 подписчика," in str(explain.cause("few_subscribers", "4992 < 5000"))
    assert "4 999 подписчиков," in str(explain.cause("few_subscribers", "4999 < 5000"))
    assert "4 911 подписчиков," in str(explain.cause("few_subscribers", "4911 < 5000"))
    assert "в заявке 4 работы," in str(explain.cause("too_many_works", "4 > 3"))
    assert "в заявке 5 работ," in str(explain.cause("too_many_works", "5 > 3"))
    assert "исполнится 18 лет" in str(explain.cause("too_young", "2009 (16–17)", {"min_age": 18}))
    assert "исполнится 21 год " in str(explain.cause("too_young", "2009", {"min_age": 21}))
    assert "больше 31 года" in str(explain.cause("too_old", "1989", {"max_age": 31}))
    assert "от 18 до 35 лет" in str(explain.reason("too_old", "1989",
                                                    {"min_age": 18, "max_age": 35}))
    english = module("en")
    assert "has 1 subscriber," in str(english.cause("few_subscribers", "1 < 5000"))


# ------------------------------------------------------------------ exact sentences

def test_kazakh_subjects() -> None:
    subjects = {status: render("application", "kk", **context("kk", status)).subject
                for status in STATUSES}
    assert subjects == {
        "accepted": "«Шаңырақ» креативті хабы: № A-0012 өтініміңіз қабылданды",
        "needs_fix": "«Шаңырақ» креативті хабы: № A-0012 өтініміңізді толықтыру қажет",
        "rejected": "«Шаңырақ» креативті хабы: № A-0012 өтініміңізді қабылдай алмаймыз",
        "review": "«Шаңырақ» креативті хабы: № A-0012 өтініміңіз тексерілуде",
    }


def test_russian_and_english_subjects() -> None:
    assert render("application", "ru", **context("ru", "needs_fix")).subject == (
        "Креативный хаб «Шаңырақ»: заявку № A-0012 нужно дополнить")
    assert render("application", "en", **context("en", "accepted")).subject == (
        "Shanyraq creative hub: application A-0012 accepted")


def test_accepted_sentences() -> None:
    kk = render("application", "kk", **context("kk", "accepted")).body
    assert "Өтініміңіз қабылданды. Тіркеу нөміріңіз: A-0012." in kk
    assert "Қорытынды шығару күні: 23 сәуір 2026." in kk
    ru = render("application", "ru", **context("ru", "accepted", results="23 апреля 2026")).body
    assert "Ваша заявка принята. Её номер: A-0012." in ru
    assert "Итоги подведём 23 апреля 2026." in ru
    en = render("application", "en", **context("en", "accepted", results="")).body
    assert "Your application is accepted. Its number is A-0012." in en
    assert "announced on" not in en


def test_needs_fix_sentences() -> None:
    kk = render("application", "kk", **context("kk", "needs_fix")).body
    assert ("  1. Аккаунтыңыздағы жазылушылар саны көрсетілмеген. Ең көп жазылушысы бар "
            "аккаунтыңыздың сілтемесін және ондағы жазылушылар санын жазыңыз, мысалы: "
            "«https://www.instagram.com/aliya.kz — 12 500 жазылушы». Ереже бойынша аккаунтта "
            "кемінде 5 000 жазылушы болуы керек.") in kk
    assert ("  2. «8 777 12» телефон нөмірі толық емес немесе қате жазылған сияқты. Телефон "
            "нөміріңізді толық жазыңыз, мысалы: +7 701 234 56 78.") in kk
    assert "Өтінім қабылдаудың соңғы мерзімі: 13 сәуір 2026, 23:59 (Астана уақыты)." in kk
    ru = render("application", "ru", **context("ru", "needs_fix")).body
    assert "Приём заявок заканчивается 13 апреля 2026, 23:59 (по времени Астаны)." in ru
    en = render("application", "en", **context("en", "needs_fix")).body
    assert "Intake closes: 13 April 2026, 23:59 (Astana time)." in en


def test_rejected_sentences_and_no_invitation_to_fix_the_unfixable() -> None:
    kk = render("application", "kk", **context("kk", "rejected")).body
    assert "Өкінішке қарай, № A-0012 өтініміңізді қабылдай алмаймыз. Себебі:" in kk
    assert ("  Өтінім қабылдау аяқталатын күні сіздің жасыңыз 35 жастан асады (туған жылыңыз: "
            "1989). Ереже бойынша байқауға 18–35 жас аралығындағы жастар қатыса алады.") in kk
    # A reading can be wrong, so an age rejection says how to correct a misreading...
    assert "қате оқыған болсақ" in kk
    # ...but arriving late is a fact: nothing in that letter asks the entrant to write back.
    late = {"reasons": [finding("late")]}
    for language, reply in (("kk", "жауап"), ("ru", "ответ"), ("en", "reply")):
        body = render("application", language, **context(language, "rejected", **late)).body
        assert reply not in body.lower(), body
    en = render("application", "en", **context("en", "rejected", **late)).body
    assert ("  Your email arrived after intake closed. Your email arrived: 14 April 2026, 00:03. "
            "Intake closed: 13 April 2026, 23:59 (Astana time). Under the rules, work that "
            "arrives after the deadline is not accepted.") in en
    several = render("application", "ru", **context(
        "ru", "rejected", reasons=[finding("too_young"), finding("outside_region")])).body
    assert "Причины:" in several
    assert "  1. На день окончания приёма заявок вам ещё не исполнится 18 лет" in several
    assert "  2. «Астана» находится за пределами региона, где проходит конкурс." in several


def test_review_sentences() -> None:
    kk = render("application", "kk", **context("kk", "review")).body
    assert "тек бір мәселені ұйымдастырушы өзі тексеруі керек:" in kk
    assert ("  1. Сіз туған жылыңызды ғана көрсеттіңіз (1990), ал жасыңыздың 18–35 жас "
            "аралығына сай келуі туған күніңізге байланысты. Мұны ұйымдастырушы тексеріп, "
            "сізге хабарлайды. Тексеруді тездету үшін туған күніңізді толық жазып жіберіңіз "
            "(күні, айы, жылы).") in kk
    en = render("application", "en", **context(
        "en", "review", reviews=[finding("region_unclear"), finding("duplicate_application")]))
    assert "a few things need an organizer's check:" in en.body
    assert "An organizer will check which region it belongs to and write to you." in en.body


def test_amendment_sentences() -> None:
    kk = render("application", "kk", **context("kk", "accepted", amendment=True)).body
    assert ("Толықтыруыңызды алдық, рақмет! Оны № A-0012 өтініміңізге қосып, өтінімді қайта "
            "тексердік.") in kk
    ru = render("application", "ru", **context("ru", "needs_fix", amendment=True)).body
    assert "Мы добавили его к заявке № A-0012 и проверили заявку заново." in ru


# ------------------------------------------------------------------ the other letters

@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("status", STATUSES)
def test_after_close(language: str, status: str) -> None:
    closes = format_moment(CLOSES_AT, language, ZONE, with_zone=True)
    text = render("after_close", language, contest=CONTEST[language], number="A-0012",
                  name="Ерасыл Жұмабайұлы", status=status, closes=closes)
    assert_clean(text)
    assert "A-0012" in text.subject and "A-0012" in text.body
    assert closes in text.body
    assert "Ерасыл Жұмабайұлы" in text.body


def test_after_close_sentences() -> None:
    kk = render("after_close", "kk", contest=CONTEST["kk"], number="A-0012", name="",
                status="accepted", closes="13 сәуір 2026, 23:59 (Астана уақыты)")
    assert kk.subject == (
        "«Шаңырақ» креативті хабы: № A-0012 өтінімге енді өзгеріс енгізу мүмкін емес")
    assert ("№ A-0012 өтініміңіз бұрынғы күйінде қалады және қабылданған болып "
            "есептеледі.") in kk.body


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("decision", ["accepted", "rejected"])
@pytest.mark.parametrize("note", ["", "Туған күніңізді құжатпен тексердік: 02.03.1990.\n"
                                      "Өкінішке қарай, сіз 36 жастасыз."])
def test_decision(language: str, decision: str, note: str) -> None:
    text = render("decision", language, contest=CONTEST[language], number="A-0012",
                  name="Айгүл Сәрсенбайқызы", decision=decision, note=note)
    assert_clean(text)
    assert "A-0012" in text.subject
    if note:
        assert "  Туған күніңізді құжатпен тексердік: 02.03.1990." in text.body
        assert "  Өкінішке қарай, сіз 36 жастасыз." in text.body


def test_decision_subjects() -> None:
    subjects = [render("decision", "kk", contest=CONTEST["kk"], number="A-0012", name="",
                       decision=decision, note="").subject for decision in ("accepted", "rejected")]
    assert subjects == ["«Шаңырақ» креативті хабы: № A-0012 өтініміңіз қабылданды",
                        "«Шаңырақ» креативті хабы: № A-0012 өтініміңіз қабылданбады"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("status", ["review", "needs_fix"])
def test_organizer_review(language: str, status: str) -> None:
    reviews = [finding("age_unclear"), finding("region_unclear"), finding("duplicate_application")]
    text = render("organizer_review", language, contest=CONTEST[language], number="A-0012",
                  name="Сейтқали Әлия Нұрланқызы", email="aliya.kokshe@mail.ru",
                  reviews=reviews, status=status)
    assert_clean(text)
    assert "A-0012" in text.subject
    for command in ("  baiqau application show A-0012", "  baiqau application accept A-0012",
                    '  baiqau application reject A-0012 --reason "..."'):
        assert command in text.body.splitlines()
    assert "aliya.kokshe@mail.ru" in text.body and "Сейтқали Әлия Нұрланқызы" in text.body
    for item in reviews:
        assert f"{item['detail']} [{item['code']}]" in text.body
    nameless = render("organizer_review", language, contest=CONTEST[language], number="A-0012",
                      name="", email="x@mail.ru", reviews=[], status=status)
    assert_clean(nameless)


def test_organizer_review_kazakh() -> None:
    text = render("organizer_review", "kk", contest=CONTEST["kk"], number="A-0012",
                  name="Сейтқали Әлия", email="aliya@mail.ru",
                  reviews=[finding("age_unclear")], status="review")
    assert text.subject == "baiqau: № A-0012 өтінімді тексеру қажет"
    assert "  - жасы туған күніне байланысты: 1990 (35–36) [age_unclear]" in text.body
    assert "  Күйі:      ұйымдастырушының тексеруінде" in text.body


# ------------------------------------------------------------------ rejected.txt, kept working

@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("code", [*CODES, "no_such_code"])
def test_rejected_still_renders_every_code(language: str, code: str) -> None:
    detail = DETAILS.get(code, "x")
    text = render("rejected", language, contest=CONTEST[language], code=code, detail=detail)
    assert_clean(text)
    reason_line = next(line for line in text.body.splitlines()
                       if line.startswith(("Себебі: ", "Причина: ", "Reason: ")))
    assert reason_line.endswith(".")
    if code == "no_such_code":
        assert "no_such_code" in reason_line


def test_rejected_keeps_its_old_wording() -> None:
    ru = render("rejected", "ru", contest=CONTEST["ru"], code="attachment_too_large",
                detail="31 MB")
    assert ("Причина: приложенный файл слишком большой (31 MB). Загрузите большое видео на "
            "Google Диск, Яндекс Диск или Облако Mail.ru и пришлите ссылку.") in ru.body
    kk = render("rejected", "kk", contest=CONTEST["kk"], code="attachment_too_large",
                detail="31457280 bytes")
    assert "Себебі: тіркелген файл тым үлкен (30 МБ)." in kk.body
    en = render("rejected", "en", contest=CONTEST["en"], code="unreadable_message", detail="")
    assert "Reason: the email could not be read." in en.body


# ------------------------------------------------------------------ the macros themselves

@pytest.mark.parametrize("language", LANGUAGES)
def test_macros_agree_with_humanize(language: str) -> None:
    explain = module(language)
    for kind in ("video", "photo", "multimedia", "unsupported"):
        assert str(explain.kind(kind)) == work_kind_name(kind, language)
    for number in (0, 35, 4999, 5000, 12500, 1234567):
        assert str(explain.num(number)) == format_count(number, language)


@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize("name", ["application", "reasons", "reason", "after_close", "decision",
                                  "organizer_review"])
def test_no_word_mixes_latin_and_cyrillic(language: str, name: str) -> None:
    # A Latin "a" or "o" typed inside a Cyrillic word looks right and reads wrong.
    source = (TEMPLATES / language / f"{name}.txt").read_text(encoding="utf-8")
    text = re.sub(r"\{[{%#].*?[}%#]\}", " ", source, flags=re.S)
    for word in re.findall(r"[^\W\d_]+", text):
        latin = any("a" <= ch.lower() <= "z" for ch in word)
        cyrillic = any("\u0400" <= ch <= "\u04ff" for ch in word)
        assert not (latin and cyrillic), f"{language}/{name}.txt: {word!r}"


@pytest.mark.parametrize("name", ["application", "after_close", "decision", "organizer_review"])
def test_kazakh_letters_survive(name: str) -> None:
    values: dict[str, Any] = {
        "application": context("kk", "review"),
        "after_close": {"contest": CONTEST["kk"], "number": "A-0012", "name": "Әлия",
                        "status": "review", "closes": "13 сәуір 2026, 23:59"},
        "decision": {"contest": CONTEST["kk"], "number": "A-0012", "name": "Әлия",
                     "decision": "accepted", "note": ""},
        "organizer_review": {"contest": CONTEST["kk"], "number": "A-0012", "name": "Әлия",
                             "email": "a@mail.ru", "reviews": [finding("region_unclear")],
                             "status": "review"},
    }[name]
    text = render(name, "kk", **values)
    assert "Шаңырақ" in text.subject + text.body
    assert "ә" in text.body and "Ә" in text.body
    own = set(text.body) & set(KAZAKH_LETTERS)
    assert len(own) >= 5, own
