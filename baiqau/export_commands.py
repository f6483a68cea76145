"""`baiqau export`: applications, messages, scores or results as JSON, CSV or XLSX."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from hub.config import Config

if TYPE_CHECKING:
    from hub.context import Context
    from reports.tables import Export

WHAT = ("applications", "messages", "scores", "results")
FORMATS = ("json", "csv", "xlsx")


def add_export_command(commands: argparse._SubParsersAction[argparse.ArgumentParser],
                       common: argparse.ArgumentParser) -> None:
    export = commands.add_parser(
        "export", parents=[common], help="data for people and scripts: JSON, CSV, XLSX",
        description="Every application, stored message, score, or the ranking, for a "
                    "script (JSON) or for Excel (CSV or XLSX). The columns are stable: "
                    "new ones may come, none is renamed.")
    export.add_argument(
        "what", choices=WHAT,
        help="applications, messages, scores (current; --history for every earlier value), "
             "or results (the ranking of `baiqau results`)")
    export.add_argument(
        "--format", choices=FORMATS, default="json",
        help="json (default): for scripts; csv: UTF-8 with a BOM, so that Excel reads "
             "Kazakh and Russian letters right; xlsx: an Excel workbook, header frozen and "
             "filtered, numbers as numbers, times as dates on the contest's clock (needs "
             "-o FILE, or stdout redirected: it is never written to a terminal)")
    export.add_argument("--output", "-o", metavar="FILE", help="write here instead of stdout")
    export.add_argument("--history", action="store_true",
                        help="scores: every earlier value too, from the audit table")
    export.set_defaults(handler=cmd_export)


def cmd_export(args: argparse.Namespace, config: Config) -> int:
    from baiqau.opening import open_reader
    from hub.clock import load_zone
    from reports.tables import write_export

    if args.format == "xlsx" and not args.output and sys.stdout.isatty():
        # A workbook is a zip file: on a terminal it is noise that can garble the screen.
        print(f"baiqau export: an XLSX workbook is a binary file and is not written to a "
              f"terminal; give a file: -o {args.what}.xlsx (or redirect stdout)",
              file=sys.stderr)
        return 2
    context = open_reader(config)
    try:
        export = _read(args, context)
    except ValueError as error:
        if args.what != "results":
            raise
        # jury.ranking.RankingError (scores to fix first), or a contest without a [jury]
        print(f"baiqau: {error}", file=sys.stderr)
        return 1
    zone = load_zone(config.contest.timezone)
    if args.output:
        with Path(args.output).open("wb") as output:
            write_export(export, args.format, output, zone)
    else:
        sys.stdout.flush()
        out: BinaryIO = sys.stdout.buffer
        write_export(export, args.format, out, zone)
        out.flush()
    return 0


def _read(args: argparse.Namespace, context: Context) -> Export:
    """The export read from the database, before any file is opened: one that fails
    (a ranking with scores to fix) leaves no empty file behind."""
    from sqlmodel import Session

    from reports.export import export_applications, export_messages
    from reports.results import export_results, load_ranking
    from reports.scores_export import export_scores

    if args.what == "applications":
        return export_applications(context)
    if args.what == "messages":
        return export_messages(context)
    if args.what == "scores":
        return export_scores(context, history=args.history)
    with Session(context.engine) as session:
        if context.config.voting is not None:
            from jury.voting.count import count_votes
            from reports.voting_results import export_voting_results

            return export_voting_results(
                count_votes(session, context.config, context.clock.now()))
        return export_results(load_ranking(session, context.config))
