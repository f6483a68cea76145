"""`baiqau jury ...`: score sheets out, reminders, where each juror stands, recusals.

Like `baiqau application accept`, these send at once: the outbox is run before the
command returns, so an organizer sees "sent" or the reason it was not.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from hub.config import Config

Command = Callable[[argparse.Namespace, Config], int]


def add_jury_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser],
                      common: argparse.ArgumentParser) -> None:
    jury = commands.add_parser("jury", parents=[common],
                               help="the jury by email: sheets, reminders, status, recusals")
    actions = jury.add_subparsers(dest="action", metavar="ACTION", required=True)
    sheets = actions.add_parser(
        "send-sheets", parents=[common],
        help="send each juror the works not yet sent to them (a new juror: all of theirs)")
    sheets.set_defaults(handler=cmd_send_sheets)
    remind = actions.add_parser(
        "remind", parents=[common],
        help="send the reminders that are due and not yet sent (a second call sends nothing)")
    remind.add_argument("--now", action="store_true",
                        help="remind every juror with work left, at once")
    remind.set_defaults(handler=cmd_remind)
    status = actions.add_parser("status", parents=[common],
                                help="each juror: works assigned, scored, left; failed replies")
    status.add_argument("--format", choices=["table", "json"], default="table")
    status.set_defaults(handler=cmd_status)
    recuse = actions.add_parser(
        "recuse", parents=[common],
        help="release a juror from a work (a conflict of interest); it is passed on")
    recuse.add_argument("juror", metavar="JUROR", help="the juror's address or name")
    recuse.add_argument("number", metavar="NUMBER", help="the work's number, e.g. A-0012")
    recuse.set_defaults(handler=cmd_recuse)


def cmd_send_sheets(args: argparse.Namespace, config: Config) -> int:
    from baiqau.opening import open_service
    from hub.lock import ServiceLock
    from hub.mail.rounds import outbox_round
    from jury.sheets import send_sheets

    context = open_service(config)
    with ServiceLock(config.storage_path):
        report = send_sheets(context)
        sent = outbox_round(context)
    print(f"sheets: {report.emails} email(s) to {report.jurors} juror(s), "
          f"{report.assigned} work(s) newly assigned; outbox: sent {sent.sent}, "
          f"to retry {sent.retried}, failed {sent.failed}")
    return 0


def cmd_remind(args: argparse.Namespace, config: Config) -> int:
    from baiqau.opening import open_service
    from hub.lock import ServiceLock
    from hub.mail.rounds import outbox_round
    from jury.reminders import send_reminders

    context = open_service(config)
    with ServiceLock(config.storage_path):
        report = send_reminders(context, now_for_everyone=args.now)
        sent = outbox_round(context)
    if not report.moment:
        print("reminders: none due now (see jury.remind_before_hours and jury.deadline)")
    else:
        print(f"reminders: {report.sent} queued ({report.moment}); outbox: sent {sent.sent}, "
              f"to retry {sent.retried}, failed {sent.failed}")
    return 0


def cmd_status(args: argparse.Namespace, config: Config) -> int:
    import json

    from rich.console import Console
    from rich.table import Table
    from sqlmodel import Session

    from baiqau.opening import open_service
    from jury.progress import jury_progress
    from jury.sheets import jury_of

    context = open_service(config)
    with Session(context.engine) as session:
        rows = [progress.as_dict() for progress in jury_progress(session, jury_of(config))]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    table = Table(title="The jury")
    for column in ("juror", "name", "assigned", "scored", "left", "failed", "late", "owed"):
        table.add_column(column, justify="right" if column in (
            "assigned", "scored", "left", "failed", "late") else "left")
    for row in rows:
        left = row["left_numbers"]
        assert isinstance(left, list)
        table.add_row(str(row["juror"]), str(row["name"]), str(row["assigned"]),
                      str(row["scored"]), str(row["left"]), str(row["failed"]),
                      str(row["late"]), " ".join(left[:8]) + (" …" if len(left) > 8 else ""))
    Console().print(table)
    if not rows:
        print("no jurors yet: add [[jury.jurors]] to the config and run `baiqau jury send-sheets`")
    return 0


def cmd_recuse(args: argparse.Namespace, config: Config) -> int:
    import sys

    from baiqau.opening import open_service
    from hub.db import session_scope
    from hub.lock import ServiceLock
    from hub.mail.rounds import outbox_round
    from jury.recusal import RecusalError, recuse
    from jury.roster import find_juror

    context = open_service(config)
    number = args.number.strip().upper()
    with ServiceLock(config.storage_path):
        try:
            with session_scope(context.engine) as session:
                juror = find_juror(session, args.juror)
                if juror is None:
                    print(f"baiqau: no juror {args.juror!r} (give their address or name)",
                          file=sys.stderr)
                    return 2
                done = recuse(session, context, juror, number, note="baiqau jury recuse",
                              now=context.clock.now())
                name = juror.name
        except RecusalError as error:
            print(f"baiqau: {error}", file=sys.stderr)
            return 2
        sent = outbox_round(context)
    print(f"{name} no longer scores {done.number}; {done.scores_withdrawn} score(s) withdrawn"
          + (f"; passed on in {done.passed_on.emails} email(s)" if done.passed_on.emails else "")
          + f"; outbox: sent {sent.sent}")
    return 0
