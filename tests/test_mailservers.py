"""The mail test bench itself: if these fail, no mail test of baiqau means anything.

Each test checks an outcome a real server produced (bytes in a mailbox, a reply code, an
IMAP response), never a call made to a mock.
"""

from __future__ import annotations

import email
import email.policy
import smtplib
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from email.header import Header

import pytest
from dovecot import Dovecot
from dovecot_mailboxes import MailAccount
from imapclient import IMAPClient
from smtprelay import SmtpRelay

from hub.mail.idle import idle_responses

KAZAKH = "ә ғ қ ң ө ұ ү һ і"
ALMATY = timezone(timedelta(hours=5))


def make_message(sender: str, recipient: str, *, encoded_subject: bool) -> bytes:
    """A CRLF message with a Kazakh subject (raw UTF-8 or RFC 2047) and an 8-bit UTF-8 body."""
    subject = (
        Header(f"Өтінім: {KAZAKH}", "utf-8").encode() if encoded_subject else f"Өтінім: {KAZAKH}"
    )
    lines = [
        f"From: {sender}",
        f"To: {recipient}",
        f"Subject: {subject}",
        "Message-ID: <bench-1@example.test>",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: 8bit",
        "",
        f"Сәлем! {KAZAKH}",
        ".leading dot survives dot-stuffing",
        "",
    ]
    return "\r\n".join(lines).encode()


def submit(
    relay: SmtpRelay, sender: str, recipients: list[str], raw: bytes, **kw: list[str]
) -> None:
    """Send like baiqau does: plain SMTP on loopback, logging in first."""
    with smtplib.SMTP(relay.host, relay.port, timeout=10) as smtp:
        smtp.login("baiqau", "any password will do")
        smtp.sendmail(sender, recipients, raw, **kw)


def assert_delivered_intact(stored: bytes, raw: bytes) -> None:
    """Dovecot prepends only trace headers (Return-Path, Delivered-To, Received)."""
    assert stored.endswith(raw)
    trace = email.message_from_bytes(stored[: -len(raw)] + b"\r\n")
    assert set(trace.keys()) <= {"Return-Path", "Delivered-To", "Received"}


@pytest.mark.parametrize("encoded_subject", [False, True], ids=["smtputf8", "rfc2047"])
def test_smtp_submission_arrives_intact(
    dovecot: Dovecot,
    smtp_relay: SmtpRelay,
    mail_accounts: Callable[..., MailAccount],
    encoded_subject: bool,
) -> None:
    applicant, contest = mail_accounts("applicant"), mail_accounts("contest")
    raw = make_message(applicant.address, contest.address, encoded_subject=encoded_subject)
    options = ["BODY=8BITMIME"] if encoded_subject else ["SMTPUTF8", "BODY=8BITMIME"]

    submit(smtp_relay, applicant.address, [contest.address], raw, mail_options=options)

    [relayed] = smtp_relay.accepted_for(contest.address)
    assert (relayed.data, relayed.smtputf8, relayed.login) == (raw, not encoded_subject, "baiqau")
    [stored] = dovecot.wait_for_messages(contest.address)
    assert_delivered_intact(stored, raw)
    parsed = email.message_from_bytes(stored, policy=email.policy.default)
    assert parsed["Subject"] == f"Өтінім: {KAZAKH}"
    assert KAZAKH in parsed.get_content()
    assert dovecot.messages(applicant.address) == []


def test_unknown_recipient_gets_550(smtp_relay: SmtpRelay, mail_account: MailAccount) -> None:
    with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        submit(
            smtp_relay, mail_account.address, ["nobody-here@example.test"], b"Subject: x\r\n\r\n"
        )
    assert refused.value.recipients["nobody-here@example.test"][0] == 550


def test_relay_delivers_to_several_recipients_without_login(
    dovecot: Dovecot, smtp_relay: SmtpRelay, mail_accounts: Callable[..., MailAccount]
) -> None:
    """No AUTH required, and one message reaches every recipient exactly once."""
    alice, bob = mail_accounts("alice"), mail_accounts("bob")
    raw = b"Subject: to both\r\n\r\nhello\r\n"

    with smtplib.SMTP(smtp_relay.host, smtp_relay.port, timeout=10) as smtp:
        assert smtp.sendmail("organizer@example.test", [alice.address, bob.address], raw) == {}

    for account in (alice, bob):
        [stored] = dovecot.messages(account.address)
        assert_delivered_intact(stored, raw)
    [relayed] = smtp_relay.accepted_for(alice.address)
    assert relayed.rcpt_tos == (alice.address, bob.address)
    assert relayed.login is None


@pytest.mark.parametrize("mechanism", ["PLAIN", "LOGIN"])
def test_relay_accepts_any_credentials(smtp_relay: SmtpRelay, mechanism: str) -> None:
    user = f"someone-{uuid.uuid4().hex[:8]}"
    with smtplib.SMTP(smtp_relay.host, smtp_relay.port, timeout=10) as smtp:
        smtp.ehlo()
        smtp.user, smtp.password = user, "not checked"
        code, _ = smtp.auth(mechanism, getattr(smtp, f"auth_{mechanism.lower()}"))
    assert code == 235
    assert (mechanism, user, "not checked") in smtp_relay.logins


def test_append_keeps_internaldate(dovecot: Dovecot, mail_account: MailAccount) -> None:
    when = datetime(2025, 3, 14, 9, 26, 53, tzinfo=ALMATY)
    raw = b"Subject: old application\r\n\r\nsent long ago\r\n"

    uid = dovecot.append(mail_account.address, raw, internaldate=when)

    with dovecot.imap(mail_account.address) as client:
        client.select_folder("INBOX", readonly=True)
        [fetched] = client.fetch([uid], ["INTERNALDATE", "BODY.PEEK[]"]).values()
    # The same instant; the +05:00 itself is not kept (maildir stores it as the file's
    # mtime), so Dovecot answers in its own zone.
    assert fetched[b"INTERNALDATE"] == when
    assert fetched[b"BODY[]"] == raw


def test_folders_and_missing_folder(dovecot: Dovecot, mail_account: MailAccount) -> None:
    dovecot.append(mail_account.address, b"Subject: a\r\n\r\nA\r\n", folder="Archive")
    dovecot.append(mail_account.address, b"Subject: b\r\n\r\nB\r\n", folder="Archive")

    assert {"INBOX", "Archive"} <= set(dovecot.folders(mail_account.address))
    assert [m.split(b"\r\n")[0] for m in dovecot.messages(mail_account.address, "Archive")] == [
        b"Subject: a",
        b"Subject: b",
    ]
    assert dovecot.messages(mail_account.address, "No such folder") == []


def test_mailboxes_are_separate(
    dovecot: Dovecot, mail_accounts: Callable[..., MailAccount]
) -> None:
    alice, bob = mail_accounts("alice"), mail_accounts("bob")

    dovecot.deliver(alice.address, b"Subject: for alice\r\n\r\nonly alice\r\n")

    assert len(dovecot.messages(alice.address)) == 1
    assert dovecot.messages(bob.address) == []
    with dovecot.imap(bob.address) as client:
        assert client.select_folder("INBOX")[b"EXISTS"] == 0


def test_users_added_while_running_can_log_in(dovecot: Dovecot) -> None:
    """Dovecot re-reads the passwd-file on change: new users and new passwords count at once."""
    first, second = dovecot.new_account("first"), dovecot.new_account("second")
    for account in (first, second):
        with dovecot.imap(account.address) as client:
            assert client.noop()

    # Same length as the old password and, without add_user's care, the same second.
    changed = dovecot.add_user(first.address, "pw-changed-000")
    with dovecot.imap(changed.address, password=changed.password) as client:
        assert client.noop()


def test_idle_hears_delivery(dovecot: Dovecot, mail_account: MailAccount) -> None:
    with dovecot.imap(mail_account.address) as client:
        client.select_folder("INBOX")
        client.idle()
        dovecot.deliver(mail_account.address, b"Subject: ping\r\n\r\nwake up\r\n")
        heard = idle_until_exists(client, timeout=10)
        client.idle_done()
    assert (1, b"EXISTS") in heard


def idle_until_exists(client: IMAPClient, timeout: float) -> list[tuple[object, ...]]:
    """IDLE responses until one reports EXISTS or ``timeout`` seconds pass."""
    heard: list[tuple[object, ...]] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        heard += idle_responses(client, deadline - time.monotonic())
        if any(len(r) > 1 and r[1] == b"EXISTS" for r in heard):
            break
    return heard


def test_relay_scripted_failures(
    dovecot: Dovecot, smtp_relay: SmtpRelay, mail_accounts: Callable[..., MailAccount]
) -> None:
    sender, contest = mail_accounts("sender"), mail_accounts("contest")
    raw = b"Subject: retry me\r\n\r\nbody\r\n"

    smtp_relay.fail_temporarily(True)
    with pytest.raises(smtplib.SMTPSenderRefused) as temporary:
        submit(smtp_relay, sender.address, [contest.address], raw)
    assert 400 <= temporary.value.smtp_code < 500

    smtp_relay.fail_temporarily(False)
    smtp_relay.reject_recipient(contest.address)
    with pytest.raises(smtplib.SMTPRecipientsRefused) as permanent:
        submit(smtp_relay, sender.address, [contest.address], raw)
    assert permanent.value.recipients[contest.address][0] == 550

    smtp_relay.reset()
    submit(smtp_relay, sender.address, [contest.address], raw)
    assert len(dovecot.wait_for_messages(contest.address)) == 1
    assert len(smtp_relay.accepted_for(contest.address)) == 1


def test_restart_keeps_mail_and_ports() -> None:
    """A private Dovecot, so stopping it cannot disturb the shared one."""
    with Dovecot() as server, SmtpRelay(server) as relay:
        account = server.new_account("contest")
        server.deliver(account.address, b"Subject: before\r\n\r\nkept\r\n")
        ports = (server.imap_port, server.lmtp_port, relay.port)
        old_client = server.imap(account.address)
        old_client.select_folder("INBOX")
        old_client.idle()
        old_group = server.pids()

        server.restart()
        relay.restart()

        assert not set(old_group) & set(server.pids())  # idling imap process did not linger
        with pytest.raises((OSError, IMAPClient.AbortError)):
            old_client.idle_done()
            old_client.noop()
        old_client.shutdown()
        assert (server.imap_port, server.lmtp_port, relay.port) == ports
        submit(relay, account.address, [account.address], b"Subject: after\r\n\r\nnew\r\n")
        stored = [email.message_from_bytes(m) for m in server.messages(account.address)]
        assert [m["Subject"] for m in stored] == ["before", "after"]
        running = server.pids()
    assert running
    assert server.pids() == []  # close() left no process of the group behind


def test_relay_answers_451_while_dovecot_is_down() -> None:
    with Dovecot() as server, SmtpRelay(server) as relay:
        account = server.new_account("contest")
        server.stop()
        with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
            submit(relay, account.address, [account.address], b"Subject: x\r\n\r\ny\r\n")
        assert refused.value.recipients[account.address][0] == 451

        server.start()
        submit(relay, account.address, [account.address], b"Subject: x\r\n\r\ny\r\n")
        assert len(server.messages(account.address)) == 1


def test_kill_connections_drops_only_that_user(
    dovecot: Dovecot, mail_accounts: Callable[..., MailAccount]
) -> None:
    victim, bystander = mail_accounts("victim"), mail_accounts("bystander")
    with dovecot.imap(victim.address) as lost, dovecot.imap(bystander.address) as kept:
        dovecot.kill_connections(victim.address)
        with pytest.raises((OSError, IMAPClient.AbortError)):
            for _ in range(100):  # the imap process needs a moment to exit
                lost.noop()
                time.sleep(0.01)
        assert kept.noop()
    with dovecot.imap(victim.address) as again:
        assert again.noop()
