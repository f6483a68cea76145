"""The encrypted connections real providers require: IMAPS or STARTTLS, SMTPS or STARTTLS.

The servers get a self-signed certificate for 127.0.0.1 made for the test; baiqau trusts
it through `ca_file`, as it would a private mail server's own CA. Without that, the
certificate is refused, so nothing is ever sent to a server that is not who it claims.
"""

from __future__ import annotations

import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from contest import Contest, new_message
from dovecot import Dovecot
from smtprelay import SmtpRelay

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )
    # Dovecot's config process reads them as root; its other processes need not.
    folder.chmod(0o755)
    cert.chmod(0o644)
    return cert, key


@pytest.fixture(scope="module")
def tls_dovecot(certificate: tuple[Path, Path]) -> Iterator[Dovecot]:
    server = Dovecot(tls=certificate).start()
    yield server
    server.close()


def server_context(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*certificate)
    return context


@pytest.fixture(params=["starttls", "ssl"])
def tls_relay(request: pytest.FixtureRequest, tls_dovecot: Dovecot,
              certificate: tuple[Path, Path]) -> Iterator[SmtpRelay]:
    relay = SmtpRelay(tls_dovecot, tls=server_context(certificate),
                      implicit_tls=request.param == "ssl").start()
    yield relay
    relay.close()


@pytest.mark.parametrize("imap", ["ssl", "starttls"])
def test_a_round_over_encrypted_connections(tls_dovecot: Dovecot, tls_relay: SmtpRelay,
                                            certificate: tuple[Path, Path], tmp_path: Path,
                                            imap: str) -> None:
    smtp = "ssl" if tls_relay.implicit_tls else "starttls"
    contest = Contest(tls_dovecot, tls_relay, tmp_path, overrides={
        "mailbox": {"security": imap, "ca_file": str(certificate[0]),
                    "port": tls_dovecot.imaps_port if imap == "ssl" else tls_dovecot.imap_port},
        "smtp": {"security": smtp, "ca_file": str(certificate[0]),
                 "username": "contest", "password_env": "BAIQAU_TEST_PASSWORD"},
    })
    entrant = contest.entrant()
    message = new_message(entrant.address, contest.mailbox.address, "Өтінім", "Сәлем!")
    tls_dovecot.append(contest.mailbox.address,
                       message.as_bytes(policy=message.policy.clone(linesep="\r\n")))
    poll, outbox = contest.round()
    assert (poll.fetched, poll.processed.handled, outbox.sent) == (1, 1, 1)
    [answer] = contest.received(entrant)
    assert "№ A-0001" in answer["Subject"]
    assert [login[1] for login in tls_relay.logins] == ["contest"]


def test_an_untrusted_certificate_is_refused(tls_dovecot: Dovecot, smtp_relay: SmtpRelay,
                                             tmp_path: Path) -> None:
    contest = Contest(tls_dovecot, smtp_relay, tmp_path, overrides={
        "mailbox": {"security": "ssl", "port": tls_dovecot.imaps_port},
    })
    result = contest.cli("poll", "--once")
    assert result.returncode == 1
    assert "CERTIFICATE_VERIFY_FAILED" in result.stderr
