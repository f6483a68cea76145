"""Which language to answer a person in, from what they wrote.

Kazakh letters (ә ғ қ ң ө ұ ү һ і) mean Kazakh; other Cyrillic means Russian; Latin
text means English; nothing to go on means the contest's default.
"""

from __future__ import annotations

import re

from hub.config import Language

KAZAKH_LETTERS = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
LATIN = re.compile(r"[a-zA-Z]")


def detect_language(text: str, default: Language) -> Language:
    kazakh = len(KAZAKH_LETTERS.findall(text))
    cyrillic = len(CYRILLIC.findall(text))
    latin = len(LATIN.findall(text))
    # One or two Kazakh letters in a Russian letter are usually a Kazakh name or
    # place; a Kazakh text has them in most sentences.
    if kazakh >= 3 or (kazakh and kazakh * 40 >= cyrillic):
        return Language.KK
    if cyrillic >= 3 and cyrillic >= latin / 4:
        return Language.RU
    if latin >= 20:
        return Language.EN
    return default
