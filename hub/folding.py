"""Text folded for matching, so a word matches however it was typed.

Entrants and jurors write Kazakh on a Russian keyboard that has no Kazakh letters (а for ә,
к for қ, и for і: "шыгармашылык" for "шығармашылық"), е for ё, a Latin "i" or "a" inside a
Cyrillic word ("Туған жерi", "тaқырып"), bold stars and odd spaces. `fold` writes all of
these one way, in lower case, for the labels of a form (`intake.form.labels`), the names of
people, places and organizations (`hub.organizations`) and the words of a juror's reply
(`jury.criterionwords`, `jury.sheetread`). It lives in `hub` because intake and jury may
not import each other and must fold alike. The folded copy is exactly as long as the
original, character for character, so a match found in it cuts the original at the same
place and the value keeps its real spelling (every ә, ғ, қ, ң, ө, ұ, ү, һ, і).
"""
from __future__ import annotations

import re

# Kazakh letters and their look-alikes on a Russian keyboard; ё and е; э typed for ә.
_FOLDED_CHARS: dict[str, str] = {
    "ё": "е",
    "ә": "а",
    "э": "а",
    "ғ": "г",
    "қ": "к",
    "ң": "н",
    "ө": "о",
    "ұ": "у",
    "ү": "у",
    "һ": "х",
    "і": "и",
    "\u00a0": " ",
    "\u2007": " ",
    "\u2009": " ",
    "\u200a": " ",
    "\u200b": " ",
    "\u202f": " ",
    "\ufeff": " ",
    "*": " ",  # markdown bold: **Телефон:** 8 702 ...
}
# Latin letters that stand in for Cyrillic ones inside a Cyrillic word ("Туған жерi").
_LATIN_LOOKALIKES = str.maketrans("aceopxykmthbi", "асеорхукмтнви")
_CYRILLIC = re.compile(r"[а-я]")
_LATIN = re.compile(r"[a-z]")
_WORD = re.compile(r"[^\W\d_]+")
# Some word (a run of letters) has both a Latin and a Cyrillic letter: then, somewhere in
# it, one of each with only letters of neither script between them. Those letters are
# excluded from the gap so each check stops at the next Latin or Cyrillic letter, and a
# long line costs its length, not its length squared.
_MIXED_WORD = re.compile(r"[a-z][^\W\d_a-zа-я]*[а-я]|[а-я][^\W\d_a-zа-я]*[a-z]")
# A quicker test that such a word may be there: a Latin letter with another letter right
# after or before it. Starting with [a-z] lets the engine skip the other characters fast.
_LATIN_BESIDE_LETTER = re.compile(r"[a-z](?:[^\W\d_a-z]|(?<=[^\W\d_a-z][a-z]))")


def fold(text: str) -> str:
    """A lower-case copy for matching, exactly as long as `text` (one char for one char)."""
    # `fold` runs on every line of a mail, more than once, so the common case stays in C.
    # `str.lower` on the whole text equals lowering char by char unless a letter lowers to
    # two characters (İ: the text grows, since no letter lowers to nothing) or a capital
    # sigma is lowered by its context (a word-final Σ becomes ς, a lone one σ).
    lowered = text.lower()
    if len(lowered) != len(text) or "Σ" in text:
        lowered = "".join(_lower_one(char) for char in text)
    # One `str.replace` per folded char rather than `str.translate`: translate looks up every
    # char of a non-ASCII text in the table (and fails for most), a test for a char not in
    # the text is a fast scan. No replacement is itself replaced, so the order is free.
    for char, replacement in _FOLDED_CHARS.items():
        if char in lowered:
            lowered = lowered.replace(char, replacement)
    # Words that mix scripts are rare (a Latin "i" typed in "жерi"): look for one first, and
    # go word by word only through the lines that have one (a word never spans two lines).
    if _LATIN_BESIDE_LETTER.search(lowered) and _MIXED_WORD.search(lowered):
        return "\n".join(
            _WORD.sub(_unmix, line) if _MIXED_WORD.search(line) else line
            for line in lowered.split("\n")
        )
    return lowered


def words(text: str) -> list[str]:
    """The folded words of `text` (runs of letters), in order."""
    return _WORD.findall(fold(text))


def _lower_one(char: str) -> str:
    low = char.lower()
    # A few letters lower to two characters (İ); keeping the original keeps the length.
    return low if len(low) == 1 else char


def _unmix(match: re.Match[str]) -> str:
    word = match.group()
    if _CYRILLIC.search(word) and _LATIN.search(word):
        return word.translate(_LATIN_LOOKALIKES)
    return word
