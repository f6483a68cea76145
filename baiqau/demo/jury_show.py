"""What the demo prints of the jury phase: the jury, its sheets, what became of each juror's
email, two answers in full, and the ranking with what it shows.

Like `baiqau.demo.show`, and in its style: nothing here talks to the mail server or the
database; everything shown was read back by `baiqau.demo.jury_results`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from email.message import EmailMessage
from itertools import pairwise

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from baiqau.demo.jurors import CRITERIA, JURORS, VIKTOR, JuryDates, sheet_docx
from baiqau.demo.jury_results import JurorEmail, JuryResult
from baiqau.demo.mailserver import header_text
from baiqau.demo.results import TIMEZONE
from baiqau.demo.show import as_mail_client_shows
from hub.clock import load_zone
from hub.jury_config import JuryConfig

# Two answers shown in full: the DOCX read back, and the answer to a one-line correction.
SHOWN_ANSWERS = ("kk-docx-sheet", "ru-correction")
OUTCOME_STYLES = {"recorded": "green", "late": "yellow", "nothing": "yellow", "forged": "red"}


def show_jury_setup(console: Console, works: int, dates: JuryDates, jury: JuryConfig) -> None:
    console.rule(f"Round 3: the jury scores the {works} accepted works")
    console.print("The jury joins config.toml: " + ", ".join(
        f"{juror.name} ({juror.language})" for juror in JURORS), markup=False)
    tie = " then ".join(rule.removeprefix("criterion:") for rule in jury.tie_break[1:])
    console.print(f"  with its {len(jury.criteria)} criteria scored {jury.score_min:g}–"
                  f"{jury.score_max:g}, the {jury.aggregate} of {jury.quorum} jurors at least, "
                  f"ties by {tie}")
    seconds = round((dates.deadline - dates.opens).total_seconds())
    console.print(f"Jury dates, set around this run ({TIMEZONE}): sheets at "
                  f"{dates.opens:%H:%M:%S}, deadline {dates.deadline:%H:%M:%S} "
                  f"({seconds} s later)")


def show_sheets(console: Console, sheets: dict[str, EmailMessage],
                numbers: Sequence[str]) -> None:
    """What each juror found in their INBOX: one sheet, in their language, with files."""
    table = _bullets()
    for juror in JURORS:
        sheet = sheets[juror.address]
        body = sheet.get_body(preferencelist=("plain",))
        text = str(body.get_content()) if body is not None else ""
        filename, _ = sheet_docx(sheet)
        files = sum(1 for _ in sheet.iter_attachments()) - 1
        cell = Text(f"[{header_text(sheet, 'Content-Language')}] ", style="cyan")
        cell.append(header_text(sheet, "Subject"))
        listed = sum(1 for number in numbers if number in text)
        cell.append(f"\n{listed} works; attached: «{filename}» and {files} files of works",
                    style="dim")
        table.add_row("•", juror.name, cell)
    console.print("Each juror's sheet, read from their own INBOX over IMAP:")
    console.print(table)


def _bullets() -> Table:
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column(style="dim")
    table.add_column(no_wrap=True, max_width=24, overflow="ellipsis")
    table.add_column()
    return table


def show_waiting(console: Console, dates: JuryDates, seconds: float) -> None:
    console.print(f"Waiting {seconds:.1f} s, until the deadline ({dates.deadline:%H:%M:%S}) "
                  "has passed by the mail server's clock…")


def show_juror_emails(console: Console, jury: JuryResult) -> None:
    console.rule("What became of each juror's email")
    table = Table(show_lines=True, expand=True)
    table.add_column("№", justify="right", no_wrap=True)
    table.add_column("from", ratio=2, overflow="fold")
    table.add_column("arrived", no_wrap=True)
    table.add_column("baiqau recorded", min_width=21)  # "late: nothing changed"
    table.add_column("answer the juror received", ratio=5, overflow="fold")
    for item in jury.emails:
        table.add_row(str(item.number or "—"), item.juror.name, clock(item.arrived),
                      _recorded_cell(item), _answer_cell(item))
    console.print(table)
    late = [item.juror.name for item in jury.emails if item.outcome == "late"]
    console.print("baiqau polled after the deadline; by the server's arrival times, only "
                  f"{' and '.join(late) or 'no one'} was late.")
    console.print("Jurors' INBOXes now: " + ", ".join(
        f"{juror.name} {jury.inbox_sizes[juror.address]}" for juror in JURORS)
        + " (sheet + answers)")


def clock(moment: datetime | None) -> str:
    """A moment on the contest's wall clock, to the second (as INTERNALDATE has it)."""
    if moment is None:
        return "—"
    return f"{moment.astimezone(load_zone(TIMEZONE)):%H:%M:%S}"


def _recorded_cell(item: JurorEmail) -> Text:
    cell = Text(item.outcome, style=OUTCOME_STYLES.get(item.outcome, "bold red"))
    if item.outcome == "recorded":
        cell.append(f": {item.scores_recorded} score{'s' if item.scores_recorded != 1 else ''}")
    elif item.outcome == "late":
        cell.append(": nothing changed")
    if item.problem:
        cell.append(f"\n✗ {item.problem}", style="bold red")
    return cell


def _answer_cell(item: JurorEmail) -> Text:
    if not item.answers:
        return Text("no answer", style="bold red")
    cell = Text()
    for answer in item.answers:
        cell.append(f"[{header_text(answer, 'Content-Language') or '?'}] ", style="cyan")
        cell.append(header_text(answer, "Subject"))
    return cell


def show_jury_answers(console: Console, jury: JuryResult) -> None:
    console.rule("Two answers, as their jurors received them (read back over IMAP)")
    by_key = {item.email.key: item for item in jury.emails}
    for key in SHOWN_ANSWERS:
        item = by_key[key]
        if item.answers:
            title = f"to №{item.number}, in {item.juror.name}'s INBOX"
            console.print(Panel(as_mail_client_shows(item.answers[0]), title=title,
                                title_align="left"))


def show_ranking(console: Console, jury: JuryResult, config: JuryConfig) -> None:
    """The rows of `baiqau results`, in columns that fit the demo's width."""
    table = Table(title="Results")
    table.add_column("place", justify="right", no_wrap=True)
    table.add_column("work", no_wrap=True)
    table.add_column("entrant, settlement", ratio=1, overflow="fold")
    for index, _ in enumerate(CRITERIA, start=1):
        table.add_column(str(index), justify="right", no_wrap=True)
    table.add_column("total", justify="right", no_wrap=True)
    table.add_column("jurors", justify="right", no_wrap=True)
    table.add_column("prize", no_wrap=True)
    for row in jury.ranking:
        entrant = Text(row["name"])
        entrant.append(f"\n{row['settlement']}", style="dim")
        if row["flags"]:
            entrant.append("\n" + " ".join(row["flags"]), style="yellow")
        table.add_row(str(row["place"] or "—"), row["application"], entrant,
                      *(figure(row["criteria"][key]) for key in CRITERIA),
                      figure(row["total"]), str(row["jurors"]), row["prize"] or "—")
    console.print(table)
    console.print("Columns 1–5: " + ", ".join(CRITERIA) + ", each the mean of the jurors' "
                  "scores.")
    said = Table(box=None, show_header=False, pad_edge=False)
    said.add_column(style="dim")
    said.add_column()
    for sentence in what_the_ranking_shows(jury, config):
        said.add_row("•", sentence)
    console.print(said)


def figure(value: float | None) -> str:
    """A number of the ranking as it reads best: 41, 41.5, 8.25."""
    return "—" if value is None else f"{value:g}"


def what_the_ranking_shows(jury: JuryResult, config: JuryConfig) -> list[str]:
    """The late reply, the correction and a tie, each said from what was read back."""
    rows = {row["application"]: row for row in jury.ranking}
    said = []
    for item in jury.emails:
        if item.outcome == "late":
            recorded = sum(len(values) for (juror, _), values in jury.scores.items()
                           if juror == item.juror.address)
            counted = " or ".join(map(str, sorted({row["jurors"] for row in jury.ranking})))
            said.append(f"{item.juror.name}'s reply came at {clock(item.arrived)}, after the "
                        f"deadline: " + ("none of its scores counts" if not recorded
                                         else f"yet {recorded} of its scores were recorded ✗")
                        + f", and each work is ranked on {counted} jurors' sheets, "
                        f"not {len(JURORS)}.")
    for change in jury.changes:
        row = rows.get(change.number)
        if row is not None and change.juror == VIKTOR.address:
            said.append(f"{VIKTOR.name}'s correction shows: his {change.criterion} for "
                        f"{change.number} is {change.new}, not {change.old}, so its mean is "
                        f"{figure(row['criteria'][change.criterion])} and {change.number} "
                        f"stands at place {row['place']}.")
    key = next((rule.removeprefix("criterion:") for rule in config.tie_break
                if rule.startswith("criterion:")), "")
    ranked = [row for row in jury.ranking if row["place"] is not None]
    for above, below in pairwise(ranked):
        if key and above["total"] == below["total"] and above["place"] != below["place"]:
            said.append(f"{above['application']} and {below['application']} both total "
                        f"{figure(above['total'])}; {key} parts them "
                        f"({figure(above['criteria'][key])} and "
                        f"{figure(below['criteria'][key])}), as jury.tie_break says.")
    return said
