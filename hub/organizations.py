"""One organization however it is written: a key that two spellings of the same body share.

The press-secretary contest allows one participant per organization, and people write
their employer every way there is: in Russian or in Kazakh («Аппарат акима Алматинской
области», «Алматы облысы әкімінің аппараты»), with the legal form in front, behind, cut
short or spelled out (ГУ, КГУ, мемлекеттік мекемесі), in any quotes, case and spacing,
on a Russian keyboard without Kazakh letters. `organization_key` turns a name into the
sorted set of what it says, so the order of the words (Kazakh puts the genitive first)
does not matter:

1. fold the letters (`hub.folding`: case, ё/е, Kazakh letters typed as Russian ones),
   write Latin words in Cyrillic («AMANAT» is «АМАНАТ»);
2. drop legal forms: abbreviations (ТОО, ЖШС, ГККП, ... a two-letter one only in capitals,
   so «Ақ жол» keeps its «Ақ») and their expansions («государственное учреждение»);
3. cut each word to a stem: Kazakh genitive, possessive and plural endings, Russian case
   endings, the -ск- of a place adjective («Енбекшиказахского» is «Еңбекшіқазақ»), and
   «р-на» spelled out;
4. put the words of a small curated table (`hub.organization_words`: аппарат/аппараты,
   аким/әкім, область/облысы, the oblasts, ...) into one concept each, and drop words
   that carry nothing (при, по, бойынша, Республики Казахстан).

The key is meant for one question, "could these two be the same body?", and a yes only
sends an application to a person (the `same_organization` review): a miss costs a second
participant from one body, a false match costs an organizer a look. So the stemming is
rough, and two different bodies must differ in some word the table does not fold away.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from hub.folding import fold
from hub.organization_words import CONCEPTS, LEGAL_ABBREVIATIONS, LEGAL_PHRASES, NOISE

# A word is a run of letters or digits; everything else (quotes of every kind, dots, commas,
# dashes, №) only separates.
_TOKEN = re.compile(r"[^\W_]+")
_LATIN = re.compile(r"[a-z]+")
# Abbreviations with a hyphen or dots inside, spelled out before the name is split into words.
_SHORT_FORMS = (
    (re.compile(r"(?<![^\W\d_])р-(?:на|не|ну|н)(?![^\W\d_])", re.IGNORECASE), "района"),
    (re.compile(r"(?<![^\W\d_])с\.\s?о\.", re.IGNORECASE), "сельский округ "),
)

_LATIN_PAIRS = (("sh", "ш"), ("ch", "ч"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"),
                ("ya", "я"), ("yu", "ю"))
_LATIN_LETTERS = str.maketrans(dict(zip("abcdefghijklmnopqrstuvwxyz",
                                         ("а", "б", "к", "д", "е", "ф", "г", "х", "и", "дж",
                                          "к", "л", "м", "н", "о", "п", "к", "р", "с", "т",
                                          "у", "в", "в", "кс", "й", "з"), strict=True)))
# Russian does not write a Kazakh қ as х everywhere («Енбекшиказахский», «Балхашский»):
# inside a key the two are one letter.
_LAST_FOLD = str.maketrans("х", "к")

_GENITIVE = ("нын", "нин", "дын", "дин", "тын", "тин")
_POSSESSIVE = ("сы", "си", "ы", "и")
_PLURAL = ("лар", "лер", "дар", "дер", "тар", "тер")
_CASE_RU = tuple(sorted((
    "ого", "его", "ому", "ему", "ыми", "ими", "ами", "ями", "ой", "ей", "ий", "ый", "ая",
    "яя", "ое", "ее", "ые", "ие", "ых", "их", "ым", "им", "ом", "ем", "ам", "ям", "ах", "ях",
    "ов", "ев", "ию", "ия", "ь", "ы", "и", "а", "я", "е", "у", "ю", "о",
), key=len, reverse=True))
_MIN_STEM = 3


def organization_key(name: str) -> str:
    """The key two spellings of one organization share; '' when nothing is left to compare."""
    return " ".join(sorted(set(_concepts(_without_legal_forms(_words(name))))))


def same_organization(one: str, other: str) -> bool:
    """Whether two names may be the same body (an empty key matches nothing)."""
    key = organization_key(one)
    return bool(key) and key == organization_key(other)


def _words(name: str) -> list[str]:
    """The name's words, folded and stemmed, legal-form abbreviations dropped."""
    original = unicodedata.normalize("NFC", name)
    for pattern, replacement in _SHORT_FORMS:
        original = pattern.sub(replacement, original)
    folded = fold(original)  # as long as `original`, letter for letter
    words: list[str] = []
    for match in _TOKEN.finditer(folded):
        word, written = match.group(), original[match.start():match.end()]
        if not _is_legal_abbreviation(word, written):
            words.append(stem(_cyrillic(word)))
    return words


def _is_legal_abbreviation(word: str, written: str) -> bool:
    if word not in LEGAL_ABBREVIATIONS:
        return False
    # A two-letter one only in capitals: «АҚ» is a legal form, «Ақ жол» a party.
    return len(word) > 2 or written.isupper()


def _cyrillic(word: str) -> str:
    if not _LATIN.fullmatch(word):
        return word
    for pair, letter in _LATIN_PAIRS:
        word = word.replace(pair, letter)
    return word.translate(_LATIN_LETTERS)


def stem(word: str) -> str:
    """A word without its Kazakh and Russian endings (one of each kind, in that order)."""
    word = word.translate(_LAST_FOLD)
    # Kazakh adjectives (облыстық, аудандық) are not cut: «әкімдік» (akimat) would become
    # «әкім» (akim). The table lists the ones that matter.
    for endings in (_GENITIVE, _POSSESSIVE, _PLURAL, _CASE_RU):
        word = _strip(word, endings)
    # A place adjective: «Жамбылск(ий)» is «Жамбыл».
    if word.endswith("ск") and len(word) - 2 >= _MIN_STEM + 1:
        word = word[:-2]
    return word


def _strip(word: str, endings: Iterable[str]) -> str:
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            return word[: -len(ending)]
    return word


def _stems(phrase: str) -> tuple[str, ...]:
    return tuple(stem(_cyrillic(word)) for word in _TOKEN.findall(fold(phrase)))


@cache
def _phrases() -> tuple[tuple[str, ...], ...]:
    found = {_stems(phrase) for phrase in LEGAL_PHRASES}
    return tuple(sorted(found, key=len, reverse=True))


def _without_legal_forms(words: list[str]) -> list[str]:
    """The words with every spelled-out legal form ("государственное учреждение") taken out."""
    phrases = _phrases()
    kept: list[str] = []
    index = 0
    while index < len(words):
        for phrase in phrases:
            if tuple(words[index:index + len(phrase)]) == phrase:
                index += len(phrase)
                break
        else:
            kept.append(words[index])
            index += 1
    return kept


def concept_stems() -> dict[str, set[str]]:
    """Each stem of a table word, with the concepts it stands for (one, if the table is right)."""
    found: dict[str, set[str]] = {}
    for concept, words in CONCEPTS.items():
        for word in words:
            for part in _stems(word):
                found.setdefault(part, set()).add(concept)
    return found


@cache
def _concept_of() -> dict[str, str]:
    # A stem two concepts shared would join them; tests/intake/test_organizations.py checks
    # that none does, and here such a stem is simply left as it is.
    return {part: min(concepts) for part, concepts in concept_stems().items()
            if len(concepts) == 1}


@cache
def _noise() -> frozenset[str]:
    return frozenset(part for word in NOISE for part in _stems(word))


def _concepts(words: list[str]) -> list[str]:
    concept_of, noise = _concept_of(), _noise()
    return [concept_of.get(word, word) for word in words if word not in noise]
