"""Reading whom a ballot votes for: `3`, `№3`, `ГОЛОС 3`, `ДАУЫС 3`, `VOTE 3`, or a
participant's name, in the voter's own lines (quotes and the ballot's copy are left out
by `jury.quoting` before this is asked).

A name counts in whatever grammatical case the voter writes it: «голосую за Тюлемисову
Динару», «Балаусаға дауыс беремін». Two neighbouring words must each begin like the
participant's surname and given name (in either order), up to the ending: Russian endings
replace the last letters of a name, Kazakh ones are added after it.

A vote names exactly one participant; a reply that names two, or none that is on the
ballot, is unreadable and counts nothing (the voter is asked again).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from hub.models import Participant

_WORD = r"(?:голос\w*|дауыс\w*|vote[sd]?|голосую|за)"
_PREFIXED = re.compile(rf"(?<!\w){_WORD}\s*[:\-–—]?\s*(?:№|#|n\.?|no\.?)?\s*(\d{{1,4}})(?!\d)",
                       re.IGNORECASE)
_BARE = re.compile(r"^\s*(?:№|#|n\.?|no\.?)?\s*(\d{1,4})\s*[.)!]?\s*$", re.IGNORECASE)
_TOKEN = re.compile(r"\[?\bV\s?[-‐‑–—]?\s?[0-9A-Z]{6}\]?")
_REPLY_PREFIX = re.compile(r"^(?:\s*(?:re|fwd?|ответ|жауап)\s*(?:\[\d+\])?\s*:)+", re.IGNORECASE)
# A declined name keeps all but its last two letters (Тюлемисова -> Тюлемисовой) and
# at least this many, and grows by at most MAX_SUFFIX (Мұхамеджанова -> Мұхамеджановаға).
MIN_STEM = 4
REPLACED_ENDING = 2
MAX_SUFFIX = 4


def fold(text: str) -> str:
    text = text.casefold().replace("ё", "е")
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def read_choice(own_text: str, subject: str, participants: Sequence[Participant]) -> int | None:
    """The number of the one participant the ballot names, or None."""
    numbers: set[int] = set()
    lines = [line for line in own_text.splitlines() if line.strip()]
    cleaned_subject = _TOKEN.sub(" ", _REPLY_PREFIX.sub("", subject)).strip()
    for line in [*lines, cleaned_subject]:
        numbers.update(int(found) for found in _PREFIXED.findall(line))
        bare = _BARE.match(line)
        if bare:
            numbers.add(int(bare.group(1)))
    folded = [fold(line) for line in lines]
    for participant in participants:
        name = fold(participant.name)
        short = " ".join(name.split()[:2])
        for line in folded:
            if name and (name in line or (len(short.split()) == 2 and short in line)
                         or _declined_in(short.split(), line.split())):
                numbers.add(participant.number)
    known = {participant.number for participant in participants}
    if len(numbers) != 1 or not numbers <= known:
        return None
    return numbers.pop()


def _declined_in(name: list[str], words: list[str]) -> bool:
    """Whether two neighbouring `words` are the name's first two words, in either order,
    in any case ending."""
    if len(name) != 2:
        return False
    first, second = name
    return any((_declined(one, first) and _declined(two, second))
               or (_declined(one, second) and _declined(two, first))
               for one, two in pairwise(words))


def _declined(word: str, name_word: str) -> bool:
    """`word` is `name_word` with a case ending: Динару, Динарой for Динара; Балаусаға."""
    if word == name_word:
        return True
    shared = next((index for index, (one, two) in enumerate(zip(word, name_word, strict=False))
                   if one != two), min(len(word), len(name_word)))
    return (shared >= max(MIN_STEM, len(name_word) - REPLACED_ENDING)
            and len(word) <= len(name_word) + MAX_SUFFIX)
