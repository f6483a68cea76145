"""The voting contest's protocol: a voting snapshot written into the language's template.

`write_voting_protocol` fills templates/protocol/voting-<language>.docx (docxtpl, through
`reports.protocol.render_document`, as the jury's protocol is, so 300 participants take a
fraction of a second) with
`voting_context`, and it is a draft, marked on every page, until the voting closes. The
template holds every sentence and all formatting; this module supplies rows.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from hub.clock import load_zone
from hub.humanize import format_date, format_moment
from hub.sections import Language
from reports.protocol import in_language, prize_text, render_document
from reports.protocol_words import Words, words_for
from reports.snapshot import Snapshot
from reports.voting_template import voting_template_path


def write_voting_protocol(snapshot: Snapshot, language: Language, target: Path, *,
                          now: datetime, template: Path | None = None) -> bool:
    """Write the protocol to `target`; True when it is a draft (the voting is still open)."""
    draft = is_voting_draft(snapshot, now)
    today = now.astimezone(_zone(snapshot)).date()
    render_document(template or voting_template_path(language),
                    voting_context(snapshot, language, today=today, draft=draft), target)
    return draft


def is_voting_draft(snapshot: Snapshot, now: datetime) -> bool:
    closes = _closes(snapshot)
    return closes is not None and now < closes


def voting_context(snapshot: Snapshot, language: Language, *, today: date,
                   draft: bool) -> dict[str, Any]:
    """What the voting template's tags name, in `language`."""
    data, words, lang = snapshot.data, words_for(language), language.value
    zone = _zone(snapshot)
    rows = data["rows"]
    count = data["count"]
    opens, closes = _opens(snapshot), _closes(snapshot)
    winners = [row for row in rows if row["place"] == 1 and row["votes"] > 0]
    return {
        "contest": in_language(data["contest"]["name"], lang),
        "organizer": in_language(data["contest"]["organizer"], lang),
        "place": in_language(data["contest"]["place"], lang),
        "date": format_date(today, lang),
        "draft": draft,
        "opens": format_moment(opens, lang, zone, with_zone=True) if opens else "",
        "closes": format_moment(closes, lang, zone, with_zone=True) if closes else "",
        "count": {"participants": count["participants"],
                  "disqualified": count["disqualified"],
                  "registered": count["voters_registered"],
                  "verified": count["voters_verified"],
                  "counted": count["votes_counted"],
                  "removed": count["votes_removed"]},
        "rows": [{"index": index, "name": row["name"], "role": role_of(row),
                  "votes": row["votes"], "out": row["place"] is None}
                 for index, row in enumerate(rows, start=1)],
        "winners": [{"name": row["name"], "role": role_of(row), "votes": row["votes"]}
                    for row in winners],
        "placed": _placed(rows, data["prizes"], lang, words),
        "others": [{"prize": prize_text(prize, lang, words)} for prize in data["prizes"]
                   if prize["place"] is None],
        "disqualified": [{"number": row["number"], "name": row["name"],
                          "reason": _reason(row["flags"])}
                         for row in rows if row["place"] is None],
        "signatures": [{"name": signature["name"], "role": in_language(signature["role"], lang)}
                       for signature in data["signatures"]],
        "sha256": snapshot.sha256,
    }


def role_of(row: dict[str, Any]) -> str:
    """The «Должность» column: the position and the organization, as the seed's protocol
    writes them («Пресс-секретарь акима Енбекшиказахского района»), the organization left
    out when the position already names it."""
    position, organization = str(row["position"]).strip(), str(row["organization"]).strip()
    if not organization or organization.casefold() in position.casefold():
        return position
    if not position:
        return organization
    return f"{position}, {organization}"


def _placed(rows: list[dict[str, Any]], prizes: list[dict[str, Any]], lang: str,
            words: Words) -> list[dict[str, str]]:
    """Each place's prize with whoever stands at that place (all of them, when they share
    it); a place nobody stands at, or that nobody voted for, is not awarded."""
    found = []
    for prize in sorted((prize for prize in prizes if prize["place"] is not None),
                        key=lambda prize: prize["place"]):
        names = [row["name"] for row in rows
                 if row["place"] == prize["place"] and row["votes"] > 0]
        found.append({"place": str(prize["place"]), "prize": prize_text(prize, lang, words),
                      "winners": ", ".join(names) or words.not_awarded})
    return found


def _reason(flags: list[str]) -> str:
    return next((flag.split(": ", 1)[1] for flag in flags if ": " in flag), "")


def _zone(snapshot: Snapshot) -> ZoneInfo:
    return load_zone(snapshot.data["contest"]["timezone"])


def _opens(snapshot: Snapshot) -> datetime | None:
    return _moment(snapshot, snapshot.data["voting"]["opens"])


def _closes(snapshot: Snapshot) -> datetime | None:
    return _moment(snapshot, snapshot.data["voting"]["closes"])


def _moment(snapshot: Snapshot, text: str | None) -> datetime | None:
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=_zone(snapshot))
