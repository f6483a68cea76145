"""The duplicate rule, the Submission's own guard, and findings as plain data."""

from __future__ import annotations

from datetime import datetime

import pytest

from intake.findings import DUPLICATE_APPLICATION, NAME_MISSING, failed, passed, review
from intake.form.fields import FormReading
from intake.rules import Submission, reason_codes, summarize
from intake.rules.duplicate import check_duplicate


def test_a_duplicate_goes_to_a_person_with_the_other_number() -> None:
    assert check_duplicate("A-0007") == [review("duplicate", DUPLICATE_APPLICATION, "A-0007")]
    assert check_duplicate(None) == [passed("duplicate")]
    assert check_duplicate("") == [passed("duplicate")]


def test_a_submission_needs_aware_times() -> None:
    with pytest.raises(ValueError, match="arrived_at"):
        Submission(FormReading(), datetime(2026, 4, 1, 12, 0))
    with pytest.raises(ValueError, match="first_arrived_at"):
        Submission(FormReading(), datetime.fromisoformat("2026-04-01T12:00:00+05:00"),
                   first_arrived_at=datetime(2026, 3, 20, 9, 0))


def test_summarize() -> None:
    findings = [
        passed("window", "2026-04-02T14:15:00+05:00"),
        failed("name", NAME_MISSING, "Әйгерім"),
        review("duplicate", DUPLICATE_APPLICATION, "A-0007"),
        review("duplicate", DUPLICATE_APPLICATION, "A-0009"),
    ]
    assert reason_codes(findings) == [NAME_MISSING, DUPLICATE_APPLICATION]
    summary = summarize(findings)
    assert summary["status"] == "needs_fix"
    assert summary["reason_codes"] == ["name_missing", "duplicate_application"]
    assert summary["findings"] == [
        {"rule": "window", "outcome": "pass", "code": "", "detail": "2026-04-02T14:15:00+05:00",
         "fixable": True},
        {"rule": "name", "outcome": "fail", "code": "name_missing", "detail": "Әйгерім",
         "fixable": True},
        {"rule": "duplicate", "outcome": "review", "code": "duplicate_application",
         "detail": "A-0007", "fixable": True},
        {"rule": "duplicate", "outcome": "review", "code": "duplicate_application",
         "detail": "A-0009", "fixable": True},
    ]
