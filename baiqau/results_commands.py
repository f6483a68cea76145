"""`baiqau results`: the ranking as a table, JSON or CSV, the results protocol (DOCX), and
the organizers' incentive prizes."""

from __future__ import annotations

import argparse
import sys

from hub.config import Config


def add_results_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser],
                         common: argparse.ArgumentParser) -> None:
    results = commands.add_parser(
        "results", parents=[common],
        help="the ranking (a row per accepted work); `results award` for incentive prizes")
    results.add_argument(
        "--format", choices=["table", "json", "csv"], default="table",
        help="table (default): for reading; json: for scripts; csv: UTF-8 with a BOM, so "
             "that Excel reads Kazakh and Russian letters right (an XLSX workbook: "
             "`baiqau export results --format xlsx -o FILE`)")
    results.add_argument("--output", "-o", metavar="FILE", help="write here instead of stdout")
    results.add_argument("--protocol", metavar="FILE.docx",
                         help="write the results protocol, to print and sign, here")
    results.add_argument("--language", choices=["kk", "ru"],
                         help="the protocol's language (default: the contest's, if kk or ru; "
                              "else ru)")
    results.add_argument("--template", metavar="FILE.docx",
                         help="the protocol's template, an edited copy of "
                              "templates/protocol/protocol-LANGUAGE.docx")
    results.add_argument("--snapshot", metavar="FILE.json",
                         help="also write the data the protocol's SHA-256 is of")
    results.set_defaults(handler=cmd_results)
    actions = results.add_subparsers(dest="action", metavar="ACTION")
    award = actions.add_parser("award", parents=[common],
                               help="give an incentive prize (one without a place) to a work")
    award.add_argument("number", metavar="NUMBER", help="the work's number, e.g. A-0012")
    award.add_argument("--prize", required=True, metavar="KEY", help="the prize's key")
    award.set_defaults(handler=cmd_award)
    publish = actions.add_parser(
        "publish", parents=[common],
        help="mail the results to every accepted entrant, once (after the jury's deadline)")
    publish.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    publish.set_defaults(handler=cmd_publish)


def cmd_results(args: argparse.Namespace, config: Config) -> int:
    from pathlib import Path

    from baiqau.opening import open_reader
    from jury.ranking import RankingError
    from reports.results import load_ranking, write_results

    if config.voting is not None:
        return cmd_voting_results(args, config)
    if args.protocol:
        return cmd_protocol(args, config)
    context = open_reader(config)
    try:
        # A connection, not a session: the results are read with SQLAlchemy Core, and
        # this command never imports the ORM (reports.results says why).
        with context.engine.connect() as connection:
            ranking = load_ranking(connection, config)
    except (RankingError, ValueError) as error:
        print(f"baiqau: {error}", file=sys.stderr)
        return 1
    if args.output:
        with Path(args.output).open("w", encoding="utf-8", newline="") as output:
            write_results(ranking, args.format, output)
    else:
        write_results(ranking, args.format, sys.stdout)
    return 0


def cmd_voting_results(args: argparse.Namespace, config: Config) -> int:
    """A contest decided by votes: the count, never who voted for whom, as results or as
    the protocol. Counting needs no ballot key: the totals are in the rows."""
    from sqlmodel import Session

    from baiqau.opening import open_service
    from baiqau.voting_results_commands import voting_results
    from jury.voting.count import count_votes

    assert config.voting is not None
    context = open_service(config)
    now = context.clock.now()
    with Session(context.engine) as session:
        count = count_votes(session, config, now)
    return voting_results(args, config, count, now=now,
                          opens=config.voting.opens, closes=config.voting.closes)


def _not_for_voting(config: Config, what: str) -> int | None:
    """Jury-only actions in a contest decided by votes: said, not attempted."""
    if config.voting is None:
        return None
    print(f"baiqau: {what} is for a contest with a jury; this one is decided by votes "
          "(`baiqau results`, `baiqau results --protocol FILE.docx`)", file=sys.stderr)
    return 2


def cmd_protocol(args: argparse.Namespace, config: Config) -> int:
    from pathlib import Path

    from sqlmodel import Session

    from baiqau.opening import open_service
    from baiqau.protocol_output import write_protocol_file
    from hub.sections import Language
    from jury.ranking import RankingError
    from reports.protocol import write_protocol
    from reports.snapshot import Snapshot, take_snapshot

    context = open_service(config)

    def write(language: Language, target: Path, template: Path | None) -> tuple[Snapshot, bool]:
        with Session(context.engine) as session:
            snapshot = take_snapshot(session, config)
        return snapshot, write_protocol(snapshot, language, target, now=context.clock.now(),
                                        template=template)

    def describe(snapshot: Snapshot, draft: bool) -> str:
        state = "a DRAFT: the jury's deadline has not passed" if draft else "final"
        return f"{len(snapshot.data['rows'])} work(s), {state}"

    return write_protocol_file(args, config, write, describe=describe, refused=(RankingError,))


def cmd_award(args: argparse.Namespace, config: Config) -> int:
    if (refused := _not_for_voting(config, "results award")) is not None:
        return refused
    from sqlmodel import select

    from baiqau.opening import open_service
    from hub.db import session_scope
    from hub.models import Application, ApplicationStatus, PrizeAward

    prize = next((item for item in config.prizes if item.key == args.prize), None)
    if prize is None or prize.place is not None:
        known = ", ".join(item.key for item in config.prizes if item.place is None) or "none"
        print(f"baiqau: {args.prize!r} is not an incentive prize of this contest "
              f"(prizes without a place: {known})", file=sys.stderr)
        return 2
    context = open_service(config)
    number = args.number.strip().upper()
    with session_scope(context.engine) as session:
        application = session.exec(select(Application).where(
            Application.number == number)).first()
        if application is None or application.status is not ApplicationStatus.ACCEPTED:
            print(f"baiqau: {number} is not an accepted application", file=sys.stderr)
            return 2
        award = session.exec(select(PrizeAward).where(PrizeAward.prize == prize.key)).first()
        before = ""
        if award is None:
            award = PrizeAward(prize=prize.key, application_id=application.id or 0,
                               awarded_at=context.clock.now())
        elif award.application_id != application.id:
            earlier = session.get(Application, award.application_id)
            before = f" (it was {earlier.number}'s)" if earlier else ""
            award.application_id = application.id or 0
            award.awarded_at = context.clock.now()
        session.add(award)
    print(f"{prize.key} goes to {number}{before}")
    return 0


def cmd_publish(args: argparse.Namespace, config: Config) -> int:
    if (refused := _not_for_voting(config, "results publish")) is not None:
        return refused
    from baiqau.opening import open_service
    from hub.db import session_scope
    from hub.lock import ServiceLock
    from hub.mail.rounds import outbox_round
    from jury.ranking import RankingError
    from reports.publish import NotYet, check_final, plan, queue_results
    from reports.results import load_ranking

    context = open_service(config)
    try:
        check_final(config, context.clock.now())
    except NotYet as error:
        print(f"baiqau: {error}", file=sys.stderr)
        return 1
    with ServiceLock(config.storage_path), session_scope(context.engine) as session:
        try:
            publication = plan(session, config, load_ranking(session, config))
        except (RankingError, ValueError) as error:
            print(f"baiqau: {error}", file=sys.stderr)
            return 1
        print(f"{len(publication.winners)} winner(s) will be told their place and prize:")
        for letter in publication.winners:
            print(f"  {letter.number} {letter.name} <{letter.email}>: "
                  f"{letter.place or '-'} {letter.prize.key if letter.prize else ''}")
        print(f"{len(publication.others)} other entrant(s) will be thanked"
              f"{' with their place' if config.reports.tell_places else ''}.")
        if not args.yes:
            if not sys.stdin.isatty():
                print("baiqau: add --yes to send without a question", file=sys.stderr)
                return 2
            if input("Send them now? [y/N] ").strip().lower() not in ("y", "yes"):
                print("nothing sent")
                return 0
        queued = queue_results(session, context, publication)
    sent = outbox_round(context)
    print(f"results: {queued} letter(s) queued (earlier ones are not sent again); "
          f"outbox: sent {sent.sent}, to retry {sent.retried}, failed {sent.failed}")
    return 0
