"""`baiqau digest [--to ADDRESS]`: the organizers' digest, now (even twice a day)."""

from __future__ import annotations

import argparse

from hub.config import Config


def add_digest_command(commands: argparse._SubParsersAction[argparse.ArgumentParser],
                       common: argparse.ArgumentParser) -> None:
    digest = commands.add_parser("digest", parents=[common],
                                 help="send the organizers' digest now")
    digest.add_argument("--to", metavar="ADDRESS",
                        help="only to this address (an organizer, or anyone to try it)")
    digest.set_defaults(handler=cmd_digest)


def cmd_digest(args: argparse.Namespace, config: Config) -> int:
    from baiqau.opening import open_service
    from hub.lock import ServiceLock
    from hub.mail.rounds import outbox_round
    from jury.voting.count import count_votes
    from reports.digest import send_digest

    context = open_service(config)
    with ServiceLock(config.storage_path):
        report = send_digest(context, to=args.to,
                             count_votes=count_votes if config.voting is not None else None)
        sent = outbox_round(context)
    print(f"digest to {', '.join(report.sent_to)}; outbox: sent {sent.sent}, "
          f"to retry {sent.retried}, failed {sent.failed}")
    return 0
