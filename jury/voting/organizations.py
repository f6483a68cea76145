"""Is a voter the press office of a participant's own organization? (seed 000: registered
press offices may not vote.)

Two tests, each giving a reason an organizer can read: the voter's address is at the
domain a participant applied from (not a public mail service), or the outlet the voter
stated is the participant's organization. Names are compared by `hub.organizations`, the
key intake's one-participant-per-organization rule uses: case, quotes, legal forms, and
the Kazakh and Russian spellings of one body («Алматы облысының кәсіпкерлер палатасы» is
«Палата предпринимателей Алматинской области»). An outlet that is part of an
organization's name also counts («Казинформ» and «МИА «Казинформ»»), if that part has a
word of its own, not only words of the table (a region, «аппарат», «аким»): «Алматинская
область» names no one body. The organizers see the refusal's reason and can `--force`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hub.organization_words import CONCEPTS
from hub.organizations import organization_key

# Mail services anyone can have an address at: a shared domain says nothing.
PUBLIC_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "mail.ru", "inbox.ru", "list.ru", "bk.ru", "internet.ru",
    "yandex.ru", "yandex.kz", "yandex.com", "ya.ru", "rambler.ru", "outlook.com",
    "hotmail.com", "live.com", "icloud.com", "me.com", "yahoo.com", "proton.me",
    "protonmail.com", "mail.kz",
})
# A part of a name shorter than this (its key's letters) is too common to name one body.
_MIN_PART = 8


@dataclass(frozen=True)
class Member:
    """A participant as this check sees them."""

    number: int
    name: str
    organization: str
    email: str


def domain_of(address: str) -> str:
    return address.rpartition("@")[2].lower()


def conflicts(email: str, outlet: str, members: Sequence[Member]) -> list[str]:
    """Why this voter is a participant's own press office (empty: they are not)."""
    reasons = []
    domain = domain_of(email)
    outlet_key = organization_key(outlet)
    for member in members:
        if domain and domain not in PUBLIC_DOMAINS and domain == domain_of(member.email):
            reasons.append(f"the address is at {domain}, the domain participant "
                           f"№{member.number} ({member.name}) applied from")
        if same_body(outlet_key, organization_key(member.organization)):
            reasons.append(f"the outlet «{outlet}» is the organization of participant "
                           f"№{member.number} ({member.name}): «{member.organization}»")
    return reasons


def same_body(one: str, other: str) -> bool:
    """Whether two organization keys name one body: the same key, or one is a part of the
    other that has a word of its own and is long enough to name one body."""
    if not one or not other:
        return False
    if one == other:
        return True
    part, whole = sorted((set(one.split()), set(other.split())), key=len)
    return (part < whole and any(word not in CONCEPTS for word in part)
            and len(" ".join(sorted(part))) >= _MIN_PART)
