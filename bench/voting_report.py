"""What the voting benchmark prints, and the targets it judges by: votes a second against
applications a second (>= 1), and the count with the protocol under 2 s."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ingest_report import say

if TYPE_CHECKING:
    from judging_results import CommandRun
    from judging_runs import IngestRun
    from voting_runs import VotesRun

TARGET_SECONDS = 2.0


def print_setup(participants: int, voters: int, inserted: float, queued: int,
                queuing: float, sent: int, sending: float) -> None:
    say()
    say(f"contest   examples/press-secretary.toml's, voting open; {participants} accepted "
        f"participants, {voters:,} verified voters inserted in {inserted:.2f} s")
    say(f"ballots   send_ballots: {queued:,} queued in {queuing:.2f} s; sent to the sink: "
        f"{sent:,} in {sending:.2f} s ({sent / max(sending, 1e-9):,.0f}/s)")


def print_mail(count: int, octets: int, made: float, loaded: float) -> None:
    say(f"votes     {count:,} emails, {octets / 1e6:.1f} MB ({octets / max(count, 1) / 1000:.1f} "
        f"KB mean: the choice on top, the ballot quoted); made in {made:.1f} s, "
        f"MULTIAPPEND in {loaded:.1f} s")


def print_recorded(run: VotesRun, expected: Counter[int]) -> None:
    say()
    say(f"recorded  votes {sum(run.votes.values()):,} (expected {sum(expected.values()):,}; "
        f"per participant {'as sent' if run.votes == expected else 'DIFFERENT'}); "
        f"ballots not counted {dict(run.outcomes) or 0}")
    say(f"secrecy   confirmations {dict(run.answers)}, {run.answers_erased:,} erased; ballot "
        f"rows still naming a sender or holding a raw copy: {run.ballots_kept}; messages "
        f"left on the server (INBOX + processed): {run.on_server}")


def missed_recorded(run: VotesRun, expected: Counter[int]) -> list[str]:
    missed = []
    if run.votes != expected:
        missed.append(f"votes recorded {dict(run.votes)}, expected {dict(expected)}")
    total = sum(expected.values())
    if run.answers.get("sent", 0) != total or run.answers_erased != total:
        missed.append(f"confirmations {dict(run.answers)}, {run.answers_erased} erased, "
                      f"expected {total} sent and erased")
    if run.ballots_kept or run.on_server:
        missed.append(f"{run.ballots_kept} ballot rows not concealed or erased, "
                      f"{run.on_server} messages left on the server")
    return missed


def print_voting_steps(run: VotesRun, count: int) -> None:
    say()
    say("  the vote handler's steps (calls wrapped with a clock; rows overlap)")
    say(f"  {'':<44} {'calls':>7} {'seconds':>8} {'ms/call':>8} {'ms/vote':>7}")
    for label, tally in sorted(run.voting.tallies.items(), key=lambda item: -item[1].seconds):
        per_call = tally.seconds / tally.calls * 1000 if tally.calls else 0.0
        say(f"  {label:<44} {tally.calls:7,} {tally.seconds:8.2f} {per_call:8.3f} "
            f"{tally.seconds / count * 1000:7.2f}")


def print_rates(run: VotesRun, count: int, ingest: IngestRun) -> None:
    votes = count / run.service.seconds
    applications = ingest.count / ingest.service.seconds
    ratio = votes / applications
    say()
    say(f"votes         {votes:8.1f} msg/s ({run.service.seconds / count * 1000:.1f} ms a vote: "
        "fetch to confirmation sent, ballot expunged and erased)")
    each = ingest.service.seconds / ingest.count * 1000
    say(f"applications  {applications:8.1f} msg/s ({each:.1f} ms: bench/ingest's service run "
        f"on {ingest.count}, same run)")
    say(f"ratio         {ratio:8.2f}  {'met' if ratio >= 1 else 'MISSED'} (target >= 1)")


def missed_rates(run: VotesRun, count: int, ingest: IngestRun) -> list[str]:
    votes = count / run.service.seconds
    applications = ingest.count / ingest.service.seconds
    if votes >= applications:
        return []
    return [f"votes {votes:.1f} msg/s < applications {applications:.1f} msg/s"]


def _runs(runs: list[CommandRun]) -> str:
    return ", ".join(f"{run.seconds:.2f}" for run in runs)


def print_results(json_best: CommandRun, json_runs: list[CommandRun], octets: int,
                  protocol_best: CommandRun, protocol_runs: list[CommandRun], docx: int,
                  count_s: float, counted: int, startup: float) -> None:
    verdict = "met" if protocol_best.seconds < TARGET_SECONDS else "MISSED"
    say()
    say(f"results --format json   {json_best.seconds:5.2f} s best ({_runs(json_runs)}); "
        f"CPU {json_best.cpu:.2f} s, peak RSS {json_best.peak_rss / 1e6:.0f} MB, "
        f"{octets / 1000:.1f} KB")
    say(f"results --protocol      {protocol_best.seconds:5.2f} s best ({_runs(protocol_runs)}); "
        f"CPU {protocol_best.cpu:.2f} s, peak RSS {protocol_best.peak_rss / 1e6:.0f} MB, "
        f"{docx / 1000:.1f} KB of DOCX")
    say(f"count_votes, in process {count_s:5.3f} s best ({counted:,} votes counted)")
    say(f"python + `baiqau results --protocol`'s imports: {startup:.2f} s")
    say(f"the count and the protocol: {protocol_best.seconds:.2f} s, {verdict} "
        f"(target < {TARGET_SECONDS:.0f} s, the command from spawn to exit)")


def missed_results(json_best: CommandRun, protocol_best: CommandRun) -> list[str]:
    missed = []
    if json_best.returncode or protocol_best.returncode:
        missed.append(f"baiqau results failed (exit {json_best.returncode}, "
                      f"{protocol_best.returncode})")
    if protocol_best.seconds >= TARGET_SECONDS:
        missed.append(f"`baiqau results --protocol` took {protocol_best.seconds:.2f} s "
                      f"(target < {TARGET_SECONDS:.0f} s)")
    return missed
