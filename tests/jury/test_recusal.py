"""A recusal passes the work on at once, and the service sends sheets from jury.opens."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from contest import Contest, body_text
from dovecot import Dovecot
from juryroom import apply, jury_contest

from hub.clock import FakeClock
from jury.schedule import jury_job


def test_a_recused_work_goes_to_the_lightest_free_juror_by_email(
        contest_factory: Callable[..., Contest], dovecot: Dovecot) -> None:
    contest, (aliya, boris, anna) = jury_contest(contest_factory, dovecot, ["kk", "ru", "en"],
                                                 reviews_per_work=1)
    numbers = apply(contest, 3)
    assert contest.cli("jury", "send-sheets").returncode == 0
    # One work each, in order: A-0001 Әлия, A-0002 Борис, A-0003 Anna.
    status = json.loads(contest.cli("jury", "status", "--format", "json").stdout)
    assert [row["assigned_numbers"] for row in status] == [[n] for n in numbers]

    result = contest.cli("jury", "recuse", "Әлия Серікқызы", numbers[0].lower())
    assert result.returncode == 0, result.stderr
    assert f"Әлия Серікқызы no longer scores {numbers[0]}; 0 score(s) withdrawn; " \
           "passed on in 1 email(s)" in result.stdout
    # Борис and Anna have one work each; Борис comes first in the config.
    [_, passed_on] = contest.received(boris, count=2)
    assert "новые работы в оценочном листе" in passed_on["Subject"]
    assert numbers[0] in body_text(passed_on)
    status = json.loads(contest.cli("jury", "status", "--format", "json").stdout)
    assert [row["assigned_numbers"] for row in status] == [
        [], [numbers[0], numbers[1]], [numbers[2]]]
    assert len(contest.dovecot.messages(anna.address)) == 1

    unknown = contest.cli("jury", "recuse", "nobody@example.test", numbers[1])
    assert unknown.returncode == 2 and "no juror 'nobody@example.test'" in unknown.stderr
    not_hers = contest.cli("jury", "recuse", aliya.address, numbers[1])
    assert not_hers.returncode == 2 and f"{numbers[1]} is not on Әлия Серікқызы's sheet" \
        in not_hers.stderr


def test_the_service_sends_sheets_from_the_opening(
        contest_factory: Callable[..., Contest], dovecot: Dovecot) -> None:
    # 14 April 09:00 in Almaty is 04:00 UTC.
    opens = datetime(2030, 4, 14, 4, 0, tzinfo=UTC)
    clock = FakeClock(opens - timedelta(hours=1))
    contest, (aliya,) = jury_contest(contest_factory, dovecot, ["kk"], clock=clock,
                                     opens="2030-04-14T09:00:00",
                                     deadline="2030-04-21T18:00:00")
    apply(contest, 1)
    jury_job(contest.context)
    contest.send_outbox()
    assert contest.dovecot.messages(aliya.address) == []
    clock.set(opens + timedelta(minutes=5))
    jury_job(contest.context)
    jury_job(contest.context)  # the next run sends nothing new
    contest.send_outbox()
    [sheet] = contest.received(aliya)
    assert "бағалау парағы" in sheet["Subject"]
