"""Fixtures giving tests real mail servers on loopback; dovecot.py and smtprelay.py run them.

One Dovecot and one SMTP relay serve the whole run (each starts in milliseconds, but
sharing them keeps connection-heavy suites quick); isolation comes from fresh mailboxes
per test, never from fresh servers. A test that needs to stop or restart a server makes
its own with ``Dovecot()``/``SmtpRelay()`` instead of disturbing the shared ones.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# Importable as plain ``dovecot`` and ``smtprelay`` whether or not tests/ ever becomes a package.
sys.path.insert(0, str(Path(__file__).parent))

from contest import Contest
from dovecot import Dovecot, dovecot_binary
from dovecot_mailboxes import MailAccount
from mailservers import MailServerError
from postgres import PostgresServer, postgres_bin
from smtprelay import SmtpRelay


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    """The run's private Dovecot (IMAP + LMTP on 127.0.0.1); a missing Dovecot fails loudly."""
    if dovecot_binary() is None:
        pytest.fail(
            "Dovecot is not installed: run ./scripts/test, which installs dovecot-imapd and "
            "dovecot-lmtpd. The mail tests need a real IMAP server and are never skipped.",
            pytrace=False,
        )
    try:
        server = Dovecot().start()
    except MailServerError as error:
        pytest.fail(f"could not start the test Dovecot: {error}", pytrace=False)
    yield server
    server.close()


@pytest.fixture(scope="session")
def smtp_relay(dovecot: Dovecot) -> Iterator[SmtpRelay]:
    """The run's SMTP server, delivering into ``dovecot``; scripted failures reset per test."""
    relay = SmtpRelay(dovecot).start()
    yield relay
    relay.close()


@pytest.fixture(autouse=True)
def _reset_smtp_relay(request: pytest.FixtureRequest) -> Iterator[None]:
    """Undo a test's ``fail_temporarily``/``reject_recipient`` so the next test starts clean.

    Autouse, but it only touches the relay a test actually requested: unit tests do not
    start any server.
    """
    yield
    if "smtp_relay" in request.fixturenames:
        relay: SmtpRelay = request.getfixturevalue("smtp_relay")
        relay.reset()


@pytest.fixture
def mail_accounts(dovecot: Dovecot) -> Callable[..., MailAccount]:
    """Factory for fresh mailboxes: ``mail_accounts("jury")`` -> jury-1a2b3c4d@example.test."""
    return dovecot.new_account


@pytest.fixture
def mail_account(dovecot: Dovecot) -> MailAccount:
    """One fresh mailbox (contest-<uuid8>@example.test) that no other test sees."""
    return dovecot.new_account("contest")


@pytest.fixture
def contest_factory(
    dovecot: Dovecot, smtp_relay: SmtpRelay, tmp_path: Path
) -> Iterator[Callable[..., Contest]]:
    """Make a contest on the test servers: ``contest_factory(overrides={...}, clock=...)``."""
    made: list[Contest] = []

    def make(**options: object) -> Contest:
        root = tmp_path / f"contest-{len(list(tmp_path.iterdir()))}"
        root.mkdir()
        contest = Contest(dovecot, smtp_relay, root, **options)  # type: ignore[arg-type]
        made.append(contest)
        return contest

    yield make
    # Pooled connections would pile up on the shared PostgreSQL across the run.
    for contest in made:
        contest.context.engine.dispose()


@pytest.fixture
def contest(contest_factory: Callable[..., Contest]) -> Contest:
    """A contest with its own mailbox, organizer and database, on the shared servers."""
    return contest_factory()


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    """The run's private PostgreSQL; a missing PostgreSQL fails loudly, like Dovecot."""
    if postgres_bin() is None:
        pytest.fail("PostgreSQL is not installed: run ./scripts/test, which installs it. "
                    "The tests prove PostgreSQL is only a config change and are never "
                    "skipped.", pytrace=False)
    server = PostgresServer().start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest) -> dict[str, dict[str, object]]:
    """Config overrides that put a contest on each database baiqau supports."""
    if request.param == "sqlite":
        return {}
    server: PostgresServer = request.getfixturevalue("postgres")
    return {"database": {"url": server.new_database()}}


@pytest.fixture(autouse=True)
def _office_is_here(request: pytest.FixtureRequest) -> None:
    """Tests marked `office` re-save and render documents with LibreOffice and poppler,
    as an organizer's or a juror's office suite would: a missing one fails loudly, like a
    missing Dovecot, never skips (./scripts/test installs them)."""
    if request.node.get_closest_marker("office") is None:
        return
    missing = [tool for tool in ("soffice", "pdftotext", "pdftoppm") if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"{', '.join(missing)} not installed: run ./scripts/test, which installs "
                    "libreoffice-writer-nogui and poppler-utils. The document tests are never "
                    "skipped.", pytrace=False)
