"""`baiqau voters ...`, `baiqau ballots send`, `baiqau participants disqualify`: the
organizers' side of a voting contest.

No command here prints or writes who voted for whom: `voters list` has no vote column at
all, and `voters strike` says only whether one vote was removed. Commands that may send
mail run the outbox before returning, as `baiqau jury` does.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from hub.config import Config

Command = Callable[[argparse.Namespace, Config], int]
LIST_COLUMNS = ("email", "name", "phone", "outlet", "blog_platform", "blog_account",
                "followers", "language", "state", "reason", "source", "registered_at",
                "ballot_sent_at", "reminded_at")


def add_voting_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser],
                        common: argparse.ArgumentParser) -> None:
    voters = commands.add_parser("voters", parents=[common],
                                 help="a voting contest's voters: list, import, verify, strike")
    actions = voters.add_subparsers(dest="action", metavar="ACTION", required=True)
    imported = actions.add_parser("import", parents=[common],
                                  help="load a roster (CSV: email,name,phone,outlet,...)")
    imported.add_argument("file", type=Path, metavar="FILE.csv")
    imported.set_defaults(handler=cmd_import)
    listing = actions.add_parser("list", parents=[common],
                                 help="every voter and their state (never a vote)")
    listing.add_argument("--format", choices=["table", "json"], default="table")
    listing.set_defaults(handler=cmd_list)
    verify = actions.add_parser("verify", parents=[common],
                                help="verify voters (a participant's own press office is "
                                     "refused with the reason)")
    verify.add_argument("addresses", nargs="+", metavar="ADDRESS")
    verify.add_argument("--force", action="store_true",
                        help="verify despite the reasons (recorded in the audit)")
    verify.set_defaults(handler=cmd_verify)
    reject = actions.add_parser("reject", parents=[common], help="refuse a registration")
    reject.add_argument("address", metavar="ADDRESS")
    reject.add_argument("--reason", required=True, help="why, as the voter will read it")
    reject.set_defaults(handler=cmd_reject)
    strike = actions.add_parser("strike", parents=[common],
                                help="strike a fake voter off: their vote leaves the count")
    strike.add_argument("address", metavar="ADDRESS")
    strike.add_argument("--reason", required=True, help="why, as the voter will read it")
    strike.set_defaults(handler=cmd_strike)

    ballots = commands.add_parser("ballots", parents=[common], help="ballots by email")
    ballot_actions = ballots.add_subparsers(dest="action", metavar="ACTION", required=True)
    send = ballot_actions.add_parser("send", parents=[common],
                                     help="send a ballot to every verified voter without one")
    send.set_defaults(handler=cmd_send)

    participants = commands.add_parser("participants", parents=[common],
                                       help="the participants on the ballot")
    participant_actions = participants.add_subparsers(dest="action", metavar="ACTION",
                                                      required=True)
    disqualify = participant_actions.add_parser(
        "disqualify", parents=[common], help="take a participant out of the ranking")
    disqualify.add_argument("number", type=int, metavar="N", help="their number on the ballot")
    disqualify.add_argument("--reason", required=True, help="printed in the protocol")
    disqualify.set_defaults(handler=cmd_disqualify)


def _fail(message: str) -> int:
    print(f"baiqau: {message}", file=sys.stderr)
    return 2


def cmd_import(args: argparse.Namespace, config: Config) -> int:
    from baiqau.opening import open_service
    from hub.db import session_scope
    from jury.voting.keys import voting_of
    from jury.voting.roster import import_voters

    voting_of(config)
    if not args.file.is_file():
        return _fail(f"{args.file}: no such file")
    context = open_service(config)
    with session_scope(context.engine) as session:
        outcome = import_voters(session, context, args.file)
    print(f"voters: {len(outcome.done)} imported, waiting for verification "
          "(baiqau voters verify ADDRESS...)")
    for who, why in outcome.refused:
        print(f"  not imported: {who}: {why}")
    return 0


def cmd_list(args: argparse.Namespace, config: Config) -> int:
    from rich.console import Console
    from rich.table import Table
    from sqlmodel import Session, col, select

    from baiqau.opening import open_service
    from hub.models import Voter
    from jury.voting.keys import voting_of

    voting_of(config)
    context = open_service(config)
    with Session(context.engine) as session:
        voters = session.exec(select(Voter).order_by(col(Voter.id))).all()
        rows = [{column: _plain(getattr(voter, column)) for column in LIST_COLUMNS}
                for voter in voters]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    table = Table(title=f"Voters ({len(rows)})")
    for column in ("email", "name", "phone", "outlet", "blog", "state", "reason", "ballot"):
        table.add_column(column)
    for row in rows:
        blog = f"{row['blog_platform'] or ''} {row['blog_account'] or ''} " \
               f"{row['followers'] if row['followers'] is not None else ''}".strip()
        table.add_row(str(row["email"]), str(row["name"]), str(row["phone"]),
                      str(row["outlet"]), blog, str(row["state"]), str(row["reason"]),
                      "sent" if row["ballot_sent_at"] else "")
    Console().print(table)
    return 0


def _plain(value: object) -> object:
    from datetime import datetime
    from enum import Enum

    from hub.db import as_utc

    if isinstance(value, datetime):
        return (as_utc(value) or value).isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def _organizer_action(config: Config, act: Callable[..., object], *,
                      handles_votes: bool = False) -> tuple[object, int]:
    """Run one action in a transaction under the lock, then send what it queued."""
    from baiqau.opening import open_service
    from hub.db import session_scope
    from hub.lock import ServiceLock
    from hub.mail.rounds import outbox_round
    from jury.voting.keys import voting_of

    voting_of(config)
    context = open_service(config, handles_votes=handles_votes)
    with ServiceLock(config.storage_path):
        with session_scope(context.engine) as session:
            result = act(session, context)
        sent = outbox_round(context)
    return result, sent.sent


def cmd_verify(args: argparse.Namespace, config: Config) -> int:
    from jury.voting.roster import Outcome, RosterError, verify

    try:
        outcome, sent = _organizer_action(
            config, lambda session, context: verify(session, context, args.addresses,
                                                    force=args.force), handles_votes=True)
    except RosterError as error:
        return _fail(str(error))
    assert isinstance(outcome, Outcome)
    for address in outcome.done:
        print(f"verified: {address}")
    for address, why in outcome.refused:
        print(f"not verified: {address}: {why}" +
              ("" if why.startswith(("already", "struck")) else " (--force to verify anyway)"))
    print(f"ballots sent now: {outcome.ballots}; emails sent: {sent}")
    return 0 if not outcome.refused else 1


def cmd_reject(args: argparse.Namespace, config: Config) -> int:
    from jury.voting.roster import RosterError, reject

    try:
        _, sent = _organizer_action(
            config, lambda session, context: reject(session, context, args.address,
                                                    args.reason))
    except RosterError as error:
        return _fail(str(error))
    print(f"rejected: {args.address}; the voter {'was told' if sent else 'will be told'}")
    return 0


def cmd_strike(args: argparse.Namespace, config: Config) -> int:
    from jury.voting.roster import RosterError, strike

    try:
        removed, sent = _organizer_action(
            config, lambda session, context: strike(session, context, args.address,
                                                    args.reason), handles_votes=True)
    except RosterError as error:
        return _fail(str(error))
    said = "one vote removed from the count" if removed else "they had no vote to remove"
    print(f"struck off: {args.address}; {said}; "
          f"the voter {'was told' if sent else 'will be told'}")
    return 0


def cmd_send(args: argparse.Namespace, config: Config) -> int:
    from hub.clock import default_clock
    from jury.voting.ballots import send_ballots_in
    from jury.voting.keys import voting_of
    from jury.voting.moments import is_open
    from jury.voting.texts import closes_text, opens_text

    voting_of(config)
    if not is_open(config, default_clock().now()):
        language = config.contest.default_language
        return _fail(f"voting runs from {opens_text(config, language)} to "
                     f"{closes_text(config, language)} (voting.opens, voting.closes); "
                     "ballots go out only then, and `baiqau run` sends them at the opening")
    report, sent = _organizer_action(
        config, lambda session, context: send_ballots_in(session, context), handles_votes=True)
    print(f"ballots: {getattr(report, 'sent', 0)} queued for "
          f"{getattr(report, 'participants', 0)} participant(s); emails sent: {sent}")
    return 0


def cmd_disqualify(args: argparse.Namespace, config: Config) -> int:
    from jury.voting.roster import RosterError, disqualify

    try:
        _organizer_action(config, lambda session, context: disqualify(
            session, context, args.number, args.reason))
    except RosterError as error:
        return _fail(str(error))
    print(f"participant №{args.number} disqualified: {args.reason}")
    return 0
