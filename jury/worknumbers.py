"""Work numbers as jurors write them, written back the contest's way ("A-0012").

Accepted, near the start of a line (after a list bullet and at most three words like
"Работа" or "Жұмыс"):

- the prefix and the digits: "A-0012", "A-12", "A0012", "а-0012" (a Cyrillic а), "A – 12";
  "A 0012" only with a capital prefix, because "а 5" is Russian for "and 5";
- a number sign: "№12", "№ 12", "#12", "N12", "No. 12", "№A-0012";
- a bare number with a colon, first on the line: "12: 8 7 9 6 8". Without the colon a bare
  number is a score ("12 8 7 9 6 8" has six), and "10:00" is a time, not work 10.

The digits make the number, not how many there are: "A-12" and "A-0012" are one work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hub.folding import fold

# Latin capitals and the Cyrillic capitals that look the same, both ways.
_LOOKALIKES = dict(zip("ABCEHKMOPTXY", "АВСЕНКМОРТХУ", strict=True))
_LOOKALIKES |= {cyrillic: latin for latin, cyrillic in _LOOKALIKES.items()}
_DASH = r"[-‐‑‒–—]"
_SIGN = r"(?:№|#|(?<![^\W\d_])N(?:[oº°]\.?)?)"
_BULLET = r"(?:[-•*·–—]\s+|\d{1,2}[.)]\s+)?"
_LEAD = r"(?:[^\W\d_]+[\s:,.]+){0,3}?"
_RECUSAL_WORDS = ("отвод", "карсы", "recuse")
_RECUSAL = re.compile(rf"^\s*{_BULLET}({'|'.join(_RECUSAL_WORDS)})(?![^\W\d_])")


@dataclass(frozen=True)
class NumberMatch:
    number: str  # "A-0012"
    written: str  # as the juror wrote it: "№12"
    start: int
    end: int  # where the rest of the line begins


class NumberForms:
    """The forms of the contest's numbers, for its prefix ("A")."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        any_case = "".join(_letter_class(char, upper_only=False) for char in prefix)
        upper = "".join(_letter_class(char, upper_only=True) for char in prefix)
        word_start = r"(?<![^\W\d_])"
        self._number = re.compile(
            rf"{word_start}(?:{_SIGN}\s*)?(?:{any_case}(?:\s*{_DASH}\s*)?|{upper}\s+)(\d{{1,6}})(?!\d)"
            rf"|{_SIGN}\s*(\d{{1,6}})(?!\d)"
        )
        self._at_start = re.compile(rf"^\s*{_BULLET}{_LEAD}(?={_SIGN}|{word_start}[^\W\d_])")
        self._bare = re.compile(rf"^\s*{_BULLET}(\d{{1,4}})\s*:(?!\d)")

    def normalise(self, digits: str) -> str:
        return f"{self.prefix}-{int(digits):04d}"

    def at_start(self, line: str) -> NumberMatch | None:
        """The work number a line starts with, if it does."""
        bare = self._bare.match(line)
        if bare is not None:
            return NumberMatch(self.normalise(bare.group(1)), bare.group(0).strip(),
                               bare.start(1), bare.end())
        lead = self._at_start.match(line)
        if lead is None:
            return None
        found = self._number.match(line, lead.end())
        if found is None:
            # The lead is lazy: let it take up to three words before the number.
            found = self._number.search(line, lead.end())
            if found is None or not re.fullmatch(rf"\s*{_BULLET}{_LEAD}",
                                                 line[:found.start()]):
                return None
        return self._match(found)

    def find_all(self, text: str) -> list[NumberMatch]:
        """Every number in `text`, wherever it stands."""
        return [self._match(found) for found in self._number.finditer(text)]

    def _match(self, found: re.Match[str]) -> NumberMatch:
        digits = found.group(1) or found.group(2)
        return NumberMatch(self.normalise(digits), found.group(0).strip(), found.start(),
                           found.end())


def recusal_at_start(line: str) -> int | None:
    """Where the numbers begin after "ОТВОД", "ҚАРСЫ" or "RECUSE" (any case, Kazakh letters
    typed or not, Latin look-alikes) at the start of a line; None when it does not start so."""
    found = _RECUSAL.match(fold(line))
    return None if found is None else found.end()


def is_recusal_word(text: str) -> bool:
    """Whether a sheet's cell says only that: "ОТВОД", "қарсы", "Recuse." and the like."""
    found = _RECUSAL.match(fold(text))
    return found is not None and not re.search(r"\w", fold(text)[found.end():])


def _letter_class(char: str, *, upper_only: bool) -> str:
    variants = {char.upper()}
    if char.upper() in _LOOKALIKES:
        variants.add(_LOOKALIKES[char.upper()])
    if not upper_only:
        variants |= {variant.lower() for variant in variants}
    return "[" + "".join(sorted(re.escape(variant) for variant in variants)) + "]"
