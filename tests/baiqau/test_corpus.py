"""Real-world mail from other projects' test suites, through the whole pipeline.

Every file of the corpus (tests/corpora.py says where it is) is put into the contest
mailbox as it is, byte for byte. None may crash a round or be lost; none of the bounces,
delivery reports, complaint reports or auto-replies may get an answer.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from contest import Contest
from corpora import CORPORA, needs_corpora
from sqlmodel import Session, select

from hub.models import InboundMessage, MessageKind, MessageState, OutboundMessage

# Mail that machines send; it must never be answered.
MACHINE_MAIL = [
    "flanker/bounce/*",
    "flanker/complaints/*",
    "flanker/disposition-notification.eml",
    "mikel-mail/multipart_report_emails/*",
]

pytestmark = [pytest.mark.slow, needs_corpora]


def corpus_files() -> list[Path]:
    assert CORPORA is not None
    # An empty file is no message: an IMAP server refuses to store it ("Can't save a
    # zero byte message"), so it can never reach the contest mailbox.
    return sorted(path for path in CORPORA.rglob("*")
                  if path.is_file() and path.suffix not in {".md"} and
                  not path.name.startswith(".") and path.stat().st_size > 0)


def machine_files() -> set[Path]:
    assert CORPORA is not None
    return {path for pattern in MACHINE_MAIL for path in CORPORA.glob(pattern) if path.is_file()}


def test_every_corpus_message_goes_through_without_a_crash(contest: Contest) -> None:
    files = corpus_files()
    assert len(files) > 100, f"expected the whole corpus under {CORPORA}"
    by_uid: dict[int, Path] = {}
    with contest.dovecot.imap(contest.mailbox.address) as client:
        for path in files:
            reply = client.append("INBOX", path.read_bytes())
            uid = re.search(rb"APPENDUID \d+ (\d+)", reply)
            assert uid is not None
            by_uid[int(uid.group(1))] = path

    poll, _ = contest.round()

    with Session(contest.context.engine) as session:
        inbound = session.exec(select(InboundMessage)).all()
        answered = {row.inbound_id for row in session.exec(select(OutboundMessage))
                    if row.purpose != "quarantine-notice"}
    # Some files are byte-identical: each copy is a row of its own (and is acknowledged),
    # the later copies are recognised and not answered.
    assert len(inbound) == len(files)
    assert poll.fetched == len(files)
    # Identical files (or files Dovecot made identical by fixing their line ends on
    # APPEND) are each stored and acknowledged; at most the first is handled (none, when
    # it is itself a copy by Message-ID and sender of an earlier message).
    for sha in {row.sha256 for row in inbound}:
        originals = [row for row in inbound if row.sha256 == sha
                     and not row.kind_reason.startswith("a copy of message #")]
        assert len(originals) <= 1, [by_uid[row.uid] for row in originals]
    states = Counter(row.state for row in inbound)
    assert states[MessageState.QUARANTINED] == 0, [
        (row.id, row.error.strip().splitlines()[-1]) for row in inbound
        if row.state is MessageState.QUARANTINED]
    assert states[MessageState.STORED] == 0
    assert all(row.acked_at is not None for row in inbound)
    assert contest.dovecot.messages(contest.mailbox.address) == []

    machine = machine_files()
    checked = 0
    for row in inbound:
        path = by_uid[row.uid]
        if path in machine:
            checked += 1
            assert row.kind is MessageKind.MACHINE, (path, row.kind, row.kind_reason)
            assert row.id not in answered, path
    assert checked == len(machine)
