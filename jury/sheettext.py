"""The score sheet as the text of its mail: instructions, criteria, examples, the works.

The whole body goes between the sheet's markers (`jury.sheetmarks`), so that a reply quoting
it, with `>` or without, above or below the juror's lines, gives back only the juror's lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hub.jury_config import Criterion
from hub.sections import Language
from jury.reading import ScoreRules
from jury.sheetmarks import sheet_begin, sheet_end
from jury.sheetwords import WORDS, examples, name_in, scale_text, step_text


@dataclass(frozen=True)
class SheetRow:
    number: str  # "A-0012"
    label: str = ""  # the entrant's name and settlement; "" on a blind sheet


def write_sheet_text(*, contest: str, token: str, language: Language,
                     criteria: Sequence[Criterion], rules: ScoreRules, rows: Sequence[SheetRow],
                     prefix: str = "A", deadline: str = "") -> str:
    """The sheet mail's body, between its markers, in the juror's language."""
    words = WORDS[language]
    in_order, by_name, recusal = examples(criteria, rules, prefix, language)
    lines = [
        sheet_begin(token),
        words.title.format(contest=contest),
        words.juror.format(token=token),
        "",
        words.criteria.format(range=scale_text(rules, language),
                              step=step_text(rules, language)),
        *(f"  {place}. {name_in(criterion, language)}"
          for place, criterion in enumerate(criteria, start=1)),
        "",
        words.reply,
        f"  {in_order}",
        words.named,
        f"  {by_name}",
        words.recuse,
        f"  {recusal}",
        words.later + (" " + words.deadline.format(deadline=deadline) if deadline else ""),
        "",
        words.works,
        *(f"  {row.number} — {row.label}" if row.label else f"  {row.number}" for row in rows),
        sheet_end(token),
    ]
    return "\n".join(lines) + "\n"
