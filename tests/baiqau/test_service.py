"""`baiqau run`, the service, as a real process against servers that misbehave.

The poll interval is set to ten minutes, so an answer within seconds can only come
from IMAP IDLE waking the poll job.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from contest import ROOT, Contest, new_message
from dovecot import Dovecot
from smtprelay import SmtpRelay

SLOW_POLL = {"mailbox": {"poll_interval_seconds": 600}}

pytestmark = pytest.mark.slow


@pytest.fixture
def own_servers() -> Iterator[tuple[Dovecot, SmtpRelay]]:
    """Servers this test may restart without disturbing the other tests."""
    dovecot = Dovecot().start()
    relay = SmtpRelay(dovecot).start()
    yield dovecot, relay
    relay.close()
    dovecot.close()


def start_service(contest: Contest, log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as sink:
        return subprocess.Popen(
            [sys.executable, "-m", "baiqau", "--config", str(contest.config_path), "run"],
            cwd=ROOT, env=dict(os.environ), stdout=sink, stderr=subprocess.STDOUT,
        )


def stop_service(process: subprocess.Popen[bytes]) -> int:
    process.send_signal(signal.SIGTERM)
    return process.wait(timeout=30)


def send_application(contest: Contest, subject: str) -> str:
    entrant = contest.entrant()
    contest.send(new_message(entrant.address, contest.mailbox.address, subject,
                             "Сәлеметсіз бе! Өтінімімді жіберемін."), entrant.address)
    return entrant.address


def log_says(log: Path, text: str, seconds: float = 30) -> bool:
    """Wait for the service to log `text`: how long it takes to start depends on the
    machine's load, not on what is tested."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if log.exists() and text in log.read_text():
            return True
        time.sleep(0.1)
    return False


def answered_within(contest: Contest, address: str, seconds: float) -> bool:
    return len(contest.dovecot.wait_for_messages(address, 1, timeout=seconds)) == 1


def test_idle_answers_within_seconds_and_sigterm_stops_cleanly(
    own_servers: tuple[Dovecot, SmtpRelay], tmp_path: Path
) -> None:
    dovecot, relay = own_servers
    contest = Contest(dovecot, relay, tmp_path, overrides=SLOW_POLL)
    log = tmp_path / "service.log"
    service = start_service(contest, log)
    try:
        assert log_says(log, "baiqau is watching"), log.read_text()
        time.sleep(1.5)  # the first poll round (an empty mailbox) is done, IDLE is on
        address = send_application(contest, "IDLE арқылы")
        assert answered_within(contest, address, 8), log.read_text()
    finally:
        code = stop_service(service)
    assert code == 0, log.read_text()
    assert "signal SIGTERM: stopping" in log.read_text()


def test_the_imap_server_restarted_during_idle(
    own_servers: tuple[Dovecot, SmtpRelay], tmp_path: Path
) -> None:
    dovecot, relay = own_servers
    contest = Contest(dovecot, relay, tmp_path, overrides=SLOW_POLL)
    log = tmp_path / "service.log"
    service = start_service(contest, log)
    try:
        first = send_application(contest, "Бірінші")
        assert answered_within(contest, first, 8), log.read_text()
        dovecot.restart()  # the idling connection gets BYE and is dropped
        second = send_application(contest, "Екінші")
        assert answered_within(contest, second, 15), log.read_text()
    finally:
        stop_service(service)
    assert "IMAP IDLE connection lost" in log.read_text()


def test_a_failed_login_never_ends_the_loop(
    own_servers: tuple[Dovecot, SmtpRelay], tmp_path: Path
) -> None:
    dovecot, relay = own_servers
    contest = Contest(dovecot, relay, tmp_path,
                      overrides={"mailbox": {"poll_interval_seconds": 1}})
    right_password = os.environ["BAIQAU_TEST_PASSWORD"]
    log = tmp_path / "service.log"
    os.environ["BAIQAU_TEST_PASSWORD"] = "wrong"
    try:
        service = start_service(contest, log)
    finally:
        os.environ["BAIQAU_TEST_PASSWORD"] = right_password
    try:
        assert log_says(log, "poll round failed"), log.read_text()
        time.sleep(2)  # more rounds fail: the loop goes on
        assert service.poll() is None, log.read_text()
        # The organizer fixes the mailbox's password on the server side.
        dovecot.add_user(contest.mailbox.address, "wrong")
        address = send_application(contest, "Пароль түзетілді")
        assert answered_within(contest, address, 15), log.read_text()
    finally:
        assert stop_service(service) == 0
