"""Findings as plain data, for exports and the organizers' commands."""

from __future__ import annotations

from collections.abc import Iterable

from intake.findings import Finding, Outcome, decide


def reason_codes(findings: Iterable[Finding]) -> list[str]:
    """The codes of every finding that did not pass, in order, each once."""
    codes: list[str] = []
    for finding in findings:
        if finding.outcome is not Outcome.PASS and finding.code not in codes:
            codes.append(finding.code)
    return codes


def summarize(findings: Iterable[Finding]) -> dict[str, object]:
    """The status, the reason codes and every finding, JSON-ready."""
    found = list(findings)
    return {
        "status": decide(found).value,
        "reason_codes": reason_codes(found),
        "findings": [
            {
                "rule": finding.rule,
                "outcome": finding.outcome.value,
                "code": finding.code,
                "detail": finding.detail,
                "fixable": finding.fixable,
            }
            for finding in found
        ],
    }
