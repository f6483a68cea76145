"""What the jury benchmark prints, section by section, and the targets it judges by.

Each `print_*` prints one section from figures measured elsewhere; each `missed_*` returns
the targets a section missed, as the lines printed at the end. MB means 10^6 bytes.
"""

from __future__ import annotations

import statistics
from typing import TYPE_CHECKING

from ingest_report import MB, say

if TYPE_CHECKING:
    from judging_mail import Reply
    from judging_results import CommandRun, Output, Split
    from judging_runs import IngestRun, RepliesRun

    from hub.jury_config import JuryConfig
    from jury.sheets import SheetReport

TARGET_RESULTS_S = 2.0


def print_contest(count: int, jury: JuryConfig, inserted: float) -> None:
    say()
    say(f"contest   {count:,} accepted applications x {len(jury.jurors)} jurors x "
        f"{len(jury.criteria)} criteria = {count * len(jury.jurors) * len(jury.criteria):,} "
        "scores to record")
    say(f"          config.toml's [jury]: {jury.aggregate.value}, normalize "
        f"{jury.normalize.value}, quorum {jury.quorum}, scores {jury.score_min:g} to "
        f"{jury.score_max:g} step {jury.score_step:g}, tie-break {', '.join(jury.tie_break)}")
    say(f"          the applications were INSERTED into the database ({inserted:.2f} s), not "
        "taken in by email:")
    say("          accepted, A-0001 upwards, the form as intake writes it, one link work each, "
        "no files")


def print_sheets(report: SheetReport, queued: float, sent: int, octets: int,
                 sending: float) -> None:
    say(f"sheets    jury.sheets.send_sheets: {report.assigned:,} assignments, {report.emails} "
        f"sheets for {report.jurors} jurors queued in {queued:.2f} s")
    say(f"          outbox_round sent {sent} to the SMTP sink in {sending:.2f} s "
        f"({octets / MB:.1f} MB as sent, {octets / max(sent, 1) / 1000:.0f} KB a sheet)")


def print_replies(replies: list[Reply], works_per_reply: int, made: float,
                  loaded: float) -> None:
    sizes = sorted(len(reply.raw) for reply in replies)
    whole = [len(reply.raw) for reply in replies if reply.quoted == "whole"]
    cut = sum(reply.quoted == "cut" for reply in replies)
    say()
    say(f"mail      {len(replies):,} replies, {works_per_reply} works each (a juror's last may "
        f"have fewer), {sum(reply.scores for reply in replies):,} scores, "
        f"{sum(sizes) / MB:.1f} MB")
    say(f"          {statistics.mean(sizes) / 1000:.1f} KB mean, "
        f"{sizes[len(sizes) // 2] / 1000:.1f} KB median, {sizes[-1] / 1000:.1f} KB largest; "
        "text + HTML")
    say(f"          quoting the sheet: {len(whole)} whole (each juror's first reply, "
        f"{statistics.mean(whole) / 1000:.0f} KB), {cut} cut to their works, the rest none")
    say(f"          generated in {made:.1f} s; MULTIAPPEND into Dovecot in {loaded:.1f} s")


def print_jury_steps(run: RepliesRun, replies: int) -> None:
    service_s = run.service.seconds
    say()
    say("  the reply handler's steps (rows overlap; 'of it' is inside the row above)")
    say(f"  {'':<44} {'calls':>7} {'seconds':>8} {'ms/call':>8} {'ms/reply':>8} {'share':>5}")
    for label, tally in sorted(run.jury.tallies.items(), key=lambda item: -item[1].seconds):
        per_call = tally.seconds / tally.calls * 1000 if tally.calls else 0.0
        say(f"  {label:<44} {tally.calls:7,} {tally.seconds:8.2f} {per_call:8.3f} "
            f"{tally.seconds / replies * 1000:8.2f} {tally.seconds / service_s:5.0%}")
    if run.batches:
        first, last = run.batches[0], run.batches[-1]
        say(f"  handling, per batch of up to 100 replies: the first "
            f"{first[1] / first[0] * 1000:.1f} ms/reply, the last "
            f"{last[1] / last[0] * 1000:.1f} ms/reply ({len(run.batches)} batches)")


def print_recorded(run: RepliesRun, expected: int) -> None:
    outcomes = ", ".join(f"{count:,} {outcome}" for outcome, count in sorted(run.outcomes.items()))
    say(f"  recorded: {run.scores:,} scores (expected {expected:,}), {run.changes:,} audit "
        f"lines; replies: {outcomes}")


def missed_replies(run: RepliesRun, replies: int, expected: int) -> list[str]:
    missed = []
    if run.scores != expected or run.changes != expected:
        missed.append(f"replies: {run.scores:,} scores and {run.changes:,} audit lines "
                      f"recorded, {expected:,} expected")
    if run.outcomes != {"recorded": replies}:
        missed.append(f"replies: not every reply was recorded: {run.outcomes}")
    return missed


def print_rates(run: RepliesRun, replies: int, scores: int, criteria: int, works: int,
                ingest: IngestRun) -> None:
    seconds = run.service.seconds
    if run.service.profile is not None:
        say()
        say("(the replies ran under cProfile, the applications did not: the rates below do "
            "not compare)")
    reply_rate, score_rate = replies / seconds, scores / seconds
    apps = ingest.service.seconds
    app_rate = ingest.count / apps
    say()
    say(f"throughput  replies {reply_rate:,.1f} msg/s ({seconds / replies * 1000:.1f} ms a "
        f"reply); scores {score_rate:,.0f}/s ({seconds / scores * 1000:.3f} ms a score)")
    say(f"            applications (bench/ingest's service run, {ingest.count:,} applications, "
        f"measured in this run): {app_rate:,.1f} msg/s ({apps / ingest.count * 1000:.1f} ms "
        "an application)")
    say("  the target, in the issue's words (scores recorded from replies at no less than the "
        "rate applications are handled):")
    say(f"    scores recorded / applications handled = {score_rate / app_rate:,.0f} "
        f"({'met' if score_rate >= app_rate else 'MISSED'})")
    say(f"  the same contest's mail, phase against phase: its {replies:,} replies "
        f"({scores:,} scores) handled in {seconds:,.0f} s; its {works:,} applications at "
        f"this run's rate: {works / app_rate:,.0f} s")
    say("  beside it, not the target:")
    say(f"    works scored / applications handled = {score_rate / criteria / app_rate:.2f} "
        f"(a work's line of {criteria} scores against an application of one work)")
    say(f"    replies / applications, message for message = {reply_rate / app_rate:.2f} "
        f"(a reply carries {scores // replies:,} scores, an application one form)")


def missed_rates(run: RepliesRun, scores: int, ingest: IngestRun) -> list[str]:
    """The issue's target as it words it: scores recorded a second against applications
    handled a second (bench/README.md says why this reading)."""
    score_rate = scores / run.service.seconds
    app_rate = ingest.count / ingest.service.seconds
    if score_rate >= app_rate:
        return []
    return [f"replies: {score_rate:,.0f} scores recorded a second is less than the "
            f"{app_rate:,.1f} applications a second handled in the same run"]


def print_results(best: CommandRun, runs: list[CommandRun], startup: tuple[float, float],
                  split: Split, output: Output, jurors: int) -> None:
    say()
    say("results   baiqau results --format json -o FILE, a subprocess, wall time incl. the "
        "interpreter's start")
    say(f"  best of {len(runs)}: {best.seconds:.2f} s (runs: "
        f"{', '.join(f'{run.seconds:.2f}' for run in runs)}; target < {TARGET_RESULTS_S:g} s); "
        f"CPU {best.cpu:.2f} s")
    say(f"  peak RSS of the command {best.peak_rss / MB:.0f} MB (the child's ru_maxrss)")
    say(f"  output {output.octets / MB:.1f} MB, {output.rows:,} rows, {output.ranked:,} "
        f"ranked, {output.full:,} with all {jurors} jurors' sheets")
    say(f"  in this process, best of {len(runs)} each: open_reader {split.open:.3f} s, load "
        f"the rows {split.load:.3f} s, rank {split.rank:.3f} s, to_json {split.json:.3f} s = "
        f"{split.total:.3f} s")
    imports, whole = startup
    say(f"  start: python + the command's imports {imports:.2f} s (with baiqau.service, "
        f"which the command imported until open_service moved to baiqau.opening: "
        f"{whole:.2f} s)")
    say(f"  (python -c 'import ...', best of {len(runs)} each; the rest of the command's wall "
        "time is the database, the ranking and the file)")


def missed_results(best: CommandRun, output: Output, count: int) -> list[str]:
    missed = []
    if best.returncode:
        missed.append(f"results: the command exited {best.returncode}")
    if best.seconds >= TARGET_RESULTS_S:
        missed.append(f"results: {best.seconds:.2f} s (target < {TARGET_RESULTS_S:g} s)")
    if output.rows != count or output.ranked != count:
        missed.append(f"results: {output.rows:,} rows, {output.ranked:,} ranked, "
                      f"{count:,} expected")
    return missed
