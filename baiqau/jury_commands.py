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


def cmd_send_sheets(args: argparse.Namespace, config: Config) -> int:
    from baiqau.service import open_service
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
