"""What a juror's reply says: the scores read per work, the recusals, and every problem.

The same result comes from the reply's text (`jury.scoretext`) and from the DOCX sheet
attached to it (`jury.sheetread`), so the answer to the juror is written one way. A problem
has a stable code (part of baiqau's interface: add, never rename), the juror's line as
written, and what it concerns, so that the answer can quote the line and say why.

The reader never guesses: a score it is not sure of is left out and reported, and the rest of
the line still counts where that is safe (a score out of range or off the step keeps its
place in the row). Whether a work is assigned to this juror is not the reader's to know;
`restrict` moves the works and recusals of other works into `not_assigned` problems.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum

from hub.jury_config import Criterion, JuryConfig


class ProblemCode(StrEnum):
    UNKNOWN_NUMBER = "unknown_number"  # no accepted work has this number
    NOT_ASSIGNED = "not_assigned"  # the work is not on this juror's sheet (`restrict`)
    NO_NUMBER = "no_number"  # scores, or a recusal, with no work number
    OUT_OF_RANGE = "out_of_range"  # that score only is left out
    OFF_STEP = "off_step"  # "7,5" when the step is 1: that score only is left out
    TOO_MANY_SCORES = "too_many_scores"  # more scores than criteria: the line is left out
    TOO_FEW_SCORES = "too_few_scores"  # fewer scores than criteria: the line is left out
    MISSING_CRITERION = "missing_criterion"  # nothing left out: these criteria got no score
    AMBIGUOUS_CRITERION = "ambiguous_criterion"  # the word names more than one criterion
    UNKNOWN_CRITERION = "unknown_criterion"  # the words name no criterion
    CONFLICTING_SCORES = "conflicting_scores"  # two different scores for one criterion
    RECUSED_AND_SCORED = "recused_and_scored"  # a recusal and scores: the scores are left out
    NO_SCORES = "no_scores"  # a work's line with no score on it or below it
    UNREADABLE_SCORE = "unreadable_score"  # a sheet's cell that is not one score
    UNREADABLE_LINE = "unreadable_line"  # two works on one line; "7,5,8" with a step of 0.5
    NO_SCORE_TABLE = "no_score_table"  # an attached DOCX without the sheet's table
    IN_QUOTED_SHEET = "in_quoted_sheet"  # typed into the copy of our sheet: not read

    @property
    def ignored(self) -> bool:
        """Whether something the juror wrote was left out (all but `missing_criterion`)."""
        return self is not ProblemCode.MISSING_CRITERION


@dataclass(frozen=True)
class ScoreRules:
    """The scale of regulation 6.1, in Decimal: 7.5 is exact, 0.1 + 0.2 is not 0.3."""

    minimum: Decimal
    maximum: Decimal
    step: Decimal

    @classmethod
    def of(cls, jury: JuryConfig) -> ScoreRules:
        return cls(_exact(jury.score_min), _exact(jury.score_max), _exact(jury.score_step))

    @property
    def fractional(self) -> bool:
        """Whether a score may have a fraction (a step of 0.5): then "7,5" is one score."""
        return self.step != self.step.to_integral_value() or (
            self.minimum != self.minimum.to_integral_value())

    def check(self, value: Decimal) -> ProblemCode | None:
        if not self.minimum <= value <= self.maximum:
            return ProblemCode.OUT_OF_RANGE
        if (value - self.minimum) % self.step != 0:
            return ProblemCode.OFF_STEP
        return None

    def exact(self, value: Decimal) -> Decimal:
        """The value written as finely as the step: 8 and 8,0 alike are 8 with a step of 1,
        8.0 with a step of 0.5."""
        exponent = min(self.step.as_tuple().exponent, self.minimum.as_tuple().exponent, 0)
        return value.quantize(Decimal(1).scaleb(int(exponent)))


@dataclass(frozen=True)
class Source:
    """A line of the reply's text (1-based, as received), or a row of the sheet's table
    (1-based, the header row counted) with its cells joined by " | "."""

    line: int
    text: str
    file: str = ""  # the attachment's name for a sheet, "" for the reply's text


@dataclass(frozen=True)
class Problem:
    code: ProblemCode
    source: Source
    number: str = ""  # the work, when the line names one ("A-0012")
    criterion: str = ""  # its key, when the problem is one score's
    written: str = ""  # the piece of the line it is about, as written: "7,5", "A-0099", "the"
    keys: tuple[str, ...] = ()  # missing criteria; the criteria an ambiguous word names


@dataclass(frozen=True)
class WorkScores:
    number: str
    scores: Mapping[str, Decimal]  # criterion key -> score, in the criteria's order
    comment: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class Recusal:
    number: str
    source: Source


@dataclass(frozen=True)
class ScoreReading:
    works: tuple[WorkScores, ...] = ()  # in the order the reply first names them
    recusals: tuple[Recusal, ...] = ()
    problems: tuple[Problem, ...] = ()  # in the order of the lines

    def work(self, number: str) -> WorkScores | None:
        return next((work for work in self.works if work.number == number), None)

    @property
    def codes(self) -> list[ProblemCode]:
        return [problem.code for problem in self.problems]


def restrict(reading: ScoreReading, assigned: Collection[str]) -> ScoreReading:
    """The reading with only this juror's works: any other work's scores or recusal become
    a `not_assigned` problem quoting its line, so the juror learns they were not recorded."""
    problems = list(reading.problems)
    for work in reading.works:
        if work.number not in assigned:
            problems.append(Problem(ProblemCode.NOT_ASSIGNED, work.sources[0], work.number))
    for recusal in reading.recusals:
        if recusal.number not in assigned:
            problems.append(Problem(ProblemCode.NOT_ASSIGNED, recusal.source, recusal.number))
    return replace(
        reading,
        works=tuple(work for work in reading.works if work.number in assigned),
        recusals=tuple(recusal for recusal in reading.recusals if recusal.number in assigned),
        problems=_in_line_order(problems),
    )


@dataclass
class _Work:
    sources: list[Source] = field(default_factory=list)
    scores: dict[str, list[tuple[Decimal, Source]]] = field(default_factory=dict)
    comments: list[str] = field(default_factory=list)
    check_missing: bool = False


class ReadingBuilder:
    """Collects what the readers find, then settles it once (`finish`): conflicts between
    lines, recusals against scores, and criteria still without a score."""

    def __init__(self, criteria: Sequence[Criterion]) -> None:
        self._keys = [criterion.key for criterion in criteria]
        self._works: dict[str, _Work] = {}
        self._recusals: dict[str, Recusal] = {}
        self.problems: list[Problem] = []

    def problem(self, code: ProblemCode, source: Source, number: str = "", *,
                criterion: str = "", written: str = "", keys: tuple[str, ...] = ()) -> None:
        self.problems.append(Problem(code, source, number, criterion, written, keys))

    def touch(self, number: str, source: Source, *, check_missing: bool = False) -> None:
        """The work is named on `source`; with `check_missing`, by its criteria's names, and
        the criteria it does not name are reported when the reading is finished."""
        work = self._works.setdefault(number, _Work())
        if source not in work.sources:
            work.sources.append(source)
        work.check_missing = work.check_missing or check_missing

    def score(self, number: str, key: str, value: Decimal, source: Source) -> None:
        self.touch(number, source)
        self._works[number].scores.setdefault(key, []).append((value, source))

    def comment(self, number: str, text: str, source: Source) -> None:
        self.touch(number, source)
        if text:
            self._works[number].comments.append(text)

    def recuse(self, number: str, source: Source) -> None:
        self._recusals.setdefault(number, Recusal(number, source))

    def finish(self) -> ScoreReading:
        works: list[WorkScores] = []
        reported: dict[str, set[str]] = {}
        for problem in self.problems:
            reported.setdefault(problem.number, set()).update((problem.criterion, *problem.keys))
        for number, work in self._works.items():
            if number in self._recusals:
                if work.scores:
                    self.problem(ProblemCode.RECUSED_AND_SCORED, work.sources[0], number)
                continue
            scores: dict[str, Decimal] = {}
            settled: set[str] = set()
            for key in self._keys:
                values = work.scores.get(key, [])
                if len({value for value, _ in values}) > 1:
                    written = " / ".join(f"{value}" for value, _ in values)
                    self.problem(ProblemCode.CONFLICTING_SCORES, values[-1][1], number,
                                 criterion=key, written=written)
                    settled.add(key)
                elif values:
                    scores[key] = values[0][0]
                    settled.add(key)
            # A criterion whose score was left out is reported once, with why, not twice.
            told = settled | reported.get(number, set())
            missing = tuple(key for key in self._keys if key not in told)
            if work.check_missing and (settled or reported) and missing:
                self.problem(ProblemCode.MISSING_CRITERION, work.sources[0], number, keys=missing)
            if scores or work.comments:
                works.append(WorkScores(number, scores, " ".join(work.comments),
                                        tuple(work.sources)))
        return ScoreReading(tuple(works), tuple(self._recusals.values()),
                            _in_line_order(self.problems))


def _exact(number: float) -> Decimal:
    """A config's number as the juror would write it: 10 for 10.0, 0.5 for 0.5."""
    value = Decimal(str(number))
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def _in_line_order(problems: list[Problem]) -> tuple[Problem, ...]:
    return tuple(sorted(problems, key=lambda problem: (problem.source.file,
                                                       problem.source.line)))
