"""Reading a voter's registration email: the keyword, and the lines "Label: value".

Seed 000, rule 4: a journalist gives full name, mobile phone, email and media outlet; a
blogger gives the account (and its followers) in place of the outlet. People write the
labels in Kazakh, Russian or English, with or without a colon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

KEYWORDS = ("РЕГИСТРАЦИЯ", "ТІРКЕЛУ", "REGISTER")
# A Latin I typed for the Kazakh І ("ТIРКЕЛУ") is the same word.
_KEYWORD = re.compile(r"^\W*(?:re|fwd?|ответ|жауап)?\s*:?\s*(РЕГИСТРАЦИЯ|Т[ІI]РКЕЛУ|REGISTER)\b",
                      re.IGNORECASE)
LABELS: dict[str, tuple[str, ...]] = {
    "name": ("фио", "ф.и.о.", "ф.и.о", "фамилия имя отчество", "фамилия, имя, отчество",
             "аты-жөні", "аты жөні", "толық аты-жөні", "тегі, аты, әкесінің аты", "full name",
             "name", "имя"),
    "phone": ("мобильный телефон", "моб. телефон", "телефон", "ұялы телефон", "ұялы телефоны",
              "телефон нөмірі", "номер телефона", "mobile phone", "mobile", "phone"),
    "email": ("email", "e-mail", "эл. почта", "электронная почта", "почта",
              "электрондық пошта", "эл. пошта", "пошта"),
    "outlet": ("наименование сми", "название сми", "сми", "издание", "бақ атауы", "бақ",
               "media outlet", "outlet", "media"),
    "account": ("аккаунт", "блог", "аккаунт блогера", "account", "blog", "блогер"),
    "followers": ("количество подписчиков", "подписчики", "подписчиков", "жазылушылар саны",
                  "жазылушылар", "followers", "subscribers"),
}
_LABEL_INDEX = sorted(((label, key) for key, labels in LABELS.items() for label in labels),
                      key=lambda pair: -len(pair[0]))
PLATFORMS = {"instagram": ("instagram", "insta", "инстаграм"),
             "facebook": ("facebook", "fb.com", "фейсбук"),
             "youtube": ("youtube", "youtu.be", "ютуб"),
             "tiktok": ("tiktok", "тикток")}
_MULTIPLIERS = {"k": 1000, "к": 1000, "тыс": 1000, "мың": 1000, "m": 1_000_000,
                "млн": 1_000_000}
_FOLLOWERS = re.compile(r"(\d[\d\s., ]*)\s*(k|к|тыс|мың|m|млн)?\.?", re.IGNORECASE)


@dataclass
class Registration:
    name: str = ""
    phone: str = ""
    email: str = ""
    outlet: str = ""
    account: str = ""
    platform: str = ""
    followers: int | None = None
    problems: list[str] = field(default_factory=list)  # codes: name_missing, phone_invalid ...


def keyword_of(subject: str, own_text: str) -> str | None:
    """The keyword the registration starts with (its subject or first line), upper-case."""
    first = next((line for line in own_text.splitlines() if line.strip()), "")
    for text in (subject, first):
        found = _KEYWORD.match(text.strip())
        if found:
            return found.group(1).upper().replace("I", "І") if found.group(1).upper() != \
                "REGISTER" else "REGISTER"
    return None


def is_registration(subject: str, own_text: str) -> bool:
    return keyword_of(subject, own_text) is not None


# The keyword says the language to answer in: labels alone ("ФИО", "Телефон") do not.
KEYWORD_LANGUAGES = {"РЕГИСТРАЦИЯ": "ru", "ТІРКЕЛУ": "kk", "REGISTER": "en"}


def read_registration(own_text: str) -> Registration:
    found = Registration()
    for line in own_text.splitlines():
        key, value = _labelled(line)
        if key is None or not value:
            continue
        if key == "followers":
            found.followers = read_followers(value)
        elif not getattr(found, key):
            setattr(found, key, value)
    if found.phone:
        normal = normal_phone(found.phone)
        if normal is None:
            found.problems.append("phone_invalid")
        else:
            found.phone = normal
    if found.account:
        found.platform = platform_of(found.account) or platform_of(found.outlet)
    if not found.name:
        found.problems.append("name_missing")
    if not found.phone:
        found.problems.append("phone_missing")
    if not found.outlet and not found.account:
        found.problems.append("outlet_missing")
    if found.account and found.followers is None:
        found.problems.append("followers_missing")
    return found


def _labelled(line: str) -> tuple[str | None, str]:
    text = line.strip().lstrip("-•*").strip()
    folded = text.casefold()
    for label, key in _LABEL_INDEX:
        if folded.startswith(label):
            rest = text[len(label):]
            if rest and rest[0].isalnum() and not rest[0].isdigit():
                continue  # "Почтальон" is not "почта"
            return key, rest.lstrip(" :—-–\t").strip()
    return None, ""


def read_followers(text: str) -> int | None:
    match = _FOLLOWERS.search(text)
    if match is None:
        return None
    digits = match.group(1).strip().replace(" ", "").replace(" ", "")
    multiplier = _MULTIPLIERS.get((match.group(2) or "").casefold(), 1)
    if multiplier > 1:
        try:
            return int(float(digits.replace(",", ".")) * multiplier)
        except ValueError:
            return None
    digits = digits.replace(",", "").replace(".", "")
    return int(digits) if digits.isdigit() else None


def platform_of(text: str) -> str:
    folded = text.casefold()
    for platform, words in PLATFORMS.items():
        if any(word in folded for word in words):
            return platform
    return ""


def normal_phone(text: str) -> str | None:
    """A Kazakhstan mobile number as +7 7XX XXX XX XX, or None when it is not one."""
    digits = re.sub(r"\D", "", text)
    if len(digits) == 11 and digits[0] in "78":
        digits = digits[1:]
    if len(digits) != 10 or digits[0] != "7":
        return None
    return f"+7 {digits[:3]} {digits[3:6]} {digits[6:8]} {digits[8:]}"
