"""The lines that make a copy of baiqau's score sheet recognisable in a juror's reply.

A mail client quotes the sheet it answers, with `>` or (Outlook, mail.ru's web mail, a phone)
without; a juror may also paste it. Whatever the sheet's text mail looks like, its whole body
goes between `sheet_begin(token)` and `sheet_end(token)`, the begin marker as its first line:
then a quote of it ends at the end marker, and a juror who writes below the quote
(bottom-posting) is still read (`jury.quoting`). The markers are in ASCII and English so that
every client and charset keeps them, and are the same in every language of the sheet.

The sheet's example line uses the number `example_number(prefix)` ("A-0000"), which no
application ever has (numbers count from 1): a copied or quoted example is never recorded.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

SHEET_TITLE = "baiqau score sheet"
EXAMPLE_DIGITS = "0000"
# Recognised in any case, with any run of dashes (some clients turn "---" into a dash) and any
# title or token between them, so that other letters to jurors may carry the same markers.
MARKER = re.compile(r"^[-–—]+\s*(end\s+of\s+)?baiqau\b.*?[-–—]+$", re.IGNORECASE)
_EXAMPLE_SCORES = (8, 7, 9, 6, 8)


def sheet_begin(token: str, title: str = SHEET_TITLE) -> str:
    """The first line of a sheet: '--- baiqau score sheet [J-7Q4K9M] ---'."""
    return f"--- {title} [{token}] ---"


def sheet_end(token: str, title: str = SHEET_TITLE) -> str:
    """The last line of a sheet: '--- end of baiqau score sheet [J-7Q4K9M] ---'."""
    return f"--- end of {title} [{token}] ---"


def marker_kind(line: str) -> str | None:
    """'begin' or 'end' for a marker line (stripped of spaces), None for any other line."""
    found = MARKER.match(line.strip())
    if found is None:
        return None
    return "end" if found.group(1) else "begin"


def example_number(prefix: str) -> str:
    return f"{prefix}-{EXAMPLE_DIGITS}"


def example_scores(count: int, minimum: Decimal, maximum: Decimal,
                   step: Decimal) -> list[Decimal]:
    """Scores for the example line, one per criterion, all valid under the contest's rules:
    8 7 9 6 8 on a 0-10 scale, the top of the scale and the steps below it on another."""
    sample = [Decimal(_EXAMPLE_SCORES[index % len(_EXAMPLE_SCORES)]) for index in range(count)]
    if all(minimum <= value <= maximum and (value - minimum) % step == 0 for value in sample):
        return sample
    return [max(minimum, maximum - step * (index % 3)) for index in range(count)]


def example_line(prefix: str, scores: Sequence[Decimal]) -> str:
    """'A-0000: 8 7 9 6 8', with decimal commas as a Kazakh or Russian juror writes them."""
    return f"{example_number(prefix)}: " + " ".join(format_score(score) for score in scores)


def format_score(score: Decimal) -> str:
    """7.5 as '7,5' (the comma of kk and ru), 8 as '8', 8.0 as '8'."""
    text = f"{score.normalize():f}" if score != score.to_integral_value() else f"{int(score)}"
    return text.replace(".", ",")
