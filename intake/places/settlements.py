"""Whether an entrant's settlement is in Akmola region, from the gazetteer in data/akmola.toml.

The form asks for "Ақмола облысы, елді мекен", and people answer "Көкшетау", "г. Кокшетау",
"Kokshetau", "Ақмола облысы, Бурабай ауданы, Щучинск қ.", "с. Зеренда, Зерендинский
район", or "Нур-Султан" (Astana, which is not in the region). `classify_settlement` reads
such text and answers IN_REGION (with the place's Kazakh and Russian names and district),
OUTSIDE (with the place it recognised), or UNKNOWN with a reason code and a note, for a
person to decide: the region rule is never failed on a guess. The gazetteer itself, and
the keys names are matched by, are `intake.places.gazetteer`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum

from hub.folding import fold
from intake.places.gazetteer import (
    Gazetteer,
    Level,
    Place,
    adjective_stem,
    load_gazetteer,
    place_key,
)


class Verdict(StrEnum):
    IN_REGION = "in_region"
    OUTSIDE = "outside"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class SettlementVerdict:
    """The answer for one settlement text.

    `reason` is a reason code of the rules (None when IN_REGION): `outside_region`,
    `region_unclear` or `settlement_missing`. `note` says why, in English, for organizers.
    """

    verdict: Verdict
    name_kk: str | None = None
    name_ru: str | None = None
    district_kk: str | None = None
    district_ru: str | None = None
    region_kk: str | None = None
    region_ru: str | None = None
    kind: str | None = None
    reason: str | None = None
    note: str = ""


# ------------------------------------------------------------------ reading the text

_MARKERS: dict[Level, frozenset[str]] = {
    Level.REGION: frozenset({
        "облысы", "облыс", "облысынын", "облысында", "облысынан", "обл", "область",
        "области", "областью", "region", "oblast", "oblysy", "province",
    }),
    Level.DISTRICT: frozenset({
        "ауданы", "аудан", "ауданынын", "ауданында", "ауданынан", "район", "района",
        "районе", "районы", "district", "raion", "rayon", "audany",
    }),
    Level.SETTLEMENT: frozenset({
        "г", "гор", "город", "города", "городе", "к", "кала", "каласы", "каласынын",
        "каласында", "с", "село", "села", "селе", "сел", "а", "ауыл", "ауылы", "ауылынын",
        "ауылында", "аул", "п", "пос", "поселок", "поселка", "поселке", "пгт", "кент",
        "кенти", "кентинде", "ст", "станция", "city", "town", "village", "settlement",
        "township", "selo", "auyl", "aul", "kalasy", "qalasy", "округ", "округи", "окр",
        "ауылдык", "сельский", "со", "ао",
    }),
}
# Words that name no place: the country, filler. They may sit inside a name ("Солтүстік
# Қазақстан облысы"), but alone they are never reported as an unknown settlement.
_NEUTRAL = frozenset({
    "казакстан", "казахстан", "kazakhstan", "kazakstan", "рк", "республика", "республикасы",
    "республики", "rk", "kz", "мен", "жане", "и", "в", "во", "из", "тураманын", "проживаю",
    "живу", "тураман", "туратын", "live", "in", "from",
})
# Words that start a street address: the names after them are streets and people.
_STREET = frozenset({
    "ул", "улица", "улицы", "кошеси", "коше", "кош", "пр", "проспект", "дангылы", "дангыл",
    "мкр", "микрорайон", "шагын", "уй", "дом", "кв", "пер", "переулок", "тупик",
    "бульвар", "шоссе", "street", "str", "avenue", "ave", "apt", "мкрн",
})
# Case endings after which a name may still be recognised: "в Щучинске", "Көкшетауда".
_SUFFIXES = ("ндагы", "ндеги", "дагы", "деги", "тагы", "теги", "нда", "нде", "нын", "нин",
             "дын", "дин", "тын", "тин", "дан", "ден", "тан", "тен", "нан", "нен", "да", "де",
             "та", "те", "га", "ге", "ка", "ке", "ом", "ой", "е", "у", "а", "и", "ы")
_PART_SPLIT = re.compile(r"[,;\n()\[\]]|\s[-–—]\s|/")
_WORDS = re.compile(r"[^\W\d_]+")


@dataclass
class _Hit:
    candidates: list[Place]
    hint: Level | None  # the marker word next to the name: "ауданы", "г.", "облысы"
    text: str
    via: str  # how the name was found: "noun", "adjective" or "abbreviation"

    def plausible(self) -> list[Place]:
        """The candidates that fit the marker word, if there is one."""
        if self.hint is None:
            return self.candidates
        return [place for place in self.candidates if place.level is self.hint] or self.candidates

    def names_region(self) -> bool:
        """Whether this is a region named as one: "Ақмола облысы", "Акмолинская", "СКО"."""
        explicit = self.hint is Level.REGION or self.via in ("adjective", "abbreviation")
        return explicit and any(place.level is Level.REGION for place in self.candidates)


def _marker(word: str) -> Level | None:
    for level, words in _MARKERS.items():
        if word in words:
            return level
    return None


def _lookup(gazetteer: Gazetteer, words: list[str]) -> tuple[list[Place], str]:
    """Places named by these words (a name of one to three words), and how they were found."""
    key = place_key(" ".join(words))
    stem = adjective_stem(words[-1])
    if stem is not None:
        found = gazetteer.adjectives.get(place_key(" ".join([*words[:-1], stem])))
        if found:
            return list(found), "adjective"
    if key in gazetteer.nouns:
        return list(gazetteer.nouns[key]), "noun"
    if len(words) == 1 and key in gazetteer.abbreviations:
        return list(gazetteer.abbreviations[key]), "abbreviation"
    if len(words) == 1 and len(words[0]) >= 5:
        return _inflected(gazetteer, words[0]), "noun"
    return [], "noun"


def _inflected(gazetteer: Gazetteer, word: str) -> list[Place]:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            base = word[: -len(suffix)]
            for guess in (base, base + "а"):  # "Астане" -> "Астана"
                found = gazetteer.nouns.get(place_key(guess))
                if found:
                    return list(found)
    return []


def _hits(gazetteer: Gazetteer, text: str) -> tuple[list[_Hit], list[str]]:
    """The names found in the text, and the words that looked like a name but are not known."""
    folded = fold(unicodedata.normalize("NFC", text))
    folded = re.sub(r"\bр-?н\b\.?", " район ", folded)
    folded = re.sub(r"\b([ас])\s*/\s*о\b", " округ ", folded)
    hits: list[_Hit] = []
    unknown: list[str] = []
    for part in _PART_SPLIT.split(folded):
        words = _WORDS.findall(part)
        # From a street word on, names are streets and people: "г. Кокшетау ул. Абая 5".
        street = next((index for index, word in enumerate(words) if word in _STREET), None)
        words = words[:street]
        run: list[tuple[int, str]] = []
        for index, word in enumerate([*words, ""]):
            # Neutral words stay in the run: "Солтүстік Қазақстан" is a name with the
            # country's name inside it; alone they match nothing and are not reported.
            if word and _marker(word) is None:
                run.append((index, word))
                continue
            found = _hits_in_run(gazetteer, words, run)
            if not found and any(word not in _NEUTRAL for _, word in run):
                unknown.append(" ".join(word for _, word in run))
            hits.extend(found)
            run = []
    return hits, unknown


def _hits_in_run(gazetteer: Gazetteer, words: list[str], run: list[tuple[int, str]]
                 ) -> list[_Hit]:
    hits: list[_Hit] = []
    position = 0
    while position < len(run):
        for size in (3, 2, 1):
            chunk = run[position : position + size]
            if len(chunk) < size:
                continue
            found, via = _lookup(gazetteer, [word for _, word in chunk])
            if found:
                first, last = chunk[0][0], chunk[-1][0]
                hint = _hint(words, first, last)
                hits.append(_Hit(found, hint, " ".join(word for _, word in chunk), via))
                position += size
                break
        else:
            position += 1
    return hits


def _hint(words: list[str], first: int, last: int) -> Level | None:
    # The word right after a name ("Зеренді ауылы", "Бурабай ауданы") or right before it
    # ("г. Кокшетау", "район Биржан сал") says what kind of place the name is.
    after = _marker(words[last + 1]) if last + 1 < len(words) else None
    before = _marker(words[first - 1]) if first > 0 else None
    return after or before


# ------------------------------------------------------------------ deciding


def classify_settlement(text: str, gazetteer: Gazetteer | None = None) -> SettlementVerdict:
    """Whether the settlement named in `text` is in Akmola region."""
    gazetteer = gazetteer or load_gazetteer()
    if not _WORDS.search(text or ""):
        return _unknown("settlement_missing", "no settlement given")
    hits, unknown = _hits(gazetteer, text)
    named = [place for hit in hits if hit.names_region()
             for place in hit.candidates if place.level is Level.REGION]
    context = _Context(gazetteer.akmola in named, [p for p in named if not p.in_region], unknown)
    found = _Found()
    for hit in hits:
        if hit.names_region():
            continue
        place, still_open = _resolve(hit, hits, context)
        if still_open:
            found.open.append(hit)
        elif place is None:
            continue
        elif place.doubtful:
            found.doubtful.append(place)
        elif place.in_region:
            found.inside.append(place)
        else:
            found.outside.append(place)
    return _decide(text, found, context)


@dataclass
class _Context:
    akmola_named: bool
    other_regions: list[Place]
    unknown_names: list[str]


@dataclass
class _Found:
    inside: list[Place] = field(default_factory=list)
    outside: list[Place] = field(default_factory=list)
    doubtful: list[Place] = field(default_factory=list)
    open: list[_Hit] = field(default_factory=list)


def _resolve(hit: _Hit, hits: list[_Hit], context: _Context) -> tuple[Place | None, bool]:
    """The one place a name means, using the words around it; (None, True) if it stays open."""
    candidates = hit.plausible()
    # A region's name with no "облысы" ("Абай", "Жамбыл") is a village or a person's name.
    candidates = [place for place in candidates if place.level is not Level.REGION]
    if not candidates:
        return None, False
    if len({place.in_region for place in candidates}) > 1:
        candidates = _by_context(candidates, hit, hits, context)
    # Without a word saying what it is, a name is the settlement before the district.
    for level in (Level.SETTLEMENT, Level.DISTRICT):
        at_level = [place for place in candidates if place.level is level]
        if at_level:
            candidates = at_level
            break
    if len({place.in_region for place in candidates}) > 1:
        return None, True
    return candidates[0], False


def _by_context(candidates: list[Place], hit: _Hit, hits: list[_Hit], context: _Context
                ) -> list[Place]:
    if context.akmola_named and not context.other_regions:
        return [place for place in candidates if place.in_region]
    if context.other_regions and not context.akmola_named:
        return [place for place in candidates if not place.in_region]
    # Another name in the text that is surely in the region, in the same district or city:
    # "Ақсу кенті, Степногорск" is the Aksu near Stepnogorsk, not the one in Pavlodar region.
    for other in hits:
        if other is hit or len({place.in_region for place in other.plausible()}) > 1:
            continue
        keys = {place.district_key for place in other.plausible() if place.in_region}
        same = [place for place in candidates if place.in_region and place.district_key in keys]
        if same:
            return same
    return candidates


def _decide(text: str, found: _Found, context: _Context) -> SettlementVerdict:
    settlements = [place for place in found.inside if place.level is Level.SETTLEMENT]
    districts = [place for place in found.inside if place.level is Level.DISTRICT]
    foreign = [place for place in found.outside if place.level is Level.SETTLEMENT]
    if found.inside and (found.outside or (context.other_regions and not context.akmola_named)):
        names = ", ".join(p.kk for p in [*context.other_regions, *found.outside, *found.inside])
        return _unknown("region_unclear", f"places in and out of the region are named: {names}")
    if foreign:
        place = foreign[0]
        note = place.note or f"{place.ru} ({place.region_ru}) is not in Akmola region"
        return _outside(place, note)
    if settlements:
        chosen = _most_specific(settlements)
        named = {place.district_key for place in districts}
        note = ""
        if named and chosen.district_key not in named:
            note = f"{chosen.kk} is in {chosen.district_kk}, not in the district named"
        return _inside(chosen, note)
    if found.open:
        names = "; ".join(" or ".join(p.kk for p in hit.plausible()) for hit in found.open)
        return _unknown("region_unclear", f"a name that fits places in and out of the region: "
                        f"{names}")
    if found.doubtful and not districts:
        return _unknown("region_unclear", found.doubtful[0].note)
    if districts:
        return _inside(districts[0], "only the district is named, not the settlement")
    if found.outside:
        place = found.outside[0]
        note = place.note or f"{place.ru} ({place.region_ru}) is not in Akmola region"
        return _outside(place, note)
    if context.other_regions:
        region = context.other_regions[0]
        return _outside(region, f"{region.ru} is another region")
    if context.akmola_named and context.unknown_names:
        return _unknown("region_unclear", f"the region named is Akmola, but the settlement in "
                        f"{text.strip()!r} is not in the gazetteer")
    if context.akmola_named:
        return _unknown("settlement_missing", "only the region is named, not the settlement")
    return _unknown("region_unclear", f"{text.strip()!r} is not in the gazetteer")


_SPECIFIC = {"village": 0, "settlement": 0, "resort": 0, "town": 1, "city": 2}


def _most_specific(places: list[Place]) -> Place:
    # "Көкшетау қ., Красный Яр ауылы": the village is where the entrant lives.
    return min(places, key=lambda place: _SPECIFIC.get(place.kind, 1))


def _inside(place: Place, note: str) -> SettlementVerdict:
    return SettlementVerdict(
        Verdict.IN_REGION, place.kk, place.ru, place.district_kk, place.district_ru,
        place.region_kk, place.region_ru, place.kind, None, note,
    )


def _outside(place: Place, note: str) -> SettlementVerdict:
    return SettlementVerdict(
        Verdict.OUTSIDE, place.kk, place.ru, None, None, place.region_kk, place.region_ru,
        place.kind, "outside_region", note,
    )


def _unknown(reason: str, note: str) -> SettlementVerdict:
    return SettlementVerdict(Verdict.UNKNOWN, reason=reason, note=note)
