"""The application form's fields (Appendix 1) as a typed reading, and how two readings merge.

A mail can carry the form several times over: typed into the body, again in an HTML part,
again as an attached DOCX or PDF. Each reader returns a `FormReading` that remembers, per
field, where the value came from; `merge` puts them together so the rules and the
organizers see one answer and can still tell which copy said what.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

# Where a value was read: the plain-text body, the HTML part, or an attachment's filename.
BODY = "body"
HTML = "html"

FieldValue = str | int | date | list[str]


class FormField(StrEnum):
    """One field of a contest's form: section 1 of the Shanyraq form ("Қатысушы туралы
    мәліметтер"), and the press-secretary contest's position, organization and e-mail."""

    SETTLEMENT = "settlement"
    FULL_NAME = "full_name"
    BIRTHPLACE = "birthplace"
    BIRTH_YEAR = "birth_year"
    BIRTH_DATE = "birth_date"
    ADDRESS = "address"
    PHONE = "phone"
    SOCIAL_LINKS = "social_links"
    SUBSCRIBERS = "subscribers"
    POSITION = "position"
    ORGANIZATION = "organization"
    EMAIL = "email"


# Links to the works themselves (section 2 of the form). Not a `FormField` because the form
# has no line for them, but a reading carries them and merges them like a field; the key is
# a plain string, which a `FormField` (a StrEnum) compares and hashes equal to.
WORK_LINKS = "work_links"

_LIST_FIELDS = frozenset({FormField.SOCIAL_LINKS.value, WORK_LINKS})
_ALL_FIELDS: tuple[str, ...] = (*(f.value for f in FormField), WORK_LINKS)
_TYPES: dict[str, type] = {
    FormField.SETTLEMENT: str,
    FormField.FULL_NAME: str,
    FormField.BIRTHPLACE: str,
    FormField.BIRTH_YEAR: int,
    FormField.BIRTH_DATE: date,
    FormField.ADDRESS: str,
    FormField.PHONE: str,
    FormField.SOCIAL_LINKS: list,
    FormField.SUBSCRIBERS: int,
    FormField.POSITION: str,
    FormField.ORGANIZATION: str,
    FormField.EMAIL: str,
    WORK_LINKS: list,
}
# The config's name for the works (`[intake] fields = [..., "works"]`): the reading keeps
# their links; the files are the works reader's.
WORKS_FIELD = "works"


class FormFileError(ValueError):
    """An attachment is not a readable DOCX or PDF (corrupt, encrypted, another format)."""


@dataclass
class FormReading:
    """What was read from one copy of the form, or from several merged.

    `sources` maps a field name (a `FormField` value or `WORK_LINKS`) to where its value
    came from. A field that was not read is None (or an empty list) and has no source.
    """

    settlement: str | None = None
    full_name: str | None = None
    birthplace: str | None = None
    birth_year: int | None = None
    birth_date: date | None = None
    address: str | None = None
    phone: str | None = None
    social_links: list[str] = field(default_factory=list)
    subscribers: int | None = None
    position: str | None = None
    organization: str | None = None
    email: str | None = None
    work_links: list[str] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)

    def get(self, name: str) -> FieldValue | None:
        """The value of a field by name; None (or []) when it was not read."""
        # The attribute names are the field names; the annotation restores the type.
        value: FieldValue | None = getattr(self, _known(name))
        return value

    def put(self, name: str, value: FieldValue | None, source: str) -> None:
        """Set a field and record its source; an empty value leaves the field as it was."""
        if _is_empty(value):
            return
        key = _known(name)
        expected = _TYPES[key]
        if not isinstance(value, expected) or isinstance(value, bool):
            raise TypeError(f"{key} takes a {expected.__name__}, not {value!r}")
        if isinstance(value, list):
            value = [str(item) for item in value]
        setattr(self, key, value)
        self.sources[key] = source

    def source_of(self, name: str) -> str | None:
        return self.sources.get(str(name))

    def filled(self) -> list[str]:
        """The names of the fields that have a value, in form order."""
        return [name for name in _ALL_FIELDS if not _is_empty(self.get(name))]

    def is_empty(self) -> bool:
        return not self.filled()

    def only(self, fields: Iterable[str]) -> FormReading:
        """A copy with just the fields a contest's form has (config names, see `WORKS_FIELD`).

        Every label is read whatever the contest, so a value always ends where the next
        label starts; what this contest does not ask for is then dropped here.
        """
        keep = {WORK_LINKS if name == WORKS_FIELD else name for name in fields}
        kept = FormReading()
        for name in self.filled():
            if name in keep:
                kept.put(name, self.get(name), self.source_of(name) or "")
        return kept

    def merge(self, other: FormReading) -> FormReading:
        """A new reading: this one's values, with gaps filled from `other`.

        On a conflict (both have a value) this reading wins, except that a value read from
        the body beats one read from anywhere else: the body is what the entrant typed last,
        an attachment may be an old copy. Links are not a conflict: both lists are kept,
        without repeats, and the source recorded is the side whose links come first.
        """
        merged = FormReading()
        for name in _ALL_FIELDS:
            first, second = (other, self) if _prefers(other, self, name) else (self, other)
            if _is_empty(first.get(name)):
                first, second = second, first
            value = first.get(name)
            if _is_empty(value):
                continue
            if name in _LIST_FIELDS:
                value = _union(value, second.get(name))
            merged.put(name, value, first.source_of(name) or "")
        _keep_birth_consistent(merged, self, other)
        return merged

    def as_dict(self) -> dict[str, object]:
        """Every field with a JSON-friendly value (dates as ISO strings), plus the sources."""
        out: dict[str, object] = {}
        for name in _ALL_FIELDS:
            value = self.get(name)
            out[name] = value.isoformat() if isinstance(value, date) else value
        out["sources"] = dict(self.sources)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> FormReading:
        """The reading `as_dict` wrote (kept in the database between two emails)."""
        reading = cls()
        sources = data.get("sources")
        known_sources = sources if isinstance(sources, dict) else {}
        for name in _ALL_FIELDS:
            value = data.get(name)
            if name == FormField.BIRTH_DATE and isinstance(value, str):
                value = date.fromisoformat(value)
            if value is None or not isinstance(value, str | int | date | list):
                continue
            reading.put(name, value, str(known_sources.get(name, "")))
        return reading

    def updated_by(self, newer: FormReading) -> FormReading:
        """This reading with what a later email says laid over it: the later value wins.

        Unlike `merge` (copies of one email), a later email is the entrant correcting
        themselves. Links are added to, not replaced.
        """
        updated = FormReading.from_dict(self.as_dict())
        for name in newer.filled():
            value = newer.get(name)
            if name in _LIST_FIELDS:
                value = _union(self.get(name), value)
            updated.put(name, value, newer.source_of(name) or "")
        _keep_birth_consistent(updated, newer, self)
        return updated


def _known(name: str) -> str:
    key = str(name)
    if key not in _ALL_FIELDS:
        raise KeyError(f"unknown form field {name!r}")
    return key


def _is_empty(value: FieldValue | None) -> bool:
    if value is None:
        return True
    if isinstance(value, str | list):
        return not value
    return False


def _prefers(candidate: FormReading, incumbent: FormReading, name: str) -> bool:
    """Whether `candidate`'s value should replace `incumbent`'s: only a body value does."""
    if _is_empty(candidate.get(name)):
        return False
    return candidate.source_of(name) == BODY and incumbent.source_of(name) != BODY


def _union(first: FieldValue | None, second: FieldValue | None) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for items in (first, second):
        if not isinstance(items, list):
            continue
        for item in items:
            key = item.casefold().rstrip("/")
            if key not in seen:
                seen.add(key)
                out.append(item)
    return out


def _keep_birth_consistent(merged: FormReading, *readings: FormReading) -> None:
    # The year and the full date can be chosen from different copies. When they disagree
    # the year wins (it follows the body-first rule like any field) and the date, which
    # would otherwise contradict it, is dropped rather than kept beside a different year.
    if merged.birth_date is None or merged.birth_year is None:
        return
    if merged.birth_date.year == merged.birth_year:
        return
    merged.birth_date = None
    merged.sources.pop(FormField.BIRTH_DATE.value, None)
    # A copy whose date agrees with the chosen year may still supply the date.
    for reading in readings:
        if reading.birth_date is not None and reading.birth_date.year == merged.birth_year:
            source = reading.source_of(FormField.BIRTH_DATE)
            if source is not None:
                merged.put(FormField.BIRTH_DATE, reading.birth_date, source)
            return
