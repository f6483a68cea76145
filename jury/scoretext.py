"""Reading a juror's scores from the text of their reply, line by line.

What a line can be, once the quotes are gone (`jury.quoting`):

- a recusal: "ОТВОД A-0012", "ҚАРСЫ A-0012", "RECUSE A-0012, A-0013" (or a work's line
  that says only that: "A-0012 — отвод");
- a work's line: its number (`jury.worknumbers`), then its scores in the criteria's order
  ("A-0012: 8 7 9 6 8", "№12 8/7/9/6/8") or by criterion name, in any order and any of the
  contest's languages ("A-0012 тема 8, шығармашылық 7"), then a free comment. Text between
  the number and the first score is passed over when it names no criterion: a juror who
  copies "A-0012 — Айгүл Серікова, Көкшетау" from the sheet and adds the scores is read;
- under a work's line, until the next work or a line that is neither: scores by criterion
  name ("шығармашылық 8"), one or several a line; a line of scores alone when the work's
  line had none; "Пікір: ..." / "Комментарий: ..." / "Comment: ..."; and, right below
  (no blank line between), more of the comment.

Anything else (a greeting, a signature) is passed over without a word. A line with scores
that belongs to no work is reported (`no_number`), as is every score left out, with why.
Positional scores are read only when there are exactly as many as criteria: which one is
missing, or which one is extra, is a guess, and scores decide prize money.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from enum import Enum

from hub.jury_config import Criterion
from jury.criterionwords import CriterionIndex
from jury.quoting import Line, split_reply
from jury.reading import ProblemCode, ReadingBuilder, ScoreReading, ScoreRules, Source
from jury.scorevalues import (
    NamedScan,
    clean_comment,
    comment_label,
    first_run,
    label_before,
    scan_named,
    scan_scores,
)
from jury.sheetmarks import example_number
from jury.worknumbers import NumberForms, NumberMatch, recusal_at_start

_LABEL_WORDS = 2
_SCORE_AFTER = re.compile(r"[\s:=.,;–—-]*\d")
_SCORES_ONLY = re.compile(r"^[\d\s.,;/|\\‐‑‒–—-]*\d[\d\s.,;/|\\‐‑‒–—-]*$")


class _Block(Enum):
    NONE = "none"  # no work's line above
    LIVE = "live"  # below a work's line whose number is known
    DEAD = "dead"  # below a line already reported (unknown number) or the sheet's example


def read_scores(text: str, criteria: Sequence[Criterion], rules: ScoreRules,
                known_numbers: Collection[str], *, prefix: str = "A") -> ScoreReading:
    """The scores, recusals and problems of a reply's text (its quotes are left out here).

    `known_numbers` are the numbers of the accepted works ("A-0012"); whether this juror
    was given them is for the caller to settle with `jury.reading.restrict`.
    """
    reply = split_reply(text)
    reader = _TextReader(criteria, rules, known_numbers, prefix)
    for line in reply.own:
        reader.read(line)
    # Scores typed into an unquoted copy of our sheet are not read: the copy is our text, and
    # a later sheet may well show scores already recorded. The juror is told where they went.
    copy = _TextReader(criteria, rules, known_numbers, prefix)
    for line in reply.sheet_copy:
        copy.read(line)
    typed = copy.finish()
    for work in typed.works:
        if work.scores:
            reader.builder.problem(ProblemCode.IN_QUOTED_SHEET, work.sources[0], work.number)
    for recusal in typed.recusals:
        reader.builder.problem(ProblemCode.IN_QUOTED_SHEET, recusal.source, recusal.number)
    return reader.finish()


class _TextReader:
    def __init__(self, criteria: Sequence[Criterion], rules: ScoreRules,
                 known_numbers: Collection[str], prefix: str) -> None:
        self.keys = [criterion.key for criterion in criteria]
        self.rules = rules
        self.known = set(known_numbers)
        self.forms = NumberForms(prefix)
        self.example = example_number(prefix)
        self.index = CriterionIndex(criteria)
        self.builder = ReadingBuilder(criteria)
        self.block = _Block.NONE
        self.number = ""
        self.block_source = Source(0, "")
        self.block_read = False  # the block had scores, good or bad
        self.attached = False  # the last line belonged to the block, with no gap
        self.previous_line = -1

    def read(self, line: Line) -> None:
        adjacent = line.number == self.previous_line + 1
        self.previous_line = line.number
        text = line.text
        source = Source(line.number, text.strip())
        recusal = recusal_at_start(text)
        if recusal is not None:
            self._end_block()
            self._recuse(text[recusal:], source)
            return
        number = self.forms.at_start(text)
        if number is not None:
            self._end_block()
            self._work_line(number, text[number.end:], source)
            return
        self.attached = self.attached and adjacent
        if self.block is _Block.DEAD:
            # Lines under a line already reported are its own: one report is enough.
            if not (_SCORES_ONLY.match(text) or self._named(text)) and not self.attached:
                self.block = _Block.NONE
            return
        comment = comment_label(text)
        if comment is not None and self.block is _Block.LIVE:
            self.builder.comment(self.number, comment, source)
            self.attached = True
        elif _SCORES_ONLY.match(text):
            if self.block is _Block.LIVE and not self.block_read:
                self._positional(text, 0, source)
                self.attached = True
            else:
                self.builder.problem(ProblemCode.NO_NUMBER, source, written=text.strip())
        elif (named := self._named(text)) is not None:
            if self.block is _Block.LIVE:
                self._apply_named(named, source)
                self.attached = True
            else:
                self.builder.problem(ProblemCode.NO_NUMBER, source, written=text.strip())
        elif self.block is _Block.LIVE and self.attached:
            self.builder.comment(self.number, clean_comment(text), source)
        else:
            self._end_block()

    def finish(self) -> ScoreReading:
        self._end_block()
        return self.builder.finish()

    # ------------------------------------------------------------ the kinds of line

    def _recuse(self, rest: str, source: Source) -> None:
        numbers = self.forms.find_all(rest)
        if not numbers:
            self.builder.problem(ProblemCode.NO_NUMBER, source, written=source.text)
        for found in numbers:
            if self._known(found, source):
                self.builder.recuse(found.number, source)

    def _work_line(self, number: NumberMatch, rest: str, source: Source) -> None:
        self.block, self.number, self.block_source = _Block.DEAD, number.number, source
        self.block_read, self.attached = False, True
        if not self._known(number, source):
            return
        if recusal_at_start(rest.lstrip(" \t:–—-.")) is not None:
            self.builder.recuse(number.number, source)
            self.block = _Block.NONE
            return
        for other in self.forms.find_all(rest):
            if _SCORE_AFTER.match(rest, other.end):
                # "A-0012 8 7 9 6 8 A-0013 7 7 7 7 7": one line a work, or no guessing.
                self.builder.problem(ProblemCode.UNREADABLE_LINE, source, number.number,
                                     written=other.written)
                return
        self.block = _Block.LIVE
        self.builder.touch(number.number, source)
        run = first_run(rest)
        if run is None:
            # Words with no score are the work's name copied from the sheet as often as a
            # comment: a comment goes after the scores, or on the line below them.
            return
        if self.index.resolve(label_before(rest, run.start())).keys:
            self._apply_named(scan_named(rest, self.index, self.rules), source)
        else:
            self._positional(rest, run.start(), source)

    def _named(self, text: str) -> NamedScan | None:
        """The line's scores by name, if a label on it names a criterion."""
        if first_run(text) is None:
            return None
        named = scan_named(text, self.index, self.rules)
        if any(pair.resolution.keys for pair in named.pairs):
            return named
        # "Звук 5": short words and a score, nothing after: a criterion the contest does not
        # have, reported; "Посмотрела 2 раза" is a comment.
        if not named.comment and not named.lead and all(
                0 < len(pair.label.split()) <= _LABEL_WORDS and len(pair.scores) == 1
                for pair in named.pairs):
            return named
        return None

    # ------------------------------------------------------------ recording

    def _positional(self, text: str, start: int, source: Source) -> None:
        self.block_read = True
        scan = scan_scores(text, start, self.rules)
        comment = clean_comment(text[scan.end:])
        if comment:
            self.builder.comment(self.number, comment, source)
        written = text[start:scan.end].strip()
        if scan.unreadable:
            self._problem(ProblemCode.UNREADABLE_LINE, source, written=scan.unreadable)
        elif len(scan.scores) > len(self.keys):
            self._problem(ProblemCode.TOO_MANY_SCORES, source, written=written)
        elif len(scan.scores) < len(self.keys):
            self._problem(ProblemCode.TOO_FEW_SCORES, source, written=written)
        else:
            for key, score in zip(self.keys, scan.scores, strict=True):
                if score.value is None:
                    self._problem(score.problem or ProblemCode.UNREADABLE_SCORE, source,
                                  criterion=key, written=score.written)
                else:
                    self.builder.score(self.number, key, score.value, source)

    def _apply_named(self, named: NamedScan, source: Source) -> None:
        self.block_read = True
        self.builder.touch(self.number, source, check_missing=True)
        if named.comment:
            self.builder.comment(self.number, named.comment, source)
        if named.unreadable:
            self._problem(ProblemCode.UNREADABLE_LINE, source, written=named.unreadable)
            return
        for pair in named.pairs:
            keys = pair.resolution.keys
            if not keys:
                self._problem(ProblemCode.UNKNOWN_CRITERION, source, written=pair.label)
            elif len(keys) > 1:
                self._problem(ProblemCode.AMBIGUOUS_CRITERION, source, written=pair.label,
                              keys=keys)
            elif len(pair.scores) != 1:
                self._problem(ProblemCode.TOO_MANY_SCORES, source, criterion=keys[0],
                              written=" ".join(score.written for score in pair.scores))
            elif (score := pair.scores[0]).value is None:
                self._problem(score.problem or ProblemCode.UNREADABLE_SCORE, source,
                              criterion=keys[0], written=score.written)
            else:
                self.builder.score(self.number, keys[0], score.value, source)

    def _problem(self, code: ProblemCode, source: Source, *, criterion: str = "",
                 written: str = "", keys: tuple[str, ...] = ()) -> None:
        self.builder.problem(code, source, self.number, criterion=criterion, written=written,
                             keys=keys)

    def _known(self, number: NumberMatch, source: Source) -> bool:
        if number.number == self.example:
            return False  # the sheet's example line, copied: never a score, never a problem
        if number.number not in self.known:
            self.builder.problem(ProblemCode.UNKNOWN_NUMBER, source, number.number,
                                 written=number.written)
            return False
        return True

    def _end_block(self) -> None:
        if self.block is _Block.LIVE and not self.block_read:
            self.builder.problem(ProblemCode.NO_SCORES, self.block_source, self.number)
        self.block, self.attached = _Block.NONE, False
