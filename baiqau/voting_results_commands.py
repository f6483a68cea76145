"""`baiqau results` of a voting contest: the vote counts as a table, JSON or CSV, and the
voting protocol (DOCX), from a `VotingCount`.

`cmd_results` hands over here when the config has `[voting]`, with the count it read
(`jury.voting.count.count_votes`) and the voting's dates; the arguments are
`baiqau results`' own (`--format`, `--output`, `--protocol`, `--language`, `--template`,
`--snapshot`), so the two kinds of contest share one command and its options.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TextIO

from baiqau.protocol_output import write_protocol_file as _write_protocol_file
from hub.config import Config
from hub.sections import Language
from jury.voting.count import VotingCount


def voting_results(args: argparse.Namespace, config: Config, count: VotingCount, *,
                   now: datetime, opens: datetime | date | None = None,
                   closes: datetime | date | None = None, out: TextIO | None = None) -> int:
    """Print the results (or write the protocol, with `--protocol`); the exit status."""
    from reports.voting_results import write_voting_results

    out = out or sys.stdout
    if args.protocol:
        return write_protocol_file(args, config, count, now=now, opens=opens, closes=closes,
                                   out=out)
    if args.output:
        with Path(args.output).open("w", encoding="utf-8", newline="") as output:
            write_voting_results(count, args.format, output)
    else:
        write_voting_results(count, args.format, out)
    return 0


def write_protocol_file(args: argparse.Namespace, config: Config, count: VotingCount, *,
                        now: datetime, opens: datetime | date | None,
                        closes: datetime | date | None, out: TextIO) -> int:
    from reports.snapshot import Snapshot
    from reports.voting_protocol import write_voting_protocol
    from reports.voting_snapshot import voting_snapshot

    snapshot = voting_snapshot(count, contest=config.contest, reports=config.reports,
                               prizes=config.prizes, opens=opens, closes=closes)

    def write(language: Language, target: Path, template: Path | None) -> tuple[Snapshot, bool]:
        return snapshot, write_voting_protocol(snapshot, language, target, now=now,
                                               template=template)

    def describe(_: Snapshot, draft: bool) -> str:
        state = "a DRAFT: the voting has not closed" if draft else "final"
        return f"{len(count.entries)} participant(s), {state}"

    return _write_protocol_file(args, config, write, describe=describe, out=out)
