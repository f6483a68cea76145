"""Only a juror's address with that juror's token counts; DKIM when the config asks."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import Message

import pytest

from hub.config import load_config
from hub.jury_config import JuryConfig
from hub.models import Juror
from hub.tokens import token_hash
from jury.authentication import Verdict, dkim_passed, identify

ALIYA = Juror(id=1, email="aliya@mail.ru", name="Әлия", token_hash=token_hash("J-7Q4K9M"),
              created_at=datetime(2026, 4, 14, tzinfo=UTC))
BORIS = Juror(id=2, email="boris@gmail.com", name="Борис", token_hash=token_hash("J-88HXRT"),
              created_at=datetime(2026, 4, 14, tzinfo=UTC))
GONE = Juror(id=3, email="gone@mail.ru", name="Ушедший", token_hash=token_hash("J-22AAAA"),
             active=False, created_at=datetime(2026, 4, 14, tzinfo=UTC))
JURORS = [ALIYA, BORIS, GONE]


def jury(**changes: object) -> JuryConfig:
    from contest import ROOT

    shipped = load_config(ROOT / "config.toml").jury
    assert shipped is not None
    return shipped.model_copy(update=changes)


def headers(*results: str) -> Message:
    message = Message()
    for value in results:
        message["Authentication-Results"] = value
    return message


@pytest.mark.parametrize(("sender", "tokens", "verdict", "juror"), [
    ("aliya@mail.ru", ["J-7Q4K9M"], Verdict.JUROR, ALIYA),
    ("ALIYA@mail.ru", ["J-88HXRT", "J-7Q4K9M"], Verdict.JUROR, ALIYA),  # her own among others
    ("aliya@mail.ru", [], Verdict.NO_TOKEN, ALIYA),
    ("aliya@mail.ru", ["J-88HXRT"], Verdict.OTHER_TOKEN, ALIYA),
    ("aliya@mail.ru", ["J-ZZZZZZ"], Verdict.UNKNOWN_TOKEN, ALIYA),  # an earlier contest's
    ("thief@evil.kz", ["J-7Q4K9M"], Verdict.STOLEN_TOKEN, None),
    ("thief@evil.kz", ["J-ZZZZZZ"], Verdict.STRANGER, None),
    ("gone@mail.ru", ["J-22AAAA"], Verdict.STRANGER, None),  # no longer a juror
])
def test_who_a_reply_is_from(sender: str, tokens: list[str], verdict: Verdict,
                             juror: Juror | None) -> None:
    identity = identify(sender, tokens, JURORS, Message(), jury())
    assert (identity.verdict, identity.juror) == (verdict, juror)
    assert identity.proven is (verdict is Verdict.JUROR)


OURS = "mx.contest.kz"


@pytest.mark.parametrize(("results", "passed"), [
    ([f"{OURS}; dkim=pass header.d=mail.ru header.s=mail4; spf=pass"], True),
    ([f"{OURS}; dkim=fail header.d=mail.ru; dmarc=pass header.from=mail.ru"], True),
    ([f"{OURS}; dkim=pass header.d=evil.kz; dmarc=fail header.from=mail.ru"], False),
    ([f"{OURS}; dkim=none; spf=pass smtp.mailfrom=mail.ru"], False),
    # Only the topmost of ours counts: a pass below it came with the message.
    ([f"{OURS}; dkim=fail header.d=mail.ru", f"{OURS}; dkim=pass header.d=mail.ru"], False),
    # Another server's word is not ours, whatever it says.
    (["mx.evil.kz; dkim=pass header.d=mail.ru; dmarc=pass"], False),
    (["this is not ; an = authentication-results", f"{OURS}; dmarc=pass"], True),
    ([], False),
])
def test_dkim_is_taken_from_our_own_servers_topmost_header(results: list[str],
                                                           passed: bool) -> None:
    assert dkim_passed(headers(*results), OURS, "aliya@mail.ru") is passed


def test_a_subdomain_of_the_signer_is_aligned() -> None:
    assert dkim_passed(headers(f"{OURS}; dkim=pass header.d=mail.ru"), OURS, "a@inbox.mail.ru")


def test_with_dkim_required_the_juror_without_a_pass_is_not_proven() -> None:
    strict = jury(require_dkim=True, authserv_id=OURS)
    failed = identify("aliya@mail.ru", ["J-7Q4K9M"], JURORS, headers(f"{OURS}; dkim=fail"),
                      strict)
    assert (failed.verdict, failed.juror) == (Verdict.NO_DKIM, ALIYA)
    passed = identify("aliya@mail.ru", ["J-7Q4K9M"], JURORS,
                      headers(f"{OURS}; dkim=pass header.d=mail.ru"), strict)
    assert passed.verdict is Verdict.JUROR
