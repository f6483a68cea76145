"""Is a voter the press office of a participant's own organization? (seed 000: registered
press offices may not vote.)

Two tests, each giving a reason an organizer can read: the voter's address is at the
domain a participant applied from (not a public mail service), or the outlet the voter
stated is the participant's organization once both are folded: case, quotes, legal forms
(«ГУ», «ГККП», «ТОО», «АО», «LLP» ...), and the Kazakh and Russian words for the same kind
of body. Folding the Kazakh and Russian spellings of a whole name is beyond this: the
organizers see the refusal's reason and can `--force`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

# Mail services anyone can have an address at: a shared domain says nothing.
PUBLIC_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "mail.ru", "inbox.ru", "list.ru", "bk.ru", "internet.ru",
    "yandex.ru", "yandex.kz", "yandex.com", "ya.ru", "rambler.ru", "outlook.com",
    "hotmail.com", "live.com", "icloud.com", "me.com", "yahoo.com", "proton.me",
    "protonmail.com", "mail.kz",
})
LEGAL_FORMS = frozenset({
    "гу", "ргу", "кгу", "гккп", "ргкп", "ркп", "гкп", "тоо", "жшс", "ао", "ақ", "ип", "оо",
    "ооо", "зао", "пао", "кеақ", "нао", "коммунальное", "государственное", "учреждение",
    "мемлекеттік", "мекемесі", "мекеме", "llp", "jsc", "llc", "ltd", "inc",
})
_QUOTES = re.compile(r"[«»\"'“”„‘’`]")
_NON_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class Member:
    """A participant as this check sees them."""

    number: int
    name: str
    organization: str
    email: str


def fold(name: str) -> str:
    """An organization's name without case, quotes, punctuation and legal forms."""
    text = _QUOTES.sub(" ", name.casefold()).replace("ё", "е")
    words = [word for word in _NON_WORD.sub(" ", text).split() if word not in LEGAL_FORMS]
    return " ".join(words)


def domain_of(address: str) -> str:
    return address.rpartition("@")[2].lower()


def conflicts(email: str, outlet: str, members: Sequence[Member]) -> list[str]:
    """Why this voter is a participant's own press office (empty: they are not)."""
    reasons = []
    domain = domain_of(email)
    folded = fold(outlet)
    for member in members:
        if domain and domain not in PUBLIC_DOMAINS and domain == domain_of(member.email):
            reasons.append(f"the address is at {domain}, the domain participant "
                           f"№{member.number} ({member.name}) applied from")
        organization = fold(member.organization)
        if folded and organization and (folded == organization or
                                        (len(folded) >= 8 and folded in organization) or
                                        (len(organization) >= 8 and organization in folded)):
            reasons.append(f"the outlet «{outlet}» is the organization of participant "
                           f"№{member.number} ({member.name}): «{member.organization}»")
    return reasons
