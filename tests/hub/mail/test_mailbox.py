"""Acknowledging on servers without MOVE, and fetching a large message in chunks."""

from __future__ import annotations

import os
from collections.abc import Callable

from contest import Contest, new_message

from hub.mail.mailbox import Mailbox


class MailboxWithoutMove(Mailbox):
    """The real mailbox, as a server that never advertised MOVE would show it."""

    before_first_acknowledge: Callable[[], None] | None = None

    def has(self, capability: str) -> bool:
        return capability.upper() != "MOVE" and super().has(capability)

    def connect(self) -> None:
        super().connect()

        def no_move(*_args: object) -> None:
            raise AssertionError("MOVE used on a server without MOVE")

        self.client.move = no_move  # type: ignore[method-assign]

    def acknowledge(self, uids: list[int], destination: str) -> None:
        if self.before_first_acknowledge is not None:
            self.before_first_acknowledge()
            self.before_first_acknowledge = None
        super().acknowledge(uids, destination)


def raw(message: object) -> bytes:
    from email.message import EmailMessage

    assert isinstance(message, EmailMessage)
    return message.as_bytes(policy=message.policy.clone(linesep="\r\n"))


def test_without_move_only_our_message_is_expunged(contest: Contest) -> None:
    entrant = contest.entrant()
    address = contest.mailbox.address
    contest.dovecot.append(address, raw(new_message(entrant.address, address, "Өтінім", "Сәлем")))
    # While baiqau works, an organizer's mail client marks a message deleted without
    # expunging it: a plain EXPUNGE would destroy it; UID EXPUNGE of our UID must not.
    theirs = raw(new_message("someone@example.test", address, "Not ours", "Keep me"))

    def organizer_deletes() -> None:
        contest.dovecot.append(address, theirs, flags=("\\Deleted",))

    with MailboxWithoutMove(contest.config.mailbox) as box:
        box.before_first_acknowledge = organizer_deletes
        report = contest.poller.poll(box)
    assert report.fetched == 1 and report.acknowledged == 1

    assert len(contest.dovecot.messages(address, "baiqau-processed")) == 1
    left = contest.dovecot.messages(address)
    assert len(left) == 1 and b"Keep me" in left[0]


def test_a_message_is_fetched_in_chunks_byte_for_byte(contest: Contest) -> None:
    address = contest.mailbox.address
    payload = raw(new_message("a@example.test", address, "Big", "x",
                              attachments=[("v.mp4", os.urandom(300_001), "video/mp4")]))
    uid = contest.dovecot.append(address, payload)
    assert uid is not None
    chunks: list[bytes] = []
    with Mailbox(contest.config.mailbox.model_copy(update={"fetch_chunk_bytes": 65536})) as box:
        box.select("INBOX")
        total = box.fetch_in_chunks(uid, chunks.append)
    assert b"".join(chunks) == payload and total == len(payload)
    assert len(chunks) == len(payload) // 65536 + 1
