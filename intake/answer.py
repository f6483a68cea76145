"""What an application's answer says: the context its templates are rendered with.

The answer quotes back what was read, so the entrant sees what baiqau understood, and
splits the findings into what they can fix by replying, what cannot be fixed, and what
an organizer will decide. The contract is written at the top of templates/*/application.txt.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from hub.clock import load_zone
from hub.config import Config, Language
from hub.humanize import format_date, format_moment, rules_context
from hub.models import Application, Work
from intake.findings import Finding, Outcome
from intake.form.fields import WORKS_FIELD, FormReading
from intake.rules.window import intake_closes

REGION_NAMES = {
    "akmola": {Language.KK: "Ақмола облысы", Language.RU: "Акмолинская область",
               Language.EN: "Akmola region"},
}


def answer_context(config: Config, language: Language, application: Application,
                   form: FormReading, findings: Sequence[Finding], arrived: datetime,
                   works: Sequence[Work]) -> dict[str, object]:
    zone = load_zone(config.contest.timezone)
    region = REGION_NAMES.get(config.intake.region, {}).get(language, "")
    return {
        "number": application.number,
        "name": form.full_name or application.name,
        "status": application.status.value,
        "read": read_back(form, language),
        "works": [{"title": work.title, "kind": work.kind, "is_link": work.is_link}
                  for work in works],
        "problems": _items(findings, Outcome.FAIL, fixable=True),
        "reasons": _items(findings, Outcome.FAIL, fixable=False),
        "reviews": _items(findings, Outcome.REVIEW),
        "closes": format_moment(intake_closes(config.intake, zone), language.value, zone,
                                with_zone=True),
        "results": format_date(config.intake.results, language.value)
        if config.intake.results else "",
        "arrived": format_moment(arrived, language.value, zone, with_zone=True),
        "rules": rules_context(config.intake, language.value, zone, region),
        "fields": list(config.intake.fields),
        "judged_by": judged_by(config),
    }


def judged_by(config: Config) -> str:
    """"jury", or "vote" for a contest without a jury whose form has no works (seed 000)."""
    if config.jury is None and not config.intake.has_field(WORKS_FIELD):
        return "vote"
    return "jury"


def read_back(form: FormReading, language: Language) -> dict[str, object]:
    birth = ""
    if isinstance(form.birth_date, date):
        birth = format_date(form.birth_date, language.value)
    elif form.birth_year:
        birth = str(form.birth_year)
    return {
        "settlement": form.settlement or "",
        "full_name": form.full_name or "",
        "birthplace": form.birthplace or "",
        "birth": birth,
        "address": form.address or "",
        "position": form.position or "",
        "organization": form.organization or "",
        "phone": form.phone or "",
        "email": form.email or "",
        "social_links": list(form.social_links),
        "subscribers": form.subscribers,
    }


def _items(findings: Sequence[Finding], outcome: Outcome,
           fixable: bool | None = None) -> list[dict[str, str]]:
    return [
        {"code": finding.code, "detail": finding.detail}
        for finding in findings
        if finding.outcome is outcome and (fixable is None or finding.fixable is fixable)
    ]
