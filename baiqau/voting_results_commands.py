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
    from docx.opc.exceptions import PackageNotFoundError
    from jinja2 import TemplateError

    from reports.voting_protocol import write_voting_protocol
    from reports.voting_snapshot import voting_snapshot

    default = config.contest.default_language
    language = Language(args.language) if args.language else \
        default if default in (Language.KK, Language.RU) else Language.RU
    target = Path(args.protocol)
    snapshot = voting_snapshot(count, contest=config.contest, reports=config.reports,
                               prizes=config.prizes, opens=opens, closes=closes)
    try:
        draft = write_voting_protocol(snapshot, language, target, now=now,
                                      template=Path(args.template) if args.template else None)
    except (ValueError, OSError) as error:
        print(f"baiqau: {error}", file=sys.stderr)
        return 1
    except (TemplateError, PackageNotFoundError) as error:
        print(f"baiqau: the protocol's template {args.template or language.value}: {error}",
              file=sys.stderr)
        return 1
    if args.snapshot:
        Path(args.snapshot).write_bytes(snapshot.text.encode("utf-8"))
    state = "a DRAFT: the voting has not closed" if draft else "final"
    print(f"wrote the protocol ({language.value}, {len(count.entries)} participant(s), "
          f"{state}) to {target}", file=out)
    print(f"data SHA-256: {snapshot.sha256}", file=out)
    return 0
