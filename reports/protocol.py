"""The results protocol: a snapshot written into the language's Word template.

`write_protocol` fills templates/protocol/protocol-<language>.docx (docxtpl) with
`protocol_context`: the snapshot's facts with their words in the language (names of
criteria and prizes from the config, reasons from templates/<language>/reasons.txt,
the method's and flags' words from `reports.protocol_words`) and their numbers as the
language writes them (7,33; 100 000 теңге). The template holds every sentence and all
formatting; this module supplies rows. Then `reports.protocol_layout` fits the tables to
A4. Before the jury's deadline the protocol is a draft, marked on every page.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from jinja2 import Environment, StrictUndefined

from hub.clock import contest_moment, load_zone
from hub.humanize import format_count, format_date, format_moment
from hub.sections import Language
from hub.texts import explain
from reports.docxtemplate import FastTemplate
from reports.protocol_layout import fit_tables
from reports.protocol_template import template_path
from reports.protocol_words import Words, words_for
from reports.results import collector_held
from reports.snapshot import Snapshot


def write_protocol(snapshot: Snapshot, language: Language, target: Path, *, now: datetime,
                   template: Path | None = None) -> bool:
    """Write the protocol to `target`; True when it is a draft (before the deadline)."""
    draft = is_draft(snapshot, now)
    today = now.astimezone(_zone(snapshot)).date()
    render_document(template or template_path(language),
                    protocol_context(snapshot, language, today=today, draft=draft), target)
    return draft


def render_document(template: Path, context: dict[str, Any], target: Path) -> None:
    """Fill a protocol's Word template with `context`, fit its tables to the page, and
    save it to `target`; the jury's protocol and the voting's both are written so."""
    document = FastTemplate(str(template))
    # Strict: a tag an organizer mistyped in their copy of the template stops the
    # protocol with its name, instead of printing a blank where a figure belongs.
    # Every value a tag prints is escaped for XML by `finalize` rather than by Jinja's
    # autoescape, which makes a Markup object of each of a big contest's 100,000 cells
    # and cost a second of the ten.
    environment = Environment(undefined=StrictUndefined, finalize=xml_text)
    # A big contest's table is a million XML elements and strings, and no cycles.
    with collector_held():
        document.render(context, jinja_env=environment)
        fit_tables(document.document)
        document.save(str(target))


def is_draft(snapshot: Snapshot, now: datetime) -> bool:
    deadline = _deadline(snapshot)
    return deadline is not None and now < deadline


def protocol_context(snapshot: Snapshot, language: Language, *, today: date,
                     draft: bool) -> dict[str, Any]:
    """What the template's tags name, in `language`; the template's docstring says how."""
    data, words, lang = snapshot.data, words_for(language), language.value
    rows = data["rows"]
    criteria = data["jury"]["criteria"]
    method = data["method"]
    applications = data["applications"]
    deadline = _deadline(snapshot)
    names = {criterion["key"]: in_language(criterion["name"], lang) for criterion in criteria}
    prizes = {prize["key"]: prize for prize in data["prizes"]}
    figure = _figures(method["decimals"], words)
    return {
        "contest": in_language(data["contest"]["name"], lang),
        "organizer": in_language(data["contest"]["organizer"], lang),
        "place": in_language(data["contest"]["place"], lang),
        "date": format_date(today, lang),
        "draft": draft,
        "deadline": format_moment(deadline, lang, _zone(snapshot), with_zone=True)
        if deadline else "",
        "intake": {"opens": format_date(_day(data["intake"]["opens"]), lang),
                   "closes": format_date(_day(data["intake"]["closes"]), lang)},
        "applications": {**{key: value for key, value in applications.items()
                            if isinstance(value, int)},
                         "refused": applications["received"] - applications["accepted"]},
        "reasons": [{"label": _reason(code, lang, words), "count": count}
                    for code, count in sorted(applications["reasons"].items(),
                                              key=lambda item: (-item[1], item[0]))],
        "decided": applications["decided"],
        "jurors": [{"index": index, **juror}
                   for index, juror in enumerate(data["jury"]["jurors"], start=1)],
        "criteria": [{"index": index, "name": names[criterion["key"]],
                      "weight": _plain(criterion["weight"], words)}
                     for index, criterion in enumerate(criteria, start=1)],
        "scale": {"min": _plain(method["score_range"][0], words),
                  "max": _plain(method["score_range"][1], words)},
        "method": _method(method, names, words),
        "rows": [{"index": index, "name": row["name"], "settlement": row["settlement"],
                  "scores": [figure(row["criteria"][key]) for key in names],
                  "total": figure(row["total"]),
                  "place": words.no_place if row["place"] is None else str(row["place"])}
                 for index, row in enumerate(rows, start=1)],
        "winners": [{"place": str(row["place"]), "name": row["name"],
                     "settlement": row["settlement"],
                     "total": figure(row["total"]),
                     "prize": prize_text(prizes[row["prize"]], lang, words)}
                    for row in rows
                    if row["prize"] and prizes[row["prize"]]["place"] is not None],
        "unawarded": _unawarded(rows, data["prizes"], lang, words),
        "incentives": _incentives(rows, data["prizes"], lang, words),
        "flagged": [{"number": row["application"], "name": row["name"],
                     "why": "; ".join(_flag(flag, row, method, words)
                                      for flag in row["flags"])}
                    for row in rows if row["flags"]],
        "signatures": [{"name": signature["name"], "role": in_language(signature["role"], lang)}
                       for signature in data["signatures"]],
        "sha256": snapshot.sha256,
    }


def xml_text(value: Any) -> Any:
    """What a tag prints, escaped for the XML of a Word document (docxtpl's own rich text,
    which is XML already, as it is)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    text = str(value)
    # Most values hold nothing to escape; looking is cheaper than three replacements each
    # for the 130,000 values of a big contest's table.
    if "&" in text or "<" in text or ">" in text:
        return escape(text)
    return text


def _method(method: dict[str, Any], names: dict[str, str], words: Words) -> dict[str, Any]:
    weighted = any(Decimal(weight) != 1 for weight in method["weights"].values())
    rules = [words.tie_earliest if rule == "earliest"
             else words.tie_criterion.format(name=names[rule.removeprefix("criterion:")])
             for rule in method["order"] if rule != "total"]
    return {
        "aggregate": words.aggregate[method["aggregate"]],
        "normalize": words.normalize[method["normalize"]],
        "total": words.total_weighted if weighted else words.total,
        "weighted": weighted,
        "quorum": method["quorum"],
        "spread_flag": _plain(method["spread_flag"], words),
        "ties": words.ties.format(rules=words.tie_joiner.join(rules)) if rules
        else words.ties_none,
        "decimals": method["decimals"],
    }


def _unawarded(rows: list[dict[str, Any]], prizes: list[dict[str, Any]], lang: str,
               words: Words) -> list[dict[str, str]]:
    """A place's prize that no work takes: a shared place above swallowed it, or too few
    works were ranked."""
    given = {row["prize"] for row in rows if row["prize"]}
    places = [row["place"] for row in rows if row["place"] is not None]
    missing = []
    for prize in sorted((prize for prize in prizes if prize["place"] is not None),
                        key=lambda prize: prize["place"]):
        if prize["key"] in given:
            continue
        above = sum(1 for place in places if place < prize["place"])
        missing.append({"place": str(prize["place"]), "prize": prize_text(prize, lang, words),
                        "why": words.place_taken if above >= prize["place"]
                        else words.place_empty})
    return missing


def _incentives(rows: list[dict[str, Any]], prizes: list[dict[str, Any]], lang: str,
                words: Words) -> list[dict[str, str]]:
    winners = {row["prize"]: row for row in rows if row["prize"]}
    found = []
    for prize in prizes:
        if prize["place"] is not None:
            continue
        row = winners.get(prize["key"])
        winner = ", ".join(part for part in (row["name"], row["settlement"]) if part) \
            if row else words.not_awarded
        found.append({"prize": prize_text(prize, lang, words), "winner": winner})
    return found


def prize_text(prize: dict[str, Any], lang: str, words: Words) -> str:
    parts = []
    if prize["name"]:
        parts.append(in_language(prize["name"], lang))
    if prize["amount"] is not None:
        currency = words.currency.get(prize["currency"], prize["currency"])
        parts.append(f"{format_count(prize['amount'], lang)} {currency}")
    return ", ".join(parts)


def _flag(flag: str, row: dict[str, Any], method: dict[str, Any], words: Words) -> str:
    return words.flags[flag].format(jurors=row["jurors"], quorum=method["quorum"],
                                    flag=_plain(method["spread_flag"], words),
                                    place=row["place"])


def _reason(code: str, lang: str, words: Words) -> str:
    label = words.labels.get(code) or explain("label", lang, code)
    return label[:1].upper() + label[1:]


def _figures(decimals: int, words: Words) -> Callable[[float | None], str]:
    """A rounded score as the table shows it: 7,33 (two decimals always, so they align).
    Each value is written once: a big contest has 60,000 cells and few distinct values."""
    shown: dict[float | None, str] = {None: words.no_place}

    def figure(value: float | None) -> str:
        text = shown.get(value)
        if text is None:
            text = shown[value] = f"{value:.{decimals}f}".replace(".", words.decimal_mark)
        return text
    return figure


def _plain(text: str, words: Words) -> str:
    """A config number as written: 10, 1,5 (no trailing zeros)."""
    value = Decimal(text)
    shown = format(value.normalize(), "f") if value != value.to_integral() \
        else str(value.to_integral())
    return shown.replace(".", words.decimal_mark)


def in_language(texts: dict[str, str], lang: str) -> str:
    """The text in `lang`, else in the other language of the protocol, else any."""
    for choice in (lang, "ru" if lang == "kk" else "kk", "en"):
        if texts.get(choice):
            return texts[choice]
    return next(iter(texts.values()), "")


def _zone(snapshot: Snapshot) -> ZoneInfo:
    return load_zone(snapshot.data["contest"]["timezone"])


def _deadline(snapshot: Snapshot) -> datetime | None:
    text = snapshot.data["jury"]["deadline"]
    if not text:
        return None
    return contest_moment(datetime.fromisoformat(text), _zone(snapshot))


def _day(text: str) -> date:
    return datetime.fromisoformat(text).date()
