"""The `baiqau` command line: the service, one-off rounds, status, reprocess, exports.

The commands import what they use inside themselves, so `baiqau --help` and a bad
config answer at once; which kinds of mail the service knows is `baiqau.service`.

Exit codes: 0 done; 1 the work failed (a mail server unreachable, a bad login);
2 wrong usage or a bad config; 3 another baiqau is running for this contest.
"""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from collections.abc import Callable, Sequence

from baiqau.digest_commands import add_digest_command
from baiqau.export_commands import add_export_command
from baiqau.jury_commands import add_jury_commands
from baiqau.results_commands import add_results_commands
from baiqau.voting_commands import add_voting_commands
from hub.config import Config, ConfigError, load_config
from hub.context import Context
from hub.lock import AlreadyRunning, ServiceLock

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_LOCKED = 3

log = logging.getLogger("baiqau")

Command = Callable[[argparse.Namespace, Config], int]


def _common_options(default: object) -> argparse.ArgumentParser:
    options = argparse.ArgumentParser(add_help=False)
    options.add_argument("--config", metavar="PATH", default=default,
                         help="the contest's config (default: $BAIQAU_CONFIG or ./config.toml)")
    options.add_argument("-v", "--verbose", action="store_true", default=default,
                         help="log debug detail")
    return options


def build_parser() -> argparse.ArgumentParser:
    # The common options work before and after the command (`baiqau --config X status`
    # and `baiqau status --config X`). A command's copy defaults to SUPPRESS so that it
    # does not overwrite a value given before the command with its default.
    common = _common_options(argparse.SUPPRESS)
    parser = argparse.ArgumentParser(
        prog="baiqau", parents=[_common_options(None)],
        description="Run a creative contest by email: applications, jury, votes, results.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    run = commands.add_parser("run", parents=[common],
                              help="the service: poll (IMAP IDLE where offered), send, repeat")
    run.set_defaults(handler=cmd_run)

    poll = commands.add_parser("poll", parents=[common],
                               help="fetch and handle every new message, send the outbox, exit")
    poll.add_argument("--once", action="store_true",
                      help="one round, then exit (the only mode; `baiqau run` is the service)")
    poll.set_defaults(handler=cmd_poll)

    status = commands.add_parser("status", parents=[common],
                                 help="where the contest stands, as tables")
    status.set_defaults(handler=cmd_status)

    reprocess = commands.add_parser(
        "reprocess", parents=[common],
        help="handle stored messages again (after a fix), from their raw copies")
    reprocess.add_argument("ids", nargs="*", type=int, metavar="ID", help="message numbers")
    reprocess.add_argument("--quarantined", action="store_true",
                           help="every quarantined message")
    reprocess.set_defaults(handler=cmd_reprocess)

    application = commands.add_parser(
        "application", parents=[common], help="look at applications and decide reviews")
    actions = application.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", parents=[common], help="every application, a line each")
    listing.add_argument("--status", choices=["accepted", "needs_fix", "rejected", "review"])
    listing.set_defaults(handler=cmd_application_list)
    show = actions.add_parser("show", parents=[common],
                              help="one application: what was read, works, checks, emails")
    show.add_argument("number", help="the application's number, e.g. A-0012")
    show.set_defaults(handler=cmd_application_show)
    accept = actions.add_parser("accept", parents=[common],
                                help="accept it (a review is settled); the entrant is told")
    accept.add_argument("number")
    accept.add_argument("--note", default="", help="a line for the entrant")
    accept.set_defaults(handler=cmd_application_decide, decision="accept")
    reject = actions.add_parser("reject", parents=[common],
                                help="reject it, saying why; the entrant is told")
    reject.add_argument("number")
    reject.add_argument("--reason", required=True, help="why, as the entrant will read it")
    reject.set_defaults(handler=cmd_application_decide, decision="reject")

    add_export_command(commands, common)
    add_jury_commands(commands, common)
    add_results_commands(commands, common)
    add_digest_command(commands, common)
    add_voting_commands(commands, common)
    return parser


def _collect_from_here() -> None:
    """The cycle collector on for the command, if the program (`baiqau.program.run`)
    held it off while the command started, with what the start made frozen out of its
    walks. Called inside a process that left it on (tests, the demo), it does nothing."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    for noisy in ("apscheduler", "imapclient", "sqlalchemy"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        config = load_config(args.config)
    except ConfigError as error:
        print(f"baiqau: {error}", file=sys.stderr)
        return EXIT_USAGE
    handler: Command = args.handler
    _collect_from_here()
    try:
        return handler(args, config)
    except ConfigError as error:
        print(f"baiqau: {error}", file=sys.stderr)
        return EXIT_USAGE
    except AlreadyRunning as error:
        print(f"baiqau: {error}; stop it first or let it do the work", file=sys.stderr)
        return EXIT_LOCKED


def _context(config: Config, *, handles_votes: bool = False) -> Context:
    from baiqau.opening import open_service

    return open_service(config, handles_votes=handles_votes)


def cmd_poll(args: argparse.Namespace, config: Config) -> int:
    from baiqau.progress import progress_reporter
    from baiqau.service import prepare, service_poller
    from hub.mail.mailbox import CONNECTION_ERRORS
    from hub.mail.rounds import outbox_round, poll_round

    context = _context(config, handles_votes=True)
    with ServiceLock(config.storage_path):
        prepare(context)
        poller = service_poller(context)
        failed = False
        with progress_reporter() as progress:
            try:
                report = poll_round(poller, progress)
            except CONNECTION_ERRORS as error:
                log.error("mailbox %s:%s: %s", config.mailbox.host, config.mailbox.port, error)
                failed = True
            else:
                print(f"fetched {report.fetched} new message(s) "
                      f"({report.already_known} already stored); "
                      f"handled {report.processed.handled}, ignored {report.processed.ignored}, "
                      f"quarantined {report.processed.quarantined}; "
                      f"acknowledged {report.acknowledged}")
        sent = outbox_round(context)
        print(f"outbox: sent {sent.sent}, to retry {sent.retried}, failed {sent.failed}")
    return EXIT_FAILED if failed else EXIT_OK


def cmd_run(args: argparse.Namespace, config: Config) -> int:
    from baiqau.service import prepare, serve_contest, service_poller

    context = _context(config, handles_votes=True)
    with ServiceLock(config.storage_path):
        prepare(context)
        serve_contest(context, service_poller(context))
    return EXIT_OK


def cmd_status(args: argparse.Namespace, config: Config) -> int:
    from baiqau.status import print_status

    print_status(_context(config))
    return EXIT_OK


def cmd_reprocess(args: argparse.Namespace, config: Config) -> int:
    from baiqau.service import service_poller
    from hub.mail.mailbox import CONNECTION_ERRORS, Mailbox
    from hub.mail.reprocess import mark_for_reprocess
    from hub.mail.rounds import outbox_round

    if not args.ids and not args.quarantined:
        print("baiqau reprocess: give message numbers or --quarantined", file=sys.stderr)
        return EXIT_USAGE
    context = _context(config, handles_votes=True)
    with ServiceLock(config.storage_path):
        marked = mark_for_reprocess(context.engine, args.ids, quarantined=args.quarantined)
        if not marked:
            print("nothing to reprocess")
            return EXIT_OK
        poller = service_poller(context)
        report = poller.pipeline.process_many(row.id for row in marked)
        print(f"reprocessed {len(marked)}: handled {report.handled}, "
              f"ignored {report.ignored}, quarantined again {report.quarantined}")
        released = {row.id: row.message_id for row in marked
                    if row.id not in report.quarantined_ids and row.was_quarantined}
        if released:
            try:
                with Mailbox(config.mailbox) as box:
                    moved = poller.release_from_quarantine(box, released)
                print(f"moved {moved} message(s) out of {config.mailbox.quarantine_folder}")
            except CONNECTION_ERRORS as error:
                log.warning("could not move them out of quarantine on the server: %s", error)
        outbox_round(context)
    return EXIT_OK


def cmd_application_list(args: argparse.Namespace, config: Config) -> int:
    from rich.console import Console
    from sqlmodel import Session

    from baiqau.applications_view import print_list
    from hub.models import ApplicationStatus

    context = _context(config)
    with Session(context.engine) as session:
        status = ApplicationStatus(args.status) if args.status else None
        print_list(session, status, Console())
    return EXIT_OK


def cmd_application_show(args: argparse.Namespace, config: Config) -> int:
    from rich.console import Console
    from sqlmodel import Session

    from baiqau.applications_view import print_application
    from intake.decisions import UnknownApplication, find

    context = _context(config)
    with Session(context.engine) as session:
        try:
            application = find(session, args.number)
        except UnknownApplication as error:
            print(f"baiqau: {error}", file=sys.stderr)
            return EXIT_USAGE
        print_application(session, application, Console(), config.intake.fields)
    return EXIT_OK


def cmd_application_decide(args: argparse.Namespace, config: Config) -> int:
    from hub.mail.rounds import outbox_round
    from intake.decisions import UnknownApplication, accept, reject

    context = _context(config)
    try:
        if args.decision == "accept":
            decided = accept(context, args.number, args.note)
        else:
            decided = reject(context, args.number, args.reason)
    except UnknownApplication as error:
        print(f"baiqau: {error}", file=sys.stderr)
        return EXIT_USAGE
    sent = outbox_round(context)
    print(f"{decided.number} is now {decided.status.value}; "
          f"the entrant {'was told' if sent.sent else 'will be told when SMTP answers'}")
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
