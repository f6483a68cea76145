"""Phone: a contact number that can be called (Appendix 1: "Байланыс телефоны").

A missing or unreadable number is fixable by a reply. A valid foreign number passes: the
residency rule is the region rule's business, and a resident may well keep a Russian or
Kyrgyz SIM; the detail names the country ("+79161234567 (RU)") so the organizers see it.
"""

from __future__ import annotations

from intake.findings import PHONE_INVALID, PHONE_MISSING, Finding, failed, passed
from intake.phones import PhoneKind, normalise_phone

RULE = "phone"


def check_phone(phone: str | None) -> list[Finding]:
    """Missing, invalid, or the number in E.164 (with its country when not Kazakh)."""
    result = normalise_phone(phone or "")
    if result.kind is PhoneKind.MISSING:
        return [failed(RULE, PHONE_MISSING)]
    if result.e164 is None:
        return [failed(RULE, PHONE_INVALID, " ".join(result.text.split()))]
    if result.kazakhstani:
        return [passed(RULE, result.e164)]
    return [passed(RULE, f"{result.e164} ({result.region or '?'})")]
