"""Scores as jurors type them: "8 7 9 6 8", "8, 7, 9", "8/7/9", "8-7-9", "7,5", "8/10".

The rules, where the issue leaves it open:

- Scores are separated by spaces, commas, semicolons, slashes, bars or dashes ("8-7-9-6-8"
  is five scores: no score is negative). A comma or a point *between two digits* joins them
  into one number: with a step of 0.5, "7,5" is 7.5; with a step of 1 it is still one number,
  7.5, off the step, reported and left out, never the two scores 7 and 5.
- Digits joined by two or more commas (or points) and nothing else, "8,7,9,6,8", are a list
  when scores are whole numbers. When the step allows fractions the list is ambiguous
  ("7,5,8" may be 7.5 and 8) and the line is left out as unreadable.
- "8/10", "8 из 10", "8 out of 10", where 10 is the top of the scale, is the score 8, unless the
  slash is one of a list's ("8/10/9/6/8" is five scores).
- A number glued to letters is no score: "4K", "10-нан" (Kazakh "out of 10"), "5-ші"; nor
  is a time, "10:00".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache

from jury.criterionwords import CriterionIndex, Resolution
from jury.reading import ProblemCode, ScoreRules

_RUN = re.compile(r"(?<!\d)(?<!\d:)\d+(?:[.,]\d+)*(?![.,]?\d)(?!:\d)(?!-?[^\W\d_])")
_SEPARATOR = re.compile(r"[\s,;/|\\‐‑‒–—-]+")
_LABEL_END = re.compile(r"[,;.!?()\[\]]")
_COMMENT_LABEL = re.compile(
    r"^(?:пікір|пикир|комментарий|коммент|комментарии|примечание|замечание|ескерту|comments?"
    r"|notes?|remarks?)\s*[:\-–—]\s*",
    re.IGNORECASE,
)
_UNIT = re.compile(r"\s*(?:балл(?:а|ов|ы|ға)?|ұпай|points?|pts)(?![^\W\d_])\.?", re.IGNORECASE)
_LABEL_WORDS = 8  # the longest name of config.toml has six
_PUNCTUATION = " \t,;:.–—-=|/"


@dataclass(frozen=True)
class Score:
    written: str  # as the juror wrote it: "7,5"
    value: Decimal | None  # None when the score is left out
    problem: ProblemCode | None = None  # OUT_OF_RANGE or OFF_STEP


@dataclass
class Scan:
    scores: list[Score] = field(default_factory=list)
    start: int = 0  # where the first score begins
    end: int = 0  # where the text after the last score begins
    unreadable: str = ""  # a run like "7,5,8" that cannot be split without guessing


@dataclass(frozen=True)
class Named:
    label: str  # as written: "Шығармашылық"
    resolution: Resolution
    scores: tuple[Score, ...]  # one, or more when the juror wrote several for one criterion


@dataclass
class NamedScan:
    pairs: list[Named] = field(default_factory=list)
    lead: str = ""  # the text before the first label (a work's name copied from the sheet)
    comment: str = ""
    unreadable: str = ""


def read_value(written: str, rules: ScoreRules) -> Score:
    """One score, checked against the scale: left out (with why) if out of range or step."""
    try:
        value = Decimal(written.replace(",", "."))
    except InvalidOperation:
        return Score(written, None, ProblemCode.UNREADABLE_SCORE)
    problem = rules.check(value)
    return Score(written, None if problem else rules.exact(value), problem)


def first_run(text: str, start: int = 0) -> re.Match[str] | None:
    return _RUN.search(text, start)


def scan_scores(text: str, start: int, rules: ScoreRules) -> Scan:
    """The list of scores that begins at `start` (a run of digits), up to the first word."""
    scan = Scan(start=start, end=start)
    position, separator = start, ""
    while (run := _RUN.match(text, position)) is not None:
        parts = _split(run.group(), rules)
        if parts is None:
            scan.unreadable = run.group()
            parts = []
        scan.scores.extend(read_value(part, rules) for part in parts)
        scan.end = _after_out_of(text, run.end(), rules, after_slash="/" in separator)
        following = _SEPARATOR.match(text, scan.end)
        if following is None or not _RUN.match(text, following.end()):
            break
        separator, position = following.group(), following.end()
    return scan


def scan_named(text: str, index: CriterionIndex, rules: ScoreRules) -> NamedScan:
    """Scores by criterion name: "тема 8, шығармашылық: 7; visual 9". Each score belongs to
    the words right before it (after the last comma or full stop); a score with no words
    before it is one more for the criterion before (reported as too many)."""
    scan = NamedScan()
    position = 0
    comments: list[str] = []
    labels: list[str] = []
    scores: list[list[Score]] = []
    while (run := _RUN.search(text, position)) is not None:
        before = text[position:run.start()]
        cut = max((found.end() for found in _LABEL_END.finditer(before)), default=0)
        label, skipped = before[cut:].strip(_PUNCTUATION), before[:cut].strip(_PUNCTUATION)
        words = label.split()
        if len(words) > _LABEL_WORDS:
            # The words right before a score name it; longer text before them is talk.
            skipped = f"{skipped} {' '.join(words[:-_LABEL_WORDS])}".strip()
            label = " ".join(words[-_LABEL_WORDS:])
        parts = _split(run.group(), rules)
        if parts is None:
            scan.unreadable = run.group()
            parts = []
        if not labels:
            scan.lead = skipped
        elif skipped:
            comments.append(skipped)
        if label or not labels:
            labels.append(label)
            scores.append([])
        scores[-1].extend(read_value(part, rules) for part in parts)
        position = _after_out_of(text, run.end(), rules, after_slash=False)
    comments.append(text[position:])
    scan.pairs = [Named(label, index.resolve(label), tuple(found))
                  for label, found in zip(labels, scores, strict=True)]
    scan.comment = clean_comment(" ".join(comments))
    return scan


def label_before(text: str, end: int) -> str:
    """The words that would name the score at `end`: after the last comma or full stop."""
    before = text[:end]
    cut = max((found.end() for found in _LABEL_END.finditer(before)), default=0)
    return " ".join(before[cut:].strip(_PUNCTUATION).split()[-_LABEL_WORDS:])


def clean_comment(text: str) -> str:
    """A free comment without the punctuation around it and a label like "Пікір:"."""
    text = _COMMENT_LABEL.sub("", " ".join(text.split()).lstrip(_PUNCTUATION))
    # The juror's full stop or exclamation mark stays; a lone one is no comment.
    text = text.lstrip(_PUNCTUATION).rstrip(_PUNCTUATION.replace(".", ""))
    if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1].strip()
    return text if re.search(r"\w", text) else ""


def comment_label(line: str) -> str | None:
    """The comment of a line that starts with "Пікір:", "Комментарий:" or "Comment:"."""
    found = _COMMENT_LABEL.match(line.strip())
    return None if found is None else clean_comment(line.strip()[found.end():])


@cache
def _out_of(top: str) -> re.Pattern[str]:
    return re.compile(rf"\s*(?:/|из\s|out\s+of\s|ішінен\s)\s*{re.escape(top)}"
                      r"(?![.,]?\d)(?!\s*/)", re.IGNORECASE)


def _split(run: str, rules: ScoreRules) -> list[str] | None:
    marks = re.findall(r"[.,]", run)
    if len(marks) <= 1:
        return [run]
    if rules.fractional or len(set(marks)) > 1:
        return None
    return re.split(r"[.,]", run)


def _after_out_of(text: str, end: int, rules: ScoreRules, *, after_slash: bool) -> int:
    """Past "/10" or "из 10" after a score, when 10 is the top of the scale, and past a unit
    ("8 баллов", "8 ұпай", "8 points")."""
    found = _out_of(f"{rules.maximum.normalize():f}").match(text, end)
    if found is not None and not (after_slash and found.group().strip().startswith("/")):
        end = found.end()
    unit = _UNIT.match(text, end)
    return end if unit is None else unit.end()
