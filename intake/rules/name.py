"""Name: the entrant's full name (Appendix 1: "Тегі, аты, әкесінің аты"), at least two words.

Kazakh and Russian names are a surname and a given name, often with a patronymic (which
some people have not, or write as "-ұлы"/"-қызы"): two words are enough. One word does
not say who the entrant is, and a reply mends it at once, so it is a fixable
`name_missing` whose detail is the word read. A hyphenated name is one word; an initial
counts as a word ("Сейітқали А.").
"""

from __future__ import annotations

import re

from intake.findings import NAME_MISSING, Finding, failed, passed

RULE = "name"

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def check_name(full_name: str | None) -> list[Finding]:
    """Missing, a single word (both fixable), or a name; the detail is the name as written."""
    written = " ".join((full_name or "").split())
    words = _WORD.findall(written)
    if len(words) < 2:
        return [failed(RULE, NAME_MISSING, written)]
    return [passed(RULE, written)]
