"""Jurors' words folded for matching: case, Kazakh letters typed on a Russian keyboard, and
Latin look-alikes inside Cyrillic words.

A juror on a phone without a Kazakh layout writes "шыгармашылык" for "шығармашылық", "карсы"
for "қарсы"; one with a Latin "i" or "a" in a Cyrillic word writes "тaқырып". `fold` writes
all of these one way. The copy is exactly as long as the original, so a match found in it
cuts the original at the same place and the juror's own spelling is what gets quoted.

jury keeps its own small copy of the rules of `intake.folding` because the domain packages
do not import each other; the two should move to `hub` together.
"""

from __future__ import annotations

import re

_FOLDED = str.maketrans({
    "ё": "е", "ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у",
    "һ": "х", "і": "и", "\u00a0": " ", "\u2007": " ", "\u202f": " ",
})
# Latin letters that stand in for Cyrillic ones inside a Cyrillic word.
_LATIN_LOOKALIKES = str.maketrans("aceopxykmthbi", "асеорхукмтнви")
_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[а-я]")
_LATIN = re.compile(r"[a-z]")
# Words shorter than this are not read as (a part of) a criterion's name: "и", "on", "to".
MIN_WORD = 3


def fold(text: str) -> str:
    """A lower-case copy of `text` for matching, exactly as long (one char for one char)."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter that lowers to two (İ): one by one
        lowered = "".join(_lower_one(char) for char in text)
    return _WORD.sub(_unmix, lowered.translate(_FOLDED))


def words(text: str) -> list[str]:
    """The folded words of `text` (runs of letters), in order."""
    return _WORD.findall(fold(text))


def _lower_one(char: str) -> str:
    low = char.lower()
    # A few letters lower to two characters (İ): keeping the original keeps the length.
    return low if len(low) == 1 else char


def _unmix(match: re.Match[str]) -> str:
    word = match.group()
    if _CYRILLIC.search(word) and _LATIN.search(word):
        return word.translate(_LATIN_LOOKALIKES)
    return word
