"""Which criterion a juror means by a word: "шығармашылық 8", "тема: 7", "creativity 9".

Every word of every criterion's name, in every language of the contest, and its key, name
the criterion, if no other criterion's name has that word. A word matches a word of a name
when both are written the same once folded (`hub.folding`), or, for words of four letters
or more, when they share their beginning up to a short ending: Kazakh and Russian change
the ending of a word ("тема" in the name "Соответствие теме хаба", "творчество" for
"Творческий подход", "шығармашылығы" for "Шығармашылық"), so the shared beginning must be
all but the last letter of the shorter word, or five letters.

A label of several words names the criterion all its known words agree on: "Творческий
подход и оригинальность" has three words of one criterion. Words that name no criterion
("оценка", "за") are passed over, and so are the small words of the names ("и", "the",
"для", "пен"), which name nothing on their own. Words that name two criteria are never
settled by guessing: the label is ambiguous, and the juror is told which criteria it may be.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hub.folding import fold, words
from hub.jury_config import Criterion

# Words of the names that are no one's name: said alone, they are no criterion.
_SMALL_WORDS = frozenset(fold(word) for word in (
    "and", "the", "with", "for", "from", "into", "its", "для", "при", "как", "это", "что",
    "или", "его", "все", "және", "пен", "мен", "бен", "үшін", "бойынша", "арқылы",
))
_SHORT_STEM = 5
# Words shorter than this are not read as (a part of) a criterion's name: "и", "on", "to".
MIN_WORD = 3


@dataclass(frozen=True)
class Resolution:
    keys: tuple[str, ...]  # one key: resolved; several: ambiguous; none: no criterion named
    words: tuple[str, ...]  # the label's words that named a criterion, folded

    @property
    def key(self) -> str | None:
        return self.keys[0] if len(self.keys) == 1 else None


class CriterionIndex:
    def __init__(self, criteria: Sequence[Criterion]) -> None:
        self._order = [criterion.key for criterion in criteria]
        self._keys = {criterion.key: criterion.key for criterion in criteria}
        self._words: list[tuple[str, str]] = []  # (folded word, key)
        self._seen: dict[str, frozenset[str]] = {}  # a reply repeats its words
        for criterion in criteria:
            for name in criterion.name.values():
                for word in words(name):
                    if len(word) >= MIN_WORD and word not in _SMALL_WORDS:
                        self._words.append((word, criterion.key))

    def candidates(self, word: str) -> set[str]:
        """The criteria a folded word may name."""
        if word not in self._seen:
            if word in self._keys:
                self._seen[word] = frozenset({word})
            elif len(word) < MIN_WORD or word in _SMALL_WORDS:
                self._seen[word] = frozenset()
            else:
                self._seen[word] = frozenset(key for known, key in self._words
                                             if _same_word(word, known))
        return set(self._seen[word])

    def resolve(self, label: str) -> Resolution:
        """The criterion a label names (see the module's text for the rules)."""
        found: list[tuple[str, set[str]]] = []
        tokens = [token.strip(":=.,;") for token in fold(label).split()]
        for word in [token for token in tokens if token in self._keys] + words(
                label.replace("_", " ")):
            named = self.candidates(word)
            if named:
                found.append((word, named))
        if not found:
            return Resolution((), ())
        agreed = set.intersection(*(named for _, named in found))
        keys = agreed or set.union(*(named for _, named in found))
        return Resolution(tuple(key for key in self._order if key in keys),
                          tuple(dict.fromkeys(word for word, _ in found)))


def _same_word(word: str, known: str) -> bool:
    if word == known:
        return True
    shorter = min(len(word), len(known))
    if shorter <= MIN_WORD:
        return False
    shared = 0
    for one, other in zip(word, known, strict=False):
        if one != other:
            break
        shared += 1
    return shared >= min(_SHORT_STEM, shorter - 1)
